"""The maintenance worker runs waitlist.expire_offers every minute."""

from __future__ import annotations

from bot import jobs
from bot.worker import maintenance_worker_kwargs
from config.settings import Settings


def test_the_waitlist_cron_is_scheduled_every_minute() -> None:
    settings = Settings(redis_key_prefix="t:")
    crons = {job.name: job for job in maintenance_worker_kwargs(settings)["cron_jobs"]}
    job = crons["t:waitlist.expire_offers"]
    # The worker runs each job through the fault wrapper (bot.jobs.retried_on_fault).
    assert job.coroutine.__wrapped__ is jobs.expire_waitlist_offers
    assert job.second == 40 and job.minute is None
