"""A national-scale data set, made deterministically from a seed.

126,000 facilities (the 2025 national count) and 50,000 mother-and-baby rooms around 300 city
centres. The big cities are real (their centres and a weight for their size); the rest are drawn
over the populated south-east of the Heihe-Tengchong line (胡焕庸线). Each point lies at a normal
distance from its centre with a sigma of 5 to 15 km (bigger for bigger cities), which puts a few
hundred facilities within 5 km of a city's centre, as in a real Chinese city.
"""

from __future__ import annotations

import math
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from backend.context import Resources
from backend.models import Facility, FacilityClass, NursingRoom
from backend.rules import VenueType
from backend.validators import credit_code_check_char
from bench.bulk import insert_rows

KM_PER_DEGREE_LAT = 111.32
DEFAULT_SEED = 20251126

# (name, lat, lng, relative size): the largest cities by urban population, roughly.
MAJOR_CITIES: tuple[tuple[str, float, float, float], ...] = (
    ("上海", 31.230, 121.474, 24.9),
    ("北京", 39.904, 116.407, 21.9),
    ("重庆", 29.563, 106.551, 16.0),
    ("广州", 23.129, 113.264, 18.8),
    ("深圳", 22.543, 114.058, 17.7),
    ("成都", 30.660, 104.066, 16.3),
    ("天津", 39.125, 117.191, 13.9),
    ("武汉", 30.593, 114.305, 13.7),
    ("西安", 34.341, 108.940, 13.0),
    ("杭州", 30.274, 120.155, 12.4),
    ("南京", 32.060, 118.797, 9.5),
    ("郑州", 34.747, 113.625, 12.8),
    ("长沙", 28.228, 112.939, 10.4),
    ("东莞", 23.021, 113.752, 10.5),
    ("沈阳", 41.805, 123.432, 9.1),
    ("青岛", 36.067, 120.383, 10.3),
    ("合肥", 31.821, 117.227, 9.6),
    ("佛山", 23.022, 113.122, 9.6),
    ("济南", 36.651, 117.120, 9.4),
    ("苏州", 31.299, 120.585, 12.9),
    ("哈尔滨", 45.803, 126.535, 9.9),
    ("昆明", 25.038, 102.718, 8.6),
    ("大连", 38.914, 121.615, 7.5),
    ("厦门", 24.480, 118.089, 5.3),
    ("福州", 26.074, 119.296, 8.4),
    ("南宁", 22.817, 108.366, 8.9),
    ("长春", 43.817, 125.324, 9.1),
    ("石家庄", 38.042, 114.515, 11.2),
    ("太原", 37.870, 112.549, 5.4),
    ("贵阳", 26.647, 106.630, 6.0),
    ("南昌", 28.682, 115.858, 6.5),
    ("宁波", 29.868, 121.544, 9.6),
    ("无锡", 31.491, 120.312, 7.5),
    ("温州", 27.994, 120.699, 9.7),
    ("兰州", 36.061, 103.834, 4.4),
    ("乌鲁木齐", 43.825, 87.617, 4.1),
    ("呼和浩特", 40.842, 111.749, 3.5),
    ("海口", 20.044, 110.199, 2.9),
    ("烟台", 37.464, 121.448, 7.1),
    ("威海", 37.513, 122.120, 2.9),
)


@dataclass(frozen=True)
class Centre:
    name: str
    lat: float
    lng: float
    weight: float
    sigma_km: float


@dataclass(frozen=True)
class NationalScale:
    facilities: int = 126_000
    rooms: int = 50_000
    centres: int = 300
    seed: int = DEFAULT_SEED


def _east_of_hu_line(lat: float, lng: float) -> bool:
    # The Heihe (50.25N 127.5E) - Tengchong (25.0N 98.5E) line: ~94 % of the people live south-east of it.
    line_lng = 98.5 + (lat - 25.0) * (127.5 - 98.5) / (50.25 - 25.0)
    return lng > line_lng


def _on_land(lat: float, lng: float) -> bool:
    # A coarse coastline, enough to keep made-up cities out of the Yellow and East China Seas.
    if lat < 21.5:
        return 108.0 <= lng <= 111.0 and lat >= 18.3  # Hainan and the Leizhou peninsula
    if lat < 25.0:
        return lng <= 117.5 + (lat - 21.5) * 0.6
    if lat < 31.0:
        return lng <= 120.0 + (lat - 25.0) * 0.25
    if lat < 35.0:
        return lng <= 120.8
    if lat < 38.0:
        return lng <= 122.2 and not (lng > 119.0 and lat > 37.6)  # Shandong, not the Bohai
    if lat < 41.0:
        return lng <= 119.5 or (lng >= 121.0 and lat >= 38.8 and lng <= 124.0)
    return lng <= 131.0 and lat <= 48.0


def make_centres(count: int, rng: random.Random) -> list[Centre]:
    centres: list[Centre] = []
    for name, lat, lng, size in MAJOR_CITIES[:count]:
        centres.append(Centre(name, lat, lng, size, sigma_km=min(15.0, 8.0 + size * 0.3)))
    serial = 1
    while len(centres) < count:
        lat = rng.uniform(20.0, 47.0)
        lng = rng.uniform(100.0, 131.0)
        if not (_east_of_hu_line(lat, lng) and _on_land(lat, lng)):
            continue
        # Prefecture-level cities: a long tail of sizes, none as large as the majors.
        size = min(6.0, rng.lognormvariate(0.6, 0.5))
        centres.append(Centre(f"城市{serial:03d}", lat, lng, size, sigma_km=5.0 + size * 1.2))
        serial += 1
    return centres


def point_near(centre: Centre, rng: random.Random, sigma_scale: float = 1.0) -> tuple[float, float]:
    sigma = centre.sigma_km * sigma_scale
    north_km = rng.gauss(0.0, sigma)
    east_km = rng.gauss(0.0, sigma)
    lat = centre.lat + north_km / KM_PER_DEGREE_LAT
    lng = centre.lng + east_km / (KM_PER_DEGREE_LAT * math.cos(math.radians(centre.lat)))
    return round(lat, 6), round(lng, 6)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _credit_code(serial: int) -> str:
    # 9 = registered by the market regulator, 1 = enterprise, then a made-up area and serial.
    body = f"91{110000 + serial % 890000:06d}{serial:09d}"
    return body + credit_code_check_char(body)


NATURES = ("public", "private_nonprofit", "private_for_profit", "employer", "kindergarten", "family")
NATURE_WEIGHTS = (0.12, 0.33, 0.30, 0.05, 0.12, 0.08)
CARE_TYPE_SETS = (
    ["full_day", "half_day"],
    ["full_day", "half_day", "hourly"],
    ["full_day", "half_day", "hourly", "temporary"],
    ["full_day"],
    ["hourly", "temporary"],
)
CARE_TYPE_WEIGHTS = (0.35, 0.25, 0.25, 0.10, 0.05)
# The venue types the API takes (a room of another type would be refused, and unreadable).
VENUES = tuple(VenueType)
AMENITIES = ("changing_table", "sink_hot_water", "power_outlet", "call_button", "lockable_door", "seat")


def _classes_for(
    facility_id: uuid.UUID, nature: str, age_min: int, rng: random.Random
) -> list[dict[str, Any]]:
    if nature == "family":
        return [dict(facility_id=facility_id, kind="family", name="家庭托育点", places=5, caregivers=2)]
    classes = []
    if age_min <= 11:
        classes.append(("infant", "乳儿班", rng.randint(6, 10), 3))
    if age_min <= 23:
        classes.append(("toddler", "托小班", rng.randint(10, 15), 3))
    classes.append(("preschool", "托大班", rng.randint(12, 20), 3))
    if rng.random() < 0.2:
        classes.append(("mixed", "混合班", rng.randint(10, 18), 3))
    return [
        dict(facility_id=facility_id, kind=kind, name=name, places=places, caregivers=caregivers)
        for kind, name, places, caregivers in classes
    ]


def facility_rows(
    scale: NationalScale, centres: list[Centre]
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    rng = random.Random(scale.seed * 31 + 1)
    weights = [c.weight for c in centres]
    for serial in range(scale.facilities):
        centre = rng.choices(centres, weights)[0]
        lat, lng = point_near(centre, rng)
        facility_id = _uuid(rng)
        nature = rng.choices(NATURES, NATURE_WEIGHTS)[0]
        age_min = 6 if nature == "family" else rng.choice((6, 6, 12, 12, 24))
        care_types = rng.choices(CARE_TYPE_SETS, CARE_TYPE_WEIGHTS)[0]
        day_price = rng.randrange(8000, 30000, 500)
        prices = {
            "full_day": day_price,
            "half_day": day_price * 6 // 10,
            "hourly": rng.randrange(2000, 6000, 500),
            "temporary": day_price * 12 // 10,
        }
        filed = rng.random() < 0.9
        facility = dict(
            id=facility_id,
            name=f"{centre.name}第{serial + 1}托育园"[:100],
            credit_code=_credit_code(serial),
            address=f"{centre.name}市示范路{rng.randint(1, 999)}号",
            town=f"{centre.name}街道{rng.randint(1, 30)}",
            lat=lat,
            lng=lng,
            phone=f"0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}",
            nature=nature,
            inclusive=nature in ("public", "private_nonprofit") or rng.random() < 0.3,
            age_min_months=age_min,
            age_max_months=36,
            filing_status="filed" if filed else "unfiled",
            filing_number=f"卫托备〔2025〕{serial + 1}号" if filed else None,
            suspended=rng.random() < 0.01,
            care_types=list(care_types),
            prices={k: prices[k] for k in care_types},
            open_weekdays=[1, 2, 3, 4, 5] if rng.random() < 0.7 else [1, 2, 3, 4, 5, 6],
            auto_confirm=rng.random() < 0.5,
        )
        yield facility, _classes_for(facility_id, nature, age_min, rng)


def room_rows(scale: NationalScale, centres: list[Centre]) -> Iterator[dict[str, Any]]:
    rng = random.Random(scale.seed * 31 + 2)
    weights = [c.weight for c in centres]
    for serial in range(scale.rooms):
        centre = rng.choices(centres, weights)[0]
        lat, lng = point_near(centre, rng)
        venue = rng.choice(VENUES)
        yield dict(
            id=_uuid(rng),
            name=f"{centre.name}母婴室{serial + 1}",
            address=f"{centre.name}市{venue}{rng.randint(1, 500)}号",
            town=f"{centre.name}街道{rng.randint(1, 30)}",
            venue_type=venue,
            floor=f"{rng.randint(1, 6)}F",
            opening_hours="09:00-21:00",
            amenities=sorted(rng.sample(AMENITIES, rng.randint(3, len(AMENITIES)))),
            lat=lat,
            lng=lng,
        )


@dataclass
class LoadedDataset:
    name: str
    centres: list[Centre]
    facilities: int
    classes: int
    rooms: int
    seconds: float


def _progress(what: str, expected: int) -> Callable[[int], None]:
    """Prints how far a long load is (stderr, one line per chunk), so minutes of it show movement."""

    def report(done: int) -> None:
        print(f"national load: {what} {done:,}/{expected:,}", file=sys.stderr, flush=True)

    return report


async def load_national(res: Resources | None, scale: NationalScale, chunk: int = 2000) -> LoadedDataset:
    """Bulk-inserts the data set in chunks, straight into the database."""
    started = time.perf_counter()
    centres = make_centres(scale.centres, random.Random(scale.seed))
    facilities: list[dict[str, Any]] = []
    classes: list[dict[str, Any]] = []
    for facility, its_classes in facility_rows(scale, centres):
        facilities.append(facility)
        classes.extend(its_classes)
    facility_count = await insert_rows(
        Facility, facilities, chunk, progress=_progress("facilities", len(facilities))
    )
    class_count = await insert_rows(
        FacilityClass, classes, chunk, progress=_progress("classes", len(classes))
    )
    room_count = await insert_rows(
        NursingRoom, room_rows(scale, centres), chunk, progress=_progress("rooms", scale.rooms)
    )
    return LoadedDataset(
        name="national",
        centres=centres,
        facilities=facility_count,
        classes=class_count,
        rooms=room_count,
        seconds=time.perf_counter() - started,
    )


def query_points(centres: list[Centre], count: int, seed: int) -> list[tuple[float, float]]:
    """Where people search from: near the centres, weighted like the facilities (people live there)."""
    rng = random.Random(seed)
    weights = [c.weight for c in centres]
    return [point_near(rng.choices(centres, weights)[0], rng, sigma_scale=0.8) for _ in range(count)]


def upcoming_open_days(start: date, count: int) -> list[date]:
    """The next weekdays that are working days on the State Council calendar, from start on."""
    from datetime import timedelta

    from backend.calendar import is_statutory_open_day

    days: list[date] = []
    day = start
    while len(days) < count:
        if is_statutory_open_day(day, (1, 2, 3, 4, 5)):
            days.append(day)
        day += timedelta(days=1)
    return days
