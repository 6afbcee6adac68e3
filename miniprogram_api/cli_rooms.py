"""`tuoyu import-rooms FILE.csv`: mother-and-baby rooms from a CSV file, through the same service
as the bureau's upload (backend.nursing_rooms.csv_import), in blocks of CHUNK_ROWS rows.

A block is one call of the service, so one transaction: a long file shows its progress, is not held
to the upload's size limit, and a block already imported stays imported if a later one fails. Line
numbers are the file's own: each block is given the file's header and its rows, and the lines the
service reports in the block are mapped back to where those rows start in the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backend.accounts import repository as accounts
from backend.accounts.service import normalise_username
from backend.context import Caller, Resources
from backend.errors import ServiceError
from backend.messages import field_label, localise, problem_zh
from backend.nursing_rooms.csv_import import import_rooms_csv
from backend.nursing_rooms.schemas import RoomImportAnswer
from backend.rules import Role

CHUNK_ROWS = 500
# The service reports a row's problems in pydantic's English words (its `msg`); the ones a file
# meets most are said in Chinese here, the rest through backend.messages.
_ROW_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^expected (\d+) columns, got (\d+)"), r"应有 \1 列，实有 \2 列"),
    (re.compile(r"^same name and address as line (\d+)"), r"与第 \1 行的名称和地址相同"),
    (re.compile(r"^Input should be less than or equal to (\S+)"), r"不能大于 \1"),
    (re.compile(r"^Input should be greater than or equal to (\S+)"), r"不能小于 \1"),
    (re.compile(r"^Input should be a valid number"), "请填写数字"),
    (re.compile(r"^(Field required|String should have at least 1 character)"), "必填"),
    (re.compile(r"^String should have at most (\d+) characters?"), r"最多 \1 个字"),
)
_SAME_AS_LINE = re.compile(r"^(same name and address as line )(\d+)")


class ImportRefused(Exception):
    """The file as a whole cannot be imported (exit code 2); the message is Chinese."""


@dataclass
class Tally:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, answer: RoomImportAnswer, lines: dict[int, int], rows: int) -> None:
        self.rows += rows
        self.created += answer.created
        self.updated += answer.updated
        self.unchanged += answer.unchanged
        for error in answer.errors:
            reasons = dict(error.errors)
            if "row" in reasons:
                # The earlier line a duplicate names is the block's too.
                reasons["row"] = _SAME_AS_LINE.sub(
                    lambda m: m.group(1) + str(lines.get(int(m.group(2)), m.group(2))), str(reasons["row"])
                )
            self.errors.append({"line": lines.get(error.line, error.line), "errors": reasons})

    def summary(self) -> str:
        return f"新增 {self.created}，更新 {self.updated}，未变 {self.unchanged}，有误 {len(self.errors)} 行"


def _rows_with_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on, counted as the service counts (a quoted value may span
    lines); blank rows are left out, as the service leaves them out."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line_after_previous = 1
    try:
        for cells in reader:
            start_line = line_after_previous
            line_after_previous = reader.line_num + 1
            if start_line > 1 and (not cells or all(not cell.strip() for cell in cells)):
                continue
            yield start_line, cells
    except csv.Error as exc:
        raise ImportRefused(f"文件第 {reader.line_num} 行附近不是有效的 CSV。") from exc


def _block(header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[bytes, dict[int, int]]:
    """A CSV file of the header and these rows, and its lines mapped to the file's."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for _, cells in rows:
        writer.writerow(cells)
    text = out.getvalue()
    block_lines = [line for line, _ in _rows_with_lines(text)][1:]
    return text.encode(), {block: original for block, (original, _) in zip(block_lines, rows, strict=True)}


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused("文件不是 UTF-8 文本，请另存为“CSV UTF-8”格式。") from exc


async def importer_caller(username: str | None) -> Caller:
    """The regulator the import is recorded under: the one named, or the district's first."""
    if username is not None:
        account = await accounts.get_by_username(normalise_username(username))
        if account is None or account.role != Role.regulator or not account.is_active:
            raise ImportRefused(f"{username} 不是在用的监管账号。")
        return Caller(account_id=str(account.id), role=account.role)
    regulators, _ = await accounts.page_accounts(role=Role.regulator, secret_key="", limit=50, cursor=None)
    active = [a for a in regulators if a.is_active]
    if not active:
        raise ImportRefused("还没有监管账号：先用 tuoyu create-user --role regulator 创建一个。")
    return Caller(account_id=str(active[0].id), role=active[0].role)


async def import_rooms_file(
    res: Resources, caller: Caller, path: Path, report: Callable[[str], None]
) -> Tally:
    """Imports the file block by block, reporting after each block."""
    rows = iter(_rows_with_lines(_read(path)))
    first = next(rows, None)
    if first is None:
        raise ImportRefused("文件是空的：第一行必须是表头。")
    header = [cell.strip() for cell in first[1]]
    every = list(rows)
    tally = Tally()
    for start in range(0, max(len(every), 1), CHUNK_ROWS):
        chunk = every[start : start + CHUNK_ROWS]
        data, lines = _block(header, chunk)
        try:
            answer = await import_rooms_csv(res, caller, data)
        except ServiceError as exc:
            details = exc.details if isinstance(exc.details, dict) else None
            shown, _ = localise(exc.code, exc.message, details)
            done = f"（前 {tally.rows} 条已导入）" if tally.rows else ""
            raise ImportRefused(shown + done) from exc
        tally.add(answer, lines, len(chunk))
        report(f"已处理 {tally.rows}/{len(every)} 条：{tally.summary()}")
    return tally


def describe_error(error: dict[str, Any]) -> str:
    """One bad line in Chinese: 第 3 行：纬度（数值过大）…"""
    parts = []
    for column, why in error["errors"].items():
        reason = str(why)
        matched = ((pattern.match(reason), zh) for pattern, zh in _ROW_PROBLEMS)
        shown = next((m.expand(zh) for m, zh in matched if m is not None), None) or problem_zh(reason)
        name = "整行" if column == "row" else field_label(column)
        parts.append(f"{name}：{shown}")
    return f"第 {error['line']} 行：" + "；".join(parts)
