"""The stored statements a batch of records may repeat are found by seeks in the
(speaker, quote hash) and (speaker, day) indexes, however many keys the batch has."""

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from app.crud import known_statements
from app.crud.known_statements import KnownStatements, Wanted
from app.dedupe import Fingerprint
from app.models import Statement

NO_PRINT = Fingerprint("", None, "unknown", frozenset(), "")


def stored(session: Session) -> list[Statement]:
    return list(session.exec(select(Statement).order_by(Statement.id)))


def test_every_stored_statement_is_found_across_chunks(
    seeded_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(known_statements, "KEYS_PER_QUERY", 2)
    statements = [s for s in stored(seeded_session) if s.quote_hash]
    by_day = [s for s in stored(seeded_session) if s.date and s.date_precision == "day"]
    assert len(statements) > 2 and len(by_day) > 2  # several chunks of each
    wanted = [(s.speaker_id, Wanted(s.quote_hash, None, NO_PRINT)) for s in statements]
    wanted += [(s.speaker_id, Wanted(None, s.date, NO_PRINT)) for s in by_day]
    wanted += [(10**6, Wanted("no such hash", "2024-01-01", NO_PRINT))]

    known = KnownStatements.load(seeded_session, wanted)

    assert {s.id for s in known.by_quote.values()} >= {
        min(o.id for o in statements if (o.speaker_id, o.quote_hash) == key)
        for key in {(s.speaker_id, s.quote_hash) for s in statements}
    }
    found_days = {s.id for held in known.by_day.values() for s in held}
    assert found_days == {s.id for s in by_day}


@pytest.mark.sqlite_only(reason="reads SQLite's EXPLAIN QUERY PLAN")
def test_the_lookups_seek_the_indexes_instead_of_scanning_every_statement(
    seeded_session: Session,
) -> None:
    captured: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().startswith("SELECT statement.id"):
            captured.append((statement, parameters))

    statements = stored(seeded_session)[:5]
    wanted = [(s.speaker_id, Wanted(s.quote_hash or "x", s.date, NO_PRINT)) for s in statements]
    engine = seeded_session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        KnownStatements.load(seeded_session, wanted)
    finally:
        event.remove(engine, "before_cursor_execute", record)

    assert len(captured) == 2  # one for the quotes, one for the days
    for sql, parameters in captured:
        rows = seeded_session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, parameters)
        plan = " ".join(str(row[-1]) for row in rows)
        assert "SCAN statement" not in plan, plan
        assert "SEARCH statement USING" in plan, plan
