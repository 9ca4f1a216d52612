"""Hostile parameters on every route that reads them: each is a 400 saying what was
wrong (JSON on the API and the CSV export, a page elsewhere), never a 500."""

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.crud.users import create_user, issue_token
from app.models import MAX_ID

FILTERED = ["/", "/compare", "/export.csv", "/feed.atom"]
FILTERED_API = ["/api/statements", "/api/speakers", "/api/conditions"]
WITH_AN_ID = [
    "/api/statements/{}",
    "/api/jobs/{}",
    "/statements/{}",
    "/statements/{}/edit",
    "/articles/{}",
    "/articles/{}/edit",
    "/jobs/{}",
]
# Digits to str.isdigit() and to \d; int() refuses "²" and reads "٣" as 3.
UNICODE_DIGITS = ["²", "٣", "１２"]


def _detail(response) -> str:  # type: ignore[no-untyped-def]
    if response.headers["content-type"].startswith("application/json"):
        return response.json()["detail"]
    return response.text


@pytest.mark.parametrize("digits", UNICODE_DIGITS)
@pytest.mark.parametrize("path", FILTERED + FILTERED_API)
def test_a_source_of_unicode_digits_is_a_400_on_every_filtered_route(
    seeded_client: TestClient, path: str, digits: str
) -> None:
    response = seeded_client.get(path, params={"source": digits})
    assert response.status_code == 400
    assert "source must be a whole number" in _detail(response)


@pytest.mark.parametrize("value", [str(MAX_ID + 1), "1" + "0" * 30, "²", "٣", "12.0"])
@pytest.mark.parametrize("path", WITH_AN_ID)
def test_an_id_the_database_cannot_hold_or_that_is_no_number_is_a_400(
    seeded_client: TestClient, editor_csrf: str, path: str, value: str
) -> None:
    response = seeded_client.get(path.format(quote(value)))
    assert response.status_code == 400, response.text[:200]


@pytest.mark.parametrize("path", WITH_AN_ID)
def test_the_largest_id_the_database_holds_is_looked_up_and_not_found(
    seeded_client: TestClient, editor_csrf: str, path: str
) -> None:
    assert seeded_client.get(path.format(MAX_ID)).status_code == 404


@pytest.mark.parametrize("after", [f".{MAX_ID + 1}", ".9" + "9" * 30, ".²", "٢٠٢٤-٠١-٠١.5"])
def test_a_page_key_with_an_impossible_id_is_a_400(seeded_client: TestClient, after: str) -> None:
    response = seeded_client.get("/api/statements", params={"after": after})
    assert response.status_code == 400 and "page key" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "name", "values"),
    [
        ("/", "page", ["1", "2"]),
        ("/", "order", ["newest", "oldest"]),
        ("/api/statements", "limit", ["5", "10"]),
        ("/api/statements", "kind", ["quote", "quote"]),
        ("/api/speakers", "offset", ["0", "3"]),
        ("/export.csv", "per", ["statement", "condition"]),
        ("/compare", "who", ["Russia", "Ukraine"]),
        ("/feed.atom", "source", ["1", "2"]),
        ("/review", "page", ["1", "1"]),
    ],
)
def test_a_parameter_that_takes_one_value_given_twice_is_a_400(
    seeded_client: TestClient, path: str, name: str, values: list[str]
) -> None:
    response = seeded_client.get(path, params=[(name, v) for v in values])
    assert response.status_code == 400
    assert f"{name} takes one value, got 2" in _detail(response)


def test_repeatable_filters_still_repeat(seeded_client: TestClient) -> None:
    params = [("side", "Russia"), ("side", "Ukraine"), ("stance", "demand"), ("stance", "offer")]
    response = seeded_client.get("/api/statements", params=params)
    assert response.status_code == 200
    assert {item["side"] for item in response.json()["items"]} <= {"Russia", "Ukraine"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("q", "x" * 5000, "q is longer than 200 characters"),
        ("speaker", "x" * 5000, "speaker is longer than 200 characters"),
        ("side", "x" * 201, "side is longer than 200 characters"),
        ("region", "x" * 81, "region is longer than 80 characters"),
        ("date_from", "2024-01-01" * 100, "date_from must be an ISO date"),
        ("q", "Rus\x00sia", "q contains a NUL character"),
        ("region", "Don\x00bas", "region contains a NUL character"),
    ],
)
@pytest.mark.parametrize("path", FILTERED + FILTERED_API)
def test_an_over_long_or_nul_value_is_a_400(
    seeded_client: TestClient, path: str, name: str, value: str, message: str
) -> None:
    response = seeded_client.get(path, params={name: value})
    assert response.status_code == 400
    assert message in _detail(response)


def test_too_many_values_of_a_repeatable_filter_is_a_400(seeded_client: TestClient) -> None:
    response = seeded_client.get("/api/statements", params=[("region", str(i)) for i in range(51)])
    assert response.status_code == 400
    assert response.json()["detail"] == "region is given more than 50 times"


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/statements/1", {"queue": "1", "reason": "x" * 5000}, "unknown reason"),
        ("/statements/1", {"queue": "yes"}, "unknown queue 'yes'"),
        ("/review", {"reason": "x" * 5000}, "reason is longer than 40 characters"),
        ("/compare", {"who": "x" * 5000}, "who is longer than 200 characters"),
        ("/compare", {"a_from": "٢٠٢٤"}, "a_from must be an ISO date"),
        ("/articles", {"q": "x" * 5000}, "q is longer than 200 characters"),
        # No parameter anywhere may hold a NUL: PostgreSQL refuses it in text.
        ("/articles", {"q": "Kyiv\x00"}, "q contains a NUL character"),
        ("/compare", {"who": "Rus\x00sia"}, "who contains a NUL character"),
        ("/statements/1", {"queue": "1", "reason": "\x00"}, "reason contains a NUL"),
        ("/login", {"next": "/\x00"}, "next contains a NUL character"),
        ("/api/statements", {"x\x00": "1"}, "'x\\x00' contains a NUL character"),
    ],
)
def test_page_parameters_are_checked_too(
    seeded_client: TestClient, editor_csrf: str, path: str, params: dict[str, str], message: str
) -> None:
    response = seeded_client.get(path, params=params)
    assert response.status_code == 400
    assert message in _detail(response).replace("&#39;", "'")


def test_an_article_id_in_a_body_is_bounded_as_in_a_path(
    seeded_client: TestClient, seeded_engine: Engine
) -> None:
    with Session(seeded_engine) as session:
        create_user(session, name="script", password="a long editor password")
        token = issue_token(session, name="script")
    body = {
        "article_id": MAX_ID + 1,
        "start": 0,
        "end": 10,
        "speaker": "Vladimir Putin",
        "side": "Russia",
        "kind": "reported",
        "conditions": [{"condition": "ceasefire", "stance": "reject"}],
    }
    response = seeded_client.post(
        "/api/statements", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.json()["detail"] == f"article_id must be at most {MAX_ID}, got '{MAX_ID + 1}'"


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("POST", "/api/articles", '{"text": "Lavrov said\\u0000 so."}', "text contains a NUL"),
        ("POST", "/api/articles", '{"text": "a", "title": "T\\u0000"}', "title contains a NUL"),
        # json.loads reads a lone surrogate, which no text can be encoded from.
        ("POST", "/api/articles", '{"text": "Lavrov \\ud800 said"}', "text is not valid text"),
        ("PATCH", "/api/statements/1", '{"quote": "\\u0000", "version": 1}', "quote contains"),
        (
            "POST",
            "/api/statements",
            '{"article_id": 1, "start": 0, "end": 9, "speaker": "X\\udfff", "side": "Russia",'
            ' "kind": "reported", "conditions": [{"condition": "ceasefire", "stance": '
            '"reject", "regions": ["Don\\u0000bas"]}]}',
            "speaker is not valid text",
        ),
    ],
)
def test_a_nul_or_a_lone_surrogate_in_a_json_body_is_a_400(
    seeded_client: TestClient,
    seeded_engine: Engine,
    method: str,
    path: str,
    body: str,
    message: str,
) -> None:
    """PostgreSQL refuses a NUL in text, and a lone surrogate cannot be encoded at all:
    each was a 500."""
    with Session(seeded_engine) as session:
        create_user(session, name="script", password="a long editor password")
        token = issue_token(session, name="script")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    response = seeded_client.request(method, path, content=body.encode(), headers=headers)

    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/login", {"name": "editor\x00", "password": "a long editor password"}),
        ("/login", {"name": "editor", "password": "x\x00"}),
    ],
)
def test_a_nul_in_a_form_field_is_a_400(
    seeded_client: TestClient, path: str, fields: dict[str, str]
) -> None:
    page = seeded_client.get("/login").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    response = seeded_client.post(path, data={**fields, "csrf_token": token})

    assert response.status_code == 400
    assert "contains a NUL character" in response.text


def test_a_nul_in_the_add_form_is_a_400(seeded_client: TestClient, editor_csrf: str) -> None:
    response = seeded_client.post(
        "/articles/new",
        data={"csrf_token": editor_csrf, "urls": "https://example.org/a\x00b"},
        files=[("files", ("", b"", "application/octet-stream"))],  # multipart, as the form
    )

    assert response.status_code == 400
    assert "urls contains a NUL character" in response.text
