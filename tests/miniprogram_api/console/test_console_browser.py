"""The console in a real browser: Debian's Chromium driven by Playwright, against the test server.

One browser for the module, a fresh context per test. Every page is checked for console errors,
requests to any other host and horizontal scroll at 390 px; screenshots go to var/screenshots/.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from backend.calendar import today_local
from backend.models import (
    Booking,
    Closure,
    Facility,
    FacilityClass,
    Inspection,
    InspectionDraw,
    NursingRoom,
    Policy,
)
from tests.conftest import REPO, Stack
from tests.factories import unique_credit_code
from tests.miniprogram_api.console.conftest import PASSWORD, Person
from tests.miniprogram_api.test_admin_rooms import csv_line
from tests.miniprogram_api.test_manage_bookings import book, booking_covering_today, day_ahead

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = REPO / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
FACILITY_PAGES = ["today", "occupancy", "waitlist", "classes", "staff", "closures", "profile"]
BUREAU_PAGES = [
    "overview",
    "facilities",
    "inspections",
    "banlist",
    "policies",
    "rooms",
    "calendar",
    "outbox",
    "audit",
]

if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"CI needs Chromium at {CHROMIUM} for the console's browser tests")
    pytest.skip(f"no Chromium at {CHROMIUM}", allow_module_level=True)

async_api = pytest.importorskip("playwright.async_api")


# The tests share the module's browser: under pytest-xdist (`--dist loadgroup`) they run on one
# worker, which starts it once.
pytestmark = pytest.mark.xdist_group("test_console_browser")


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[object]:
    async with async_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        yield launched
        await launched.close()


class Tab:
    """A page that records what must not happen: console errors and requests off the app's host."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        self.foreign: list[str] = []
        host = urlsplit(base_url).netloc
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.foreign.append(r.url) if urlsplit(r.url).netloc != host else None)
        page.on("dialog", lambda d: d.accept())

    async def open(self, path: str):
        return await self.page.goto(self.base_url + path)

    async def login(self, person: Person) -> None:
        await self.open("/console/login")
        await self.page.get_by_label("用户名").fill(person.username)
        await self.page.get_by_label("密码").fill(PASSWORD)
        await self.page.get_by_role("button", name="登录").click()
        await self.page.wait_for_load_state()

    async def no_horizontal_scroll(self) -> bool:
        return bool(await self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))

    def clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.foreign == [], self.foreign


@pytest.fixture
async def tab(browser, stack: Stack) -> AsyncIterator[Tab]:
    context = await browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = await context.new_page()
    yield Tab(page, stack.base_url)
    await context.close()


async def test_admin_confirms_a_booking_on_today(tab: Tab, admin, res, facility):
    day = day_ahead()
    booking_id, _ = await book(res, facility, day)
    await tab.login(admin)
    assert tab.page.url.endswith("/console/facility/today")
    await tab.open(f"/console/facility/today?date={day.isoformat()}")
    row = tab.page.locator(f'tr[data-booking-id="{booking_id}"]')
    await row.get_by_role("button", name="确认").click()
    await tab.page.locator(f'tr[data-booking-id="{booking_id}"][data-status="confirmed"]').wait_for()
    assert (await Booking.get(id=booking_id)).status == "confirmed"
    tab.clean()


async def test_admin_checks_a_child_in_and_out(tab: Tab, admin, res, facility):
    booking_id = await booking_covering_today(res, facility, status="confirmed")
    await tab.login(admin)
    row = f'tr[data-booking-id="{booking_id}"]'
    await tab.page.locator(row).get_by_label("晨检体温").fill("36.6")
    await tab.page.locator(row).get_by_role("button", name="入园").click()
    present = tab.page.locator(f'{row}[data-status="checked_in"]')
    pickup = present.get_by_label("接送人")
    # The pickup list arrives by htmx; the parent is on it from the start.
    await pickup.locator("option").nth(1).wait_for(state="attached")
    await pickup.select_option(index=1)
    await present.get_by_role("button", name="离园").click()
    await tab.page.locator(f'{row}[data-status="checked_out"]').wait_for()
    assert (await Booking.get(id=booking_id)).status == "checked_out"
    tab.clean()


async def test_admin_adds_and_deletes_a_class_and_a_closure(tab: Tab, admin, facility):
    await tab.login(admin)
    await tab.open("/console/facility/classes")
    form = tab.page.locator("#add-class")
    await form.get_by_label("名称").fill("浏览器班")
    await form.get_by_label("班级类型").select_option("toddler")
    await form.get_by_label("学位数").fill("12")
    await form.get_by_label("保育人员数").fill("3")
    await form.get_by_role("button", name="添加").click()
    await tab.page.wait_for_load_state()
    klass = await FacilityClass.get(facility_id=facility.id, name="浏览器班")
    await tab.page.locator(f'tr[data-class-id="{klass.id}"]').get_by_role("button", name="删除").click()
    await tab.page.wait_for_load_state()
    assert not await FacilityClass.filter(id=klass.id, is_active=True).exists()

    day = (today_local() + timedelta(days=40)).isoformat()
    await tab.open("/console/facility/closures")
    form = tab.page.locator("#add-closure")
    await form.get_by_label("日期").fill(day)
    await form.get_by_label("原因").fill("消防检查")
    await form.get_by_role("button", name="停托").click()
    await tab.page.wait_for_load_state()
    closure = await Closure.get(facility_id=facility.id, date=day)
    await (
        tab.page.locator(f'tr[data-closure-id="{closure.id}"]').get_by_role("button", name="恢复开放").click()
    )
    await tab.page.wait_for_load_state()
    assert not await Closure.exists(id=closure.id)
    tab.clean()


async def test_the_regulator_sees_the_overview_charts(tab: Tab, regulator):
    await tab.login(regulator)
    assert tab.page.url.endswith("/console/bureau/overview")
    charts = (
        "chart-per-1000",
        "chart-towns",
        "chart-care-types",
        "chart-natures",
        "chart-overdue-checks",
        "chart-rectifications",
    )
    for chart in charts:
        await tab.page.locator(f'#{chart}[data-rendered="true"] canvas').wait_for()
    tab.clean()


async def test_the_regulator_imports_rooms_and_publishes_a_policy_with_push(tab: Tab, regulator):
    await tab.login(regulator)
    tag = uuid.uuid4().hex[:6]
    header = "name,address,venue_type,floor,opening_hours,amenities,lat,lng"
    good, bad = (
        csv_line(f"浏览器母婴室{tag}", "环翠区某站", 37.41, 122.01),
        csv_line(f"坏{tag}", "某地", 999, 122.0),
    )
    await tab.open("/console/bureau/rooms")
    await tab.page.get_by_label("CSV 文件").set_input_files(
        files=[{"name": "rooms.csv", "mimeType": "text/csv", "buffer": f"{header}\n{good}\n{bad}\n".encode()}]
    )
    await tab.page.get_by_role("button", name="导入").click()
    await tab.page.locator('#import-result li[data-line="3"]').wait_for()
    assert await NursingRoom.exists(name=f"浏览器母婴室{tag}")

    await tab.open("/console/bureau/policies")
    title = f"浏览器政策{tag}"
    await tab.page.get_by_label("标题").fill(title)
    await tab.page.get_by_label("正文").fill("托育机构运营补贴申报通知。")
    await tab.page.get_by_role("button", name="保存草稿").click()
    await tab.page.wait_for_load_state()
    policy = await Policy.get(title=title)
    row = tab.page.locator(f'tr[data-policy-id="{policy.id}"]')
    await row.get_by_label("推送给关注者").check()
    await row.get_by_role("button", name="发布").click()
    await tab.page.wait_for_load_state()
    assert (await Policy.get(id=policy.id)).is_published
    tab.clean()


async def test_the_regulator_follows_up_a_rectify_result(tab: Tab, regulator, facility):
    original = await Inspection.create(
        facility=facility,
        inspector_ids=[regulator.account_id],
        status="done",
        result="rectify",
        findings="晨检记录不全",
        rectify_deadline=today_local() + timedelta(days=7),
    )
    await tab.login(regulator)
    await tab.open("/console/bureau/inspections")
    await (
        tab.page.locator(f'tr[data-inspection-id="{original.id}"]').get_by_role("button", name="复查").click()
    )
    await tab.page.wait_for_load_state()
    follow = await Inspection.get(follows_up_id=original.id)
    done = tab.page.locator(f'tr[data-inspection-id="{original.id}"] [data-follow-up="{follow.id}"]')
    assert f"应于 {original.rectify_deadline.isoformat()} 前完成" in await done.inner_text()
    tab.clean()


async def test_each_role_is_refused_the_other_side_in_chinese(tab: Tab, admin, regulator, browser, stack):
    await tab.login(regulator)
    answer = await tab.open("/console/facility/today")
    assert answer.status == 403
    assert "无权访问" in await tab.page.locator("main").inner_text()
    other = await browser.new_context()
    try:
        staff_tab = Tab(await other.new_page(), stack.base_url)
        await staff_tab.login(admin)
        answer = await staff_tab.open("/console/bureau/overview")
        assert answer.status == 403
        assert "无权访问" in await staff_tab.page.locator("main").inner_text()
    finally:
        await other.close()


async def test_a_post_without_the_csrf_token_is_refused(tab: Tab, admin, facility):
    await tab.login(admin)
    answer = await tab.page.request.post(
        tab.base_url + "/console/facility/classes",
        form={"name": "跨站班", "kind": "toddler", "places": "10", "caregivers": "2"},
    )
    assert answer.status == 403
    assert not await FacilityClass.exists(facility_id=facility.id, name="跨站班")


async def test_every_page_at_phone_and_desktop_width(tab: Tab, admin, regulator, browser, stack):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for person, side, pages in ((admin, "facility", FACILITY_PAGES), (regulator, "bureau", BUREAU_PAGES)):
        context = await browser.new_context(viewport=DESKTOP, locale="zh-CN")
        try:
            viewer = Tab(await context.new_page(), stack.base_url)
            await viewer.login(person)
            for name in pages:
                for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
                    await viewer.page.set_viewport_size(viewport)
                    answer = await viewer.open(f"/console/{side}/{name}")
                    assert answer.status == 200, (side, name)
                    await viewer.page.screenshot(
                        path=str(SCREENSHOTS / f"{side}-{name}-{width}.png"), full_page=True
                    )
                    if width == "phone":
                        assert await viewer.no_horizontal_scroll(), (side, name)
            viewer.clean()
        finally:
            await context.close()


async def test_the_regulator_registers_a_facility_checking_its_credit_code_and_files_it(tab: Tab, regulator):
    await tab.login(regulator)
    tag = uuid.uuid4().hex[:6]
    name, town = f"浏览器托育园{tag}", f"浏览器镇{tag}"
    code = unique_credit_code()
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    await tab.open("/console/bureau/facilities")
    form = tab.page.locator("#register")
    await form.get_by_label("机构名称").fill(name)
    await form.get_by_label("统一社会信用代码").fill(wrong)
    await form.get_by_label("地址").fill("威海市环翠区浏览器路1号")
    await form.get_by_label("镇街").fill(town)
    await form.get_by_label("纬度").fill("36.0671")
    await form.get_by_label("经度").fill("120.3826")
    await form.get_by_label("机构性质").select_option("private_nonprofit")
    await form.get_by_label("管理员用户名").fill(f"browser_{tag}")
    await form.get_by_label("管理员初始密码").fill(PASSWORD)
    await form.get_by_role("button", name="登记").click()
    await tab.page.wait_for_load_state()
    # A wrong check character is refused and nothing is registered; the form keeps what was typed.
    assert not await Facility.exists(name=name)
    # Chromium logs the refusal's 422 as a failed resource; that one is expected, nothing else.
    assert all("422" in error for error in tab.errors), tab.errors
    tab.errors.clear()
    form = tab.page.locator("#register")
    assert await form.get_by_label("机构名称").input_value() == name
    await form.get_by_label("统一社会信用代码").fill(code)
    await form.get_by_label("管理员初始密码").fill(PASSWORD)
    await form.get_by_role("button", name="登记").click()
    await tab.page.wait_for_load_state()
    facility = await Facility.get(name=name)
    assert facility.credit_code == code and facility.filing_status != "filed"

    await tab.open(f"/console/bureau/facilities?town={town}")
    row = tab.page.locator(f'tr[data-facility-id="{facility.id}"]')
    await row.get_by_label("备案号").fill(f"BA-{tag}")
    await row.get_by_role("button", name="备案", exact=True).click()
    await tab.page.wait_for_load_state()
    await facility.refresh_from_db()
    assert facility.filing_status == "filed"
    assert facility.filing_number == f"BA-{tag}"
    tab.clean()


async def test_the_regulator_draws_an_inspection_and_records_its_result(tab: Tab, regulator, facility):
    await tab.login(regulator)
    seed = f"browser-{uuid.uuid4().hex[:8]}"
    await tab.open("/console/bureau/inspections")
    await tab.page.get_by_label("抽取机构数").fill("1")
    await tab.page.get_by_label("随机种子（可不填）").fill(seed)
    await tab.page.get_by_role("button", name="抽取", exact=True).click()
    await tab.page.locator("#drawn").wait_for()
    assert seed in await tab.page.locator("#drawn").inner_text()
    draw = await InspectionDraw.get(seed=seed)
    inspection = await Inspection.get(draw_id=draw.id)
    assert inspection.status == "scheduled"

    row = tab.page.locator(f'tr[data-inspection-id="{inspection.id}"]')
    await row.get_by_label("结果").select_option("pass")
    await row.get_by_label("检查发现").fill("消防通道畅通，台账齐全。")
    await row.get_by_role("button", name="记录").click()
    await tab.page.wait_for_load_state()
    await inspection.refresh_from_db()
    assert inspection.status == "done"
    assert inspection.result == "pass"
    assert inspection.findings == "消防通道畅通，台账齐全。"
    tab.clean()
