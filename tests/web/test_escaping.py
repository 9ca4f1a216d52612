"""Hostile text in an article stays inert on every page, fragment, chart and export."""

import csv
import io

import pytest
from factories import IMG, SCRIPT, ingest_hostile_article
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.models import Article, Statement

# Every page that shows the article's text or the speaker's name; /compare by side and
# /conditions show neither, and are checked only for what must never appear.
SHOWING = [
    "/",
    "/?include_commentators=1&q=Petrov",
    "/?speaker=hostile-speaker",
    "/statements/{statement}",
    "/articles",
    "/articles/{article}",
    "/compare?by=speaker",
    "/compare?who=hostile-speaker",
    "/speakers",
]
NOT_SHOWING = ["/compare", "/conditions"]


@pytest.fixture
def hostile(client: TestClient, session: Session) -> dict[str, int]:
    ingest_hostile_article(session)
    statement = session.exec(select(Statement)).one()
    article = session.exec(select(Article)).one()
    return {"statement": statement.id, "article": article.id}


def assert_inert(html: str, where: str, *, shown: bool) -> None:
    assert SCRIPT not in html, where
    assert "<img src=x" not in html, where
    assert "javascript:alert" not in html, where
    if shown:
        assert "&lt;script&gt;" in html or "\\u003cscript\\u003e" in html, where


@pytest.mark.parametrize("path", SHOWING + NOT_SHOWING)
def test_pages_and_their_htmx_fragments_show_payloads_as_text(
    client: TestClient, hostile: dict[str, int], path: str
) -> None:
    url = path.format(**hostile)
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, headers)
        assert_inert(response.text, f"{url} {headers}", shown=path in SHOWING)


def test_chart_data_cannot_break_out_of_its_script_element(
    client: TestClient, hostile: dict[str, int]
) -> None:
    html = client.get("/").text
    data = html.split('id="chart-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "Petrov" in data


def test_the_export_neutralises_formulas_and_keeps_text_as_text(
    client: TestClient, hostile: dict[str, int]
) -> None:
    response = client.get("/export.csv?speaker=hostile-speaker")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["quote"].startswith("'=cmd")
    assert SCRIPT in row["quote"]  # kept verbatim: a CSV cell is not HTML
    assert row["speaker"] == f"Ivan {SCRIPT} Petrov{IMG}"


def test_the_api_returns_payloads_as_json_strings(
    client: TestClient, hostile: dict[str, int]
) -> None:
    response = client.get(f"/api/statements/{hostile['statement']}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["speaker"] == f"Ivan {SCRIPT} Petrov{IMG}"
