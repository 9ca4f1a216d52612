"""Re-extraction: machine statements follow the engine, analyst work stays, ids are stable."""

import datetime as dt
import random
from collections.abc import Iterator

import pytest
from backends import Databases
from factories import LAVROV, FakeEngine, extraction, statement
from record_by_record import (
    WriteWatch,
    long_article,
    prepare,
    random_article,
    random_record,
    reference_engine,
    reread_one_by_one,
    snapshot,
)
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from test_crud import ingest

from app.crud import ingest_article
from app.crud.reextract import reextract_all, reextract_article
from app.crud.review import StatementPatch, review_statement
from app.crud.tally import tally_matches_statements
from app.crud.users import create_user
from app.extraction import records
from app.models import Article, Source, Statement

TEXT = (
    "Kremlin and Kyiv set out terms\n\n"
    "Putin said there should be no ceasefire or any kind of pause. "
    "Lavrov said Kyiv must renounce NATO membership. "
    "Putin stressed that Kyiv must withdraw its troops from Donbass."
)
NO_CEASEFIRE = "Putin said there should be no ceasefire or any kind of pause."
NATO = "Lavrov said Kyiv must renounce NATO membership."
WITHDRAW = "Putin stressed that Kyiv must withdraw its troops from Donbass."


def _first_reading() -> FakeEngine:
    return FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(TEXT, NO_CEASEFIRE, date="2024-07", precision="month"),
                    statement(
                        TEXT, NATO, speaker=LAVROV, conditions=[("nato-non-membership", "demand")]
                    ),
                ]
            )
        }
    )


def _second_reading() -> FakeEngine:
    # The engine now dates the first to the day, no longer finds Lavrov's, finds a third.
    return FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(TEXT, NO_CEASEFIRE, date="2024-07-05"),
                    statement(TEXT, WITHDRAW, conditions=[("territory", "demand")]),
                ]
            )
        }
    )


@pytest.fixture
def article_id(session: Session) -> int:
    return ingest(session, TEXT, _first_reading()).article_id


def _by_evidence(session: Session) -> dict[str, Statement]:
    return {s.evidence: s for s in session.exec(select(Statement))}


def test_machine_statements_follow_the_new_reading_and_keep_their_ids(
    session: Session, article_id: int
) -> None:
    before = _by_evidence(session)
    ceasefire_id = before[NO_CEASEFIRE].id

    result = reextract_article(session, article_id, extract=_second_reading())

    assert (result.added, result.changed, result.removed, result.kept) == (1, 1, 1, 0)
    after = _by_evidence(session)
    assert set(after) == {NO_CEASEFIRE, WITHDRAW}
    assert after[NO_CEASEFIRE].id == ceasefire_id
    assert (after[NO_CEASEFIRE].date, after[NO_CEASEFIRE].date_precision) == ("2024-07-05", "day")
    assert [m.statement_id for m in result.moves] == [ceasefire_id]
    assert session.exec(select(Source)).all()  # sources of the survivors remain


def test_reviewed_statements_stay_exactly_as_the_editor_left_them(
    session: Session, article_id: int
) -> None:
    editor = create_user(session, name="anna", password="a long password")
    before = _by_evidence(session)
    review_statement(
        session,
        statement_id=before[NO_CEASEFIRE].id,
        patch=StatementPatch(date="2024-07-04", date_precision="day"),
        editor=editor,
    )
    review_statement(
        session,
        statement_id=before[NATO].id,
        patch=StatementPatch(status="verified"),
        editor=editor,
    )
    edited = session.get(Statement, before[NO_CEASEFIRE].id).model_dump()
    verified = session.get(Statement, before[NATO].id).model_dump()

    result = reextract_article(session, article_id, extract=_second_reading())

    assert (result.added, result.changed, result.removed, result.kept) == (1, 0, 0, 2)
    assert session.get(Statement, before[NO_CEASEFIRE].id).model_dump() == edited
    assert session.get(Statement, before[NATO].id).model_dump() == verified


def test_the_same_reading_again_changes_nothing(session: Session, article_id: int) -> None:
    result = reextract_article(session, article_id, extract=_first_reading())
    assert (result.added, result.changed, result.removed, result.kept) == (0, 0, 0, 2)


def test_a_dry_run_reports_moves_under_another_publication_date_and_stores_nothing(
    session: Session, article_id: int
) -> None:
    engine = _second_reading()
    before = {s.id: s.model_dump() for s in session.exec(select(Statement))}

    result = reextract_article(
        session, article_id, extract=engine, published=dt.date(2024, 7, 6), dry_run=True
    )

    assert engine.calls[-1][1] == dt.date(2024, 7, 6)
    assert result.moves and result.added == 1
    session.expire_all()
    assert {s.id: s.model_dump() for s in session.exec(select(Statement))} == before


def test_reextract_all_sums_every_article(session: Session, article_id: int) -> None:
    progress: list[tuple[int, int]] = []
    total = reextract_all(
        session, extract=_second_reading(), progress=lambda n, of: progress.append((n, of))
    )
    assert total.summary() == "statements: 1 added, 1 changed, 1 removed, 0 kept"
    assert progress == [(1, 1)]
    assert session.exec(select(Article)).one().id == article_id


def test_a_machine_statement_takes_the_speaker_the_engine_now_names(
    session: Session, article_id: int
) -> None:
    ceasefire_id = _by_evidence(session)[NO_CEASEFIRE].id
    renamed = FakeEngine(
        {
            TEXT: extraction(
                [
                    statement(
                        TEXT, NO_CEASEFIRE, speaker=LAVROV, date="2024-07", precision="month"
                    ),
                    statement(
                        TEXT, NATO, speaker=LAVROV, conditions=[("nato-non-membership", "demand")]
                    ),
                ]
            )
        }
    )

    result = reextract_article(session, article_id, extract=renamed)

    assert (result.changed, result.kept) == (1, 1)
    assert session.get(Statement, ceasefire_id).speaker.slug == "sergey-lavrov"


@pytest.fixture
def other_engine(databases: Databases, migrated_template: str) -> Iterator[Engine]:
    yield from reference_engine(databases, migrated_template)


def another_reading(rng: random.Random, text: str, found: list[records.Statement]) -> list:
    """The engine's next reading: most records again, some dated, worded or attributed
    otherwise, some gone, a few new."""
    sentences = [s + "." for s in text.split("\n\n", 1)[1].split(".") if s.strip()]
    sentences = [s.strip() for s in sentences]
    again = []
    for record in found:
        if rng.random() < 0.2:
            continue  # no longer found
        if rng.random() < 0.4:  # read otherwise at the same place
            other = random_record(rng, text, sentences)
            other.start, other.end, other.evidence = record.start, record.end, record.evidence
            record = other
        again.append(record)
    for n in range(rng.randint(1, 8)):
        new = random_record(rng, text, sentences)
        again.append(new)
        if rng.random() < 0.4:  # reported twice, in new words: one new statement
            twin = random_record(rng, text, sentences)
            new.quote = twin.quote = f"we will sign nothing that rewards invasion {n}"
            twin.speaker = new.speaker
            again.append(twin)
    return again


def test_batched_re_reading_does_what_re_reading_record_by_record_did(
    session: Session, other_engine: Engine
) -> None:
    rng = random.Random(11)
    articles = [random_article(rng, n) for n in range(8)]
    with Session(other_engine) as reference:
        for db in (session, reference):
            prepare(db)
            for text, found in articles:
                ingest_article(db, text=text, file_name="x.txt", extract=FakeEngine({text: found}))
            for stored in db.exec(select(Statement).where(col(Statement.id) % 7 == 0)):
                stored.status = "verified"  # an editor's: it stays as it is
            db.commit()
        assert snapshot(session) == snapshot(reference)

        results = []
        for article_id, (text, found) in enumerate(articles, start=1):
            second = extraction(another_reading(rng, text, found.statements))
            batched = reextract_article(session, article_id, extract=FakeEngine({text: second}))
            one_by_one = reread_one_by_one(reference, article_id, second)
            assert batched == one_by_one
            results.append(batched)

        assert snapshot(session) == snapshot(reference)
        assert tally_matches_statements(session.connection())
    # Every outcome was exercised.
    for outcome in ("added", "changed", "removed", "kept"):
        assert sum(getattr(r, outcome) for r in results) > 5, outcome
    assert sum(len(r.moves) for r in results) > 5


def test_re_reading_a_long_article_takes_a_few_statements_in_a_short_transaction(
    session: Session,
) -> None:
    text, found = long_article(1500)
    article_id = ingest_article(
        session, text=text, file_name="long.txt", extract=FakeEngine({text: found})
    ).article_id
    assert article_id is not None
    stored = len(session.exec(select(Statement.id)).all())
    again = extraction(found.statements[::2])  # some no longer found

    with WriteWatch(session.get_bind()) as watch:
        result = reextract_article(session, article_id, extract=FakeEngine({text: again}))

    assert result.kept + result.changed + result.removed == stored
    assert min(result.kept, result.removed) > 300
    # Record by record, it took ten statements a record and seconds; now a few batched
    # reads and inserts, and an UPDATE or DELETE for each statement that changed or went
    # (one at a time: each checks the version it read).
    assert len(watch.executed) < 80 + 2 * (result.changed + result.removed)
    assert watch.held < 1.5, watch.held
    assert tally_matches_statements(session.connection())
