"""Storing an article's records in batches stores what storing them one by one stored."""

import random
from collections.abc import Iterator

import pytest
from backends import Databases
from factories import FakeEngine
from record_by_record import (
    WriteWatch,
    long_article,
    prepare,
    random_article,
    reference_engine,
    snapshot,
    store_one_by_one,
)
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.crud import ingest_article
from app.crud.tally import tally_matches_statements
from app.models import Source


@pytest.fixture
def other_engine(databases: Databases, migrated_template: str) -> Iterator[Engine]:
    yield from reference_engine(databases, migrated_template)


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
            store_one_by_one(reference, text, found)

        assert snapshot(session) == snapshot(reference)
        assert tally_matches_statements(session.connection())
    # Records joined statements stored before, and statements their own article added.
    assert sum(r.statements_merged for r in results) > 40
    assert sum(r.statements_new for r in results) > 40
    assert sum(r.sources_new for r in results) == len(session.exec(select(Source)).all())


def test_a_long_article_is_written_by_a_few_statements_in_a_short_transaction(
    session: Session,
) -> None:
    text, found = long_article(1500)

    with WriteWatch(session.get_bind()) as watch:
        result = ingest_article(
            session, text=text, file_name="long.txt", extract=FakeEngine({text: found})
        )

    assert result.statements_new + result.statements_merged == 1500
    # Record by record, it took about ten statements each (15,000 here) and seconds.
    assert len(watch.executed) < 40
    # About 0.2 s: a fraction of SQLite's 5 s busy timeout.
    assert watch.held < 1.5
    assert tally_matches_statements(session.connection())
