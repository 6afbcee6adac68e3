"""The unit of work: one transaction per service write, and the effects that must follow its commit.

A write changes rows and then the world outside the database must learn of it: the outbox's
messages go to the queue, the facility's search vacancy and its search card are rebuilt, a room is
put on the map or taken off. Done inside the transaction they could announce what a rollback then
takes back; done by hand after it, a site forgets one. So a service opens

    async with UnitOfWork(res) as uow:
        ... writes on uow.connection ...
        uow.dispatch(message_ids)
        uow.refresh_vacancy(facility_id, days)

and the unit runs the collected effects once, after the commit, and drops them on a rollback.

Units nest: a service that runs inside another's unit (a suspension cancelling the facility's
bookings, a closure making waitlist offers) joins the open unit, so the whole change commits as one
and its effects run once, after that one commit.

The effects are best effort by design: the change is committed by the time they run, and a Redis
hiccup must not turn it into an error for the caller. Each fault is one throttled log line;
messages stay in the outbox for the sweep, and the vacancy and cards are rebuilt by the next refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING

from redis.exceptions import RedisError
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.infra.faults import note_fault

if TYPE_CHECKING:
    from backend.bookings.vacancy import CommittedState
    from backend.context import Resources
    from backend.models import Facility

log = logging.getLogger(__name__)

Effect = Callable[[], Awaitable[None]]
# The unit open in this task, which a unit begun inside it joins.
_open_unit: ContextVar[UnitOfWork | None] = ContextVar("open_unit_of_work", default=None)
# Every day from today on, the facility's whole vacancy window (a class or a closure changed).
WHOLE_WINDOW = None


@dataclass
class _VacancyRefresh:
    days: set[date] | None = field(default_factory=set)  # None: the whole window
    facility: Facility | None = None
    facility_loaded: bool = False
    committed: CommittedState | None = None


class UnitOfWork:
    """One transaction, with the effects to run once after it commits (see the module's doc)."""

    def __init__(self, res: Resources) -> None:
        self.res = res
        self._transaction: object | None = None
        self._joined: UnitOfWork | None = None
        self._reset: Token[UnitOfWork | None] | None = None
        self._connection: BaseDBAsyncClient | None = None
        # Dicts as ordered sets: a fan-out registers thousands, each once, in the order written.
        self._message_ids: dict[str, None] = {}
        self._vacancy: dict[str, _VacancyRefresh] = {}
        self._vacancy_everywhere: set[date] = set()
        self._cards: dict[str, None] = {}
        self._rooms: dict[str, bool] = {}
        self._later: list[Effect] = []
        self._calendar_changed = False

    @property
    def connection(self) -> BaseDBAsyncClient:
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its `async with`")
        return self._connection

    async def __aenter__(self) -> UnitOfWork:
        outer = _open_unit.get()
        if outer is not None:
            self._joined = outer
            return outer  # the open unit takes this one's writes
        context = in_transaction()
        self._connection = await context.__aenter__()
        self._transaction = context
        self._reset = _open_unit.set(self)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._joined is not None:
            self._joined = None  # the open unit commits or rolls back, and runs the effects
            return
        context, reset = self._transaction, self._reset
        self._transaction = self._reset = None
        assert context is not None and reset is not None
        _open_unit.reset(reset)
        try:
            await context.__aexit__(exc_type, exc, traceback)  # type: ignore[attr-defined]
        except BaseException:
            self._connection = None
            self.discard_effects()
            raise
        self._connection = None
        if exc_type is None:
            await self.run_effects()
        else:
            self.discard_effects()

    # -- what to do after the commit -----------------------------------------------------------

    def dispatch(self, message_ids: Iterable[str | None]) -> None:
        """Hands these outbox messages to the queue once the rows are committed."""
        self._message_ids.update((message_id, None) for message_id in message_ids if message_id is not None)

    def refresh_vacancy(
        self,
        facility_id: str | None,
        days: Iterable[date] | None = WHOLE_WINDOW,
        *,
        facility: Facility | None = None,
        facility_loaded: bool = False,
        committed: CommittedState | None = None,
    ) -> None:
        """Rebuilds the facility's search vacancy on these days (None: every day from today on).

        `facility` is the facility as the write left it, to spare a reload (`facility_loaded`
        says None was meant: the facility is gone); `committed`, what the write read of it under
        lock, to spare reading that again (used only when this is the unit's one refresh of it)."""
        if facility_id is None:
            return
        first = facility_id not in self._vacancy
        refresh = self._vacancy.setdefault(facility_id, _VacancyRefresh())
        # What one write read holds for its own refresh only; a second one reads afresh.
        refresh.committed = committed if first else None
        if days is None:
            refresh.days = None
        elif refresh.days is not None:
            refresh.days.update(days)
        if facility is not None or facility_loaded:
            refresh.facility, refresh.facility_loaded = facility, True

    def refresh_card(self, facility_id: str) -> None:
        """Puts the facility's search card and map position right (removed when not bookable)."""
        self._cards[facility_id] = None

    def refresh_vacancy_everywhere(self, days: Iterable[date]) -> None:
        """Rebuilds every bookable facility's search vacancy on these days (a district closure, a
        new calendar); a facility's own refresh of the same days is then not run as well."""
        self._vacancy_everywhere.update(days)

    def index_room(self, room_id: str) -> None:
        self._rooms[room_id] = True

    def remove_room(self, room_id: str) -> None:
        self._rooms[room_id] = False

    def calendar_changed(self) -> None:
        """Tells every worker to read the district calendar again, before any effect reads it."""
        self._calendar_changed = True

    def after_commit(self, effect: Effect) -> None:
        """Any other effect of the committed change, run after the ones above."""
        self._later.append(effect)

    def discard_effects(self) -> None:
        self._message_ids.clear()
        self._vacancy.clear()
        self._vacancy_everywhere.clear()
        self._cards.clear()
        self._rooms.clear()
        self._later.clear()
        self._calendar_changed = False

    async def run_effects(self) -> None:
        """Runs what the committed change must be followed by, each effect once."""
        # Imported here: these domains open units of work themselves.
        from backend.bookings.vacancy import rebuild_vacancy, refresh_facility_vacancy, refresh_vacancy
        from backend.calendar import calendar_changed
        from backend.geo.index import index_facility, index_room, remove_room
        from backend.push.outbox import dispatch

        res = self.res
        message_ids, self._message_ids = list(self._message_ids), {}
        vacancy, self._vacancy = self._vacancy, {}
        everywhere, self._vacancy_everywhere = self._vacancy_everywhere, set()
        cards, self._cards = list(self._cards), {}
        rooms, self._rooms = self._rooms, {}
        later, self._later = self._later, []
        calendar, self._calendar_changed = self._calendar_changed, False
        if calendar:
            await _best_effort(calendar_changed(res), "announcing the new calendar to the workers")
        if message_ids:
            await _best_effort(dispatch(res, message_ids), "queueing messages (they stay in the outbox)")
        for facility_id in cards:
            await _best_effort(
                index_facility(res, facility_id), "indexing a facility (the next rebuild fixes it)"
            )
        for facility_id, refresh in vacancy.items():
            days = sorted(refresh.days - everywhere) if refresh.days is not None else None
            if days is not None and not days:
                continue
            rebuild = (
                refresh_facility_vacancy(res, facility_id, refresh.facility, days, refresh.committed)
                if refresh.facility_loaded
                else refresh_vacancy(res, facility_id, days)
            )
            await _best_effort(rebuild, "refreshing search vacancy (the next refresh rebuilds it)")
        if everywhere:
            await _best_effort(
                rebuild_vacancy(res, sorted(everywhere)),
                "rebuilding search vacancy (the next build fixes it)",
            )
        for room_id, present in rooms.items():
            change = index_room(res, room_id) if present else remove_room(res, room_id)
            await _best_effort(change, "indexing a room (the next rebuild fixes it)")
        for effect in later:
            await _best_effort(effect(), "running an after-commit effect")


async def _best_effort(effect: Awaitable[None], doing: str) -> None:
    try:
        await effect
    except (RedisError, OSError) as exc:
        if not note_fault(exc, doing):
            log.warning("after commit: %s failed", doing, exc_info=True)
