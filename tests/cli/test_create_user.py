"""`tuoyu create-user`, run as the real command against the test stack's database and Redis."""

from __future__ import annotations

import subprocess
import uuid

import httpx

from backend.context import Resources
from backend.models import Account
from tests.backend.accounts.factories import clear_login_counters, unique_username
from tests.cli.helpers import run_tuoyu
from tests.conftest import Stack
from tests.factories import make_facility


async def run_cli(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    return await run_tuoyu(stack, "create-user", *args, timeout_s=120)


async def test_creates_a_regulator_who_can_sign_in(
    stack: Stack, api: httpx.AsyncClient, res: Resources
) -> None:
    username = unique_username("cli")
    done = await run_cli(stack, "--role", "regulator", "--username", username, "--password", "cli-password-1")
    assert done.returncode == 0, done.stderr
    account = await Account.get(username=username)
    assert account.role == "regulator"
    assert account.facility_id is None  # type: ignore[attr-defined]
    assert f"created regulator {username} ({account.id})" in done.stdout
    login = await api.post("/api/v1/auth/login", json={"username": username, "password": "cli-password-1"})
    assert login.status_code == 200, login.text
    await clear_login_counters(res)


async def test_creates_a_facility_admin_for_an_existing_facility(stack: Stack, res: Resources) -> None:
    facility = await make_facility(res)
    username = unique_username("cliadmin")
    done = await run_cli(
        stack,
        "--role",
        "facility_admin",
        "--username",
        username,
        "--password",
        "cli-password-1",
        "--facility",
        str(facility.id),
    )
    assert done.returncode == 0, done.stderr
    account = await Account.get(username=username)
    assert account.facility_id == facility.id  # type: ignore[attr-defined]


async def test_refuses_bad_input_without_creating_anything(stack: Stack, res: Resources) -> None:
    taken = unique_username("taken")
    assert (
        await run_cli(stack, "--role", "regulator", "--username", taken, "--password", "password-1")
    ).returncode == 0
    cases = [
        (["--role", "regulator", "--username", taken, "--password", "password-1"], "taken"),
        (
            ["--role", "facility_staff", "--username", unique_username(), "--password", "password-1"],
            "facility",
        ),
        (
            [
                "--role",
                "facility_admin",
                "--username",
                unique_username(),
                "--password",
                "password-1",
                "--facility",
                str(uuid.uuid4()),
            ],
            "facility",
        ),
        (["--role", "regulator", "--username", "x", "--password", "password-1"], "username"),
        (["--role", "regulator", "--username", unique_username(), "--password", "short"], "password"),
        (["--role", "parent", "--username", unique_username(), "--password", "password-1"], "role"),
    ]
    for args, problem in cases:
        done = await run_cli(stack, *args)
        assert done.returncode != 0, args
        assert problem in done.stderr, (args, done.stderr[-500:])
    assert await Account.filter(username=taken).count() == 1
