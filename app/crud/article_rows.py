"""An extracted article's rows: drafted before its write transaction opens, then written in
it by a few batched statements, so the transaction holds the write lock for a fraction of a
second even for an article of thousands of statements.

Within the transaction: the speakers (two lookups), the article, the stored statements its
records may repeat (app/crud/known_statements.py), matching in memory, and then the new
statements, their conditions and every source inserted in batches. New statements go in
through Core inserts rather than the ORM's unit of work (several times faster), so their
quote hashes and their tally rows (app/crud/tally.py) are written here; stored statements a
record sharpens are ORM objects, flushed as any edit is.
"""

from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, or_
from sqlalchemy import text as sql
from sqlmodel import Session, col, select

from app.crud import tally
from app.crud.known_statements import KnownStatements, Wanted, day_of
from app.dedupe import Fingerprint, more_precise, quote_hash
from app.extraction import records
from app.models import (
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementCondition,
    StatementStatus,
    utcnow,
)

_statements = Statement.__table__
_conditions = StatementCondition.__table__
_sources = Source.__table__
# The columns a new statement is written with, read from its (never added) ORM object.
_STATEMENT_FIELDS = [c.key for c in _statements.columns if c.key != "id"]


@dataclass(slots=True)
class Draft:
    """A record's rows made before the transaction: its statement, used if the record is
    new, and a source for each place the article reports it."""

    record: records.Statement
    wanted: Wanted
    statement: Statement  # transient: never added to a session
    sources: list[dict]  # evidence, start, end, quote


@dataclass(slots=True)
class Written:
    """What storing an article's records did."""

    statements_new: int = 0
    statements_merged: int = 0
    sources_new: int = 0


def wanted_of(record: records.Statement, text: str) -> Wanted:
    """What a record is matched on; checks its offsets (the engine's bug, not the text's)."""
    for start, end in [(record.start, record.end), *record.also_at]:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"engine gave offsets {start}:{end} outside the article")
    conditions = [(str(c.condition), str(c.stance)) for c in record.conditions]
    return Wanted(
        quote_hash=quote_hash(record.quote),
        date=day_of(record.date, str(record.date_precision), bool(conditions)),
        fingerprint=Fingerprint.of(
            speaker="",
            date=record.date,
            date_precision=record.date_precision,
            conditions=conditions,
            quote=record.quote,
        ),
    )


def draft(record: records.Statement, wanted: Wanted, text: str) -> Draft:
    """The record's rows, not yet in any session."""
    statement = statement_of(record)
    statement.quote_hash = wanted.quote_hash  # Core inserts pass by models.py's listener
    return Draft(record, wanted, statement, source_rows(record, text))


def source_rows(record: records.Statement, text: str) -> list[dict]:
    """A source row (evidence, start, end, quote) for each place the record is reported."""
    rows = []
    for index, (start, end) in enumerate([(record.start, record.end), *record.also_at]):
        evidence = text[start:end]
        # A repeat elsewhere in the article carries the quote only if it contains it.
        quote = record.quote if index == 0 or (record.quote and record.quote in evidence) else None
        rows.append({"evidence": evidence, "start": start, "end": end, "quote": quote})
    return rows


def statement_of(record: records.Statement) -> Statement:
    """A new statement with the record's fields and conditions, not yet in a session."""
    return Statement(
        date=record.date,
        date_precision=str(record.date_precision),
        date_basis=str(record.date_basis),
        date_evidence=record.date_evidence,
        kind=str(record.kind),
        quote=record.quote,
        evidence=record.evidence,
        doubts=list(record.doubts),
        doubt_count=len(record.doubts),
        conditions=[
            StatementCondition(condition=c.condition, stance=str(c.stance), regions=list(c.regions))
            for c in record.conditions
        ],
    )


def store_records(session: Session, article_id: int, drafts: list[Draft]) -> Written:
    """Store the drafts' statements and sources for the article (in the open transaction):
    each record joins an equivalent statement, stored or added here, or adds its own."""
    entries = [d.record.speaker for d in drafts]
    lock_speakers(session, [entry.slug for entry in entries])
    speakers = upsert_speakers(session, entries)
    speaker_ids = [speakers[entry.slug].id or 0 for entry in entries]
    known = KnownStatements.load(
        session, list(zip(speaker_ids, (d.wanted for d in drafts), strict=True))
    )
    written = Written()
    added: list[Statement] = []
    sources: list[tuple[Statement, dict]] = []
    starts: dict[int, set[int]] = {}  # id(statement) -> starts of its sources added here
    for speaker_id, d in zip(speaker_ids, drafts, strict=True):
        statement = known.equivalent(speaker_id, d.wanted)
        if statement is None:
            statement = d.statement
            statement.speaker_id = speaker_id
            known.add(speaker_id, statement, d.wanted)
            added.append(statement)
            written.statements_new += 1
        else:
            if enrich(statement, d.record):
                known.redated(statement)
            written.statements_merged += 1
        held = starts.setdefault(id(statement), set())
        for source in d.sources:
            if source["start"] not in held:
                held.add(source["start"])
                sources.append((statement, source))
    session.flush()  # the stored statements records sharpened, with their tally rows
    connection = session.connection()
    ids = _insert_statements(connection, added)
    written.sources_new = insert_sources(connection, article_id, sources, ids)
    return written


def insert_sources(
    connection: Connection,
    article_id: int,
    sources: list[tuple[Statement, dict]],
    ids: dict[int, int] | None = None,
) -> int:
    """Insert the article's sources of these statements (ids of statements inserted by Core
    given by id() of their objects); how many."""
    ids = ids or {}
    rows = [
        {**source, "article_id": article_id, "statement_id": statement.id or ids[id(statement)]}
        for statement, source in sources
    ]
    if rows:
        connection.execute(insert(_sources), rows)
    return len(rows)


def _insert_statements(connection: Connection, statements: list[Statement]) -> dict[int, int]:
    """Insert new statements with their conditions, and count them in the tally; the id
    each was given, by id() of its object."""
    if not statements:
        return {}
    rows = [{name: getattr(s, name) for name in _STATEMENT_FIELDS} for s in statements]
    given = _inserted_ids(connection, rows)
    ids = {id(s): given_id for s, given_id in zip(statements, given, strict=True)}
    conditions = [
        {
            "statement_id": given_id,
            "condition": c.condition,
            "stance": c.stance,
            "regions": c.regions,
        }
        for s, given_id in zip(statements, given, strict=True)
        for c in s.conditions
    ]
    if conditions:
        connection.execute(insert(_conditions), conditions)
    # Counted from the objects at hand: the same rows `contributions` would read back.
    tally.apply(connection, tally.counted(_tally_fields(s) for s in statements))
    return ids


def _inserted_ids(connection: Connection, rows: list[dict]) -> list[int]:
    """Insert statement rows; their ids, in the rows' order."""
    if connection.dialect.name != "sqlite":
        # PostgreSQL returns the ids of a batched insert in order (SQLAlchemy's sentinel).
        returning = insert(_statements).returning(_statements.c.id, sort_by_parameter_order=True)
        return [row.id for row in connection.execute(returning, rows)]
    # SQLite has no such sentinel: SQLAlchemy would insert one row at a time. But it gives
    # each new row the id after the largest, and this transaction holds the write lock
    # (BEGIN IMMEDIATE), so one batched insert's rows are the ones after the largest before.
    key = _statements.c.id
    before = connection.execute(select(func.max(key))).scalar() or 0
    connection.execute(insert(_statements), rows)
    given = list(connection.execute(select(key).where(key > before).order_by(key)).scalars())
    if given != list(range(before + 1, before + 1 + len(rows))):
        # Only past the largest possible id does SQLite pick ids at random.
        raise RuntimeError("SQLite did not number the new statements in order")
    return given


def _tally_fields(statement: Statement) -> tally.Fields:
    s = statement
    conditions = [(c.condition, c.stance, c.regions) for c in s.conditions]
    return (s.date, s.speaker_id, s.kind, s.date_precision, s.status, s.date_basis, conditions)


def upsert_speakers(session: Session, entries: list[records.SpeakerEntry]) -> dict[str, Speaker]:
    """Each slug's speaker (stored, made, or the one an editor merged it into); flushed.
    Only speakers of statements are stored: one named without a statement would be a row
    nothing refers to."""
    last = {entry.slug: entry for entry in entries}
    slugs = list(last)
    aliases = {
        a.slug: a.speaker_id
        for a in session.exec(select(SpeakerAlias).where(col(SpeakerAlias.slug).in_(slugs)))
    }
    stored = session.exec(
        select(Speaker).where(
            or_(col(Speaker.slug).in_(slugs), col(Speaker.id).in_(set(aliases.values())))
        )
    ).all()
    by_slug = {s.slug: s for s in stored}
    by_id = {s.id: s for s in stored}
    speakers: dict[str, Speaker] = {}
    for slug, entry in last.items():
        if slug in aliases:
            # An editor merged this speaker into another: it stays merged.
            speakers[slug] = by_id[aliases[slug]]
            continue
        speaker = by_slug.get(slug)
        if speaker is None:
            speaker = Speaker(slug=slug, name=entry.name, side=entry.side, kind=entry.kind)
            session.add(speaker)
        elif not speaker.edited:
            # The gazetteer is the authority on names and sides, unless an editor corrected
            # them; corrections to the gazetteer propagate.
            speaker.name, speaker.side, speaker.kind = entry.name, entry.side, entry.kind
        speakers[slug] = speaker
    session.flush()
    return speakers


def lock_speakers(session: Session, slugs: list[str]) -> None:
    """On PostgreSQL, hold each speaker's lock until commit, so that concurrent workers
    write one speaker's statements one at a time: under READ COMMITTED two of them would
    each miss the other's uncommitted statement (a duplicate) or speaker (a failed insert).
    SQLite needs none: it runs one writing transaction at a time."""
    if session.get_bind().dialect.name != "postgresql":
        return
    # In sorted order, so two transactions never wait on each other's locks.
    for slug in sorted(set(slugs)):
        session.execute(
            sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"speaker:{slug}"},
        )


def enrich(statement: Statement, record: records.Statement) -> bool:
    """Let a further report sharpen a machine-extracted statement's date and conditions;
    whether it did."""
    if statement.status != StatementStatus.EXTRACTED.value:
        return False  # analyst work is never overwritten; the new report only becomes a source
    changed = False
    if record.date and more_precise(record.date_precision, statement.date_precision):
        statement.date, statement.date_precision = record.date, str(record.date_precision)
        statement.date_basis, statement.date_evidence = str(record.date_basis), record.date_evidence
        changed = True
    held = {(c.condition, c.stance): c for c in statement.conditions}
    for tag in record.conditions:
        condition = held.get((tag.condition, str(tag.stance)))
        if condition is None:
            statement.conditions.append(
                StatementCondition(
                    condition=tag.condition, stance=str(tag.stance), regions=list(tag.regions)
                )
            )
            changed = True
        elif missing := [r for r in tag.regions if r not in condition.regions]:
            # A new list, not append: the JSON column only notices reassignment.
            condition.regions = [*condition.regions, *missing]
            changed = True
    if changed:
        statement.updated_at = utcnow()
    return changed
