"""A writer that meets another's lock waits its turn (rolls back, pauses, runs its whole
transaction again) within bounds, and what finally fails says so in one line that names the
article and quotes neither its text nor the SQL's parameters."""

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from factories import FakeEngine, extraction, statement
from locks import engine_that_does_not_wait, lock_held
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, func, select

from app.config import get_settings
from app.crud import ingest_article
from app.crud.reextract import reextract_article
from app.crud.tally import tally_matches_statements
from app.crud.transactions import (
    DatabaseBusy,
    NotStored,
    is_lock_conflict,
    pauses,
    write_retrying,
)
from app.models import Article, Statement

SENTENCE = "Putin said there should be no ceasefire while Kyiv rearms."
TEXT = f"SECRET-ARTICLE-TEXT\n\n{SENTENCE}\n"
PUTIN_LOCK = "speaker:vladimir-putin"  # app/crud/article_rows.py lock_speakers


@contextmanager
def putin_locked(engine: Engine) -> Iterator[Callable[[], None]]:
    """The lock an ingest of Putin's statement needs: SQLite's write lock, or PostgreSQL's
    lock on the speaker; yields a function that lets it go."""
    speaker = "SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"
    with lock_held(engine, speaker, key=PUTIN_LOCK) as let_go:
        yield let_go


@pytest.fixture
def impatient(engine: Engine) -> Iterator[Engine]:
    """The test database, through connections that do not wait for locks."""
    impatient = engine_that_does_not_wait(engine.url.render_as_string(hide_password=False))
    yield impatient
    impatient.dispose()


@pytest.fixture
def bounds(monkeypatch: pytest.MonkeyPatch) -> Callable[[int, float], None]:
    def set_bounds(attempts: int, seconds: float) -> None:
        monkeypatch.setenv("WRITE_RETRY_ATTEMPTS", str(attempts))
        monkeypatch.setenv("WRITE_RETRY_SECONDS", str(seconds))
        get_settings.cache_clear()

    return set_bounds


def putin_engine() -> FakeEngine:
    return FakeEngine({TEXT: extraction([statement(TEXT, SENTENCE)])})


def test_a_writer_that_meets_a_lock_waits_and_stores_the_article_once_it_is_free(
    impatient: Engine, bounds: Callable[[int, float], None], caplog: pytest.LogCaptureFixture
) -> None:
    bounds(50, 20.0)
    with putin_locked(impatient) as let_go, Session(impatient) as session:
        threading.Timer(0.4, let_go).start()
        with caplog.at_level(logging.INFO, logger="app.crud.transactions"):
            result = ingest_article(session, text=TEXT, file_name="a.txt", extract=putin_engine())

    assert (result.skipped, result.statements_new) == (False, 1)
    retries = [r for r in caplog.records if "database locked" in r.getMessage()]
    assert retries, "the first attempt met the lock"
    assert all("SECRET" not in r.getMessage() for r in caplog.records)
    with Session(impatient) as session:
        assert session.exec(select(func.count()).select_from(Statement)).one() == 1
        assert tally_matches_statements(session.connection())


def test_a_writer_gives_up_within_its_bounds_in_one_line_naming_the_file(
    impatient: Engine, bounds: Callable[[int, float], None]
) -> None:
    bounds(100, 0.5)
    started = time.monotonic()
    with putin_locked(impatient), Session(impatient) as session:
        with pytest.raises(DatabaseBusy) as failure:
            ingest_article(session, text=TEXT, file_name="a.txt", extract=putin_engine())

    assert time.monotonic() - started < 5
    message = str(failure.value)
    assert message.startswith("a.txt: not stored: the database stayed locked")
    assert "\n" not in message
    assert "SECRET" not in message and "INSERT" not in message and "SELECT" not in message
    with Session(impatient) as session:  # nothing of it was kept
        assert session.exec(select(func.count()).select_from(Article)).one() == 0


def test_a_writer_gives_up_after_its_number_of_attempts(
    impatient: Engine, bounds: Callable[[int, float], None]
) -> None:
    bounds(3, 60.0)
    started = time.monotonic()
    with putin_locked(impatient), Session(impatient) as session:
        with pytest.raises(DatabaseBusy, match=r"\(3 attempts\)"):
            ingest_article(session, text=TEXT, file_name="a.txt", extract=putin_engine())
    assert time.monotonic() - started < 5


def test_any_other_database_error_is_one_line_without_the_article_or_parameters(
    session: Session,
) -> None:
    def engine(text: str, **_given: object):
        found = extraction([statement(text, SENTENCE)])
        # A speaker the database refuses (no name), its slug words of the article.
        refused = replace(found.statements[0].speaker, slug="SECRET-WORDS", name=None)
        found.statements[0].speaker = refused
        return found

    with pytest.raises(NotStored) as failure:
        ingest_article(session, text=TEXT, file_name="a.txt", extract=engine)

    message = str(failure.value)
    assert message.startswith("a.txt: not stored: ") and "\n" not in message
    # Neither SQLAlchemy's parameters nor PostgreSQL's DETAIL line (the failing row).
    assert "SECRET" not in message and "INSERT" not in message


def test_extraction_runs_with_no_transaction_open(session: Session) -> None:
    seen: list[bool] = []

    def engine_checking(text: str, **_given: object):
        seen.append(session.in_transaction())
        return extraction([statement(text, SENTENCE)])

    ingest_article(session, text=TEXT, file_name="a.txt", extract=engine_checking)

    assert seen == [False]


def test_lock_conflicts_are_told_from_other_errors() -> None:
    class Driver(Exception):
        def __init__(self, message: str, **attributes: object) -> None:
            super().__init__(message)
            self.__dict__.update(attributes)

    def error(cause: Exception) -> OperationalError:
        return OperationalError("INSERT ...", {}, cause)

    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # type: ignore[attr-defined]
    snapshot = sqlite3.OperationalError("database is locked")
    snapshot.sqlite_errorcode = 517  # type: ignore[attr-defined]  # SQLITE_BUSY_SNAPSHOT
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # type: ignore[attr-defined]
    assert is_lock_conflict(error(busy)) and is_lock_conflict(error(snapshot))
    assert not is_lock_conflict(error(full))
    for sqlstate in ("40001", "40P01", "55P03"):
        assert is_lock_conflict(error(Driver("could not serialize", sqlstate=sqlstate)))
    assert not is_lock_conflict(error(Driver("syntax error", sqlstate="42601")))
    assert not is_lock_conflict(ValueError("database is locked"))


def test_pauses_grow_and_stop_at_the_bounds() -> None:
    pause = pauses(attempts=5, seconds=10.0)
    waits = [pause(n, 0.0) for n in range(1, 5)]
    assert all(w is not None for w in waits)
    assert waits[0] < 0.06 < waits[3] <= 0.4
    assert pause(5, 0.0) is None  # the attempts are spent
    assert pause(1, 9.99) is None  # the time is spent


def test_a_re_reading_runs_the_engine_with_no_transaction_open_and_waits_for_a_lock(
    impatient: Engine, bounds: Callable[[int, float], None]
) -> None:
    bounds(50, 20.0)
    with Session(impatient) as session:
        article_id = ingest_article(
            session, text=TEXT, file_name="a.txt", extract=putin_engine()
        ).article_id
    seen: list[bool] = []

    def later_reading(text: str, **_given: object):
        seen.append(session.in_transaction())
        return extraction([statement(text, SENTENCE, date="2024-07-06")])

    with putin_locked(impatient) as let_go, Session(impatient) as session:
        threading.Timer(0.4, let_go).start()
        result = reextract_article(session, article_id, extract=later_reading)

    assert seen == [False]
    assert (result.changed, result.added) == (1, 0)
    with Session(impatient) as session:
        assert session.exec(select(Statement.date)).all() == ["2024-07-06"]
        assert tally_matches_statements(session.connection())


def test_a_write_that_finds_its_statement_saved_meanwhile_runs_again(
    seeded_session: Session, bounds: Callable[[int, float], None]
) -> None:
    # An editor's save between this write's read and its UPDATE: the version it read is
    # gone (StaleDataError), so the whole write runs again on the saved row.
    bounds(5, 60.0)
    statement = seeded_session.exec(select(Statement).order_by(Statement.id)).first()
    assert statement is not None
    attempts = []

    def write() -> int:
        attempts.append(1)
        row = seeded_session.get(Statement, statement.id)
        assert row is not None
        if len(attempts) == 1:  # the editor saves first
            with seeded_session.bind.begin() as editor:  # type: ignore[union-attr]
                editor.execute(
                    text("UPDATE statement SET version = version + 1 WHERE id = :id"),
                    {"id": row.id},
                )
        row.evidence = f"{row.evidence} (re-read)"
        seeded_session.commit()
        return row.version

    version = write_retrying(seeded_session, write, what="a re-reading")

    assert len(attempts) == 2
    assert version == statement.version
    seeded_session.refresh(statement)
    assert statement.evidence.endswith("(re-read)")
