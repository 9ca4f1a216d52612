"""Finding an earlier report of the same statement by index gives what a scan gave."""

import random
import threading
from pathlib import Path

from alembic import command
from factories import LAVROV, PUTIN, FakeEngine, extraction, statement
from record_by_record import _fingerprint, new_statement, upsert_speaker
from sqlalchemy import Engine
from sqlalchemy import text as sql
from sqlmodel import Session, col, select

from app.crud.article_rows import wanted_of
from app.crud.ingest import ingest_article
from app.crud.known_statements import KnownStatements
from app.db import alembic_config, create_db_engine
from app.dedupe import quote_hash, same_statement
from app.extraction import records
from app.extraction.records import SpeakerEntry
from app.models import Speaker, Statement

SENTENCE = "Putin said there should be no ceasefire."
QUOTES = [
    None,
    None,
    "Russia is for a complete and final end to the conflict",
    "RUSSIA is for a complete and [final] end to the conflict!",
    "we will never accept a frozen conflict",
    "We will never accept a frozen conflict.",
    "no pause",  # too short to identify anything
    "talks must start without preconditions",
]
DAYS = [("2024-07-05", "day"), ("2024-07-06", "day"), ("2024-07", "month"), (None, "unknown")]
PAIRS = [
    (c, s)
    for c in ("ceasefire", "territory", "negotiations", "sanctions")
    for s in ("demand", "reject")
]


def random_record(rng: random.Random, speaker: records.SpeakerEntry) -> records.Statement:
    date, precision = rng.choice(DAYS)
    return statement(
        SENTENCE,
        SENTENCE,
        speaker=speaker,
        date=date,
        precision=precision,
        conditions=rng.sample(PAIRS, rng.randint(1, 4)),
        quote=rng.choice(QUOTES),
        kind="quote",
    )


def scanned(session: Session, speaker: Speaker, record: records.Statement) -> Statement | None:
    """The rule as it was: the first of the speaker's statements same_statement accepts."""
    wanted = _fingerprint(record, speaker.slug)
    query = select(Statement).where(Statement.speaker_id == speaker.id).order_by(col(Statement.id))
    for candidate in session.exec(query):
        if same_statement(_fingerprint(candidate, speaker.slug), wanted):
            return candidate
    return None


def looked_up(session: Session, speaker: Speaker, record: records.Statement) -> Statement | None:
    """The statement ingest finds the record repeats: its batched lookups, then matching."""
    assert speaker.id is not None
    wanted = wanted_of(record, SENTENCE)
    return KnownStatements.load(session, [(speaker.id, wanted)]).equivalent(speaker.id, wanted)


def test_the_indexed_lookup_finds_what_a_scan_of_the_speakers_record_finds(
    session: Session,
) -> None:
    rng = random.Random(9)
    speakers = {entry.slug: upsert_speaker(session, entry) for entry in (PUTIN, LAVROV)}
    for _ in range(80):
        entry = rng.choice([PUTIN, LAVROV])
        new_statement(session, speakers[entry.slug], random_record(rng, entry))
    session.commit()

    found = 0
    for _ in range(300):
        entry = rng.choice([PUTIN, LAVROV])
        record = random_record(rng, entry)
        expected = scanned(session, speakers[entry.slug], record)
        assert looked_up(session, speakers[entry.slug], record) is expected
        found += expected is not None
    # Both outcomes were exercised, often.
    assert 50 < found < 250


def test_an_edited_quote_is_found_under_its_new_words(session: Session) -> None:
    speaker = upsert_speaker(session, PUTIN)
    stored = new_statement(
        session, speaker, statement(SENTENCE, SENTENCE, quote="we want a lasting peace deal")
    )
    session.commit()

    stored.quote = "we want a just and lasting peace"
    session.add(stored)
    session.commit()

    assert stored.quote_hash == quote_hash("We want a just and lasting peace!")
    later = statement(SENTENCE, SENTENCE, quote="We want a just and lasting peace!", date=None)
    assert looked_up(session, speaker, later) is stored


def test_the_migration_fills_the_key_of_stored_quotes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    command.upgrade(alembic_config(url), "0011")
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(sql("INSERT INTO speaker VALUES (1, 'p', 'P', 'Russia', 'person', 0)"))
        for n, quote in enumerate([QUOTES[2], QUOTES[6], None], start=1):
            connection.execute(
                sql(
                    "INSERT INTO statement (id, speaker_id, kind, quote, evidence, status, "
                    "date_precision, date_basis, created_at, updated_at) VALUES "
                    "(:id, 1, 'quote', :quote, 'e', 'extracted', 'unknown', 'inferred', "
                    "'2026-01-01', '2026-01-01')"
                ),
                {"id": n, "quote": quote},
            )

    command.upgrade(alembic_config(url), "0012")

    with engine.connect() as connection:
        hashes = connection.execute(sql("SELECT quote_hash FROM statement ORDER BY id")).scalars()
        assert list(hashes) == [quote_hash(QUOTES[2]), None, None]
    engine.dispose()


def test_two_writers_reporting_one_new_speakers_quote_at_once_store_it_once(
    engine: Engine,
) -> None:
    newcomer = SpeakerEntry("ana-newcomer", "Ana Newcomer", "Moldova", "person")
    quote = "we will sign nothing that rewards the invasion"
    texts = [f"Report {n}. Ana Newcomer said: \u201c{quote}.\u201d" for n in range(2)]
    extract = FakeEngine(
        {
            t: extraction([statement(t, t[10:], speaker=newcomer, quote=quote, kind="quote")])
            for t in texts
        }
    )
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def write(text: str) -> None:
        with Session(engine) as session:
            start.wait()
            try:
                ingest_article(session, text=text, file_name="x.txt", extract=extract)
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=write, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert failures == []
    with Session(engine) as session:
        [stored] = session.exec(select(Statement)).all()
        assert len(stored.sources) == 2
