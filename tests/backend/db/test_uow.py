"""The unit of work: the change commits as one, and its effects run once after, never on a rollback."""

from __future__ import annotations

from pathlib import Path

import pytest
import redis.asyncio as aioredis

from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.models import Facility
from tests.factories import make_facility


class Boom(Exception):
    pass


async def test_effects_run_once_after_the_commit_and_see_the_committed_row(res: Resources) -> None:
    facility = await make_facility(res)
    seen: list[str] = []

    async def read_the_name() -> None:
        fresh = await Facility.get(id=facility.id)
        seen.append(fresh.name)

    async with UnitOfWork(res) as uow:
        await Facility.filter(id=facility.id).using_db(uow.connection).update(name="改名后的托育园")
        uow.after_commit(read_the_name)
        assert seen == []
    assert seen == ["改名后的托育园"]


async def test_a_rollback_keeps_nothing_and_runs_no_effect(res: Resources) -> None:
    facility = await make_facility(res)
    ran: list[bool] = []

    async def effect() -> None:
        ran.append(True)

    with pytest.raises(Boom):
        async with UnitOfWork(res) as uow:
            await Facility.filter(id=facility.id).using_db(uow.connection).update(name="不该留下的名字")
            uow.after_commit(effect)
            raise Boom
    assert ran == []
    assert (await Facility.get(id=facility.id)).name == facility.name


async def test_the_same_message_is_dispatched_once(res: Resources) -> None:
    async with UnitOfWork(res) as uow:
        uow.dispatch(["m1", None, "m1", "m2"])
        assert list(uow._message_ids) == ["m1", "m2"]
        uow.discard_effects()


async def test_a_redis_fault_after_the_commit_does_not_undo_or_fail_the_change(
    res: Resources, tmp_path: Path
) -> None:
    facility = await make_facility(res)
    dead = aioredis.Redis(unix_socket_path=str(tmp_path / "gone.sock"), socket_connect_timeout=0.2)
    broken = Resources(settings=res.settings, redis=dead)
    try:
        async with UnitOfWork(broken) as uow:
            await Facility.filter(id=facility.id).using_db(uow.connection).update(name="故障后仍保存")
            uow.refresh_card(str(facility.id))
            uow.refresh_vacancy(str(facility.id), None)
    finally:
        await dead.aclose()
    assert (await Facility.get(id=facility.id)).name == "故障后仍保存"


async def test_a_unit_begun_inside_another_joins_it_and_its_effects_wait_for_the_one_commit(
    res: Resources,
) -> None:
    facility = await make_facility(res)
    ran: list[str] = []

    async def effect() -> None:
        ran.append("effect")

    async with UnitOfWork(res) as outer:
        async with UnitOfWork(res) as inner:
            assert inner is outer
            await Facility.filter(id=facility.id).using_db(inner.connection).update(name="同一个事务里")
            inner.after_commit(effect)
        assert ran == []
    assert ran == ["effect"]
    assert (await Facility.get(id=facility.id)).name == "同一个事务里"


async def test_a_failure_after_an_inner_unit_rolls_back_what_the_inner_unit_wrote(res: Resources) -> None:
    facility = await make_facility(res)
    ran: list[str] = []

    async def effect() -> None:
        ran.append("effect")

    with pytest.raises(Boom):
        async with UnitOfWork(res) as outer:
            async with UnitOfWork(res) as inner:
                await Facility.filter(id=facility.id).using_db(inner.connection).update(name="不该留下")
                inner.after_commit(effect)
            await Facility.filter(id=facility.id).using_db(outer.connection).update(name="也不该留下")
            raise Boom
    assert ran == []
    assert (await Facility.get(id=facility.id)).name == facility.name
