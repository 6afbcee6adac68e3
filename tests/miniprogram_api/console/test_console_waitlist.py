"""The facility's 候补 page over HTTP: its line in order, with each entry's child, request and offer."""

from __future__ import annotations

from backend.models import WaitlistEntry
from tests.miniprogram_api.console.conftest import Console, make_person
from tests.miniprogram_api.test_waitlist import cancel, day_ahead, full_facility, join


async def test_the_waitlist_is_in_the_facility_menu(console: Console, admin):
    await console.login(admin)
    page = await console.get("/console/facility/today")
    assert '<a href="/console/facility/waitlist">候补</a>' in page.text


async def test_an_empty_line_says_so(console: Console, admin):
    await console.login(admin)
    page = await console.get("/console/facility/waitlist")
    assert page.status_code == 200, page.text
    assert "<h1>候补</h1>" in page.text and "现在没有候补。" in page.text
    assert 'aria-current="page">候补</a>' in page.text


async def test_the_line_is_listed_in_order_with_the_offer_and_its_expiry(console: Console, res, api):
    day = day_ahead()
    facility, booked = await full_facility(res, api, day, places=1)
    first, _, _, first_child = await join(res, api, facility, day, note="双胞胎之一")
    second, _, _, _ = await join(res, api, facility, day)
    await cancel(api, booked[0])  # the freed place is held for the first in line
    staff = await make_person(res, "facility_staff", facility)
    await console.login(staff)
    page = await console.get("/console/facility/waitlist")
    assert page.status_code == 200, page.text
    text = page.text
    first_at = text.index(f'data-entry-id="{first["id"]}"')
    second_at = text.index(f'data-entry-id="{second["id"]}"')
    assert first_at < second_at
    first_row = text[first_at:second_at]
    assert 'data-position="1"' in first_row and "名额已保留" in first_row
    assert first_child.name in first_row and "18 个月" in first_row
    assert "全日托" in first_row and day.isoformat() in first_row and "全天" in first_row
    assert "双胞胎之一" in first_row
    assert 'data-offer-expires="' in first_row
    second_row = text[second_at:]
    assert 'data-position="2"' in second_row and "候补中" in second_row
    assert (await WaitlistEntry.get(id=first["id"])).status == "offered"


async def test_the_regulator_is_refused_the_facility_waitlist(console: Console, regulator):
    await console.login(regulator)
    page = await console.get("/console/facility/waitlist")
    assert page.status_code == 403
