"""The article list and one article's text with every statement's evidence marked; escaping
of user text on every page of the statement, article and index family."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from factories import extraction, statement
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from app.codebook import explain
from app.crud import ingest_article
from app.models import (
    Article,
    Source,
    Speaker,
    Statement,
    StatementCondition,
    StatementStatus,
)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def squash(text: str) -> str:
    return " ".join(text.split())


def test_articles_table_lists_every_article_newest_first(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    articles = seeded_session.exec(select(Article)).all()
    page = soup(seeded_client.get("/articles"))
    rows = page.select("table tbody tr")
    assert len(rows) == len(articles)
    by_id = {a.id: a for a in articles}
    shown = [by_id[int(r["data-article"])] for r in rows]
    dates = [a.published for a in shown]
    assert dates == sorted(dates, reverse=True)
    for row, article in zip(rows, shown, strict=True):
        assert squash(row.th.get_text()) == squash(article.title or article.file_name)
        assert row.th["scope"] == "row"
        assert row.th.a["href"] == f"/articles/{article.id}"
        assert explain("published_basis", article.published_basis) in row.get_text()
        count = seeded_session.exec(
            select(func.count(func.distinct(Statement.id)))
            .join(Source, col(Source.statement_id) == col(Statement.id))
            .where(Source.article_id == article.id, Statement.status != "rejected")
        ).one()
        assert squash(row.select("td.num")[0].get_text()) == str(count)
    assert all(th["scope"] == "col" for th in page.select("thead th"))


def test_articles_can_be_sorted_oldest_first(seeded_client: TestClient) -> None:
    page = soup(seeded_client.get("/articles?order=oldest"))
    dates = [t["datetime"] for t in page.select("tbody tr td:first-child time")]
    assert dates == sorted(dates)
    assert page.select_one('thead a[href="/articles?order=newest"]') is not None
    assert seeded_client.get("/articles?order=sideways").status_code == 400


def test_article_page_marks_every_statement_evidence(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    for article in seeded_session.exec(select(Article)).all():
        page = soup(seeded_client.get(f"/articles/{article.id}"))
        sources = seeded_session.exec(
            select(Source)
            .join(Statement, col(Statement.id) == col(Source.statement_id))
            .where(Source.article_id == article.id, Statement.status != "rejected")
            .order_by(col(Source.start))
        ).all()
        marks = page.select(".article-text mark")
        for statement_id in {s.statement_id for s in sources}:
            # The pieces marked for a statement, in order, are exactly its evidence spans.
            mine = [m for m in marks if str(statement_id) in m["data-statements"].split()]
            spans = [
                article.text[s.start : s.end] for s in sources if s.statement_id == statement_id
            ]
            assert "".join(m.get_text() for m in mine) == "".join(spans)
            assert len(page.select(f"#statement-{statement_id}")) == 1
            assert page.select_one(f'.mark-refs a[href="/statements/{statement_id}"]')
        # Nothing is lost or added: the text shown is the stored text, paragraph by paragraph.
        for refs in page.select(".article-text .mark-refs"):
            refs.decompose()
        paragraphs = [p.get_text() for p in page.select(".article-text p[data-start]")]
        stored = [p.strip() for p in re.split(r"\n[ \t\xa0]*\n", article.text) if p.strip()]
        assert [p.strip() for p in paragraphs] == stored


def test_a_sentence_shared_by_statements_is_one_mark_listing_all(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    article_id, start, end = seeded_session.exec(
        select(Source.article_id, Source.start, Source.end)
        .group_by(col(Source.article_id), col(Source.start), col(Source.end))
        .having(func.count() > 1)
    ).first()
    sharing = seeded_session.exec(
        select(Source.statement_id).where(
            Source.article_id == article_id, Source.start == start, Source.end == end
        )
    ).all()
    text = seeded_session.get(Article, article_id).text
    page = soup(seeded_client.get(f"/articles/{article_id}"))
    mark = next(m for m in page.select(".article-text mark") if m.get_text() == text[start:end])
    assert sorted(int(i) for i in mark["data-statements"].split()) == sorted(sharing)
    refs = [a["href"] for a in mark.find_next_sibling("sup").select("a")]
    assert refs == [f"/statements/{i}" for i in sorted(sharing)]


def test_article_page_lists_its_statements_and_links_the_timeline(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    article_id = seeded_session.exec(select(Article.id).order_by(col(Article.id))).first()
    ids = set(
        seeded_session.exec(
            select(Statement.id)
            .join(Source, col(Source.statement_id) == col(Statement.id))
            .where(Source.article_id == article_id)
        ).all()
    )
    page = soup(seeded_client.get(f"/articles/{article_id}"))
    listed = [int(li["data-id"]) for li in page.select(".compact-statements > li")]
    assert set(listed) == ids
    for li in page.select(".compact-statements > li"):
        assert li.select_one(f'a[href="/statements/{li["data-id"]}"]')
        assert li.select_one(f'a[href="#statement-{li["data-id"]}"]')
    assert page.select_one(f'a[href^="/?source={article_id}"]') is not None


def test_rejected_statement_is_not_marked(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    src = seeded_session.exec(select(Source)).first()
    statement = seeded_session.get(Statement, src.statement_id)
    statement.status = StatementStatus.REJECTED.value
    seeded_session.add(statement)
    seeded_session.commit()
    page = soup(seeded_client.get(f"/articles/{src.article_id}"))
    assert page.select_one(f"#statement-{statement.id}") is None


def test_unknown_article_is_a_404_page(seeded_client: TestClient, seeded_session: Session) -> None:
    missing = seeded_session.exec(select(func.max(Article.id))).one() + 1
    response = seeded_client.get(f"/articles/{missing}")
    assert response.status_code == 404
    assert f"no article {missing}" in response.text


def test_empty_database_has_an_empty_articles_page(client: TestClient) -> None:
    response = client.get("/articles")
    assert response.status_code == 200
    assert "No articles yet" in response.text


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile(session: Session) -> dict[str, int]:
    """An article, speaker and statement whose every text field carries markup."""
    text = f"Headline {SCRIPT}\n\nPutin said {SCRIPT} and {IMG} about the war.\n\nEnd {IMG}"
    evidence = f"Putin said {SCRIPT} and {IMG} about the war."
    start = text.index(evidence)
    article = Article(
        content_hash="x" * 64,
        file_name=f"{IMG}.txt",
        title=f"{SCRIPT} {IMG}",
        publisher=IMG,
        url="javascript:alert(1)",
        published=dt.date(2025, 3, 13),
        published_evidence=SCRIPT,
        text=text,
    )
    speaker = Speaker(slug=f"x{IMG}", name=f"{SCRIPT}{IMG}", side=IMG, kind=SCRIPT)
    statement = Statement(
        speaker=speaker,
        date="2025-03-13",
        date_precision="day",
        date_basis="relative",
        date_evidence=f"{SCRIPT}{IMG}",
        kind="quote",
        quote=f"{SCRIPT}{IMG}",
        evidence=evidence,
        conditions=[StatementCondition(condition="territory", stance="demand", regions=[IMG])],
    )
    session.add_all([article, speaker, statement])
    session.flush()
    session.add(
        Source(
            statement_id=statement.id,
            article_id=article.id,
            evidence=evidence,
            start=start,
            end=start + len(evidence),
            quote=SCRIPT,
        )
    )
    session.commit()
    return {"article": article.id, "statement": statement.id}


@pytest.mark.parametrize(
    "path",
    ["/statements/{statement}", "/articles", "/articles/{article}", "/speakers", "/conditions"],
)
def test_user_text_is_escaped_on_every_page(
    client: TestClient, hostile: dict[str, int], path: str
) -> None:
    response = client.get(path.format(**hostile))
    assert response.status_code == 200
    assert SCRIPT not in response.text
    assert IMG not in response.text
    assert "<img" not in response.text
    assert 'href="javascript:' not in response.text
    page = soup(response)
    assert not page.select("main script, main img")


def test_escaped_evidence_is_still_marked_exactly(
    client: TestClient, session: Session, hostile: dict[str, int]
) -> None:
    page = soup(client.get(f"/articles/{hostile['article']}"))
    evidence = session.get(Statement, hostile["statement"]).evidence
    assert [m.get_text() for m in page.select(".article-text mark")] == [evidence]
    page = soup(client.get(f"/statements/{hostile['statement']}"))
    assert [m.get_text() for m in page.select(".source-card mark")] == [evidence]


def test_publication_date_bases_are_in_words_and_an_estimate_is_marked(
    seeded_client: TestClient,
) -> None:
    for url in ("/articles", "/articles/2"):
        page = seeded_client.get(url).text
        shown = re.sub(r"<[^>]+>", " ", page)
        assert "analyst-approximate" not in shown
        assert "the analyst&#39;s estimate, approximate" in page
        assert '<span class="approx" aria-hidden="true">~</span>' in page


PAGE_LIMIT = 600_000  # bytes of HTML one page of a long article may take


@pytest.fixture
def long_article(session: Session) -> tuple[int, str]:
    """A 2 MB article (one line of 1 MB among paragraphs) with 200 statements spread over it."""
    lines = [
        f"Paragraph {n}: Putin said on day {n} that there would be no ceasefire."
        for n in range(8000)
    ]
    one_line = " ".join(f"Lavrov said on day {n} that talks were pointless." for n in range(20_000))
    text = "\n\n".join(lines[:4000] + [one_line[: 1024 * 1024]] + lines[4000:])
    sentences = [
        f"Putin said on day {n} that there would be no ceasefire." for n in range(0, 8000, 40)
    ]
    made = [
        statement(text, s, date=str(dt.date(2024, 1, 1) + dt.timedelta(days=k)))
        for k, s in enumerate(sentences)
    ]
    result = ingest_article(
        session, text=text, file_name="long.txt", extract=lambda *_a, **_k: extraction(made)
    )
    return result.article_id, text


def test_a_long_article_is_shown_in_parts_of_bounded_size_with_links_to_the_rest(
    client: TestClient, long_article: tuple[int, str]
) -> None:
    article_id, text = long_article
    first = client.get(f"/articles/{article_id}")
    assert first.status_code == 200
    assert len(first.content) < PAGE_LIMIT
    page = soup(first)
    nav = page.select_one("nav.article-parts")
    parts = int(re.search(r"Part 1 of (\d+)", nav.get_text())[1])
    assert parts >= len(text) // 100_000
    assert nav.select_one('a[rel="next"]')["href"] == "?part=2"
    assert nav.select_one(f'a[href="/articles/{article_id}/text"]') is not None

    shown, listed = [], []
    for part in range(1, parts + 1):
        response = client.get(f"/articles/{article_id}?part={part}")
        assert response.status_code == 200 and len(response.content) < PAGE_LIMIT
        page = soup(response)
        for paragraph in page.select(".article-text p[data-start]"):
            for refs in paragraph.select(".mark-refs"):
                refs.decompose()  # the statement numbers after a mark are no article text
            shown.append((int(paragraph["data-start"]), paragraph.get_text()))
        ids = [int(li["data-id"]) for li in page.select(".compact-statements > li")]
        # each statement listed beside a part is marked in it, where its jump link leads
        assert all(page.select_one(f"#statement-{sid}") is not None for sid in ids)
        listed += ids
    assert len(listed) == len(set(listed)) == 200
    # the parts hold the whole text, each piece at its place
    assert all(text[start : start + len(piece)] == piece for start, piece in shown)
    assert sum(len(piece) for _, piece in shown) == len(text.replace("\n\n", ""))
    assert client.get(f"/articles/{article_id}?part={parts + 1}").status_code == 404

    whole = client.get(f"/articles/{article_id}/text")
    assert whole.headers["content-type"].startswith("text/plain")
    assert whole.text == text
