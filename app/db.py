"""Database engine, the session dependency and programmatic migrations."""

from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Column, Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine

from app.config import ROOT, get_settings
from app.statement_limits import limit_statements


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings: SQLite forgets them when a connection closes."""
    cursor = dbapi_connection.cursor()
    # WAL lets the web app read while an ingest writes; busy_timeout waits out short locks
    # instead of failing with "database is locked"; foreign keys are off by default.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create_db_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder created and the house pragmas."""
    parsed = make_url(url)
    # Errors quote their SQL, never its parameters: those are articles' texts, editors'
    # notes and password hashes, which have no place in a log line or a job's message.
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, hide_parameters=True)
        limit_statements(engine)  # within a web request only: see app/statement_limits.py
        return engine
    pool: dict[str, int] = {}
    if parsed.database and parsed.database != ":memory:":
        if not parsed.query.get("uri"):  # a "file:" URI names a file the caller made
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A request keeps its connection until its answer is sent, often after its thread
        # is free for another: with a bounded pool, threads would wait for connections
        # held by answers waiting for threads. A SQLite connection is only an open file.
        pool = {"pool_size": 20, "max_overflow": -1}
    # FastAPI runs sync routes in a thread pool, so a connection may change threads.
    engine = create_engine(
        url, connect_args={"check_same_thread": False}, hide_parameters=True, **pool
    )
    event.listen(engine, "connect", _set_sqlite_pragmas)
    limit_statements(engine)
    return engine


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured DATABASE_URL."""
    return create_db_engine(get_settings().database_url)


async def get_session() -> AsyncIterator[Session]:
    """FastAPI dependency: one session per request. Made on the event loop, not in one of
    the few page threads (WEB_THREADS), each of which a request would wait for in turn: a
    session reaches the database only at its first query, in the route's thread. Its end
    hands the connection back to the pool (a rollback: a call into SQLite, or one round
    trip to PostgreSQL)."""
    with Session(get_engine()) as session:
        yield session


FULLTEXT_TABLE = "statement_fts"  # the FTS5 index of migration 0002, made by raw SQL
# Migration 0017's one-row table that triggers move on every write (app/web/page_cache.py);
# kept out of the models, so copies and backups leave each database its own.
GENERATION_TABLE = "data_generation"


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, other: object
) -> bool:
    """Alembic filter: the full-text index's tables, the data generation with its triggers,
    and the indexes on expressions that migrations make by raw SQL (the models cannot
    declare them; PostgreSQL reflects them, SQLite does not), are not the models'
    business."""
    if type_ == "index" and reflected and other is None:
        return all(isinstance(e, Column) for e in getattr(obj, "expressions", ()))
    if type_ == "table" and name == GENERATION_TABLE:
        return False
    return not (type_ == "table" and (name or "").startswith(FULLTEXT_TABLE))


def alembic_config(url: str | None = None) -> Config:
    """Alembic configuration for this project, pointed at `url` (default: settings)."""
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    # Passed as an attribute, not a main option: ini interpolation would choke on "%".
    config.attributes["database_url"] = url or get_settings().database_url
    # The host process (uvicorn, pytest) owns logging; don't let env.py reconfigure it.
    config.attributes["configure_logger"] = False
    return config


def upgrade_database(url: str | None = None) -> None:
    """Run `alembic upgrade head` on `url` (default: the configured database)."""
    command.upgrade(alembic_config(url), "head")
