"""Searching the articles page: titles and full text, in the statement search's language
(phrases, OR, minus, spelling variants), with a highlighted snippet of the text."""

import datetime as dt
import hashlib

import pytest
from bs4 import BeautifulSoup
from factories import SCRIPT
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.models import Article

FILLER = "Diplomats met again on Tuesday and spoke for several hours behind closed doors. " * 4

TEXTS = {
    "Geneva round": FILLER + "Both sides signed a memorandum on prisoner exchanges. " + FILLER,
    "Security pledges": "Kyiv wants security guarantees before any ceasefire is agreed.",
    "Scattered words": "Security was tight. Later, guarantees of grain shipments were discussed.",
    "Armistice talk": "An armistice along the front line was floated by Trump in an interview.",
    "Truce talk": "A truce for the holidays was proposed by the Vatican in talks with Moscow.",
}


def add_article(session: Session, title: str, text: str, day: int = 1) -> int:
    article = Article(
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        file_name=f"{title}.txt",
        title=title,
        text=text,
        published=dt.date(2024, 7, day),
    )
    session.add(article)
    session.commit()
    assert article.id is not None
    return article.id


@pytest.fixture
def articles(client: TestClient, session: Session) -> dict[str, int]:
    return {
        title: add_article(session, title, text, day)
        for day, (title, text) in enumerate(TEXTS.items(), start=1)
    }


def search(client: TestClient, q: str, **params: str) -> BeautifulSoup:
    """The articles page for a search."""
    response = client.get("/articles", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def found(client: TestClient, q: str) -> list[str]:
    """The titles the search lists, checking the count line agrees with them."""
    page = search(client, q)
    titles = [" ".join(row.th.get_text().split()) for row in page.select("tbody tr")]
    summary = " ".join(page.select_one("p.summary").get_text().split())
    word = "article" if len(titles) == 1 else "articles"
    assert summary.startswith(f"{len(titles)} {word} match"), summary
    return sorted(titles)


def test_a_word_only_in_the_text_finds_the_article_with_a_highlighted_snippet(
    client: TestClient, articles: dict[str, int]
) -> None:
    page = search(client, "memorandum")
    rows = page.select("tbody tr")
    assert [int(r["data-article"]) for r in rows] == [articles["Geneva round"]]
    assert "1 article match" in " ".join(page.select_one("p.summary").get_text().split())
    snippet = rows[0].select_one("td.snippet")
    assert [m.get_text() for m in snippet.select("mark.hit")] == ["memorandum"]
    text = snippet.get_text()
    # Plain text around the hit, not the whole body, clipped at both ends.
    assert 100 < len(text) <= 210 and text.startswith("…") and text.endswith("…")
    assert "signed a memorandum on prisoner exchanges" in text


def test_the_search_box_has_a_label_and_keeps_its_value(
    client: TestClient, articles: dict[str, int]
) -> None:
    page = search(client, "memorandum", order="oldest")
    box = page.select_one('form[role="search"] input#q')
    assert box["value"] == "memorandum"
    label = page.select_one('label[for="q"]')
    assert label is not None and "Search" in label.get_text()
    assert page.select_one('form[role="search"] input[name="order"]')["value"] == "oldest"
    assert page.select_one('thead a[href="/articles?q=memorandum&order=newest"]') is not None


def test_a_phrase_needs_its_words_side_by_side(
    client: TestClient, articles: dict[str, int]
) -> None:
    assert found(client, "security guarantees") == ["Scattered words", "Security pledges"]
    assert found(client, '"security guarantees"') == ["Security pledges"]


def test_or_finds_either_term(client: TestClient, articles: dict[str, int]) -> None:
    assert found(client, "truce OR armistice") == ["Armistice talk", "Truce talk"]
    assert found(client, "truce armistice") == []


def test_a_minus_excludes_a_term(client: TestClient, articles: dict[str, int]) -> None:
    assert found(client, "talk") == ["Armistice talk", "Truce talk"]
    assert found(client, "talk -trump") == ["Truce talk"]
    assert "Armistice talk" not in found(client, "-trump")
    assert "Truce talk" in found(client, "-trump")


def test_a_spelling_variant_finds_the_others(client: TestClient, articles: dict[str, int]) -> None:
    assert found(client, "cease-fire") == ["Security pledges"]
    assert found(client, "Kiev") == ["Security pledges"]
    assert found(client, "cease fire") == ["Security pledges"]  # written apart
    page = client.get("/articles?q=cease-fire").text
    assert '<mark class="hit">ceasefire</mark>' in page


def test_hostile_text_in_a_snippet_stays_escaped(client: TestClient, session: Session) -> None:
    add_article(session, "Hostile", f"Before {SCRIPT} the ultimatum {SCRIPT} after.")
    page = client.get("/articles?q=ultimatum").text
    assert SCRIPT not in page
    assert '&lt;script&gt;alert(1)&lt;/script&gt; the <mark class="hit">ultimatum</mark>' in page


def test_no_match_says_so_and_offers_to_clear_the_search(
    client: TestClient, articles: dict[str, int]
) -> None:
    page = search(client, "zzzunfindable")
    empty = page.select_one(".empty")
    assert "No article" in empty.get_text() and "zzzunfindable" in empty.get_text()
    assert empty.select_one('a[href="/articles"]').get_text() == "Clear the search"
    assert page.select_one("table") is None


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ('"security guarantees', "quotation mark is not closed"),
        ("truce OR", "OR needs a word"),
        ("x" * 201, "longer than 200 characters"),
    ],
)
def test_a_query_that_cannot_be_read_is_a_400_that_says_why(
    client: TestClient, articles: dict[str, int], q: str, message: str
) -> None:
    response = client.get("/articles", params={"q": q})
    assert response.status_code == 400
    assert message in response.text
