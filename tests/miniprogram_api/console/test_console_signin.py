"""The console's sign-in, session cookie, CSRF and role guard, over HTTP without a browser."""

from __future__ import annotations

from backend.models import FacilityClass
from tests.miniprogram_api.console.conftest import Console, make_person


async def test_login_page_has_the_form(console: Console):
    page = await console.get("/console/login")
    assert page.status_code == 200
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert ">登录</button>" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


async def test_login_sets_an_httponly_lax_session_cookie(console: Console, admin):
    answer = await console.login(admin)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/facility/today"
    cookie = next(v for k, v in answer.headers.multi_items() if k == "set-cookie" and "tuoyu_console=" in v)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/console" in cookie


async def test_wrong_password_is_refused_in_chinese(console: Console, admin):
    answer = await console.login(admin, password="not-the-password")
    assert answer.status_code == 401
    assert "用户名或密码错误" in answer.text
    assert "tuoyu_console=" not in answer.headers.get("set-cookie", "")


async def test_login_without_its_csrf_token_is_refused(console: Console, admin):
    await console.get("/console/login")
    answer = await console.post(
        "/console/login", {"username": admin.username, "password": "console-test-password-1"}, csrf=False
    )
    assert answer.status_code == 403
    assert "页面已过期" in answer.text


async def test_a_page_without_a_session_sends_to_login(console: Console):
    answer = await console.get("/console/facility/today")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/login"


async def test_a_regulator_on_a_facility_page_gets_403_in_chinese(console: Console, regulator):
    await console.login(regulator)
    answer = await console.get("/console/facility/classes")
    assert answer.status_code == 403
    assert "无权访问" in answer.text


async def test_facility_staff_on_a_bureau_page_gets_403_in_chinese(console: Console, admin):
    await console.login(admin)
    answer = await console.get("/console/bureau/overview")
    assert answer.status_code == 403
    assert "无权访问" in answer.text


async def test_a_form_posted_without_its_csrf_token_is_refused(console: Console, admin, facility):
    await console.login(admin)
    await console.get("/console/facility/classes")
    answer = await console.post(
        "/console/facility/classes",
        {"name": "无令牌班", "kind": "toddler", "places": "10", "caregivers": "2"},
        csrf=False,
    )
    assert answer.status_code == 403
    assert "安全令牌" in answer.text
    assert not await FacilityClass.exists(facility_id=facility.id, name="无令牌班")


async def test_a_token_of_another_session_is_refused(console: Console, admin, facility, res, stack):
    await console.login(admin)
    await console.get("/console/facility/classes")
    console.csrf = "0" * 64
    answer = await console.post(
        "/console/facility/classes",
        {"name": "假令牌班", "kind": "toddler", "places": "10", "caregivers": "2"},
    )
    assert answer.status_code == 403
    assert not await FacilityClass.exists(facility_id=facility.id, name="假令牌班")


async def test_logout_ends_the_session(console: Console, admin):
    await console.login(admin)
    await console.get("/console/facility/today")
    answer = await console.post("/console/logout")
    assert answer.status_code == 303
    assert (await console.get("/console/facility/today")).status_code == 303


async def test_home_sends_each_role_to_its_pages(console: Console, res):
    regulator = await make_person(res, "regulator")
    await console.login(regulator)
    answer = await console.get("/console/")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/bureau/overview"


async def test_assets_are_served_by_the_app(console: Console):
    for path in (
        "/console/static/vendor/htmx-2.0.4.min.js",
        "/console/static/vendor/echarts-5.5.1.min.js",
        "/console/static/console.css",
    ):
        answer = await console.get(path)
        assert answer.status_code == 200, path


async def test_the_console_address_without_its_slash_opens_it(console: Console):
    for path in ("/console", "/console/"):
        answer = await console.get(path)
        assert answer.status_code == 303, path
        assert answer.headers["location"] == "/console/login"
