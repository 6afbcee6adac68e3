"""Finding facilities by name or address, without a location: the public list (`GET /facilities?q=`)
and the bureau's register (`q` on `GET /admin/facilities`).

The words of a Chinese query are cut with jieba (the policy search's tokenizer and dictionary), so
"环翠 托育中心" and "环翠托育中心" find the same facilities: every word must appear in the name or the
address. The register is small (a district's facilities), so a filtered scan is enough.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import StringConstraints

from backend.context import Resources
from backend.facilities import repository
from backend.facilities.schemas import FoundFacilityAnswer
from backend.geo.cards import facility_card_item
from backend.labels import label
from backend.paging import Page, PageQuery
from backend.policies.search import tokens

if TYPE_CHECKING:
    from backend.models import Facility

MAX_QUERY_CHARS = 50
# Beyond this many words a query is a sentence; its first words are enough to find a facility.
MAX_QUERY_WORDS = 8

QueryText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUERY_CHARS)]
TownName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class FacilityFindQuery(PageQuery):
    q: QueryText | None = None
    town: TownName | None = None


def query_words(q: str | None) -> list[str]:
    """The words every match must hold: jieba's words of the query, longest first, without repeats."""
    if not q:
        return []
    words = list(dict.fromkeys(tokens(q)))
    # Search mode also yields the parts of a long word; the long word alone says the same.
    kept = [w for w in words if not any(w != other and w in other for other in words)]
    return kept[:MAX_QUERY_WORDS] or [q.strip().lower()]


def public_item(facility: Facility) -> FoundFacilityAnswer:
    row = {
        "id": facility.id,
        "name": facility.name,
        "address": facility.address,
        "town": facility.town,
        "lat": facility.lat,
        "lng": facility.lng,
        "care_types": facility.care_types,
        "inclusive": facility.inclusive,
        "prices": facility.prices,
        "age_min_months": facility.age_min_months,
        "age_max_months": facility.age_max_months,
    }
    # The card the geo index keeps (an internal dict shared with the search script), so a facility
    # found by name reads as the same card as one found nearby.
    return FoundFacilityAnswer(
        **facility_card_item(row), nature=facility.nature, nature_label=label("nature", facility.nature)
    )


async def find_public(res: Resources, query: FacilityFindQuery) -> Page[FoundFacilityAnswer]:
    """Filed, not suspended facilities whose name or address holds the query's words, by name."""
    facilities, next_cursor = await repository.find_facilities(
        words=query_words(query.q),
        town=query.town,
        bookable_only=True,
        filing_status=None,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    return Page[FoundFacilityAnswer](items=[public_item(f) for f in facilities], next_cursor=next_cursor)
