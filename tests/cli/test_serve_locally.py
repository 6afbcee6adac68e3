"""Trying it locally (API.md v1.1): `tuoyu migrate` says what it applied, `tuoyu serve` says where it
serves, `--dev-login` logs in a demo parent without WeChat on the embedded defaults only, and /docs
is served with every asset from the app itself."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.cli.helpers import run_tuoyu
from tests.conftest import REPO, Stack, free_port

# What a fresh machine's environment holds: no DATABASE_URL, no REDIS_URL, no VAR_DIR.
CONFIGURED = ("DATABASE_URL", "REDIS_URL", "VAR_DIR")


def _clean_env(stack: Stack) -> dict[str, str]:
    env = {key: value for key, value in stack.env.items() if key not in CONFIGURED}
    env["PYTHONPATH"] = str(REPO)
    env["SECRET_KEY"] = "change-me-dev-only"
    return env


def _tuoyu(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "miniprogram_api.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# The tests share the module's local server: under pytest-xdist (`--dist loadgroup`) they run on one
# worker, which starts it once.
pytestmark = pytest.mark.xdist_group("test_serve_locally")


@pytest.fixture(name="local_server", scope="module")
def _local_server(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A `tuoyu serve --dev-login` of its own in an empty directory, on the embedded defaults."""
    home = tmp_path_factory.mktemp("fresh-clone")
    env = _clean_env(stack)
    migrated = _tuoyu(home, env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    (home / "migrate.out").write_text(migrated.stdout)
    port = free_port()
    log_path = home / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "miniprogram_api.cli",
                "serve",
                "--port",
                str(port),
                "--no-worker",
                "--dev-login",
            ],
            cwd=home,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, log_path.read_text(errors="replace")
            try:
                if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield url, home
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_migrate_on_a_new_database_names_what_it_applied(local_server: tuple[str, Path]) -> None:
    _, home = local_server
    out = (home / "migrate.out").read_text()
    assert "applied models.0001_initial" in out
    assert re.search(r"up to date \(\d+ migrations applied\)", out)


def test_serve_prints_its_address_and_the_parent_login(local_server: tuple[str, Path]) -> None:
    url, home = local_server
    log = (home / "serve.log").read_text(errors="replace")
    assert f"tuoyu: serving on {url} (API docs: {url}/docs)" in log
    assert '"dev:xiaoming"' in log


def test_dev_login_logs_in_a_demo_parent_by_name(local_server: tuple[str, Path]) -> None:
    url, _ = local_server
    first = httpx.post(f"{url}/api/v1/auth/wx-login", json={"code": "dev:小明"})
    assert first.status_code == 200, first.text
    again = httpx.post(f"{url}/api/v1/auth/wx-login", json={"code": "dev:小明"})
    assert again.json()["user"]["id"] == first.json()["user"]["id"]
    other = httpx.post(f"{url}/api/v1/auth/wx-login", json={"code": "dev:小红"})
    assert other.json()["user"]["id"] != first.json()["user"]["id"]
    me = httpx.get(f"{url}/api/v1/me", headers={"Authorization": f"Bearer {first.json()['token']}"})
    assert me.status_code == 200 and me.json()["role"] == "parent"


def test_docs_load_every_asset_from_the_app(local_server: tuple[str, Path]) -> None:
    url, _ = local_server
    page = httpx.get(f"{url}/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/docs/assets/") for source in sources), sources
    assert "cdn" not in page.text.lower()
    for source in sources:
        asset = httpx.get(f"{url}{source}")
        assert asset.status_code == 200 and asset.content, source
    assert httpx.get(f"{url}/docs/openapi.json").json()["paths"]


async def test_dev_login_is_refused_with_a_database_url(stack: Stack) -> None:
    answer = await run_tuoyu(stack, "serve", "--dev-login", "--port", str(free_port()), timeout_s=60)
    assert answer.returncode == 2
    assert "--dev-login runs on the embedded defaults only" in answer.stderr
    assert "DATABASE_URL" in answer.stderr
    assert "serving on" not in answer.stdout


async def test_without_dev_login_a_dev_code_goes_to_wechat(api: httpx.AsyncClient) -> None:
    answer = await api.post("/api/v1/auth/wx-login", json={"code": "dev:小明"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_code"
