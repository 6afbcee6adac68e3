"""GET /docs/openapi.json: what each /api/v1 operation answers on success, and the one error shape."""

from __future__ import annotations

from typing import Any

import httpx

API = "/api/v1"
DOCUMENT = "/docs/openapi.json"
ERROR_RESPONSE = "#/components/responses/Error"
# The share of operations whose success the document must describe (the rest is checked by hand).
MIN_DOCUMENTED_SHARE = 0.9
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}

Operation = tuple[str, str, dict[str, Any]]


async def openapi_document(api: httpx.AsyncClient) -> dict[str, Any]:
    response = await api.get(DOCUMENT)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def api_operations(document: dict[str, Any]) -> list[Operation]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        if path.startswith(API)
        for method, operation in item.items()
        if method in HTTP_METHODS
    ]


def resolved(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`schema`, or what its $ref points at (#/components/...)."""
    while "$ref" in schema:
        _, *path = schema["$ref"].split("/")
        target: dict[str, Any] = document
        for part in path:
            target = target[part]
        schema = target
    return schema


def success_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON schema of the operation's 2xx answer; {} for a documented 204; None when undescribed."""
    for status, response in operation.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        if status == "204":
            return {}
        schema = resolved(document, response).get("content", {}).get("application/json", {}).get("schema")
        if schema:
            return resolved(document, schema)
    return None


def answer_fields(document: dict[str, Any], method: str, path: str) -> set[str]:
    operation = document["paths"][path][method]
    schema = success_schema(document, operation)
    assert schema, (method, path, operation.get("responses"))
    return set(schema["properties"])


async def test_most_api_operations_describe_their_success_answer(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    operations = api_operations(document)
    undescribed = [
        f"{method} {path}" for method, path, op in operations if success_schema(document, op) is None
    ]
    documented = len(operations) - len(undescribed)
    assert operations
    assert documented / len(operations) >= MIN_DOCUMENTED_SHARE, undescribed


async def test_every_api_operation_answers_errors_with_the_one_error_response(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    error = resolved(document, {"$ref": ERROR_RESPONSE})
    body = resolved(document, error["content"]["application/json"]["schema"])
    assert set(body["properties"]) == {"error"}
    assert {"code", "message", "details"} <= set(
        resolved(document, body["properties"]["error"])["properties"]
    )
    not_referring = [
        f"{method} {path}"
        for method, path, operation in api_operations(document)
        if operation["responses"].get("default") != {"$ref": ERROR_RESPONSE}
    ]
    assert not_referring == []


async def test_a_new_booking_answer_names_its_status_price_and_days(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    assert "201" in document["paths"][f"{API}/bookings"]["post"]["responses"]
    fields = answer_fields(document, "post", f"{API}/bookings")
    assert {"id", "status", "price_fen", "days", "cancellable_until", "class_kind"} <= fields


async def test_a_list_answers_a_page_of_its_items(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    schema = success_schema(document, document["paths"][f"{API}/bookings"]["get"])
    assert schema is not None and set(schema["properties"]) == {"items", "next_cursor"}
    item = resolved(document, schema["properties"]["items"]["items"])
    assert {"status", "price_fen", "days"} <= set(item["properties"])


async def test_the_public_facility_page_names_its_classes_and_credit_record(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    fields = answer_fields(document, "get", f"{API}/facilities/{{facility_id}}")
    assert {"classes", "ratios", "staff", "filed", "suspended", "credit_record", "inspections"} <= fields


async def test_me_names_the_parents_grants(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    assert {"id", "role", "facility_id", "phone", "grants"} <= answer_fields(document, "get", f"{API}/me")


async def test_a_delete_is_documented_as_answering_no_content(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    responses = document["paths"][f"{API}/children/{{child_id}}"]["delete"]["responses"]
    assert "204" in responses and not responses["204"].get("content")


async def test_limit_and_cursor_read_the_same_on_every_list(api: httpx.AsyncClient) -> None:
    document = await openapi_document(api)
    descriptions: dict[str, set[str]] = {"limit": set(), "cursor": set()}
    for _, _, operation in api_operations(document):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in descriptions:
                descriptions[parameter["name"]].add(parameter.get("description", ""))
    assert descriptions == {"limit": {"1-50, default 20"}, "cursor": {"next_cursor of the previous page"}}
