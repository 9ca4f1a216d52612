"""Reading statements as plain rows, and the counts for the summary."""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.interfaces import LoaderOption
from sqlmodel import Session, SQLModel, col, select

from app.models import Article, Source, Speaker, Statement, StatementCondition, StatementStatus

# Lists and counts leave out the statements an analyst rejected unless asked for them.
NOT_REJECTED = Statement.status != StatementStatus.REJECTED.value


@dataclass(frozen=True, slots=True)
class ConditionRow:
    """One condition of a statement, as shown and exported."""

    condition: str
    stance: str
    regions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One article reporting a statement."""

    article_id: int
    title: str | None
    publisher: str | None
    url: str | None
    published: dt.date | None
    evidence: str
    start: int
    end: int
    quote: str | None = None
    published_basis: str = "none"  # how the article's date was found


@dataclass(frozen=True, slots=True)
class StatementRow:
    """A statement with everything the plain list shows."""

    id: int
    speaker: str
    speaker_slug: str
    side: str
    date: str | None
    date_precision: str
    date_basis: str
    date_evidence: str | None
    kind: str
    quote: str | None
    evidence: str
    status: str
    conditions: list[ConditionRow] = field(default_factory=list)
    sources: list[SourceRow] = field(default_factory=list)
    updated_at: dt.datetime | None = None  # when it last changed
    version: int = 1  # the version an edit is based on (models.Statement.version)
    created_at: dt.datetime | None = None  # when it was stored (a feed's "published")


def row_loads() -> tuple[LoaderOption, ...]:
    """The loader options that fetch, in a few queries, all that `to_row` reads."""
    return (
        selectinload(Statement.speaker),
        selectinload(Statement.conditions),
        # An article's text is large and no row shows it.
        selectinload(Statement.sources).selectinload(Source.article).defer(Article.text),
    )


def to_row(s: Statement) -> StatementRow:
    """A loaded statement as a plain row (conditions and sources in a stable order)."""
    assert s.id is not None
    return StatementRow(
        id=s.id,
        speaker=s.speaker.name,
        speaker_slug=s.speaker.slug,
        side=s.speaker.side,
        date=s.date,
        date_precision=s.date_precision,
        date_basis=s.date_basis,
        date_evidence=s.date_evidence,
        kind=s.kind,
        quote=s.quote,
        evidence=s.evidence,
        status=s.status,
        updated_at=s.updated_at,
        version=s.version,
        created_at=s.created_at,
        conditions=[ConditionRow(c.condition, c.stance, tuple(c.regions)) for c in s.conditions],
        sources=[
            SourceRow(
                article_id=src.article_id,
                title=src.article.title,
                publisher=src.article.publisher,
                url=src.article.url,
                published=src.article.published,
                evidence=src.evidence,
                start=src.start,
                end=src.end,
                quote=src.quote,
                published_basis=src.article.published_basis,
            )
            for src in sorted(s.sources, key=lambda src: (src.article_id, src.start))
        ],
    )


def statement_rows(session: Session, ids: Sequence[int]) -> dict[int, StatementRow]:
    """The statements with these ids as rows (the same as `to_row` gives), read as plain
    columns in three queries: a timeline page of 50 builds in a fraction of the time that
    loading them as ORM objects with their relations takes."""
    if not ids:
        return {}
    conditions: defaultdict[int, list[ConditionRow]] = defaultdict(list)
    for statement_id, condition, stance, regions in session.execute(
        select(
            StatementCondition.statement_id,
            StatementCondition.condition,
            StatementCondition.stance,
            StatementCondition.regions,
        )
        .where(col(StatementCondition.statement_id).in_(ids))
        .order_by(col(StatementCondition.id))
    ):
        conditions[statement_id].append(ConditionRow(condition, stance, tuple(regions)))
    sources: defaultdict[int, list[SourceRow]] = defaultdict(list)
    for statement_id, *source in session.execute(
        select(
            Source.statement_id,
            Source.article_id,
            Article.title,
            Article.publisher,
            Article.url,
            Article.published,
            Source.evidence,
            Source.start,
            Source.end,
            Source.quote,
            Article.published_basis,
        )
        .join(Article, col(Article.id) == col(Source.article_id))
        .where(col(Source.statement_id).in_(ids))
    ):
        sources[statement_id].append(SourceRow(*source))
    rows = {}
    for found in session.execute(
        select(
            Statement.id,
            col(Speaker.name).label("speaker"),
            col(Speaker.slug).label("speaker_slug"),
            Speaker.side,
            Statement.date,
            Statement.date_precision,
            Statement.date_basis,
            Statement.date_evidence,
            Statement.kind,
            Statement.quote,
            Statement.evidence,
            Statement.status,
            Statement.updated_at,
            Statement.version,
            Statement.created_at,
        )
        .join(Speaker, col(Speaker.id) == col(Statement.speaker_id))
        .where(col(Statement.id).in_(ids))
    ):
        statement_id = found.id
        rows[statement_id] = StatementRow(
            **found._asdict(),
            conditions=conditions[statement_id],
            sources=sorted(sources[statement_id], key=lambda src: (src.article_id, src.start)),
        )
    return rows


def _count(session: Session, model: type[SQLModel], *where: object) -> int:
    query = select(func.count()).select_from(model)
    for clause in where:
        query = query.where(clause)
    return session.exec(query).one()


def count_articles(session: Session) -> int:
    """How many articles are stored."""
    return _count(session, Article)


def count_statements(session: Session, *, include_rejected: bool = False) -> int:
    """How many statements are stored (rejected ones only when asked)."""
    if include_rejected:
        return _count(session, Statement)
    return _count(session, Statement, NOT_REJECTED)


def count_speakers(session: Session) -> int:
    """How many speakers are stored."""
    return _count(session, Speaker)


def count_sources(session: Session) -> int:
    """How many (statement, article, place) sources are stored."""
    return _count(session, Source)
