"""Re-running the engine on stored articles after the engine or the taxonomy changed.

Machine statements (status `extracted`) follow the new reading: the one found at the same
place of the article keeps its id (permalinks and exported ids still point at it) and
takes the new fields; one the engine no longer finds loses this article as a source (and
goes when no article is left); a new one is added, or joins an equivalent statement
already known from another article. What an editor verified, edited, rejected or added
stays exactly as it is.
"""

import datetime as dt
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy.orm import selectinload
from sqlmodel import Session, select

import app.engine as extraction_engine
from app.crud.article_rows import (
    enrich,
    insert_sources,
    source_rows,
    statement_of,
    upsert_speakers,
    wanted_of,
)
from app.crud.known_statements import KnownStatements, Wanted
from app.crud.transactions import NotStored, begin_write, collector_paused, write_retrying
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
    machine statements in line; with `dry_run`, report what would change and change nothing.
    The engine reads it before the write transaction opens; the transaction is run again
    when it meets another writer's lock (app/crud/transactions.py)."""
    extract = extract or extraction_engine.extract_article
    for _ in range(READINGS):
        read = _as_read(session, article_id, published)
        # Ends the read: on PostgreSQL it would otherwise stay open through the extraction.
        session.rollback()
        found = extract(read.text, published=read.published, title=read.title).statements
        wanted = [wanted_of(record, read.text) for record in found]  # outside the lock too
        write = partial(_reconciled, session, article_id, read, found, wanted, dry_run=dry_run)
        result = write_retrying(session, write, what=f"article {article_id}")
        if result is not None:
            return result
    raise NotStored(f"article {article_id}: not read again: its date kept changing meanwhile")


# Readings of one article before giving up, when an editor changes its date meanwhile.
READINGS = 3


@dataclass(frozen=True, slots=True)
class _Read:
    """What the engine read an article with."""

    text: str
    published: dt.date | None  # the date it was read as published on
    given: bool  # whether that date was given rather than the article's own
    title: str | None


def _as_read(session: Session, article_id: int, published: dt.date | None) -> _Read:
    article = session.get(Article, article_id)
    if article is None:
        raise LookupError(f"no article {article_id}")
    given = published is not None
    return _Read(article.text, published if given else article.published, given, article.title)


def _reconciled(
    session: Session,
    article_id: int,
    read: _Read,
    found: list[records.Statement],
    wanted: list[Wanted],
    *,
    dry_run: bool,
) -> ReextractResult | None:
    """One write transaction bringing the article's statements in line with `found`; None
    when the article changed since it was read for them (then it is read again)."""
    with collector_paused():
        begin_write(session)
        again = _as_read(session, article_id, read.published if read.given else None)
        if again != read:
            session.rollback()
            return None
        article = session.get(Article, article_id)
        assert article is not None
        result = ReextractResult()
        _reconcile(session, article, found, wanted, result)
        if dry_run:
            session.rollback()
        else:
            session.commit()
        return result


def _reconcile(
    session: Session,
    article: Article,
    found: list[records.Statement],
    wanted: list[Wanted],
    result: ReextractResult,
) -> None:
    """Match each record to the statement it re-reads (at its place, else an equivalent one,
    else a new one), give those statements their new reading, and take this article away
    from the machine statements it no longer reports. A few batched reads and one flush:
    the transaction holds the write lock for a fraction of a second even for an article
    of thousands of statements."""
    assert article.id is not None
    sources = session.exec(
        select(Source)
        .where(Source.article_id == article.id)
        .options(
            selectinload(Source.statement).selectinload(Statement.conditions),
            selectinload(Source.statement).selectinload(Statement.speaker),
            selectinload(Source.statement).selectinload(Statement.sources),
        )
    ).all()
    at_place: dict[int, list[Statement]] = {}
    starts: dict[int, set[int]] = {}  # id(statement) -> starts of its sources in the article
    for source in sources:
        at_place.setdefault(source.start, []).append(source.statement)
        starts.setdefault(id(source.statement), set()).add(source.start)
    speakers = upsert_speakers(session, [record.speaker for record in found])
    speaker_ids = [speakers[record.speaker.slug].id or 0 for record in found]
    known = KnownStatements.load(session, list(zip(speaker_ids, wanted, strict=True)))
    # Which stored statement each record re-reads (by id() of the object: a new one has no
    # id before the flush): the engine may report one utterance in several records (a lead
    # and the body), and each statement is judged on all of them.
    readings: dict[int, tuple[Statement, list[tuple[Speaker, records.Statement]]]] = {}
    added: set[int] = set()
    new_sources: list[tuple[Statement, dict]] = []
    for record, wants in zip(found, wanted, strict=True):
        speaker = speakers[record.speaker.slug]
        assert speaker.id is not None
        existing = _same_place(at_place, record, speaker, readings)
        if existing is None:
            existing = known.equivalent(speaker.id, wants)
        if existing is None:
            existing = statement_of(record)
            existing.speaker = speaker
            session.add(existing)
            known.add(speaker.id, existing, wants)
            added.add(id(existing))
        readings.setdefault(id(existing), (existing, []))[1].append((speaker, record))
        held = starts.setdefault(id(existing), set())
        for row in source_rows(record, article.text):
            if row["start"] not in held:
                held.add(row["start"])
                new_sources.append((existing, row))
    for key, (statement, reads) in readings.items():
        if key in added:
            for _speaker, record in reads[1:]:
                enrich(statement, record)
            result.added += 1
        elif statement.status != StatementStatus.EXTRACTED.value:
            result.kept += 1  # the editor's word stands
        else:
            _reread(statement, reads, article.id, result)
    _take_away(sources, set(readings), session, result)
    session.flush()
    insert_sources(session.connection(), article.id, new_sources)


def _take_away(
    sources: Sequence[Source], reread: set[int], session: Session, result: ReextractResult
) -> None:
    """Take the article away from the machine statements no record re-reads (those left
    with no source go); an editor's stay as they are."""
    unread: dict[int, list[Source]] = {}
    for source in sources:
        if id(source.statement) not in reread:
            unread.setdefault(id(source.statement), []).append(source)
    for held in unread.values():
        statement = held[0].statement
        if statement.status != StatementStatus.EXTRACTED.value:
            result.kept += 1
            continue
        for source in held:
            statement.sources.remove(source)  # an orphan: deleted at the flush
        if not statement.sources:
            session.delete(statement)
        result.removed += 1


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
        if statement.updated_at != written:
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
    matched: Container[int],
) -> Statement | None:
    """The stored statement this record re-reads: at one of its places, the same speaker's
    first (even one another record re-reads too), else a machine statement there not yet
    re-read (`matched`: id() of those; the engine now names another speaker)."""
    places = (record.start, *(a for a, _ in record.also_at))
    here = [s for start in places for s in at_place.get(start, [])]
    same = [s for s in here if s.speaker_id == speaker.id]
    if same:
        return same[0]
    machine = [
        s for s in here if s.status == StatementStatus.EXTRACTED.value and id(s) not in matched
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
    """Give a machine statement the engine's new fields. Only those that differ are set:
    an unchanged statement stays clean, so the flush neither writes nor counts it again."""
    if statement.speaker_id != speaker.id:
        statement.speaker = speaker
        statement.speaker_id = speaker.id  # read by _state before the next flush
    reading = {
        "date": record.date,
        "date_precision": str(record.date_precision),
        "date_basis": str(record.date_basis),
        "date_evidence": record.date_evidence,
        "kind": str(record.kind),
        "quote": record.quote,
        "evidence": record.evidence,
        "doubts": list(record.doubts),
        "doubt_count": len(record.doubts),
    }
    for name, value in reading.items():
        if getattr(statement, name) != value:
            setattr(statement, name, value)
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
