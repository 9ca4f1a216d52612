"""A time limit on each SQL statement a web request runs, so no request holds a worker (or
the database) for long: past the web_statement_timeout setting the statement is stopped
and the request answered 503 (app/web/errors.py).

The limit is per statement, as Datasette's sql_time_limit_ms is: an export streams in
keyset batches, each a statement of its own, and may take as long as its rows need.
Commands and background jobs run without a limit: it is set for the duration of a web
request only (`statement_time_limit`, a context variable, which FastAPI's thread pool
inherits). SQLite stops a statement from its progress handler, PostgreSQL by its own
statement_timeout, set for each transaction of a web request.
"""

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import OperationalError

# SQLite virtual-machine steps between two looks at the clock: about a millisecond of work.
_PROGRESS_STEPS = 10_000
_LIMIT: ContextVar[float | None] = ContextVar("statement_time_limit", default=None)


@contextmanager
def statement_time_limit(seconds: float | None) -> Iterator[None]:
    """Statements run inside this block stop after `seconds` (None or 0: no limit)."""
    token = _LIMIT.set(seconds or None)
    try:
        yield
    finally:
        _LIMIT.reset(token)


def limit_statements(engine: Engine) -> None:
    """Make `engine` honour statement_time_limit on SQLite or PostgreSQL."""
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _watch_the_clock)
        event.listen(engine, "before_cursor_execute", _start_the_clock)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "before_cursor_execute", _set_statement_timeout)
    else:
        return
    # A transaction's end: SQLite's commit is not timed by the last statement's clock,
    # and PostgreSQL's SET LOCAL is over (the next transaction sets it again if it must).
    for ended in ("commit", "rollback"):
        event.listen(engine, ended, lambda conn: _transaction_ended(conn.info))
    event.listen(engine, "reset", _reset)


def timed_out(error: BaseException) -> bool:
    """Whether a database error is a statement stopped by the limit."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.orig
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause) == "interrupted"
    return getattr(cause, "sqlstate", None) == "57014"  # PostgreSQL's query_canceled


def _watch_the_clock(dbapi_connection: Any, record: Any) -> None:
    info = record.info
    info["deadline"] = None

    def expired() -> bool:
        deadline = info.get("deadline")
        return deadline is not None and time.monotonic() > deadline

    dbapi_connection.set_progress_handler(expired, _PROGRESS_STEPS)


def _start_the_clock(conn: Any, _cursor: Any, *_args: Any) -> None:
    limit = _LIMIT.get()
    conn.info["deadline"] = time.monotonic() + limit if limit else None


def _set_statement_timeout(conn: Any, _cursor: Any, *_args: Any) -> None:
    limit = _LIMIT.get()
    if not limit or conn.info.get("statement_timeout_set"):
        return
    # For this transaction only (SET LOCAL): a rolled-back SET would otherwise leave the
    # connection believing in a limit the server has forgotten, and a later command using
    # the pooled connection would inherit one it must not have.
    # On a cursor of its own: the statement's may be a server-side one (a streamed read).
    milliseconds = max(1, round(limit * 1000))
    conn.connection.driver_connection.execute(f"SET LOCAL statement_timeout = {milliseconds}")
    conn.info["statement_timeout_set"] = True


def _reset(_dbapi_connection: Any, record: Any, _reset_state: Any) -> None:
    _transaction_ended(record.info)  # the pool ends the transaction of a returned connection


def _transaction_ended(info: dict[str, Any]) -> None:
    info["deadline"] = None
    info.pop("statement_timeout_set", None)
