"""What the geo index keeps for each point: the member (id plus the fields search filters and
orders on) and the card (the search result's JSON, lacking its closing brace so the search script
can append distance_m and available). The search script in backend/geo/scripts.py reads both."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from backend.labels import label, labelled
from backend.rules import CareType

# One bit per care type, in the order of the card's price slots.
CARE_ORDER: tuple[CareType, ...] = (
    CareType.full_day,
    CareType.half_day,
    CareType.hourly,
    CareType.temporary,
)
CARE_BITS: Mapping[str, int] = {care.value: 1 << slot for slot, care in enumerate(CARE_ORDER)}
PRICE_SLOTS: Mapping[str, int] = {care.value: slot + 1 for slot, care in enumerate(CARE_ORDER)}

# What the database columns of a facility must hold for its card.
FACILITY_CARD_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "address",
    "town",
    "lat",
    "lng",
    "care_types",
    "inclusive",
    "prices",
    "age_min_months",
    "age_max_months",
)
ROOM_CARD_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "address",
    "venue_type",
    "floor",
    "opening_hours",
    "amenities",
    "lat",
    "lng",
)

# Redis keeps points between these latitudes only (its GEO commands refuse the rest).
GEO_LAT_LIMIT = 85.05112878


def geo_point_ok(lat: Any, lng: Any) -> bool:
    return (
        isinstance(lat, int | float)
        and isinstance(lng, int | float)
        and -GEO_LAT_LIMIT <= lat <= GEO_LAT_LIMIT
        and -180 <= lng <= 180
    )


def _open_json(document: dict[str, Any]) -> str:
    # The object without its closing brace: the search script appends the per-query fields.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text[:-1]


def offered_care_types(row: Mapping[str, Any]) -> list[str]:
    raw = row.get("care_types") or []
    offered = {str(care) for care in raw if str(care) in CARE_BITS}
    return [care.value for care in CARE_ORDER if care.value in offered]


def offered_prices(row: Mapping[str, Any], care_types: list[str]) -> dict[str, int]:
    raw = row.get("prices") or {}
    if not isinstance(raw, Mapping):
        return {}
    return {
        care: int(raw[care])
        for care in care_types
        if isinstance(raw.get(care), int) and not isinstance(raw.get(care), bool) and raw[care] >= 0
    }


def facility_card_item(row: Mapping[str, Any]) -> dict[str, Any]:
    """The facility as a search result shows it, before distance and availability."""
    care_types = offered_care_types(row)
    return {
        "id": str(row["id"]),
        "name": row["name"],
        "address": row["address"],
        "town": row["town"],
        "lat": row["lat"],
        "lng": row["lng"],
        "care_types": care_types,
        "care_types_label": labelled("care_type", care_types),
        "inclusive": bool(row["inclusive"]),
        # Only filed, not suspended facilities are indexed, so every card is a filed one.
        "filed": True,
        "prices": offered_prices(row, care_types),
        "age_min_months": int(row["age_min_months"]),
        "age_max_months": int(row["age_max_months"]),
    }


# The member's filter fields are single characters, each this plus a small number (0-78), so the
# search script reads them with string.byte instead of parsing text.
SMALL_NUMBER_BASE = 48
SMALL_NUMBER_MAX = 126 - SMALL_NUMBER_BASE


def _small(number: int) -> str:
    return chr(SMALL_NUMBER_BASE + min(max(number, 0), SMALL_NUMBER_MAX))


def facility_member(row: Mapping[str, Any]) -> str:
    """The facility's member in the GEO sets: its id and what search filters and orders on.

    `id|` + four characters (care-type mask, inclusive, age_min, age_max, each SMALL_NUMBER_BASE +
    the number) + `|p_full|p_half|p_hourly|p_temp` (fen, -1 when not offered). GEOSEARCH hands
    these back with each hit, so the search script filters without reading anything else.
    """
    item = facility_card_item(row)
    mask = sum(CARE_BITS[care] for care in item["care_types"])
    prices = [item["prices"].get(care.value, -1) for care in CARE_ORDER]
    small = [mask, 1 if item["inclusive"] else 0, item["age_min_months"], item["age_max_months"]]
    return f"{item['id']}|{''.join(_small(number) for number in small)}|" + "|".join(str(p) for p in prices)


def facility_card(row: Mapping[str, Any]) -> str:
    """The facility as a search result shows it, as a JSON object lacking its closing brace."""
    return _open_json(facility_card_item(row))


def room_card(row: Mapping[str, Any]) -> str:
    amenities = row.get("amenities") or []
    shown_amenities = [str(item) for item in amenities] if isinstance(amenities, list) else []
    return _open_json(
        {
            "id": str(row["id"]),
            "name": row["name"],
            "address": row["address"],
            "venue_type": row["venue_type"],
            "venue_type_label": label("venue_type", row["venue_type"]),
            "floor": row["floor"],
            "opening_hours": row["opening_hours"],
            "amenities": shown_amenities,
            "amenities_label": labelled("amenity", shown_amenities),
            "lat": row["lat"],
            "lng": row["lng"],
        }
    )
