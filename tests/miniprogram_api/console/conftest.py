"""Console tests: accounts that sign in with a password, and a client that keeps the cookie and
reads the CSRF token off each page, as a browser does."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from backend.accounts import service as accounts
from backend.context import Resources
from backend.models import Facility
from tests.conftest import Stack
from tests.factories import make_facility
from tests.miniprogram_api.callers import AWAY

PASSWORD = "console-test-password-1"
_CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


@dataclass
class Person:
    username: str
    account_id: str
    facility: Facility | None


async def make_person(res: Resources, role: str, facility: Facility | None = None) -> Person:
    username = f"c{role[:4]}{uuid.uuid4().hex[:8]}"
    account = await accounts.create_user(
        res,
        role=role,
        username=username,
        password=PASSWORD,
        facility_id=str(facility.id) if facility is not None else None,
    )
    return Person(username, account.id, facility)


class Console:
    """An httpx client on the console: it signs in through the form and posts with the token."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.csrf = ""

    def _remember(self, response: httpx.Response) -> httpx.Response:
        found = _CSRF.search(response.text)
        if found:
            self.csrf = found.group(1)
        return response

    async def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self._remember(await self.client.get(path, **kwargs))  # type: ignore[arg-type]

    async def post(self, path: str, data: dict[str, str] | None = None, csrf: bool = True, **kwargs: object):
        body = dict(data or {})
        if csrf:
            body["csrf_token"] = self.csrf
        return self._remember(await self.client.post(path, data=body, **kwargs))  # type: ignore[arg-type]

    async def login(self, person: Person, password: str = PASSWORD) -> httpx.Response:
        await self.get("/console/login")
        return await self.post("/console/login", {"username": person.username, "password": password})


@pytest.fixture
async def console(stack: Stack, res: Resources) -> AsyncIterator[Console]:
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=60) as client:
        yield Console(client)


@pytest.fixture
async def facility(res: Resources) -> Facility:
    return await make_facility(res, **AWAY)


@pytest.fixture
async def admin(res: Resources, facility: Facility) -> Person:
    return await make_person(res, "facility_admin", facility)


@pytest.fixture
async def regulator(res: Resources) -> Person:
    return await make_person(res, "regulator")
