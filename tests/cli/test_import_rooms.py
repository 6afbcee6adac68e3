"""`tuoyu import-rooms`, run as the real command against the test stack's database and Redis."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

from backend.accounts import service as accounts
from backend.context import Resources
from backend.models import AuditEntry, NursingRoom
from tests.cli.helpers import run_tuoyu
from tests.conftest import Stack
from tests.miniprogram_api.test_admin_rooms import csv_line

HEADER = "name,address,venue_type,floor,opening_hours,amenities,lat,lng"


async def run_cli(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    return await run_tuoyu(stack, "import-rooms", *args, timeout_s=240)


async def a_regulator(res: Resources) -> str:
    username = f"cliimp{uuid.uuid4().hex[:8]}"
    await accounts.create_user(res, role="regulator", username=username, password="cli-password-12")
    return username


def write_csv(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "rooms.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def good_line(tag: str, n: int) -> str:
    return csv_line(f"母婴室{tag}-{n}", f"环翠区测试路{n}号", 37.40 + n / 100000, 122.10 + n / 100000)


async def test_a_large_file_is_imported_with_progress(stack: Stack, res: Resources, tmp_path: Path) -> None:
    username = await a_regulator(res)
    tag = uuid.uuid4().hex[:6]
    path = write_csv(tmp_path, [good_line(tag, n) for n in range(3000)])
    done = await run_cli(stack, str(path), "--as", username)
    assert done.returncode == 0, done.stdout + done.stderr
    progress = [line for line in done.stdout.splitlines() if "已处理" in line]
    assert [line.split("已处理 ")[1].split("：")[0] for line in progress] == [
        f"{n}/3000 条" for n in range(500, 3001, 500)
    ]
    assert "导入完成：新增 3000，更新 0，未变 0，有误 0 行" in done.stdout
    assert await NursingRoom.filter(name__startswith=f"母婴室{tag}-").count() == 3000
    # One audited import per block of 500, under the regulator named.
    assert await AuditEntry.filter(action="nursing_room.import", actor__username=username).count() == 6


async def test_importing_the_same_file_again_changes_nothing(
    stack: Stack, res: Resources, tmp_path: Path
) -> None:
    await a_regulator(res)
    tag = uuid.uuid4().hex[:6]
    path = write_csv(tmp_path, [good_line(tag, n) for n in range(20)])
    assert (await run_cli(stack, str(path))).returncode == 0
    again = await run_cli(stack, str(path))
    assert again.returncode == 0, again.stderr
    assert "导入完成：新增 0，更新 0，未变 20，有误 0 行" in again.stdout


async def test_bad_lines_are_listed_by_their_line_in_the_file_and_the_rest_imported(
    stack: Stack, res: Resources, tmp_path: Path
) -> None:
    await a_regulator(res)
    tag = uuid.uuid4().hex[:6]
    lines = [good_line(tag, n) for n in range(1200)]
    lines[1] = csv_line(f"坏纬度{tag}", "某地", 999, 122.0)  # file line 3
    lines[775] = "只有,三列,而已"  # file line 777, in the second block
    lines[1199] = good_line(tag, 1198)  # file line 1201: the same room as line 1200, same block
    path = write_csv(tmp_path, lines)
    done = await run_cli(stack, str(path))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "导入完成：新增 1197，更新 0，未变 0，有误 3 行" in done.stdout
    listed = [line.removeprefix("tuoyu: ") for line in done.stdout.splitlines() if "行：" in line]
    assert [line.split(" 行")[0] for line in listed] == ["第 3", "第 777", "第 1201"]
    assert listed[0] == "第 3 行：纬度：不能大于 54"
    assert listed[1] == "第 777 行：整行：应有 8 列，实有 3 列"
    assert listed[2] == "第 1201 行：整行：与第 1200 行的名称和地址相同"
    assert await NursingRoom.filter(name__startswith=f"母婴室{tag}-").count() == 1197
    assert not await NursingRoom.exists(name=f"坏纬度{tag}")


async def test_a_missing_file_exits_2(stack: Stack, tmp_path: Path) -> None:
    done = await run_cli(stack, str(tmp_path / "nowhere.csv"))
    assert done.returncode == 2
    assert "找不到文件" in done.stderr


async def test_a_wrong_header_exits_2_in_chinese_and_imports_nothing(
    stack: Stack, res: Resources, tmp_path: Path
) -> None:
    await a_regulator(res)
    tag = uuid.uuid4().hex[:6]
    path = tmp_path / "rooms.csv"
    path.write_text("名称,地址\n" + good_line(tag, 1) + "\n", encoding="utf-8")
    done = await run_cli(stack, str(path))
    assert done.returncode == 2
    assert "文件第一行必须是表头" in done.stderr
    assert not await NursingRoom.filter(name__startswith=f"母婴室{tag}-").exists()


async def test_an_unknown_regulator_exits_2(stack: Stack, tmp_path: Path) -> None:
    path = write_csv(tmp_path, [good_line("x", 1)])
    done = await run_cli(stack, str(path), "--as", "nobody-here")
    assert done.returncode == 2
    assert "不是在用的监管账号" in done.stderr
