"""The cron job waitlist.expire_offers: an optional warning before an offer ends, then expiry that
passes the places on; the notices' classes (rules.notice_class)."""

from __future__ import annotations

from datetime import date, timedelta

from backend.bookings import service
from backend.models import OutgoingMessage, WaitlistEntry, WaitlistOffer
from backend.rules import ESSENTIAL_NOTICE, OPTIONAL_NOTICE, notice_class
from backend.waitlist import service as waitlist
from backend.waitlist.offers import EXPIRED_EVENT, EXPIRING_EVENT, OFFER_EVENT
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    frozen_at,
    new_key,
    parent_with_child,
    request_for,
    shanghai,
)
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
NOW = shanghai(2026, 3, 2, 9, 0)
TUESDAY = MONDAY + timedelta(days=1)


async def _offered(res, hold_minutes: int = 30):
    facility = await make_facility(
        res,
        classes=[{"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1}],
        waitlist_hold_minutes=hold_minutes,
    )
    _, _, child, booker = await parent_with_child(res, 20, MONDAY)
    booking = await service.create_booking(
        res, booker, request_for(facility, child, "full_day", TUESDAY), new_key()
    )
    line = []
    for _ in range(2):
        parent, _, waiting_child, caller = await parent_with_child(res, 20, MONDAY)
        entry = await waitlist.join(res, caller, request_for(facility, waiting_child, "full_day", TUESDAY))
        line.append((entry.id, parent))
    await service.cancel_booking(res, booker, booking.id, None)
    return facility, line


async def test_the_hold_lasts_the_facility_setting(res):
    with frozen_at(NOW):
        _, line = await _offered(res, hold_minutes=45)
    offer = await WaitlistOffer.get(entry_id=line[0][0])
    assert offer.expires_at == NOW + timedelta(minutes=45)


async def test_the_cron_warns_before_the_end_then_expires_and_passes_on(res):
    with frozen_at(NOW) as clock:
        facility, ((first, parent1), (second, parent2)) = await _offered(res)
        assert await waitlist.expire_offers(res) == 0
        assert not await OutgoingMessage.filter(account_id=parent1.id, event=EXPIRING_EVENT).exists()
        clock.set(NOW + timedelta(minutes=21))
        assert await waitlist.expire_offers(res) == 0
        assert await OutgoingMessage.filter(account_id=parent1.id, event=EXPIRING_EVENT).count() == 1
        await waitlist.expire_offers(res)
        assert await OutgoingMessage.filter(account_id=parent1.id, event=EXPIRING_EVENT).count() == 1
        clock.set(NOW + timedelta(minutes=30))
        assert await waitlist.expire_offers(res) == 1
    assert (await WaitlistEntry.get(id=first)).status == "expired"
    assert (await WaitlistEntry.get(id=second)).status == "offered"
    assert await OutgoingMessage.filter(account_id=parent1.id, event=EXPIRED_EVENT).count() == 1
    assert await OutgoingMessage.filter(account_id=parent2.id, event=OFFER_EVENT).count() == 1
    await assert_ledger_true(facility)


def test_an_offer_is_essential_and_its_warnings_optional() -> None:
    assert notice_class(OFFER_EVENT) == ESSENTIAL_NOTICE
    assert notice_class("rescheduled") == ESSENTIAL_NOTICE
    assert notice_class(EXPIRING_EVENT) == OPTIONAL_NOTICE
    assert notice_class(EXPIRED_EVENT) == OPTIONAL_NOTICE
