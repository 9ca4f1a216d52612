"""The statements page, static files and the health check."""

from bs4 import BeautifulSoup, Tag
from factories import LAVROV, FakeEngine, extraction, statement
from fastapi.testclient import TestClient
from sqlmodel import Session

from app import crud
from app.sources_meta import ArticleMeta

TEXT = (
    "Headline\n\n"
    'Putin said: "<script>alert(1)</script> is no way to end the war, and neither is a pause."\n\n'
    "Lavrov also said that Russia demands control over Donetsk and Luhansk.\n"
)
PUTIN_SENTENCE = (
    'Putin said: "<script>alert(1)</script> is no way to end the war, and neither is a pause."'
)
LAVROV_SENTENCE = "Lavrov also said that Russia demands control over Donetsk and Luhansk."


def text_of(node: Tag, selector: str) -> str:
    """The whitespace-normalized text of the first match of `selector` under `node`."""
    found = node.select_one(selector)
    assert found is not None, f"nothing matches {selector!r}"
    return " ".join(found.get_text(" ").split())


def seed(session: Session, *, url: str = "https://example.org/rt") -> None:
    """One article with a quoted statement by Putin and a reported one by Lavrov."""
    engine = FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(
                        TEXT,
                        PUTIN_SENTENCE,
                        kind="quote",
                        quote="<script>alert(1)</script> is no way to end the war",
                    ),
                    statement(
                        TEXT,
                        LAVROV_SENTENCE,
                        speaker=LAVROV,
                        conditions=[("territory", "demand", ("Donetsk", "Luhansk"))],
                        date="2022-12",
                        precision="month",
                    ),
                ]
            )
        }
    )
    meta = ArticleMeta(title="RT <b>article</b>", publisher="RT", url=url)
    crud.ingest_article(session, text=TEXT, file_name="rt.txt", meta=meta, extract=engine)


def test_the_statement_list_shows_each_statement_with_its_source(
    client: TestClient, session: Session
) -> None:
    seed(session)

    response = client.get("/")

    assert response.status_code == 200
    page = BeautifulSoup(response.text, "html.parser")
    items = page.select("#results li.statement")
    assert [text_of(i, ".speaker") for i in items] == ["Vladimir Putin", "Sergey Lavrov"]
    putin, lavrov = items
    assert text_of(putin, ".date") == "2024-07-05"
    assert (text_of(putin, ".precision"), text_of(putin, ".side")) == ("day", "Russia")
    assert text_of(putin, ".kind") == "quote"
    assert text_of(lavrov, ".condition") == "territory : demand (Donetsk, Luhansk)"
    link = lavrov.select_one(".source a")
    assert link is not None and link["href"] == "https://example.org/rt"
    assert link.get_text() == "RT <b>article</b>"
    assert text_of(page, "#summary") == "2 statements by 2 speakers from 1 article."


def test_markup_in_quotes_and_titles_is_escaped(client: TestClient, session: Session) -> None:
    seed(session)

    html = client.get("/").text

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>article</b>" not in html


def test_only_web_links_are_made_clickable(client: TestClient, session: Session) -> None:
    seed(session, url="javascript:alert(1)")

    page = BeautifulSoup(client.get("/").text, "html.parser")

    assert page.select(".source a") == []
    assert text_of(page, ".source-title") == "RT <b>article</b>"


def test_an_empty_database_says_how_to_ingest(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/").text, "html.parser")
    assert "python -m app ingest" in text_of(page, "#results .empty")


def test_htmx_requests_get_only_the_results_fragment(client: TestClient, session: Session) -> None:
    seed(session)

    response = client.get("/", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text
    assert response.text.lstrip().startswith('<section id="results">')
    assert response.headers["vary"] == "HX-Request"


def test_a_page_number_out_of_range_is_rejected(client: TestClient) -> None:
    assert client.get("/?page=0").status_code == 422


def test_health_and_static_files(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]


def test_an_article_reporting_a_statement_twice_is_listed_once(
    client: TestClient, session: Session
) -> None:
    text = f"{LAVROV_SENTENCE} Other words. {LAVROV_SENTENCE}"
    engine = FakeEngine(
        {text: extraction([statement(text, LAVROV_SENTENCE, also=[LAVROV_SENTENCE])])}
    )
    meta = ArticleMeta(title="Twice")
    crud.ingest_article(session, text=text, file_name="t.txt", meta=meta, extract=engine)

    page = BeautifulSoup(client.get("/").text, "html.parser")

    [source] = page.select(".source")
    assert " ".join(source.get_text(" ").split()) == "Twice · 2024-07-05 · 2 places"
