"""Reads behind the statement, article, speaker and condition pages (app.crud.catalog)."""

from sqlmodel import Session, col, func, select

from app import crud
from app.extraction.conditions import condition_labels
from app.models import Article, Source, Speaker, Statement, StatementStatus


def test_unknown_ids_give_none(seeded_session: Session) -> None:
    assert crud.get_statement_detail(seeded_session, 10**9) is None
    assert crud.get_article_detail(seeded_session, 10**9) is None


def test_statement_detail_has_every_source_place_in_context(seeded_session: Session) -> None:
    statement_id = seeded_session.exec(
        select(Source.statement_id)
        .group_by(col(Source.statement_id))
        .having(func.count(func.distinct(Source.article_id)) > 1)
    ).first()
    assert statement_id is not None, "the seeds hold a statement reported by two articles"
    detail = crud.get_statement_detail(seeded_session, statement_id)
    assert detail is not None
    places = seeded_session.exec(
        select(Source, Article.text)
        .join(Article, col(Article.id) == col(Source.article_id))
        .where(Source.statement_id == statement_id)
        .order_by(col(Source.article_id), col(Source.start))
    ).all()
    assert [s.article_id for s in detail.sources] == sorted({src.article_id for src, _ in places})
    shown = [
        (p.evidence, p.before + p.evidence + p.after) for s in detail.sources for p in s.places
    ]
    for (src, text), (evidence, context) in zip(places, shown, strict=True):
        assert evidence == text[src.start : src.end] == src.evidence
        assert context in text


def test_articles_are_listed_newest_first_with_counts(seeded_session: Session) -> None:
    articles = crud.list_articles(seeded_session)
    dates = [a.published for a in articles if a.published]
    assert dates == sorted(dates, reverse=True)
    assert crud.list_articles(seeded_session, newest_first=False)[0].published == min(dates)
    for a in articles:
        ids = set(
            seeded_session.exec(
                select(Statement.id)
                .join(Source, col(Source.statement_id) == col(Statement.id))
                .where(Source.article_id == a.id, Statement.status != "rejected")
            ).all()
        )
        assert a.statements == len(ids)


def test_article_statements_follow_the_text(seeded_session: Session) -> None:
    article_id = seeded_session.exec(select(Article.id).order_by(col(Article.id))).first()
    assert article_id is not None
    detail = crud.get_article_detail(seeded_session, article_id)
    assert detail is not None
    firsts = [
        min(src.start for src in row.sources if src.article_id == article_id)
        for row in detail.statements
    ]
    assert firsts == sorted(firsts)
    assert len(detail.statements) == detail.article.statements


def _summary(session: Session, slug: str) -> crud.SpeakerSummary:
    return next(s for g in crud.list_speakers(session) for s in g.speakers if s.slug == slug)


def _speaker_id(session: Session, slug: str) -> int:
    return session.exec(select(Speaker.id).where(Speaker.slug == slug)).one()


def test_rejected_statements_leave_every_count(seeded_session: Session) -> None:
    putin = _summary(seeded_session, "vladimir-putin")
    statement = seeded_session.exec(
        select(Statement)
        .where(Statement.speaker_id == _speaker_id(seeded_session, "vladimir-putin"))
        .order_by(col(Statement.id))
    ).first()
    assert statement is not None
    conditions_before = {c.id: c.statements for c in crud.list_conditions(seeded_session)}
    articles_before = {a.id: a.statements for a in crud.list_articles(seeded_session)}
    statement.status = StatementStatus.REJECTED.value
    seeded_session.add(statement)
    seeded_session.commit()

    after = _summary(seeded_session, "vladimir-putin")
    assert after.statements == putin.statements - 1
    conditions_after = {c.id: c.statements for c in crud.list_conditions(seeded_session)}
    for c in statement.conditions:
        assert conditions_after[c.condition] == conditions_before[c.condition] - 1
    articles_after = {a.id: a.statements for a in crud.list_articles(seeded_session)}
    for src in statement.sources:
        assert articles_after[src.article_id] == articles_before[src.article_id] - 1


def test_speakers_are_grouped_russia_ukraine_then_others_commentators_last(
    seeded_session: Session,
) -> None:
    sides = [g.side for g in crud.list_speakers(seeded_session)]
    assert sides[:2] == ["Russia", "Ukraine"]
    assert sides[-1] == "commentator"
    assert sides[2:-1] == sorted(sides[2:-1])


def test_first_and_last_dates_respect_precision(seeded_session: Session) -> None:
    zelensky = _summary(seeded_session, "volodymyr-zelensky")
    speaker_id = _speaker_id(seeded_session, "volodymyr-zelensky")
    dates = seeded_session.exec(
        select(Statement.date).where(Statement.speaker_id == speaker_id)
    ).all()
    known = [d for d in dates if d]
    # a date at coarser precision spans a period: "2022-11" starts before "2022-12-28", and
    # "2022" ends after it (on 31 December)
    starts = {d: d + "-01-01"[len(d) - 4 :] if len(d) < 10 else d for d in known}
    ends = {d: d + "-12-31"[len(d) - 4 :] if len(d) < 10 else d for d in known}
    assert zelensky.first.date == min(known, key=lambda d: (starts[d], d))
    assert zelensky.last.date == max(known, key=lambda d: (ends[d], d))
    assert len({len(d) for d in known}) > 1  # the seeds give him dates at several precisions


def test_every_taxonomy_condition_is_listed_in_order(seeded_session: Session) -> None:
    rows = crud.list_conditions(seeded_session)
    assert [r.id for r in rows][: len(condition_labels())] == list(condition_labels())
    assert all(list(r.by_stance) == ["demand", "reject", "support", "offer"] for r in rows)
    assert any(r.statements == 0 and r.first is None for r in rows)
