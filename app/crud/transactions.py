"""Write transactions that wait their turn: a writer that meets another's lock rolls back,
waits a little longer each time and runs its whole transaction again, within the bounds of
WRITE_RETRY_ATTEMPTS and WRITE_RETRY_SECONDS; what finally fails says so in one line that
names what was being stored, never the SQL or its parameters (an article's text)."""

import gc
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from app.config import get_settings

log = logging.getLogger(__name__)

T = TypeVar("T")

# SQLite's primary result codes for "another connection holds the lock" (the extended
# codes, e.g. SQLITE_BUSY_SNAPSHOT, carry them in their low byte).
SQLITE_BUSY, SQLITE_LOCKED = 5, 6
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available (lock_timeout).
LOCK_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
# The first pause after a conflict, and the longest: long enough for a few short write
# transactions to commit, short enough not to leave the lock idle.
FIRST_PAUSE, LONGEST_PAUSE = 0.05, 2.0


class NotStored(Exception):
    """A write that failed; the message is one line naming what was being stored."""


class DatabaseBusy(NotStored):
    """Other writers held the lock through every attempt."""


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether a database error means another transaction held a lock this one needed (so
    the same transaction may well succeed when run again)."""
    if not isinstance(exc, DBAPIError):
        return False
    cause = exc.orig
    code = getattr(cause, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)
    if getattr(cause, "sqlstate", None) in LOCK_SQLSTATES:
        return True
    return "database is locked" in str(cause)


def reason(exc: DBAPIError) -> str:
    """The driver's own first line for a database error: without the SQL or parameters
    SQLAlchemy's message carries (psycopg's DETAIL line, which may quote values, is left
    out too)."""
    lines = str(exc.orig).strip().splitlines()
    first = lines[0] if lines else type(exc.orig).__name__
    return first[:200]


def begin_write(session: Session) -> None:
    """Open the session's transaction as a writer. On SQLite, BEGIN IMMEDIATE takes the
    write lock now (waiting out the busy timeout for it), so the reads that decide what to
    write see the state the writes apply to, and a reader never has to turn writer
    mid-transaction (which fails at once, without waiting, when another wrote meanwhile).
    PostgreSQL's row locks need nothing here."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    # pysqlite opens transactions itself, just before the first INSERT/UPDATE/DELETE: none
    # is open after reads alone, so this BEGIN is the transaction's first statement.
    if driver is not None and not driver.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector waits while a write transaction holds the lock, and
    runs after it: the thousands of objects a long article's rows make set off full
    collections, a third of the time the lock was held for one (measured on 2,700
    statements). Only an outer pause switches it back on (threads may overlap)."""
    paused_here = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused_here:
            gc.enable()


def pauses(attempts: int, seconds: float) -> Callable[[int, float], float | None]:
    """The pause before attempt `n + 1` after `elapsed` seconds, or None when the bounds
    are spent: doubling from FIRST_PAUSE up to LONGEST_PAUSE, with jitter so that writers
    that collided once do not collide again in step."""

    def pause(attempt: int, elapsed: float) -> float | None:
        if attempt >= attempts:
            return None
        ceiling = min(LONGEST_PAUSE, FIRST_PAUSE * 2 ** (attempt - 1))
        wait = random.uniform(ceiling / 2, ceiling)
        return wait if elapsed + wait < seconds else None

    return pause


def write_retrying(session: Session, write: Callable[[], T], *, what: str) -> T:
    """Run `write` (a whole transaction on `session`, committed by it) until it succeeds,
    rolling back and running it again when it meets another writer's lock; any database
    error that is left raises NotStored naming `what`."""
    settings = get_settings()
    pause = pauses(settings.write_retry_attempts, settings.write_retry_seconds)
    started = time.monotonic()
    attempt = 1
    while True:
        try:
            return write()
        except (DBAPIError, StaleDataError) as exc:
            session.rollback()
            # StaleDataError: a statement this write changes was saved by someone else
            # (an editor) since it was read; run again, it reads the saved version.
            if isinstance(exc, DBAPIError) and not is_lock_conflict(exc):
                raise NotStored(f"{what}: not stored: {reason(exc)}") from exc
            elapsed = time.monotonic() - started
            wait = pause(attempt, elapsed)
            if wait is None:
                raise DatabaseBusy(
                    f"{what}: not stored: the database stayed locked by other writers "
                    f"for {elapsed:.0f} s ({attempt} attempts); try again later"
                ) from exc
            log.info("%s: database locked (attempt %d), again in %.2f s", what, attempt, wait)
            time.sleep(wait)
            attempt += 1
        except BaseException:
            session.rollback()
            raise
