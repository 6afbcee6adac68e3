"""Invariants of the demo data set: what loading it must never trip over, and what the demo must show.

The checks are written out here rather than borrowed from the validators, so a bug in a validator
and the same bug in the data can't agree with each other.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from backend.nursing_rooms.admin import RoomIn
from backend.seed.demo_data import data_dir, demo_data
from backend.seed.schemas import FacilitySeed, PoliciesFile

# The day the demo is dated; record checks are "overdue" relative to it.
REFERENCE_DATE = date(2026, 11, 29)
# The plan as the project received it, when the shared folder is beside the checkout.
SHARED_SEED_FILE = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "000_21bd9dcca370e61d.txt"
# The facilities as the data file holds them: the checks below read the data, not the models.
DATA = json.loads(data_dir().joinpath("facilities.json").read_text(encoding="utf-8"))
TOWNS: list[str] = DATA["towns"]
FACILITIES: list[dict] = DATA["facilities"]
NURSING_ROOMS: list[dict] = [room.model_dump(mode="json") for room in demo_data().rooms]
POLICIES: list[dict] = [policy.model_dump(mode="json") for policy in demo_data().policies]
SEED_ARTICLE_COUNT = demo_data().plan_articles
SEED_ISSUER = "威海市环翠区人民政府办公室"
SEED_PUBLISHED_AT = "2022-04-30"
# How many numbered measures (1. to 19.) the plan has.
SEED_MEASURE_COUNT = 19
VENUE_TYPES = ["station", "hospital", "mall", "service_hall", "employer", "scenic", "other"]
# The six fittings the 2016 guidance asks of every room; fridge and sofa are extras.
REQUIRED_AMENITIES = [
    "changing_table",
    "sink_hot_water",
    "power_outlet",
    "call_button",
    "lockable_door",
    "seat",
]
AMENITIES = [*REQUIRED_AMENITIES, "fridge", "sofa"]

EXPECTED_TOWNS = {
    "羊亭镇",
    "竹岛街道",
    "温泉镇",
    "嵩山街道",
    "张村镇",
    "鲸园街道",
    "环翠楼街道",
    "桥头镇",
    "孙家疃街道",
    "里口山",
    "环翠北海旅游度假区",
}
URBAN_STREETS = {"竹岛街道", "鲸园街道", "环翠楼街道", "嵩山街道"}
NATURES = {"public", "private_nonprofit", "private_for_profit", "employer", "kindergarten", "family"}
CARE_TYPES = {"full_day", "half_day", "hourly", "temporary"}
ROLES = {"director", "caregiver", "health", "cook", "security"}

# 托育机构设置标准（试行）2019 and 家庭托育点管理办法（试行）2023: age range in whole months,
# maximum class size, children per caregiver (mixed: the district default).
CLASS_RULES: dict[str, tuple[int, int, int, int]] = {
    "infant": (6, 11, 10, 3),
    "toddler": (12, 23, 15, 5),
    "preschool": (24, 36, 20, 7),
    "mixed": (18, 36, 18, 5),
    "family": (6, 36, 5, 3),
}

# Huancui District with a margin; anything outside is a typo in a coordinate.
LAT_RANGE = (37.25, 37.60)
LNG_RANGE = (121.85, 122.30)
URBAN_CORE = (37.5131, 122.1201)

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

SEED_ARTICLES = POLICIES[:SEED_ARTICLE_COUNT]
CITED_ARTICLES = POLICIES[SEED_ARTICLE_COUNT:]


def credit_code_valid(code: str) -> bool:
    # GB 32100-2015: 31 symbols, check = 31 - (weighted sum mod 31), where 31 wraps to "0".
    if len(code) != 18 or any(c not in CREDIT_ALPHABET for c in code):
        return False
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(code[:17], CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31] == code[17]


def id_number_valid(number: str) -> bool:
    # GB 11643-1999: 17 digits, then the check character indexed by weighted sum mod 11.
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11] == number[17]


def minutes(hhmm: str) -> int:
    hours, mins = hhmm.split(":")
    return int(hours) * 60 + int(mins)


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    # Equirectangular is plenty at district scale.
    x = math.radians(lng2 - lng1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000 * math.hypot(x, y)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def filed(facility: dict) -> bool:
    return facility["filing_status"] == "filed"


# --- the check functions themselves -------------------------------------------------------------


def test_check_functions_accept_the_standards_examples() -> None:
    assert credit_code_valid("91350100M000100Y43")
    assert id_number_valid("11010519491231002X")


@given(st.integers(0, 16), st.sampled_from(CREDIT_ALPHABET))
def test_credit_check_catches_any_single_substitution(position: int, replacement: str) -> None:
    code = FACILITIES[position % len(FACILITIES)]["credit_code"]
    mutated = code[:position] + replacement + code[position + 1 :]
    # A weighted mod-31 check with weights coprime to 31 catches every single substitution.
    assert credit_code_valid(mutated) == (mutated == code)


@given(st.integers(0, 16), st.sampled_from("0123456789"))
def test_id_check_catches_any_single_substitution(position: int, replacement: str) -> None:
    number = FACILITIES[0]["staff"][position % len(FACILITIES[0]["staff"])]["id_number"]
    mutated = number[:position] + replacement + number[position + 1 :]
    assert id_number_valid(mutated) == (mutated == number)


# --- facilities -----------------------------------------------------------------------------------


def test_facility_count_and_towns() -> None:
    assert len(FACILITIES) >= 44
    assert set(TOWNS) == EXPECTED_TOWNS
    per_town = Counter(f["town"] for f in FACILITIES)
    assert set(per_town) == EXPECTED_TOWNS
    assert all(count >= 3 for count in per_town.values()), per_town
    rural_max = max(count for town, count in per_town.items() if town not in URBAN_STREETS)
    assert all(per_town[street] > rural_max for street in URBAN_STREETS), per_town


def test_facility_coordinates_inside_district() -> None:
    for f in FACILITIES:
        assert LAT_RANGE[0] <= f["lat"] <= LAT_RANGE[1], f["name"]
        assert LNG_RANGE[0] <= f["lng"] <= LNG_RANGE[1], f["name"]
    assert len({(f["lat"], f["lng"]) for f in FACILITIES}) == len(FACILITIES)


def test_facility_identifiers_unique() -> None:
    for key in ("name", "credit_code", "admin_username", "phone"):
        values = [f[key] for f in FACILITIES]
        assert len(set(values)) == len(values), key
    assert all(re.fullmatch(r"fac\d{2}", f["admin_username"]) for f in FACILITIES)
    assert all(re.fullmatch(r"0631-5\d{6}", f["phone"]) for f in FACILITIES)
    assert all(f["address"].startswith("威海市环翠区") for f in FACILITIES)


def test_credit_codes_valid_and_local() -> None:
    for f in FACILITIES:
        code = f["credit_code"]
        assert credit_code_valid(code), (f["name"], code)
        # Registered in 环翠区 (administrative division 371002).
        assert code[2:8] == "371002", code
        assert code[:2] in {"12", "52", "91", "92"}, code


def test_natures_mixed() -> None:
    natures = Counter(f["nature"] for f in FACILITIES)
    assert set(natures) == NATURES
    assert all(count >= 3 for count in natures.values()), natures


def test_filing_and_demonstration() -> None:
    demos = [f for f in FACILITIES if f["demonstration"]]
    assert len(demos) == 1
    assert filed(demos[0]) and demos[0]["nature"] in {"public", "private_nonprofit"}
    unfiled = [f for f in FACILITIES if not filed(f)]
    assert 3 <= len(unfiled) <= 4
    for f in FACILITIES:
        assert f["filing_status"] in {"filed", "unfiled"}
        assert (f["filing_number"] is not None) == filed(f), f["name"]
    numbers = [f["filing_number"] for f in FACILITIES if f["filing_number"]]
    assert len(set(numbers)) == len(numbers)
    assert all(re.fullmatch(r"环卫托备〔20\d\d〕\d{3}号", n) for n in numbers)


def test_inclusive_and_market_both_present_and_priced_apart() -> None:
    inclusive = [f for f in FACILITIES if f["inclusive"]]
    market = [f for f in FACILITIES if not f["inclusive"]]
    assert 0.35 <= len(inclusive) / len(FACILITIES) <= 0.65
    inclusive_full = [f["prices"]["full_day"] for f in inclusive if "full_day" in f["prices"]]
    market_full = [f["prices"]["full_day"] for f in market if "full_day" in f["prices"]]
    assert market_full and inclusive_full
    assert max(inclusive_full) < min(market_full)


def test_care_types_and_prices() -> None:
    for f in FACILITIES:
        assert f["care_types"], f["name"]
        assert set(f["care_types"]) <= CARE_TYPES
        assert len(set(f["care_types"])) == len(f["care_types"])
        assert set(f["prices"]) == set(f["care_types"]), f["name"]
        assert all(isinstance(p, int) and p > 0 for p in f["prices"].values())
        if "hourly" in f["prices"] and "full_day" in f["prices"]:
            assert f["prices"]["hourly"] < f["prices"]["full_day"]
        if "half_day" in f["prices"] and "full_day" in f["prices"]:
            assert f["prices"]["half_day"] < f["prices"]["full_day"]
    for care_type in CARE_TYPES:
        offering = [f for f in FACILITIES if filed(f) and care_type in f["care_types"]]
        assert len(offering) >= 8, care_type


def test_hours_weekdays_and_booking_settings() -> None:
    for f in FACILITIES:
        full, am, pm = f["full_day_hours"], f["am_hours"], f["pm_hours"]
        for hours in (full, am, pm):
            assert re.fullmatch(r"\d\d:00", hours["start"]) and re.fullmatch(r"\d\d:00", hours["end"])
            assert minutes(hours["start"]) < minutes(hours["end"])
        assert minutes(full["start"]) <= minutes(am["start"])
        assert minutes(am["end"]) <= minutes(pm["start"])
        assert minutes(pm["end"]) <= minutes(full["end"])
        weekdays = f["open_weekdays"]
        assert weekdays and weekdays == sorted(set(weekdays)) and set(weekdays) <= set(range(1, 8))
        assert 2 <= f["cancel_before_hours"] <= 24
        assert isinstance(f["auto_confirm"], bool)
    assert any(f["open_weekdays"] == [1, 2, 3, 4, 5, 6] for f in FACILITIES)
    assert any(f["full_day_hours"] == {"start": "07:00", "end": "18:00"} for f in FACILITIES)
    assert {f["auto_confirm"] for f in FACILITIES} == {True, False}


def test_classes_within_national_rules() -> None:
    for f in FACILITIES:
        lo, hi = f["age_min_months"], f["age_max_months"]
        assert lo in {6, 12, 18, 24} and hi == 36, f["name"]
        assert f["classes"], f["name"]
        covered: set[int] = set()
        for c in f["classes"]:
            min_age, max_age, max_size, per_caregiver = CLASS_RULES[c["kind"]]
            assert 1 <= c["places"] <= max_size, (f["name"], c)
            assert c["caregivers"] * per_caregiver >= c["places"], (f["name"], c)
            assert 1 <= len(c["name"]) <= 50
            # A class never takes a child the facility says it does not serve.
            assert lo <= min_age and max_age <= hi, (f["name"], c)
            covered |= set(range(min_age, max_age + 1))
        # ... and every age the facility serves has a class.
        assert set(range(lo, hi + 1)) <= covered, f["name"]
        if f["nature"] == "family":
            assert [c["kind"] for c in f["classes"]] == ["family"]
        else:
            assert all(c["kind"] != "family" for c in f["classes"])


def test_kindergarten_classes_are_2_to_3_year_olds_by_the_day_or_half_day() -> None:
    kindergartens = [f for f in FACILITIES if f["nature"] == "kindergarten"]
    for f in kindergartens:
        assert f["age_min_months"] == 24
        assert set(f["care_types"]) <= {"full_day", "half_day"}
        assert all(c["kind"] == "preschool" for c in f["classes"])


def test_staff_ids_roles_and_caregivers() -> None:
    all_ids: list[str] = []
    for f in FACILITIES:
        staff = f["staff"]
        roles = Counter(s["role"] for s in staff)
        assert set(roles) <= ROLES, f["name"]
        assert roles["director"] == 1, f["name"]
        assert roles["caregiver"] >= sum(c["caregivers"] for c in f["classes"]), f["name"]
        for s in staff:
            number = s["id_number"]
            assert id_number_valid(number), (f["name"], s["name"], number)
            assert number.startswith("3710"), number
            born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            assert date(1970, 1, 1) <= born <= date(2002, 12, 31), number
            assert 2 <= len(s["name"]) <= 4
            assert all(isinstance(cert, str) and cert for cert in s["certificates"])
            all_ids.append(number)
    assert len(set(all_ids)) == len(all_ids)


def test_record_checks_mostly_current_with_a_few_overdue() -> None:
    checks = [date.fromisoformat(s["last_record_check"]) for f in FACILITIES for s in f["staff"]]
    assert all(check <= REFERENCE_DATE for check in checks)
    overdue = [check for check in checks if (REFERENCE_DATE - check).days > 365]
    assert 2 <= len(overdue) <= 3


def test_disclosure_complete() -> None:
    for f in FACILITIES:
        assert set(f["disclosure"]) == {"fees", "care", "meals", "health_care", "safety"}
        assert all(text.strip() for text in f["disclosure"].values()), f["name"]
        assert "周一" in f["disclosure"]["meals"] and "周五" in f["disclosure"]["meals"]
        assert f["description"].strip()


# --- mother-and-baby rooms ---------------------------------------------------------------------


def test_rooms_count_unique_and_placed() -> None:
    assert len(NURSING_ROOMS) >= 30
    keys = [(r["name"], r["address"]) for r in NURSING_ROOMS]
    assert len(set(keys)) == len(keys)
    assert len({r["name"] for r in NURSING_ROOMS}) == len(NURSING_ROOMS)
    assert len({(r["lat"], r["lng"]) for r in NURSING_ROOMS}) == len(NURSING_ROOMS)
    for r in NURSING_ROOMS:
        assert LAT_RANGE[0] <= r["lat"] <= LAT_RANGE[1], r["name"]
        assert LNG_RANGE[0] <= r["lng"] <= LNG_RANGE[1], r["name"]
        assert r["town"] in EXPECTED_TOWNS
        assert r["venue_type"] in VENUE_TYPES
        assert r["floor"] and r["opening_hours"]
        assert set(r["amenities"]) <= set(AMENITIES) and len(set(r["amenities"])) == len(r["amenities"])
    assert {r["town"] for r in NURSING_ROOMS} == EXPECTED_TOWNS
    assert set(VENUE_TYPES) - {r["venue_type"] for r in NURSING_ROOMS} <= {"other"}


def test_most_rooms_have_the_required_fittings() -> None:
    complete = [r for r in NURSING_ROOMS if set(REQUIRED_AMENITIES) <= set(r["amenities"])]
    assert len(complete) >= 0.75 * len(NURSING_ROOMS)
    assert len(complete) < len(NURSING_ROOMS)  # a few gaps, so the amenity filter has work to do


def test_several_rooms_near_the_urban_core() -> None:
    near = [r for r in NURSING_ROOMS if distance_m(*URBAN_CORE, r["lat"], r["lng"]) <= 1000]
    assert len(near) >= 5


# --- policies ----------------------------------------------------------------------------------


def test_policy_fields() -> None:
    titles = [p["title"] for p in POLICIES]
    assert len(set(titles)) == len(titles)
    for p in POLICIES:
        date.fromisoformat(p["published_at"])
        assert p["title"] and p["issuer"] and p["summary"] and p["body"]
        assert p["tags"] and all(1 <= len(tag) <= 6 for tag in p["tags"])
        assert len(p["title"]) <= 200 and len(p["doc_number"]) <= 100 and len(p["issuer"]) <= 100


def test_seed_articles_carry_the_plans_issuer_and_date() -> None:
    assert SEED_ARTICLE_COUNT >= SEED_MEASURE_COUNT + 2
    for p in SEED_ARTICLES:
        assert p["issuer"] == SEED_ISSUER
        assert p["published_at"] == SEED_PUBLISHED_AT
        assert "（摘要）" not in p["body"]


def measure_articles() -> dict[int, dict]:
    found: dict[int, dict] = {}
    for p in SEED_ARTICLES:
        # A measure opens a line with "N." and its heading ends in "。"; the attachment list's
        # "2.促进…职责分工" has no full stop, so it does not count.
        for match in re.finditer(r"^(\d+)\.[^。\n]+。", p["body"], re.M):
            number = int(match.group(1))
            assert number not in found, f"measure {number} in two articles"
            found[number] = p
    return found


def test_every_numbered_measure_is_its_own_article() -> None:
    found = measure_articles()
    assert sorted(found) == list(range(1, SEED_MEASURE_COUNT + 1))
    assert len({id(p) for p in found.values()}) == SEED_MEASURE_COUNT
    for number, p in found.items():
        assert "责任单位" in p["body"], number
        heading = re.search(rf"^{number}\.(.+?)。", p["body"], re.M)
        assert heading and heading.group(1) in p["title"], number
        assert p["summary"] in p["body"]


def test_overall_requirements_and_organisation_sections_are_articles() -> None:
    assert any(p["body"].startswith("一、总体要求") for p in SEED_ARTICLES)
    for section in ("（一）加强组织领导", "（二）加强部门协作", "（三）加强宣传引导"):
        assert sum(section in p["body"] for p in SEED_ARTICLES) == 1, section


def test_measures_are_tagged_for_the_bots_questions() -> None:
    found = measure_articles()
    tax = [p for p in SEED_ARTICLES if "税费优惠" in p["body"] and {"税费", "优惠"} <= set(p["tags"])]
    assert tax
    assert "产假" in found[1]["tags"]
    assert any("母婴室" in p["tags"] for p in found.values())
    assert any("补贴" in p["tags"] for p in POLICIES)


def test_demo_data_loads_in_full() -> None:
    # The README and the other tests rely on these counts.
    data = demo_data()
    assert len(data.facilities) == 46 and len(set(data.towns)) == 11
    assert len(data.rooms) == 40
    assert len(data.policies) == 39 and data.plan_articles == 26


@pytest.mark.skipif(not SHARED_SEED_FILE.exists(), reason="shared/seed is not beside the checkout")
def test_the_shipped_plan_is_the_plan_as_received() -> None:
    shipped = data_dir().joinpath("huancui_plan.txt").read_text(encoding="utf-8")
    assert shipped == SHARED_SEED_FILE.read_text(encoding="utf-8")


def test_seed_plan_is_in_the_articles_in_full() -> None:
    seed = data_dir().joinpath("huancui_plan.txt").read_text(encoding="utf-8")
    # Only whitespace may differ: the page breaks of the source were rejoined.
    assert squash("".join(p["body"] for p in SEED_ARTICLES)) == squash(seed)
    # Measure headings end in "。"; the attachment list's "1." and "2." lines don't.
    numbers = [int(n) for n in re.findall(r"^(\d+)\.[^。\n]+。", seed, re.M)]
    assert numbers == list(range(1, SEED_MEASURE_COUNT + 1))


def test_cited_documents_present_and_marked_as_summaries() -> None:
    by_number = Counter(p["doc_number"] for p in CITED_ARTICLES)
    for number in (
        "国办发〔2019〕15号",
        "鲁政办发〔2020〕9号",
        "威政办发〔2021〕2号",
        "国发〔2022〕8号",
        "国卫指导发〔2016〕63号",
    ):
        assert by_number[number] == 1, number
    # 托育机构设置标准 and 托育机构管理规范 came out under one notice.
    assert by_number["国卫人口发〔2019〕58号"] == 2
    titles = " ".join(p["title"] for p in CITED_ARTICLES)
    for name in (
        "家庭托育点管理办法",
        "母婴设施",
        "育儿补贴制度实施方案",
        "托育机构设置标准",
        "托育机构管理规范",
    ):
        assert name in titles, name
    for p in CITED_ARTICLES:
        assert p["body"].startswith("（摘要）"), p["title"]
    subsidy = next(p for p in CITED_ARTICLES if "育儿补贴" in p["title"])
    assert "3600元" in subsidy["summary"] and "补贴" in subsidy["tags"]
    tax = next(p for p in CITED_ARTICLES if p["doc_number"] == "国发〔2022〕8号")
    assert "每月2000元" in tax["summary"] + tax["body"] and {"税费", "优惠"} <= set(tax["tags"])


# --- the files are checked by the API's models on load -------------------------------------------


def test_a_facility_the_api_would_refuse_is_refused_by_the_loader() -> None:
    record = json.loads(json.dumps(FACILITIES[0]))
    record["prices"]["weekly"] = 100
    with pytest.raises(ValidationError) as refused:
        FacilitySeed.from_record(record)
    assert [error["loc"][:2] for error in refused.value.errors()] == [("profile", "prices")]


def test_a_facility_without_its_whole_profile_is_refused() -> None:
    record = dict(FACILITIES[0])
    del record["open_weekdays"]
    with pytest.raises(ValidationError, match="the profile lacks open_weekdays"):
        FacilitySeed.from_record(record)


def test_a_room_or_policy_the_api_would_refuse_is_refused() -> None:
    with pytest.raises(ValidationError):
        RoomIn.model_validate({**NURSING_ROOMS[0], "venue_type": "moon"})
    plan = PoliciesFile.model_validate(
        json.loads(data_dir().joinpath("policies.json").read_text(encoding="utf-8"))
    ).district_plan
    missing = plan.model_copy(
        update={
            "articles": [
                *plan.articles[:1],
                plan.articles[0].model_copy(update={"starts_with": "不在方案里的话"}),
            ]
        }
    )
    with pytest.raises(ValueError, match="is not in the plan"):
        missing.policies(data_dir().joinpath(plan.source).read_text(encoding="utf-8"))
