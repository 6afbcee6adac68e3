"""What "English prose" means for the tests of messages people read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# Three English words in a row: codes (`validation_failed`), field names, ids, dates and a product
# name or two (`Authorization: Bearer`, `CSV UTF-8`) are not prose; a sentence is.
ENGLISH_PROSE = re.compile(r"[A-Za-z]{2,}(?:[ ,;'.-]+[A-Za-z]{2,}){2,}")


def _texts(error: dict[str, Any]) -> Iterator[tuple[str, str]]:
    yield "message", error["message"]
    for name, problem in (error.get("details") or {}).get("fields", {}).items():
        yield f"details.fields.{name}", str(problem)


def english_in(error: dict[str, Any]) -> list[str]:
    """The places of an error's answer a person reads that hold English prose."""
    return [f"{where}: {text}" for where, text in _texts(error) if ENGLISH_PROSE.search(text)]
