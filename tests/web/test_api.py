"""The JSON API: statements, one statement, speakers and conditions; paging, errors, docs."""

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient

from app.extraction.conditions import condition_labels
from app.filters import FILTER_PARAMETERS

Params = list[tuple[str, str]]

STATEMENT_FIELDS = {
    "id",
    "speaker",
    "speaker_slug",
    "side",
    "date",
    "date_precision",
    "date_basis",
    "date_evidence",
    "conditions",
    "kind",
    "quote",
    "evidence",
    "status",
    "sources",
    "updated_at",
    "version",
}
SOURCE_FIELDS = {"article_id", "title", "publisher", "url", "published", "evidence", "start"}
SOURCE_FIELDS |= {"end"}
LISTS = ["/api/statements", "/api/speakers", "/api/conditions"]


def follow(client: TestClient, path: str, params: Params) -> list[dict]:
    """Every page's items, following `next` from the first page."""
    pages = [client.get(path, params=params).json()]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())
    assert all(p["total"] == pages[0]["total"] for p in pages)
    return [item for page in pages for item in page["items"]]


def test_statement_items_carry_the_contract_fields(seeded_client: TestClient) -> None:
    page = seeded_client.get("/api/statements").json()
    assert set(page) == {"items", "total", "total_capped", "next"}
    for item in page["items"]:
        assert set(item) == STATEMENT_FIELDS
        assert item["conditions"], "every seed statement states a condition"
        for condition in item["conditions"]:
            assert set(condition) == {"condition", "stance", "regions"}
            assert condition["condition"] in condition_labels()
        for source in item["sources"]:
            assert set(source) == SOURCE_FIELDS


def test_a_total_past_the_cap_stops_there_and_says_so(
    seeded_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.crud import search

    # A date that cuts a month: the tally cannot count it, so the statements are counted.
    cut = [("date_from", "1990-01-02")]
    everything = follow(seeded_client, "/api/statements", cut)
    monkeypatch.setattr(search, "COUNTED_UP_TO", 2)
    page = seeded_client.get("/api/statements", params=cut).json()
    assert (page["total"], page["total_capped"]) == (2, True)
    assert len(everything) > 2
    assert follow(seeded_client, "/api/statements", cut) == everything
    tallied = seeded_client.get("/api/statements").json()
    assert tallied["total"] > 2 and not tallied["total_capped"]
    described = seeded_client.get("/openapi.json").json()["components"]["schemas"]
    assert "total_capped" in described["StatementList"]["required"]


def test_default_page_is_newest_first_and_hides_commentators(seeded_client: TestClient) -> None:
    page = seeded_client.get("/api/statements").json()
    everyone = seeded_client.get("/api/statements?include_commentators=1").json()
    assert 0 < page["total"] < everyone["total"]
    assert "commentator" not in {i["side"] for i in follow(seeded_client, "/api/statements", [])}
    dated = [i["date"] for i in page["items"] if i["date"]]
    assert dated[0] >= dated[-1]


@pytest.mark.parametrize(
    "params",
    [
        [],
        [("include_commentators", "1"), ("order", "oldest")],
        [("speaker", "vladimir-putin"), ("condition", "territory")],
        [("stance", "reject"), ("q", "ceasefire")],
    ],
)
@pytest.mark.parametrize("limit", [1, 4, 7])
def test_next_chain_covers_every_statement_exactly_once(
    seeded_client: TestClient, params: Params, limit: int
) -> None:
    whole = seeded_client.get("/api/statements", params=[*params, ("limit", "500")]).json()
    assert whole["next"] is None
    assert whole["total"] == len(whole["items"]) > 0
    items = follow(seeded_client, "/api/statements", [*params, ("limit", str(limit))])
    assert [i["id"] for i in items] == [i["id"] for i in whole["items"]]


def test_next_keeps_the_filters_and_starts_after_the_last_item(seeded_client: TestClient) -> None:
    params = [("speaker", "vladimir-putin"), ("include_commentators", "yes"), ("limit", "3")]
    page = seeded_client.get("/api/statements", params=params).json()
    url = urlsplit(page["next"])
    assert url.path == "/api/statements"
    last = page["items"][-1]
    assert sorted(parse_qsl(url.query)) == sorted(
        [
            ("speaker", "vladimir-putin"),
            ("include_commentators", "1"),
            ("order", "newest"),
            ("limit", "3"),
            ("after", f"{last['date']}.{last['id']}"),  # this last item is dated to the day
        ]
    )


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_pages_by_key_give_every_statement_once_in_order(
    seeded_client: TestClient, order: str
) -> None:
    everything = seeded_client.get(f"/api/statements?limit=500&order={order}").json()
    expected = [item["id"] for item in everything["items"]]
    assert any(item["date"] is None for item in everything["items"])  # undated ones too
    assert any(len(item["date"] or "") == 7 for item in everything["items"])  # and months
    walked, url, pages = [], f"/api/statements?limit=4&order={order}", 0
    while url is not None:
        page = seeded_client.get(url).json()
        assert page["total"] == everything["total"]
        walked += [item["id"] for item in page["items"]]
        url, pages = page["next"], pages + 1
    assert walked == expected and pages == -(-len(expected) // 4)


@pytest.mark.parametrize("after", ["2024-06-01", "x.1", "2024-6-1.5", ".-3"])
def test_a_bad_page_key_is_a_400(seeded_client: TestClient, after: str) -> None:
    response = seeded_client.get("/api/statements", params={"after": after})
    assert response.status_code == 400 and "page key" in response.json()["detail"]


def test_offset_past_the_end_is_an_empty_last_page(seeded_client: TestClient) -> None:
    page = seeded_client.get("/api/statements?offset=1000").json()
    assert page["items"] == [] and page["next"] is None and page["total"] > 0


def test_one_statement_by_id_equals_its_list_item(seeded_client: TestClient) -> None:
    for item in seeded_client.get("/api/statements?limit=5").json()["items"]:
        response = seeded_client.get(f"/api/statements/{item['id']}")
        assert response.status_code == 200
        assert response.json() == item


def test_missing_statement_is_a_404_in_json(seeded_client: TestClient) -> None:
    response = seeded_client.get("/api/statements/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "no statement with id 999999"}


@pytest.mark.parametrize("bad", ["abc", "0", "-3"])
def test_malformed_statement_id_is_a_400(seeded_client: TestClient, bad: str) -> None:
    response = seeded_client.get(f"/api/statements/{bad}")
    assert response.status_code == 400
    assert "statement_id" in response.json()["detail"]


BAD_VALUES: list[tuple[Params, str]] = [
    ([("speaker", "nobody")], "unknown speaker 'nobody'"),
    ([("kind", "quote"), ("kind", "reported")], "kind takes one value"),
    ([("condition", "world-peace")], "unknown condition 'world-peace'"),
    ([("stance", "maybe")], "unknown stance 'maybe'"),
    ([("kind", "rumour")], "unknown kind 'rumour'"),
    ([("status", "draft")], "unknown status 'draft'"),
    ([("date_from", "2024-13-01")], "date_from must be an ISO date"),
    ([("date_to", "2024-02-30")], "date_to must be an ISO date"),
    ([("date_from", "2024-08-01"), ("date_to", "2024-07-01")], "date_from is after date_to"),
    ([("source", "abc")], "source must be a whole number, got 'abc'"),
    ([("include_commentators", "perhaps")], "include_commentators must be 1 or 0"),
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(("params", "message"), BAD_VALUES)
def test_bad_filter_values_are_a_400_with_a_message(
    seeded_client: TestClient, path: str, params: Params, message: str
) -> None:
    response = seeded_client.get(path, params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/statements", "/api/speakers"])
@pytest.mark.parametrize(
    ("params", "name"),
    [("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset")],
)
def test_bad_paging_values_are_a_400(
    seeded_client: TestClient, path: str, params: str, name: str
) -> None:
    response = seeded_client.get(f"{path}?{params}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(name)


def test_speakers_count_the_filtered_statements(seeded_client: TestClient) -> None:
    statements = follow(seeded_client, "/api/statements", [("include_commentators", "1")])
    speakers = follow(seeded_client, "/api/speakers", [("include_commentators", "1")])
    assert {s["slug"]: s["statements"] for s in speakers} == Counter(
        i["speaker_slug"] for i in statements
    )
    putin = next(s for s in speakers if s["slug"] == "vladimir-putin")
    dates = sorted(
        i["date"] for i in statements if i["speaker_slug"] == "vladimir-putin" and i["date"]
    )
    assert (putin["first_date"], putin["last_date"]) == (dates[0], dates[-1])
    assert putin["name"] == "Vladimir Putin" and putin["kind"] == "person"
    counts = [s["statements"] for s in speakers]
    assert counts == sorted(counts, reverse=True)


def test_speakers_list_zeros_for_statement_filters(seeded_client: TestClient) -> None:
    params = [("condition", "territory")]
    speakers = follow(seeded_client, "/api/speakers", params)
    statements = follow(seeded_client, "/api/statements", params)
    counted = Counter(i["speaker_slug"] for i in statements)
    assert {s["slug"]: s["statements"] for s in speakers if s["statements"]} == counted
    silent = [s for s in speakers if s["statements"] == 0]
    assert silent and all(s["first_date"] is None for s in silent)
    assert "boris-bondarev" not in {s["slug"] for s in speakers}


def test_speaker_and_side_filters_choose_the_speakers_listed(seeded_client: TestClient) -> None:
    ukraine = follow(seeded_client, "/api/speakers", [("side", "Ukraine")])
    assert ukraine and {s["side"] for s in ukraine} == {"Ukraine"}
    named = follow(seeded_client, "/api/speakers", [("speaker", "boris-bondarev")])
    assert [(s["slug"], s["side"]) for s in named] == [("boris-bondarev", "commentator")]
    assert named[0]["statements"] > 0


def test_speaker_pages_chain_like_statements(seeded_client: TestClient) -> None:
    whole = seeded_client.get("/api/speakers?include_commentators=1&limit=500").json()
    paged = follow(seeded_client, "/api/speakers", [("include_commentators", "1"), ("limit", "3")])
    assert paged == whole["items"] and len(paged) == whole["total"] > 3


@pytest.mark.parametrize(
    "params",
    [[], [("include_commentators", "1")], [("speaker", "vladimir-putin")], [("stance", "demand")]],
)
def test_conditions_count_statements_per_stance_for_every_taxonomy_id(
    seeded_client: TestClient, params: Params
) -> None:
    response = seeded_client.get("/api/conditions", params=params)
    assert response.status_code == 200
    items = response.json()["items"]
    assert [c["condition"] for c in items] == list(condition_labels())
    assert [c["label"] for c in items] == list(condition_labels().values())
    stance = dict(params).get("stance")
    expected: Counter[tuple[str, str]] = Counter()
    for statement in follow(seeded_client, "/api/statements", params):
        pairs = {(c["condition"], c["stance"]) for c in statement["conditions"]}
        expected.update(p for p in pairs if not stance or p[1] == stance)
    got = Counter({(c["condition"], s): n for c in items for s, n in c["stances"].items() if n})
    assert got == expected
    assert any(c["statements"] == 0 for c in items)


def test_condition_filter_counts_only_that_condition(seeded_client: TestClient) -> None:
    items = seeded_client.get("/api/conditions?condition=territory").json()["items"]
    assert {c["condition"] for c in items if c["statements"]} == {"territory"}
    assert len(items) == len(condition_labels())


def test_openapi_documents_the_endpoints_and_their_filters(seeded_client: TestClient) -> None:
    spec = seeded_client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in [*LISTS, "/api/statements/{statement_id}", "/export.csv"]:
        assert "get" in paths[path], path
    assert "/docs" not in paths and "/" not in paths
    for path in [*LISTS, "/export.csv"]:
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert set(FILTER_PARAMETERS) <= names, path
    assert {"limit", "offset", "order"} <= {
        p["name"] for p in paths["/api/statements"]["get"]["parameters"]
    }
    schemas = spec["components"]["schemas"]
    assert set(schemas["StatementOut"]["properties"]) == STATEMENT_FIELDS
    assert schemas["Stance"]["enum"] == ["demand", "reject", "support", "offer"]
    assert "text/csv" in paths["/export.csv"]["get"]["responses"]["200"]["content"]
