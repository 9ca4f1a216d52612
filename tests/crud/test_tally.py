"""The statement tally stays equal to a fresh count of the statements after ingest,
edits, merges, deletions and a failed write."""

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.crud.merges import merge_speakers, merge_statements
from app.crud.review import ConditionEdit, StatementPatch, review_statement
from app.crud.tally import (
    ANY,
    fresh_tally,
    periods,
    rebuild,
    sortable,
    statement_keys,
    stored_tally,
)
from app.crud.users import create_user
from app.models import Speaker, Statement, StatementCondition, StatementTally, User


@pytest.fixture
def editor(seeded_session: Session) -> User:
    return create_user(seeded_session, name="anna", password="a long password")


def assert_tally_exact(session: Session) -> None:
    connection = session.connection()
    stored = stored_tally(connection)
    assert stored, "the tally is empty"
    assert stored == fresh_tally(connection)


def some_statements(session: Session, n: int) -> list[Statement]:
    return list(session.exec(select(Statement).order_by(Statement.id).limit(n)))


def test_periods_of_a_date_at_each_precision_and_grain() -> None:
    assert periods("2024-06-14", "month") == ("2024-06", "2024-06")
    assert periods("2024-06", "month") == ("2024-06", "2024-06")
    assert periods("2024", "month") == ("2024-01", "2024-12")
    assert periods("2024-06-14", "year") == periods("2024", "year") == ("2024", "2024")
    assert periods(None, "year") == periods(None, "month") == (ANY, ANY)


def test_a_statement_counts_once_per_tally_row_however_many_condition_rows_name_it() -> None:
    rows = [("territory", "demand", ["Donbass"]), ("territory", "demand", ["Crimea"])]
    keys = statement_keys("2024-06-14", 7, "quote", "day", "extracted", rows)
    named = {(c, s, r) for grain, c, s, r, *_ in keys if grain == "month"}
    # Both rows name territory and demand: one key each, not two; regions by their one name.
    assert ("territory", "demand", ANY) in named
    assert ("territory", ANY, "Donbas") in named and ("territory", ANY, "Donbass") not in named
    assert (ANY, ANY, ANY) in named
    assert len(named) == len(keys) / 2 == 1 + 3 + 4 * 2


def test_ingest_keeps_the_tally_exact(seeded_session: Session) -> None:
    assert_tally_exact(seeded_session)
    total = sum(
        entry.statements
        for (grain, c, s, r, *_), entry in stored_tally(seeded_session.connection()).items()
        if (grain, c, s, r) == ("year", ANY, ANY, ANY)
    )
    assert total == len(seeded_session.exec(select(Statement.id)).all())


def test_editors_changes_keep_the_tally_exact(seeded_session: Session, editor: User) -> None:
    first, second, third = some_statements(seeded_session, 3)
    review_statement(
        seeded_session,
        statement_id=first.id,
        patch=StatementPatch(
            date="2023",
            date_precision="year",
            conditions=[
                ConditionEdit(condition="territory", stance="reject", regions=["Donbass"]),
                ConditionEdit(condition="nato-non-membership", stance="demand"),
            ],
        ),
        editor=editor,
    )
    assert_tally_exact(seeded_session)
    review_statement(
        seeded_session,
        statement_id=second.id,
        patch=StatementPatch(status="rejected"),
        editor=editor,
    )
    review_statement(
        seeded_session,
        statement_id=third.id,
        patch=StatementPatch(date="2022-03", date_precision="month", kind="characterization"),
        editor=editor,
    )
    assert_tally_exact(seeded_session)


def test_merges_and_deletions_keep_the_tally_exact(seeded_session: Session, editor: User) -> None:
    first, second = some_statements(seeded_session, 2)
    merge_statements(seeded_session, kept_id=first.id, merged_id=second.id, editor=editor)
    assert_tally_exact(seeded_session)
    into, merged = seeded_session.exec(select(Speaker.slug).order_by(Speaker.id).limit(2)).all()
    merge_speakers(seeded_session, merged_slug=merged, into_slug=into, editor=editor)
    assert_tally_exact(seeded_session)
    for statement in some_statements(seeded_session, 4):
        seeded_session.delete(statement)
    seeded_session.commit()
    assert_tally_exact(seeded_session)
    condition = seeded_session.exec(select(StatementCondition)).first()
    seeded_session.delete(condition)
    seeded_session.commit()
    assert_tally_exact(seeded_session)


def test_taking_away_a_rows_earliest_or_latest_statement_reads_its_bounds_afresh(
    seeded_session: Session, editor: User
) -> None:
    rows = stored_tally(seeded_session.connection())
    # The speaker-wide year row with most statements: its bounds are two different ones.
    key, entry = max(
        ((k, e) for k, e in rows.items() if k[:4] == ("year", ANY, ANY, ANY) and k[4]),
        key=lambda item: item[1].statements,
    )
    assert entry.statements > 2 and entry.earliest < entry.latest
    speaker_id, year = key[6], key[4]
    dated = seeded_session.exec(
        select(Statement).where(
            Statement.speaker_id == speaker_id,
            Statement.status == key[9],
            Statement.kind == key[7],
            Statement.date_precision == key[8],
            Statement.date.startswith(year),
        )
    ).all()
    earliest = min(dated, key=lambda s: sortable(s.date, s.date_basis))
    latest = max(dated, key=lambda s: sortable(s.date, s.date_basis))
    assert sortable(earliest.date, earliest.date_basis) == entry.earliest
    seeded_session.delete(earliest)
    seeded_session.commit()
    assert_tally_exact(seeded_session)
    assert stored_tally(seeded_session.connection())[key].earliest > entry.earliest
    review_statement(
        seeded_session,
        statement_id=latest.id,
        patch=StatementPatch(date="2021-01-01", date_precision="day"),
        editor=editor,
    )
    assert_tally_exact(seeded_session)
    assert stored_tally(seeded_session.connection())[key].latest < entry.latest


def test_a_failed_write_leaves_the_tally_as_it_was(seeded_session: Session) -> None:
    before = stored_tally(seeded_session.connection())
    statement = some_statements(seeded_session, 1)[0]
    statement.status = "verified"
    seeded_session.add(statement)
    seeded_session.add(Speaker(slug=statement.speaker.slug, name="x", side="x", kind="person"))
    with pytest.raises(IntegrityError):
        seeded_session.flush()
    seeded_session.rollback()
    assert stored_tally(seeded_session.connection()) == before
    statement = some_statements(seeded_session, 1)[0]
    statement.status = "verified"
    seeded_session.add(statement)
    seeded_session.commit()
    assert_tally_exact(seeded_session)


def test_rebuild_counts_afresh(seeded_session: Session) -> None:
    connection = seeded_session.connection()
    expected = stored_tally(connection)
    connection.execute(StatementTally.__table__.delete())
    assert rebuild(connection) == len(expected)
    assert stored_tally(connection) == expected
