"""Engine set-up and the session dependency."""

import asyncio
from pathlib import Path

import pytest
from own_thread import in_own_thread
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.config import get_settings
from app.db import create_db_engine, get_engine, get_session
from app.models import Article


@pytest.mark.sqlite_only(reason="PRAGMAs are SQLite's")
def test_sqlite_connections_get_wal_busy_timeout_and_foreign_keys(engine: Engine) -> None:
    with engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA busy_timeout").scalar() == 5000
        assert pragma("PRAGMA foreign_keys").scalar() == 1


@pytest.mark.sqlite_only(reason="about SQLite files")
def test_the_folder_of_a_sqlite_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "tracker.db"
    engine = create_db_engine(f"sqlite:///{path}")
    with engine.connect():
        pass
    engine.dispose()
    assert path.is_file()


def test_get_session_yields_a_session_on_the_configured_database() -> None:
    async def first_session() -> Session:
        sessions = get_session()
        session = await anext(sessions)
        await sessions.aclose()
        return session

    session = in_own_thread(asyncio.run, first_session())
    assert isinstance(session, Session)
    assert session.get_bind() is get_engine()
    assert get_engine().url.render_as_string(hide_password=False) == get_settings().database_url


def test_database_errors_quote_the_sql_but_never_its_parameters(engine: Engine) -> None:
    # An article's text (or a password hash) passed to a failing statement must not end up
    # in a message a command line, a log or an ingest job's outcome shows.
    with engine.connect() as connection, pytest.raises(IntegrityError) as failure:
        connection.execute(
            insert(Article.__table__),
            {"content_hash": "h", "file_name": None, "text": "SECRET ARTICLE TEXT"},
        )

    message = str(failure.value)
    assert "INSERT INTO article" in message
    # PostgreSQL's own message may quote the failing row (app/crud/transactions.py keeps
    # only its first line); what SQLAlchemy adds to it never quotes the parameters.
    assert "SECRET" not in message.replace(str(failure.value.orig), "")


def test_a_sqlite_file_gives_every_request_a_connection_without_waiting(tmp_path: Path) -> None:
    # More requests than any fixed pool holds may each keep a connection until their answer
    # is sent; a thread must never wait for one (it would hold a thread they need).
    engine = create_db_engine(f"sqlite:///{tmp_path / 'many.db'}")
    engine.pool._timeout = 0.5  # a wait would fail fast rather than after 30 s
    try:
        held = [engine.connect() for _ in range(60)]
        assert all(c.exec_driver_sql("SELECT 1").scalar() == 1 for c in held)
        for connection in held:
            connection.close()
    finally:
        engine.dispose()


def test_a_sqlite_uri_makes_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "made" / "tracker.db"
    path.parent.mkdir()
    engine = create_db_engine(f"sqlite:///file:{path}?mode=rwc&uri=true")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["made"]  # no "file:" folder
