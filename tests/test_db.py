"""Engine set-up and the session dependency."""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import get_settings
from app.db import create_db_engine, get_engine, get_session


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
    sessions = get_session()
    session = next(sessions)
    assert isinstance(session, Session)
    assert session.get_bind() is get_engine()
    assert get_engine().url.render_as_string(hide_password=False) == get_settings().database_url
    sessions.close()
