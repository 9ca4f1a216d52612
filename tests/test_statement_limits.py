"""A time limit on each SQL statement, in force within a web request only, on SQLite and
PostgreSQL alike (app.statement_limits)."""

import time

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from app.statement_limits import statement_time_limit, timed_out


def slow_statement(engine: Engine, seconds: float) -> str:
    """SQL that takes about `seconds` on this database (or much longer, on SQLite)."""
    if engine.dialect.name == "postgresql":
        return f"SELECT pg_sleep({seconds})"
    # Counting through a recursive table: some tens of millions of steps a second.
    rows = int(seconds * 3_000_000)
    return (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
        f"SELECT count(*) FROM (SELECT x FROM c LIMIT {rows})"
    )


def test_a_statement_past_the_limit_is_stopped_and_said_to_be(engine: Engine) -> None:
    with Session(engine) as session, statement_time_limit(0.05):
        started = time.monotonic()
        with pytest.raises(OperationalError) as stopped:
            session.exec(text(slow_statement(engine, 3)))  # type: ignore[call-overload]
    assert time.monotonic() - started < 2
    assert timed_out(stopped.value)


def test_without_a_limit_the_same_connection_runs_as_long_as_it_needs(engine: Engine) -> None:
    with Session(engine) as session:
        with statement_time_limit(0.05), pytest.raises(OperationalError):
            session.exec(text(slow_statement(engine, 3)))  # type: ignore[call-overload]
        session.rollback()
        # A command or a background job after a web request, on the pooled connection:
        # neither the clock nor the server's setting is left behind.
        session.exec(text(slow_statement(engine, 0.3))).one()  # type: ignore[call-overload]
        with statement_time_limit(5):
            session.exec(text(slow_statement(engine, 0.3))).one()  # type: ignore[call-overload]


def test_other_database_errors_are_not_time_outs(engine: Engine) -> None:
    with Session(engine) as session, pytest.raises(DBAPIError) as failed:
        session.exec(text("SELECT * FROM no_such_table"))  # type: ignore[call-overload]
    assert not timed_out(failed.value)
