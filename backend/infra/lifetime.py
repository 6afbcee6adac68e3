"""Processes a server starts end with it, however it ends."""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(signum: int = signal.SIGTERM) -> None:
    """Have the kernel send `signum` to this process when its parent exits.

    A server killed with SIGKILL (by a supervisor or the OOM killer) cannot stop its workers; without
    this they would live on holding the port and answering without the Redis the server started.
    The embedded Redis gets the same through `setpriv --pdeathsig`; here no library offers it, so
    the one prctl(2) call is made through ctypes. Elsewhere than Linux this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
        return
    # The parent may have gone between this process starting and the call above.
    if os.getppid() != parent or parent == 1:
        os.kill(os.getpid(), signum)
