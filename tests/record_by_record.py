"""How ingest and re-extraction stored an article's records before they stored them in
batches: one record at a time, every lookup a query and every record a flush. Kept as the
reference the batched code (app/crud/article_rows.py, known_statements.py, reextract.py)
is checked against: the same articles must give the same rows, ids included."""

import random
import time
from collections.abc import Iterator

from backends import Databases
from factories import LAVROV, PUTIN, extraction, statement
from sqlalchemy import Engine, and_, case, distinct, event, func, or_
from sqlmodel import Session, col, select

from app.crud import content_hash
from app.crud.article_rows import enrich, statement_of
from app.crud.reextract import ReextractResult, _reread
from app.db import create_db_engine
from app.dedupe import Fingerprint, quote_hash, same_statement
from app.extraction import records
from app.extraction.records import ArticleExtraction, SpeakerEntry
from app.models import (
    Article,
    DatePrecision,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementCondition,
    StatementStatus,
)


def upsert_speaker(session: Session, entry: records.SpeakerEntry) -> Speaker:
    # Only speakers of statements are stored: `speakers_introduced` without a statement
    # would be rows nothing refers to.
    alias = session.get(SpeakerAlias, entry.slug)
    if alias is not None:
        # An editor merged this speaker into another: it stays merged.
        merged_into = session.get(Speaker, alias.speaker_id)
        assert merged_into is not None
        return merged_into
    speaker = session.exec(select(Speaker).where(Speaker.slug == entry.slug)).first()
    if speaker is None:
        speaker = Speaker(slug=entry.slug, name=entry.name, side=entry.side, kind=entry.kind)
    elif not speaker.edited:
        # The gazetteer is the authority on names and sides, unless an editor corrected
        # them; corrections to the gazetteer propagate.
        speaker.name, speaker.side, speaker.kind = entry.name, entry.side, entry.kind
    session.add(speaker)
    session.flush()
    return speaker


def _fingerprint(statement: Statement | records.Statement, slug: str) -> Fingerprint:
    return Fingerprint.of(
        speaker=slug,
        date=statement.date,
        date_precision=statement.date_precision,
        conditions=((str(c.condition), str(c.stance)) for c in statement.conditions),
        quote=statement.quote,
    )


def equivalent_statement(
    session: Session, speaker: Speaker, record: records.Statement
) -> Statement | None:
    """The speaker's earliest statement that `same_statement` finds the same as `record`."""
    wanted = _fingerprint(record, speaker.slug)
    # Two index lookups name every statement that can match (the same quote by its stored
    # hash; the speaker's statements of that day sharing a condition and stance), so the
    # cost does not grow with the speaker's record; same_statement still decides.
    candidates = sorted(
        {*_same_quote_ids(session, speaker, record), *_same_day_ids(session, speaker, wanted)}
    )
    for statement_id in candidates:
        candidate = session.get(Statement, statement_id)
        if candidate is not None and same_statement(_fingerprint(candidate, speaker.slug), wanted):
            return candidate
    return None


def _same_quote_ids(session: Session, speaker: Speaker, record: records.Statement) -> list[int]:
    digest = quote_hash(record.quote)
    if digest is None:
        return []
    query = (
        select(Statement.id)
        .where(Statement.speaker_id == speaker.id, Statement.quote_hash == digest)
        .order_by(col(Statement.id))
        .limit(1)
    )
    return [i for i in session.exec(query) if i is not None]


def _same_day_ids(session: Session, speaker: Speaker, wanted: Fingerprint) -> list[int]:
    day = DatePrecision.DAY.value
    if wanted.date is None or wanted.date_precision != day or not wanted.conditions:
        return []
    # same_statement's rule over the day's condition rows, counted in SQL so that only
    # statements that match are loaded: at least one (condition, stance) in common, and
    # in common at least half of the shorter list (distinct pairs, as its sets count).
    pair = col(StatementCondition.condition) + "|" + col(StatementCondition.stance)
    is_shared = or_(
        *(
            and_(StatementCondition.condition == c, StatementCondition.stance == s)
            for c, s in wanted.conditions
        )
    )
    shared = func.count(distinct(case((is_shared, pair))))
    held = func.count(distinct(pair))
    query = (
        select(Statement.id)
        .join(StatementCondition, col(StatementCondition.statement_id) == Statement.id)
        .where(
            Statement.speaker_id == speaker.id,
            Statement.date == wanted.date,
            Statement.date_precision == day,
        )
        .group_by(col(Statement.id))
        .having(
            shared >= 1,
            or_(shared * 2 >= held, shared * 2 >= len(wanted.conditions)),
        )
        .order_by(col(Statement.id))
    )
    return [i for i in session.exec(query) if i is not None]


def new_statement(session: Session, speaker: Speaker, record: records.Statement) -> Statement:
    statement = statement_of(record)
    statement.speaker = speaker
    session.add(statement)
    session.flush()
    return statement


def add_sources(
    session: Session, statement: Statement, article_id: int, record: records.Statement, text: str
) -> int:
    assert statement.id is not None
    places = [(record.start, record.end), *record.also_at]
    known = set(
        session.exec(
            select(Source.start).where(
                Source.statement_id == statement.id, Source.article_id == article_id
            )
        )
    )
    added = 0
    for index, (start, end) in enumerate(places):
        if not 0 <= start < end <= len(text):
            raise ValueError(f"engine gave offsets {start}:{end} outside the article")
        if start in known:
            continue
        evidence = text[start:end]
        # A repeat elsewhere in the article carries the quote only if it contains it.
        quote = record.quote if index == 0 or (record.quote and record.quote in evidence) else None
        session.add(
            Source(
                statement_id=statement.id,
                article_id=article_id,
                evidence=evidence,
                start=start,
                end=end,
                quote=quote,
            )
        )
        known.add(start)
        added += 1
    session.flush()
    return added


def store_one_by_one(session: Session, text: str, found: ArticleExtraction) -> None:
    """Ingest's store, record by record (the article's metadata left plain)."""
    article = Article(content_hash=content_hash(text), file_name="x.txt", text=text)
    session.add(article)
    session.flush()
    assert article.id is not None
    for record in found.statements:
        speaker = upsert_speaker(session, record.speaker)
        stored = equivalent_statement(session, speaker, record)
        if stored is None:
            stored = new_statement(session, speaker, record)
        else:
            enrich(stored, record)
        add_sources(session, stored, article.id, record, text)
    session.commit()


def reread_one_by_one(
    session: Session, article_id: int, found: ArticleExtraction
) -> ReextractResult:
    """Re-extraction's reconciling, record by record, committed."""
    article = session.get(Article, article_id)
    assert article is not None
    sources = session.exec(select(Source).where(Source.article_id == article_id)).all()
    at_place: dict[int, list[Statement]] = {}
    for source in sources:
        at_place.setdefault(source.start, []).append(source.statement)
    readings: dict[int, tuple[Statement, list[tuple[Speaker, records.Statement]]]] = {}
    added: set[int] = set()
    result = ReextractResult()
    for record in found.statements:
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
        add_sources(session, existing, article_id, record, article.text)
    for statement_id, (stored, reads) in readings.items():
        if statement_id in added:
            for _speaker, record in reads[1:]:
                enrich(stored, record)
            result.added += 1
        elif stored.status != StatementStatus.EXTRACTED.value:
            result.kept += 1
        else:
            _reread(stored, reads, article_id, result)
    for stored in {s.id: s for s in (src.statement for src in sources)}.values():
        if stored.id in readings:
            continue
        if stored.status != StatementStatus.EXTRACTED.value:
            result.kept += 1
            continue
        for source in [s for s in sources if s.statement_id == stored.id]:
            session.delete(source)
        session.flush()
        session.refresh(stored)
        if not stored.sources:
            session.delete(stored)
        result.removed += 1
    session.commit()
    return result


def _same_place(
    at_place: dict[int, list[Statement]],
    record: records.Statement,
    speaker: Speaker,
    matched: set[int],
) -> Statement | None:
    places = (record.start, *(a for a, _ in record.also_at))
    here = [s for start in places for s in at_place.get(start, [])]
    same = [s for s in here if s.speaker_id == speaker.id]
    if same:
        return same[0]
    machine = [
        s for s in here if s.status == StatementStatus.EXTRACTED.value and s.id not in matched
    ]
    return machine[0] if machine else None


# --- random articles and readings -------------------------------------------------------

# A slug an editor merged into Lavrov: its records are his.
MERGED = SpeakerEntry("s-lavrov", "S. Lavrov", "Russia", "person")
NEWCOMER = SpeakerEntry("ana-newcomer", "Ana Newcomer", "Moldova", "person")
SPEAKERS = [PUTIN, LAVROV, MERGED, NEWCOMER]
QUOTES = [
    None,
    None,
    "Russia is for a complete and final end to the conflict",
    "RUSSIA is for a complete and [final] end to the conflict!",
    "we will never accept a frozen conflict",
    "no pause",  # too short to identify anything
]
DATES = [("2024-07-05", "day"), ("2024-07-06", "day"), ("2024-07", "month"), (None, "unknown")]
PAIRS = [(c, s) for c in ("ceasefire", "territory", "sanctions") for s in ("demand", "reject")]
REGIONS = [(), (), ("Donetsk",), ("Crimea", "Donetsk")]


def random_text(number: int) -> tuple[str, list[str]]:
    """An article of distinct sentences, and the sentences."""
    sentences = [f"Sentence {number}.{n} about the war." for n in range(40)]
    return f"Article {number}\n\n" + " ".join(sentences), sentences


def random_record(rng: random.Random, text: str, sentences: list[str]) -> records.Statement:
    """A record reading one of the sentences, now and then a second one too."""
    date, precision = rng.choice(DATES)
    record = statement(
        text,
        rng.choice(sentences),
        speaker=rng.choice(SPEAKERS),
        date=date,
        precision=precision,
        conditions=[(c, s, rng.choice(REGIONS)) for c, s in rng.sample(PAIRS, rng.randint(0, 3))],
        quote=rng.choice(QUOTES),
        kind="quote",
    )
    if rng.random() < 0.3:  # the lead repeats it further down
        also = rng.choice(sentences)
        at = text.index(also)
        record.also_at = [(at, at + len(also))]
    return record


def random_article(rng: random.Random, number: int) -> tuple[str, ArticleExtraction]:
    text, sentences = random_text(number)
    found = [random_record(rng, text, sentences) for _ in range(rng.randint(5, 30))]
    return text, extraction(found)


def long_article(records_in_it: int) -> tuple[str, ArticleExtraction]:
    """An article of `records_in_it` sentences, each a record: three speakers, a year of days."""
    rng = random.Random(3)
    sentences = [f"Statement {n} on the terms of a settlement." for n in range(records_in_it)]
    text = "\n\n".join(sentences)
    found = [
        statement(
            text,
            sentence,
            speaker=rng.choice([PUTIN, LAVROV, NEWCOMER]),
            date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            conditions=[(c, s, rng.choice(REGIONS)) for c, s in rng.sample(PAIRS, 2)],
        )
        for sentence in sentences
    ]
    return text, extraction(found)


class WriteWatch:
    """Counts the statements a transaction executes and the CPU time of this thread from
    its second statement (the first is the read of known texts) to its commit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.executed: list[float] = []
        self.committed: list[float] = []

    def _execute(self, *_args: object) -> None:
        self.executed.append(time.thread_time())

    def _commit(self, *_args: object) -> None:
        self.committed.append(time.thread_time())

    def __enter__(self) -> "WriteWatch":
        event.listen(self.engine, "before_cursor_execute", self._execute)
        event.listen(self.engine, "commit", self._commit)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._execute)
        event.remove(self.engine, "commit", self._commit)

    @property
    def held(self) -> float:
        """CPU seconds from the write transaction's first statement to its commit (what a
        loaded machine does not stretch, unlike the time on the clock)."""
        return self.committed[-1] - self.executed[1]


def prepare(session: Session) -> None:
    """Lavrov, with the slug merged into him, and one statement an editor verified."""
    lavrov = upsert_speaker(session, LAVROV)
    session.add(SpeakerAlias(slug=MERGED.slug, name=MERGED.name, speaker_id=lavrov.id))
    verified = new_statement(
        session,
        lavrov,
        statement("x", "x", speaker=LAVROV, date="2024-07", precision="month", quote=QUOTES[4]),
    )
    verified.status = "verified"
    session.commit()


def snapshot(session: Session) -> list[tuple]:
    """Speakers, statements with their conditions in order, and sources, ids included."""
    speakers = [(s.id, s.slug) for s in session.exec(select(Speaker).order_by(col(Speaker.id)))]
    statements = []
    for s in session.exec(select(Statement).order_by(col(Statement.id))):
        conditions = session.exec(
            select(StatementCondition)
            .where(StatementCondition.statement_id == s.id)
            .order_by(col(StatementCondition.id))
        )
        statements.append(
            (
                s.id,
                s.speaker_id,
                s.date,
                s.date_precision,
                s.date_basis,
                s.kind,
                s.quote,
                s.quote_hash,
                s.evidence,
                s.status,
                s.doubts,
                [(c.condition, c.stance, c.regions) for c in conditions],
            )
        )
    sources = sorted(
        (x.statement_id, x.article_id, x.start, x.end, x.evidence, x.quote)
        for x in session.exec(select(Source))
    )
    return [*speakers, *statements, *sources]


def reference_engine(databases: Databases, template: str) -> Iterator[Engine]:
    """For a fixture to yield from: a second fresh database, for the record-by-record run."""
    url = databases.new(template=template)
    engine = create_db_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)
