"""Reads the Huancui demo data from backend/seed/data/ and checks it with the API's own models.

The files ship as package data, so an installed package finds them too. A record that the API
would refuse stops the load with the file and the record named.

- facilities.json: the towns, and each facility as one flat record with its classes and staff
  (invented: names, people and numbers are made up; credit codes and ID numbers carry valid check
  characters, nothing more; GCJ-02 coordinates; prices in integer fen);
- rooms.csv: mother-and-baby rooms, the bureau's import columns plus the town;
- policies.json: the district plan cut into articles (bodies from huancui_plan.txt) and summaries
  of the documents it cites;
- huancui_plan.txt: the plan as published.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from pydantic import ValidationError

from backend.nursing_rooms.admin import RoomIn
from backend.nursing_rooms.csv_import import AMENITY_SEPARATOR
from backend.policies.admin import PolicyIn
from backend.seed.schemas import FacilitiesFile, FacilitySeed, PoliciesFile

FACILITIES_FILE = "facilities.json"
ROOMS_FILE = "rooms.csv"
POLICIES_FILE = "policies.json"


class DemoDataError(ValueError):
    """A data file the API's models refuse."""


@dataclass(frozen=True)
class DemoData:
    towns: tuple[str, ...]
    facilities: tuple[FacilitySeed, ...]
    rooms: tuple[RoomIn, ...]
    # The district plan's articles first, then the cited documents.
    policies: tuple[PolicyIn, ...]
    plan_articles: int


def data_dir() -> Traversable:
    return files("backend.seed").joinpath("data")


def _read(name: str) -> str:
    return data_dir().joinpath(name).read_text(encoding="utf-8")


def _json(name: str) -> Any:
    try:
        return json.loads(_read(name))
    except json.JSONDecodeError as exc:
        raise DemoDataError(f"{name}: not JSON: {exc}") from exc


def _facilities() -> tuple[tuple[str, ...], tuple[FacilitySeed, ...]]:
    try:
        document = FacilitiesFile.model_validate(_json(FACILITIES_FILE))
    except ValidationError as exc:
        raise DemoDataError(f"{FACILITIES_FILE}: {exc}") from exc
    towns = tuple(document.towns)
    facilities: list[FacilitySeed] = []
    for number, record in enumerate(document.facilities, start=1):
        where = f"{FACILITIES_FILE}, facility {number} ({record.get('name', '?')})"
        try:
            facility = FacilitySeed.from_record(record)
        except ValidationError as exc:
            raise DemoDataError(f"{where}: {exc}") from exc
        if facility.registration.town not in towns:
            raise DemoDataError(f"{where}: town {facility.registration.town} is not in the towns")
        facilities.append(facility)
    return towns, tuple(facilities)


def _rooms() -> tuple[RoomIn, ...]:
    reader = csv.DictReader(io.StringIO(_read(ROOMS_FILE), newline=""))
    rooms: list[RoomIn] = []
    for row in reader:
        amenities = [item for item in row.pop("amenities", "").split(AMENITY_SEPARATOR) if item]
        try:
            rooms.append(RoomIn.model_validate({**row, "amenities": amenities}))
        except ValidationError as exc:
            raise DemoDataError(f"{ROOMS_FILE}, line {reader.line_num}: {exc}") from exc
    return tuple(rooms)


def _policies() -> tuple[tuple[PolicyIn, ...], int]:
    try:
        document = PoliciesFile.model_validate(_json(POLICIES_FILE))
        plan = document.district_plan
        articles = plan.policies(_read(plan.source))
    except (ValidationError, ValueError) as exc:
        raise DemoDataError(f"{POLICIES_FILE}: {exc}") from exc
    return (*articles, *document.cited), len(articles)


@cache
def demo_data() -> DemoData:
    """The demo data, read and checked once per process."""
    towns, facilities = _facilities()
    policies, plan_articles = _policies()
    return DemoData(
        towns=towns, facilities=facilities, rooms=_rooms(), policies=policies, plan_articles=plan_articles
    )
