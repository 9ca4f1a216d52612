"""`/export.csv`: the file as downloaded, its rows against the API, and its errors."""

import csv
import datetime as dt
import io

import pytest
from factories import FakeEngine, extraction, statement
from fastapi.testclient import TestClient
from sqlmodel import Session

from app import crud
from app.export import COLUMNS, neutralise
from app.extraction.records import SpeakerEntry
from app.models import Statement
from app.sources_meta import ArticleMeta

Params = list[tuple[str, str]]

# Filter combinations that each keep some, but not all, of the seed statements.
COMBINATIONS: list[Params] = [
    [],
    [("speaker", "vladimir-putin")],
    [("speaker", "vladimir-putin"), ("speaker", "sergei-lavrov")],
    [("condition", "territory"), ("stance", "demand")],
    [("condition", "ceasefire"), ("condition", "negotiations")],
    [("stance", "reject")],
    [("date_from", "2024-07-01"), ("date_to", "2024-07-31")],
    [("date_from", "2022"), ("date_to", "2023-06")],
    [("q", "ceasefire")],
    [("include_commentators", "1")],
    [("speaker", "boris-bondarev")],
    [("side", "Ukraine")],
    [("kind", "quote")],
    [("source", "1")],
    [("condition", "territory"), ("order", "oldest")],
    [("include_commentators", "1"), ("order", "oldest")],
]

BAD_VALUES: list[tuple[Params, str]] = [
    ([("speaker", "nobody")], "unknown speaker 'nobody'"),
    ([("side", "Atlantis")], "unknown side 'Atlantis'"),
    ([("kind", "quote"), ("kind", "reported")], "kind takes one value"),
    ([("condition", "world-peace")], "unknown condition 'world-peace'"),
    ([("stance", "maybe")], "unknown stance 'maybe'"),
    ([("kind", "rumour")], "unknown kind 'rumour'"),
    ([("status", "draft")], "unknown status 'draft'"),
    ([("date_from", "2024-13-01")], "date_from must be an ISO date"),
    ([("date_to", "yesterday")], "date_to must be an ISO date"),
    ([("date_from", "2024-08-01"), ("date_to", "2024-07-01")], "date_from is after date_to"),
    ([("source", "abc")], "source must be a whole number, got 'abc'"),
    ([("source", "999")], "unknown source '999'"),
    ([("include_commentators", "perhaps")], "include_commentators must be 1 or 0"),
    ([("q", "x" * 201)], "q is longer than 200 characters"),
]


def records(response) -> list[dict[str, str]]:
    """The CSV body's records (the BOM stripped as Python's utf-8-sig does)."""
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def api_items(client: TestClient, params: Params) -> list[dict]:
    """Every item /api/statements gives for `params`, following `next`."""
    response = client.get("/api/statements", params=[*params, ("limit", "500")])
    assert response.status_code == 200, response.text
    page = response.json()
    items = page["items"]
    while page["next"]:
        page = client.get(page["next"]).json()
        items += page["items"]
    return items


def expected_rows(items: list[dict], params: Params) -> list[tuple[str, str, str]]:
    """(statement id, condition, stance) for each exported row, as the filters define them."""
    conditions = {v for k, v in params if k == "condition"}
    stance = next((v for k, v in params if k == "stance"), None)
    rows = []
    for item in items:
        kept = [
            c
            for c in item["conditions"]
            if (not conditions or c["condition"] in conditions)
            and (not stance or c["stance"] == stance)
        ]
        if not item["conditions"] and not conditions and not stance:
            rows.append((str(item["id"]), "", ""))
        rows += [(str(item["id"]), c["condition"], c["stance"]) for c in kept]
    return rows


@pytest.mark.parametrize("params", COMBINATIONS, ids=lambda p: "&".join(map("=".join, p)))
def test_rows_are_the_api_statements_one_per_matching_condition(
    seeded_client: TestClient, params: Params
) -> None:
    items = api_items(seeded_client, params)
    everything = api_items(seeded_client, [("include_commentators", "1")])
    assert 0 < len(items) <= len(everything)
    response = seeded_client.get("/export.csv", params=[*params, ("per", "condition")])
    assert response.status_code == 200
    got = [(r["statement_id"], r["condition"], r["stance"]) for r in records(response)]
    assert got == expected_rows(items, params)


def test_statement_fields_match_the_api(seeded_client: TestClient) -> None:
    items = {str(i["id"]): i for i in api_items(seeded_client, [("include_commentators", "1")])}
    for record in records(seeded_client.get("/export.csv?include_commentators=1")):
        item = items[record["statement_id"]]
        for name in ("date_precision", "date_basis", "speaker", "side", "kind", "status"):
            assert record[name] == item[name]
        assert record["date"] == (item["date"] or "")
        assert record["quote"] == neutralise(item["quote"] or "")
        titles = list(dict.fromkeys(s["title"] or "" for s in item["sources"]))
        assert record["article_title"] == (" | ".join(titles) if any(titles) else "")


def test_several_articles_of_one_statement_share_its_rows(seeded_client: TestClient) -> None:
    items = api_items(seeded_client, [])
    shared = next(i for i in items if len({s["article_id"] for s in i["sources"]}) > 1)
    rows = [
        r
        for r in records(seeded_client.get("/export.csv?per=condition"))
        if r["statement_id"] == str(shared["id"])
    ]
    assert len(rows) == len(shared["conditions"])
    assert all(" | " in r["article_title"] for r in rows)


def test_download_is_a_utf8_csv_attachment_named_after_the_filters(
    seeded_client: TestClient,
) -> None:
    before = dt.date.today().isoformat()
    response = seeded_client.get("/export.csv?speaker=vladimir-putin&condition=territory")
    after = dt.date.today().isoformat()
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment; ")
    names = {
        f"peace-terms_vladimir-putin_territory_per-statement_{day}.csv" for day in (before, after)
    }
    assert any(f'filename="{name}"' in disposition for name in names)
    assert any(f"filename*=UTF-8''{name}" in disposition for name in names)
    assert response.content.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n")


def test_unfiltered_download_is_named_all(seeded_client: TestClient) -> None:
    disposition = seeded_client.get("/export.csv").headers["content-disposition"]
    assert 'filename="peace-terms_all_' in disposition


def test_export_is_streamed_not_buffered(seeded_client: TestClient) -> None:
    response = seeded_client.get("/export.csv")
    assert "content-length" not in response.headers
    assert response.content.count(b"\r\n") == len(records(response)) + 1


def test_oldest_order_reverses_the_dated_statements(seeded_client: TestClient) -> None:
    newest = [r["statement_id"] for r in records(seeded_client.get("/export.csv?order=newest"))]
    oldest = [r["statement_id"] for r in records(seeded_client.get("/export.csv?order=oldest"))]
    assert sorted(newest) == sorted(oldest)
    assert newest != oldest


def test_rejected_statements_are_left_out_unless_asked_for(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    rejected = seeded_session.get(
        Statement, int(records(seeded_client.get("/export.csv"))[0]["statement_id"])
    )
    assert rejected is not None
    rejected.status = "rejected"
    seeded_session.add(rejected)
    seeded_session.commit()
    ids = {r["statement_id"] for r in records(seeded_client.get("/export.csv"))}
    assert str(rejected.id) not in ids
    only = records(seeded_client.get("/export.csv?status=rejected"))
    assert {r["statement_id"] for r in only} == {str(rejected.id)}
    assert {r["status"] for r in only} == {"rejected"}


HOSTILE_TEXT = (
    'Зеленський said: "=HYPERLINK(""http://x"",""y"") and, of course, no ceasefire".\n'
    "@SUM(A1) was Orbán's answer to the ceasefire, he said.\n"
    "-1+1 is what Lavrov demanded in Donetsk.\n"
)


def seed_hostile(session: Session) -> None:
    """Statements whose text a spreadsheet would run, by speakers with non-ASCII names."""
    zelensky = SpeakerEntry("zelenskyi", "Володимир Зеленський", "Ukraine", "person")
    orban = SpeakerEntry("viktor-orban", "Viktor Orbán", "Hungary", "person")
    sentences = HOSTILE_TEXT.splitlines()
    engine = FakeEngine(
        {
            HOSTILE_TEXT: extraction(
                [
                    statement(
                        HOSTILE_TEXT,
                        sentences[0],
                        speaker=zelensky,
                        kind="quote",
                        quote='=HYPERLINK("http://x","y") and, of course, no ceasefire',
                    ),
                    statement(HOSTILE_TEXT, sentences[1], speaker=orban, date="2024-07-06"),
                    statement(
                        HOSTILE_TEXT,
                        sentences[2],
                        conditions=[("territory", "demand", ("Donetsk",))],
                        date="2024-07-07",
                    ),
                ]
            )
        }
    )
    meta = ArticleMeta(title="=cmd|' /C calc'!A0", publisher="Українська правда")
    crud.ingest_article(
        session, text=HOSTILE_TEXT, file_name="hostile.txt", meta=meta, extract=engine
    )


def test_formulas_are_neutralised_and_non_ascii_round_trips(
    client: TestClient, session: Session
) -> None:
    seed_hostile(session)
    rows = {r["speaker"]: r for r in records(client.get("/export.csv?order=oldest"))}
    zelensky = rows["Володимир Зеленський"]
    assert zelensky["quote"] == '\'=HYPERLINK("http://x","y") and, of course, no ceasefire'
    assert zelensky["evidence"].startswith("Зеленський said:")
    assert zelensky["article_title"] == "'=cmd|' /C calc'!A0"
    assert zelensky["publisher"] == "Українська правда"
    assert (
        rows["Viktor Orbán"]["evidence"]
        == "'@SUM(A1) was Orbán's answer to the ceasefire, he said."
    )
    assert rows["Vladimir Putin"]["evidence"] == "'-1+1 is what Lavrov demanded in Donetsk."
    assert rows["Vladimir Putin"]["regions"] == "Donetsk"


def test_non_ascii_search_gets_an_ascii_file_name_and_the_exact_one(
    client: TestClient, session: Session
) -> None:
    seed_hostile(session)
    response = client.get("/export.csv", params={"q": "Orbán"})
    assert [r["speaker"] for r in records(response)] == ["Viktor Orbán"]
    disposition = response.headers["content-disposition"]
    assert 'filename="peace-terms_q-orban_' in disposition
    assert "filename*=UTF-8''peace-terms_q-orb%C3%A1n_" in disposition
    disposition.encode("latin-1")  # a header must be Latin-1; ours is ASCII


def test_empty_database_gives_just_the_header(client: TestClient) -> None:
    response = client.get("/export.csv")
    assert response.status_code == 200
    assert response.content == b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n"


@pytest.mark.parametrize(("params", "message"), BAD_VALUES)
def test_bad_filter_values_are_a_400_with_a_message(
    seeded_client: TestClient, params: Params, message: str
) -> None:
    response = seeded_client.get("/export.csv", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert message in response.json()["detail"]
    assert "content-disposition" not in response.headers


def test_bad_order_is_a_400(seeded_client: TestClient) -> None:
    response = seeded_client.get("/export.csv?order=sideways")
    assert response.status_code == 400
    assert "order" in response.json()["detail"]


def test_a_row_per_statement_gives_as_many_rows_as_the_page_counts(
    seeded_client: TestClient,
) -> None:
    import csv
    import io

    response = seeded_client.get("/export.csv?per=statement&side=Russia")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    total = seeded_client.get("/api/statements?side=Russia").json()["total"]

    assert len(rows) == total
    assert "per-statement" in response.headers["content-disposition"]
    assert all(r["statement_url"].startswith("http://testserver/statements/") for r in rows)
    assert "export-per-condition" in seeded_client.get("/?side=Russia").text
    assert seeded_client.get("/export.csv?per=article").status_code == 400
