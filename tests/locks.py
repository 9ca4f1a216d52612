"""Another connection holding a lock a writer needs, and engines that do not wait for one:
for tests of writers that meet a lock (app/crud/transactions.py)."""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event
from sqlalchemy import text as sql
from sqlalchemy.engine import make_url

from app.db import create_db_engine


def engine_that_does_not_wait(url: str) -> Engine:
    """An engine whose connections fail at once on a lock instead of waiting for it (SQLite's
    busy timeout, PostgreSQL's lock timeout), so that the retries are what is tested."""
    engine = create_db_engine(url)

    @event.listens_for(engine, "connect")
    def no_waiting(connection, _record) -> None:
        if engine.dialect.name == "sqlite":
            connection.execute("PRAGMA busy_timeout=0")
        else:
            connection.execute("SET lock_timeout = '50ms'")
            connection.commit()

    return engine


@contextmanager
def lock_held(engine: Engine, postgres: str, **params: object) -> Iterator[Callable[[], None]]:
    """Another connection holding SQLite's write lock, or on PostgreSQL the locks that the
    statement `postgres` takes; yields a function that lets go (once, from any thread)."""
    if engine.dialect.name == "sqlite":
        path = make_url(engine.url).database
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        release: Callable[[], object] = lambda: holder.execute("COMMIT")  # noqa: E731
    else:
        holder = engine.connect()
        holder.execute(sql(postgres), params)
        release = holder.commit
    released = threading.Event()

    def let_go() -> None:
        if not released.is_set():
            released.set()
            release()

    try:
        yield let_go
    finally:
        let_go()
        holder.close()
