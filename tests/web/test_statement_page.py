"""The statement page: every field, sources with the evidence marked, how it was dated."""

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from app.models import Article, Source, Speaker, Statement, StatementStatus


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def squash(text: str) -> str:
    return " ".join(text.split())


def places_of(session: Session, statement_id: int) -> list[tuple[Source, Article]]:
    return list(
        session.exec(
            select(Source, Article)
            .join(Article, col(Article.id) == col(Source.article_id))
            .where(Source.statement_id == statement_id)
            .order_by(col(Source.article_id), col(Source.start))
        ).all()
    )


def test_statement_page_shows_every_field(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    statement, speaker = seeded_session.exec(
        select(Statement, Speaker)
        .join(Speaker, col(Speaker.id) == col(Statement.speaker_id))
        .where(col(Statement.date).is_not(None))
        .order_by(col(Statement.id))
    ).first()
    response = seeded_client.get(f"/statements/{statement.id}")
    assert response.status_code == 200
    page = soup(response)
    assert squash(page.h1.get_text()) == speaker.name
    fields = {
        squash(dt.get_text()): squash(dt.find_next_sibling("dd").get_text())
        for dt in page.select("dl.fields dt")
    }
    assert speaker.name in fields["Speaker"]
    assert fields["Side"] == speaker.side
    assert statement.date in fields["Date"]
    assert fields["Date precision"] == statement.date_precision
    assert fields["Date basis"] == statement.date_basis
    assert statement.date_evidence in fields["Date evidence"]
    assert fields["Kind"] == statement.kind
    assert fields["Status"] == statement.status
    assert fields["Evidence"] == squash(statement.evidence)
    for condition in statement.conditions:
        assert condition.condition in fields["Conditions"]
        assert condition.stance in fields["Conditions"]
    chips = page.select(".statement-conditions .chip")
    assert len(chips) == len(statement.conditions)


def test_each_source_shows_its_evidence_marked_in_the_article_text(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    # A statement reported by two articles, so both sources must be listed.
    statement_id = seeded_session.exec(
        select(Source.statement_id)
        .group_by(col(Source.statement_id))
        .having(func.count(func.distinct(Source.article_id)) > 1)
    ).first()
    places = places_of(seeded_session, statement_id)
    page = soup(seeded_client.get(f"/statements/{statement_id}"))

    cards = page.select(".source-card")
    articles = list(dict.fromkeys(article.id for _, article in places))
    assert [int(c["data-article"]) for c in cards] == articles
    for card, article_id in zip(cards, articles, strict=True):
        article = next(a for _, a in places if a.id == article_id)
        assert squash(card.h3.get_text()) == squash(article.title or article.file_name)
        assert card.h3.a["href"] == f"/articles/{article_id}#statement-{statement_id}"
        if article.publisher:
            assert article.publisher in card.get_text()
        assert article.published_basis in card.get_text()
    marks = [m.get_text() for m in page.select(".source-card mark")]
    assert marks == [article.text[src.start : src.end] for src, article in places]
    assert marks == [src.evidence for src, _ in places]


def test_the_mark_sits_inside_its_paragraph(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    src, article = seeded_session.exec(
        select(Source, Article).join(Article, col(Article.id) == col(Source.article_id))
    ).first()
    page = soup(seeded_client.get(f"/statements/{src.statement_id}"))
    excerpt = page.select_one(".excerpt p").get_text().strip("… ")
    assert src.evidence in excerpt
    assert excerpt in article.text


def test_relative_date_is_explained_against_the_publication_date(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    statement = seeded_session.exec(
        select(Statement).where(Statement.date_basis == "relative").order_by(col(Statement.id))
    ).first()
    assert statement is not None, "the seeds hold a relative date"
    published = places_of(seeded_session, statement.id)[0][1].published
    page = soup(seeded_client.get(f"/statements/{statement.id}"))
    explanation = squash(page.select_one(".date-explanation").get_text())
    assert explanation == (
        f"'{statement.date_evidence}', resolved against publication {published.isoformat()}"
    )


def test_undated_statement_says_no_date_could_be_established(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    statement_id = seeded_session.exec(
        select(Statement.id).where(col(Statement.date).is_(None))
    ).first()
    page = soup(seeded_client.get(f"/statements/{statement_id}"))
    explanation = squash(page.select_one(".date-explanation").get_text())
    assert explanation.startswith("no date could be established")
    assert page.select_one(".precision-unknown") is not None


def test_rejected_statement_still_has_its_page(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    statement = seeded_session.exec(select(Statement)).first()
    statement.status = StatementStatus.REJECTED.value
    seeded_session.add(statement)
    seeded_session.commit()
    response = seeded_client.get(f"/statements/{statement.id}")
    assert response.status_code == 200
    assert soup(response).select_one(".status-rejected") is not None


def test_unknown_statement_is_a_404_page(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    missing = seeded_session.exec(select(func.max(Statement.id))).one() + 1
    response = seeded_client.get(f"/statements/{missing}")
    assert response.status_code == 404
    assert f"no statement {missing}" in response.text
    assert "<html" in response.text


def test_malformed_or_huge_statement_id_is_a_400(seeded_client: TestClient) -> None:
    assert seeded_client.get("/statements/abc").status_code == 400
    assert seeded_client.get(f"/statements/{2**70}").status_code == 400
