"""Re-running the engine on stored articles after the engine or the taxonomy changed.

Machine statements (status `extracted`) follow the new reading: the one found at the same
place of the article keeps its id (permalinks and exported ids still point at it) and
takes the new fields; one the engine no longer finds loses this article as a source (and
goes when no article is left); a new one is added, or joins an equivalent statement
already known from another article. What an editor verified, edited, rejected or added
stays exactly as it is.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

import app.engine as extraction_engine
from app.crud.article_rows import enrich
from app.crud.ingest import add_sources, equivalent_statement, new_statement, upsert_speaker
from app.engine import Extractor
from app.extraction import records
from app.models import (
    Article,
    Source,
    Speaker,
    Statement,
    StatementCondition,
    StatementStatus,
    utcnow,
)


@dataclass(frozen=True, slots=True)
class DateMove:
    """A machine statement whose date the new reading moves."""

    statement_id: int
    speaker: str
    old: str  # "2024-07-05 (day)" or "undated"
    new: str


@dataclass(slots=True)
class ReextractResult:
    added: int = 0
    changed: int = 0
    removed: int = 0
    kept: int = 0
    moves: list[DateMove] = field(default_factory=list)

    def __iadd__(self, other: "ReextractResult") -> "ReextractResult":
        self.added += other.added
        self.changed += other.changed
        self.removed += other.removed
        self.kept += other.kept
        self.moves += other.moves
        return self

    def summary(self) -> str:
        return (
            f"statements: {self.added} added, {self.changed} changed, "
            f"{self.removed} removed, {self.kept} kept"
        )


def dated(date: str | None, precision: str) -> str:
    """A date as a move shows it: "2024-07-05 (day)", or "undated"."""
    return f"{date} ({precision})" if date else "undated"


def _dated(statement: Statement | records.Statement) -> str:
    return dated(statement.date, str(statement.date_precision))


def reextract_article(
    session: Session,
    article_id: int,
    *,
    published: dt.date | None = None,
    extract: Extractor | None = None,
    dry_run: bool = False,
) -> ReextractResult:
    """Read the article again (as if published on `published`, when given) and bring its
    machine statements in line; with `dry_run`, report what would change and change nothing."""
    article = session.get(Article, article_id)
    if article is None:
        raise LookupError(f"no article {article_id}")
    when = published or article.published
    extraction = (extract or extraction_engine.extract_article)(
        article.text, published=when, title=article.title
    )
    result = ReextractResult()
    try:
        _reconcile(session, article, extraction.statements, result)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    return result


def _reconcile(
    session: Session, article: Article, found: list[records.Statement], result: ReextractResult
) -> None:
    assert article.id is not None
    sources = session.exec(
        select(Source)
        .where(Source.article_id == article.id)
        .options(
            selectinload(Source.statement).selectinload(Statement.conditions),
            selectinload(Source.statement).selectinload(Statement.speaker),
        )
    ).all()
    at_place: dict[int, list[Statement]] = {}
    for source in sources:
        at_place.setdefault(source.start, []).append(source.statement)
    # Which stored statement each record re-reads: the engine may report one utterance in
    # several records (a lead and the body), and each statement is judged on all of them.
    readings: dict[int, tuple[Statement, list[tuple[Speaker, records.Statement]]]] = {}
    added: set[int] = set()
    for record in found:
        speaker = upsert_speaker(session, record.speaker)
        existing = _same_place(at_place, record, speaker, set(readings))
        if existing is None:
            existing = equivalent_statement(session, speaker, record)
        if existing is None:
            existing = new_statement(session, speaker, record)
            assert existing.id is not None
            added.add(existing.id)
        assert existing.id is not None
        readings.setdefault(existing.id, (existing, []))[1].append((speaker, record))
        add_sources(session, existing, article.id, record, article.text)
    for statement_id, (statement, reads) in readings.items():
        if statement_id in added:
            for _speaker, record in reads[1:]:
                enrich(statement, record)
            result.added += 1
        elif statement.status != StatementStatus.EXTRACTED.value:
            result.kept += 1  # the editor's word stands
        else:
            _reread(statement, reads, article.id, result)
    for statement in {s.id: s for s in (src.statement for src in sources)}.values():
        if statement.id in readings:
            continue
        if statement.status != StatementStatus.EXTRACTED.value:
            result.kept += 1
            continue
        for source in [s for s in sources if s.statement_id == statement.id]:
            session.delete(source)
        session.flush()
        session.refresh(statement)
        if not statement.sources:
            session.delete(statement)
        result.removed += 1
    session.flush()


def _state(statement: Statement) -> tuple[object, ...]:
    """What a reader sees of a statement (not when it was last written)."""
    conditions = [(c.condition, c.stance, list(c.regions)) for c in statement.conditions]
    return tuple(getattr(statement, name) for name in _READ_FIELDS) + (conditions,)


def _reread(
    statement: Statement,
    reads: list[tuple[Speaker, records.Statement]],
    article_id: int,
    result: ReextractResult,
) -> None:
    """Give a machine statement the new reading of its records; count what that did."""
    before, written, dated = _state(statement), statement.updated_at, _dated(statement)
    if any(source.article_id != article_id for source in statement.sources):
        # Other articles shaped it too: this one may only sharpen it, as at ingestion,
        # or re-extracting each article in turn would flip it back and forth.
        for _speaker, record in reads:
            enrich(statement, record)
    else:
        _take_reading(statement, *reads[0])
        for _speaker, record in reads[1:]:
            enrich(statement, record)
    if _state(statement) == before:
        statement.updated_at = written
        result.kept += 1
        return
    statement.updated_at = utcnow()
    result.changed += 1
    if _dated(statement) != dated:
        assert statement.id is not None
        result.moves.append(
            DateMove(statement.id, statement.speaker.name, dated, _dated(statement))
        )


def _same_place(
    at_place: dict[int, list[Statement]],
    record: records.Statement,
    speaker: Speaker,
    matched: set[int],
) -> Statement | None:
    """The stored statement this record re-reads: at one of its places, the same speaker's
    first (even one another record re-reads too), else a machine statement there not yet
    re-read (the engine now names another speaker)."""
    places = (record.start, *(a for a, _ in record.also_at))
    here = [s for start in places for s in at_place.get(start, [])]
    same = [s for s in here if s.speaker_id == speaker.id]
    if same:
        return same[0]
    machine = [
        s for s in here if s.status == StatementStatus.EXTRACTED.value and s.id not in matched
    ]
    return machine[0] if machine else None


_READ_FIELDS = (
    "speaker_id",
    "date",
    "date_precision",
    "date_basis",
    "date_evidence",
    "kind",
    "quote",
    "evidence",
    "doubts",
)


def _take_reading(statement: Statement, speaker: Speaker, record: records.Statement) -> None:
    """Give a machine statement the engine's new fields."""
    statement.speaker = speaker
    statement.speaker_id = speaker.id  # read by _state before the next flush
    statement.date = record.date
    statement.date_precision = str(record.date_precision)
    statement.date_basis = str(record.date_basis)
    statement.date_evidence = record.date_evidence
    statement.kind = str(record.kind)
    statement.quote = record.quote
    statement.evidence = record.evidence
    statement.doubts = list(record.doubts)
    statement.doubt_count = len(record.doubts)
    new_conditions = [(c.condition, str(c.stance), list(c.regions)) for c in record.conditions]
    old_conditions = [(c.condition, c.stance, list(c.regions)) for c in statement.conditions]
    if new_conditions != old_conditions:
        statement.conditions = [
            StatementCondition(condition=c, stance=s, regions=r) for c, s, r in new_conditions
        ]


def reextract_all(
    session: Session,
    *,
    extract: Extractor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReextractResult:
    """Re-extract every stored article, each in its own transaction."""
    ids = [i for i in session.exec(select(Article.id).order_by(Article.id)) if i is not None]
    total = ReextractResult()
    for done, article_id in enumerate(ids, 1):
        total += reextract_article(session, article_id, extract=extract)
        if progress is not None:
            progress(done, len(ids))
    return total
