"""Importing mother-and-baby rooms from a CSV file, the way the bureau receives them from towns.

Each row follows the same rules as a room sent as JSON (`RoomFields`). Bad rows are reported by
their line number in the file with the reason for each field, and the good rows are imported in
one transaction. A row whose (name, address) is already registered updates that room, so importing
the same file again changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError

from backend import audit
from backend.accounts.scope import require_regulator
from backend.calendar import now_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, ServiceError, ValidationFailed
from backend.nursing_rooms import repository
from backend.nursing_rooms.admin import RoomFields
from backend.nursing_rooms.repository import DuplicateRoom
from backend.nursing_rooms.schemas import ImportLineErrors, RoomImportAnswer

if TYPE_CHECKING:
    from backend.models import NursingRoom

CSV_COLUMNS: tuple[str, ...] = (
    "name",
    "address",
    "venue_type",
    "floor",
    "opening_hours",
    "amenities",
    "lat",
    "lng",
)
AMENITY_SEPARATOR = "|"
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
UPDATED_FIELDS: tuple[str, ...] = ("venue_type", "floor", "opening_hours", "amenities", "lat", "lng")


class ImportTooLarge(ServiceError):
    status: ClassVar[int] = 413
    code: ClassVar[str] = "payload_too_large"
    default_message: ClassVar[str] = "The file is too large to import at once."


@dataclass(frozen=True, slots=True)
class GoodRow:
    line: int
    room: RoomFields


def _decode(data: bytes) -> str:
    try:
        # utf-8-sig drops the byte-order mark that Excel's "CSV UTF-8" puts first.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            'The file is not UTF-8 text; save it as "CSV UTF-8".',
            {"fields": {"file": f"not UTF-8 (byte {exc.start})"}},
        ) from exc


def _row_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        column = str(error["loc"][0]) if error["loc"] else "row"
        message = str(error["msg"]).removeprefix("Value error, ")
        errors.setdefault(column, message)
    return errors


def _row_to_fields(cells: list[str]) -> dict[str, Any]:
    values = dict(zip(CSV_COLUMNS, cells, strict=True))
    amenities = [item.strip() for item in values.pop("amenities").split(AMENITY_SEPARATOR) if item.strip()]
    return {**values, "amenities": amenities}


def parse_rooms_csv(data: bytes) -> tuple[list[GoodRow], list[ImportLineErrors]]:
    """The good rows and the errors (each line's reason per column) of a CSV file.

    Raises for the file as a whole: not UTF-8, no or a wrong header, unreadable CSV (422), or more
    than MAX_IMPORT_BYTES / MAX_IMPORT_ROWS (413).
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportTooLarge(
            f"The file is over {MAX_IMPORT_BYTES // (1024 * 1024)} MB.", {"max_bytes": MAX_IMPORT_BYTES}
        )
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    line_after_previous = 1
    try:
        for cells in reader:
            # A quoted value may span lines; a row is reported by the line it starts on.
            start_line = line_after_previous
            line_after_previous = reader.line_num + 1
            if header is None:
                header = [cell.strip() for cell in cells]
                continue
            if not cells or all(not cell.strip() for cell in cells):
                continue
            rows.append((start_line, cells))
            if len(rows) > MAX_IMPORT_ROWS:
                raise ImportTooLarge(
                    f"The file has more than {MAX_IMPORT_ROWS} rooms; split it.",
                    {"max_rows": MAX_IMPORT_ROWS},
                )
    except csv.Error as exc:
        raise ValidationFailed(
            f"The file is not readable CSV near line {reader.line_num}.",
            {"fields": {"file": f"line {reader.line_num}: {exc}"}},
        ) from exc
    if header is None or tuple(header) != CSV_COLUMNS:
        raise ValidationFailed(
            "The first line must be the header " + ",".join(CSV_COLUMNS) + ".",
            {"fields": {"header": "expected " + ",".join(CSV_COLUMNS)}},
        )
    good: list[GoodRow] = []
    errors: list[ImportLineErrors] = []
    first_line_of: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        if len(cells) != len(CSV_COLUMNS):
            errors.append(
                ImportLineErrors(
                    line=line, errors={"row": f"expected {len(CSV_COLUMNS)} columns, got {len(cells)}"}
                )
            )
            continue
        try:
            room = RoomFields.model_validate(_row_to_fields(cells))
        except ValidationError as exc:
            errors.append(ImportLineErrors(line=line, errors=_row_errors(exc)))
            continue
        key = (room.name, room.address)
        if key in first_line_of:
            errors.append(
                ImportLineErrors(
                    line=line, errors={"row": f"same name and address as line {first_line_of[key]}"}
                )
            )
            continue
        first_line_of[key] = line
        good.append(GoodRow(line, room))
    return good, errors


async def import_rooms_csv(res: Resources, caller: Caller, data: bytes) -> RoomImportAnswer:
    """Imports the good rows of a CSV file, updating rooms already registered under (name, address)."""
    require_regulator(caller)
    good, errors = parse_rooms_csv(data)
    created = updated = unchanged = 0
    try:
        async with UnitOfWork(res) as uow:
            existing = await repository.rooms_by_name_and_address(
                (row.room.name, row.room.address) for row in good
            )
            new_rooms: list[NursingRoom] = []
            changed_rooms: list[NursingRoom] = []
            now = now_local()
            for row in good:
                values = row.room.model_dump(mode="json")
                room = existing.get((row.room.name, row.room.address))
                if room is None:
                    new_rooms.append(repository.new_room({**values, "created_at": now, "updated_at": now}))
                    continue
                if all(getattr(room, name) == values[name] for name in UPDATED_FIELDS):
                    unchanged += 1
                    continue
                for name in UPDATED_FIELDS:
                    setattr(room, name, values[name])
                room.updated_at = now
                changed_rooms.append(room)
            await repository.add_and_update_rooms(new_rooms, changed_rooms, UPDATED_FIELDS)
            created, updated = len(new_rooms), len(changed_rooms)
            for room in (*new_rooms, *changed_rooms):
                uow.index_room(str(room.id))
            await audit.record(
                caller,
                "nursing_room.import",
                "nursing_room",
                "import",
                details={
                    "created": created,
                    "updated": updated,
                    "unchanged": unchanged,
                    "bad_lines": [error.line for error in errors][:100],
                },
            )
    except DuplicateRoom as exc:
        # Someone registered one of these rooms between our read and our write; a retry updates it.
        raise Conflict("A room in the file was registered meanwhile; import the file again.") from exc
    return RoomImportAnswer(created=created, updated=updated, unchanged=unchanged, errors=errors)
