"""Storing an article's records in batches stores what storing them one by one stored."""

import random
import time
from collections.abc import Iterator

import pytest
from backends import Databases
from factories import LAVROV, PUTIN, FakeEngine, extraction, statement
from sqlalchemy import Engine, event
from sqlmodel import Session, col, select

from app.crud import content_hash, ingest_article
from app.crud.article_rows import enrich
from app.crud.ingest import add_sources, equivalent_statement, new_statement, upsert_speaker
from app.crud.tally import tally_matches_statements
from app.extraction.records import ArticleExtraction, SpeakerEntry
from app.models import Article, Source, Speaker, SpeakerAlias, Statement, StatementCondition

# A slug an editor merged into Lavrov: its records are his.
MERGED = SpeakerEntry("s-lavrov", "S. Lavrov", "Russia", "person")
NEWCOMER = SpeakerEntry("ana-newcomer", "Ana Newcomer", "Moldova", "person")
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


@pytest.fixture
def other_engine(databases: Databases, migrated_template: str) -> Iterator[Engine]:
    """A second fresh database, for the record-by-record run."""
    url = databases.new(template=migrated_template)
    from app.db import create_db_engine

    engine = create_db_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)


def random_article(rng: random.Random, number: int) -> tuple[str, ArticleExtraction]:
    """An article of distinct sentences and records reading them, some of them twice."""
    sentences = [f"Sentence {number}.{n} about the war." for n in range(40)]
    text = f"Article {number}\n\n" + " ".join(sentences)
    found = []
    for _ in range(rng.randint(5, 30)):
        date, precision = rng.choice(DATES)
        where = rng.choice(sentences)
        record = statement(
            text,
            where,
            speaker=rng.choice([PUTIN, LAVROV, MERGED, NEWCOMER]),
            date=date,
            precision=precision,
            conditions=[
                (c, s, rng.choice(REGIONS)) for c, s in rng.sample(PAIRS, rng.randint(0, 3))
            ],
            quote=rng.choice(QUOTES),
            kind="quote",
        )
        if rng.random() < 0.3:  # the lead repeats it further down
            also = rng.choice(sentences)
            at = text.index(also)
            record.also_at = [(at, at + len(also))]
        found.append(record)
    return text, extraction(found)


def one_by_one(session: Session, text: str, found: ArticleExtraction) -> None:
    """How ingest stored an article before it stored in batches: record by record."""
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
                s.quote,
                s.quote_hash,
                s.evidence,
                s.status,
                [(c.condition, c.stance, c.regions) for c in conditions],
            )
        )
    sources = sorted(
        (x.statement_id, x.article_id, x.start, x.end, x.evidence, x.quote)
        for x in session.exec(select(Source))
    )
    return [*speakers, *statements, *sources]


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


def test_batched_storing_stores_what_storing_record_by_record_stored(
    session: Session, other_engine: Engine
) -> None:
    rng = random.Random(10)
    articles = [random_article(rng, n) for n in range(12)]
    with Session(other_engine) as reference:
        prepare(session)
        prepare(reference)
        results = []
        for text, found in articles:
            given = FakeEngine({text: found})
            results.append(ingest_article(session, text=text, file_name="x.txt", extract=given))
            one_by_one(reference, text, found)

        assert snapshot(session) == snapshot(reference)
        assert tally_matches_statements(session.connection())
    # Records joined statements stored before, and statements their own article added.
    assert sum(r.statements_merged for r in results) > 40
    assert sum(r.statements_new for r in results) > 40
    assert sum(r.sources_new for r in results) == len(session.exec(select(Source)).all())


def test_a_long_article_is_written_by_a_few_statements_in_a_short_transaction(
    session: Session,
) -> None:
    rng = random.Random(3)
    sentences = [f"Statement {n} on the terms of a settlement." for n in range(1500)]
    text = "\n\n".join(sentences)
    found = extraction(
        [
            statement(
                text,
                sentence,
                speaker=rng.choice([PUTIN, LAVROV, NEWCOMER]),
                date=f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                conditions=[(c, s, rng.choice(REGIONS)) for c, s in rng.sample(PAIRS, 2)],
            )
            for sentence in sentences
        ]
    )
    executed: list[float] = []
    committed: list[float] = []

    def count(*_args: object) -> None:
        executed.append(time.monotonic())

    def commit(*_args: object) -> None:
        committed.append(time.monotonic())

    bind = session.get_bind()
    event.listen(bind, "before_cursor_execute", count)
    event.listen(bind, "commit", commit)
    extract = FakeEngine({text: found})
    try:
        result = ingest_article(session, text=text, file_name="long.txt", extract=extract)
    finally:
        event.remove(bind, "before_cursor_execute", count)
        event.remove(bind, "commit", commit)

    assert result.statements_new + result.statements_merged == 1500
    # Record by record, it took about ten statements each (15,000 here) and seconds.
    assert len(executed) < 40
    # From the write transaction's first statement (after the read of the known texts)
    # to its commit: a fraction of SQLite's 5 s busy timeout.
    assert committed[-1] - executed[1] < 2.0
    assert tally_matches_statements(session.connection())
