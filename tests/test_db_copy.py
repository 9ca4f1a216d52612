"""`python -m app db copy`: an SQLite database moved into an empty one (PostgreSQL under
`--db=postgresql`), checked row for row, or refused with nothing copied."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlmodel import Session, SQLModel
from typer.testing import CliRunner

import app.db_copy as db_copy
from app import crud
from app.cli import app as cli
from app.crud.fulltext import text_match
from app.db import create_db_engine, upgrade_database
from app.db_copy import CopyError, copy_database
from app.models import (
    IngestJob,
    IngestJobItem,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementAlias,
    StatementChange,
    User,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def sqlite_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An SQLite tracker database with the seeds and a row in every kind of table."""
    from app.cli import article_meta, load_document

    url = f"sqlite:///{tmp_path_factory.mktemp('source') / 'tracker.db'}"
    upgrade_database(url)
    engine = create_db_engine(url)
    with Session(engine) as session:
        for seed in sorted(SEEDS.glob("*.txt"))[:2]:
            document = load_document(seed)
            crud.ingest_article(
                session, text=document.text, file_name=seed.name, meta=article_meta(seed, document)
            )
        user = User(name="editor", password_hash="x", is_admin=True)
        statement = session.exec(select(Statement).order_by(Statement.id)).scalars().first()
        speaker = session.exec(select(Speaker).order_by(Speaker.id)).scalars().first()
        job = IngestJob(created_by=None, meta={"publisher": "Example \u00e9dition"})
        job.finished_at = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        session.add_all([user, job])
        session.flush()
        session.add_all(
            [
                IngestJobItem(
                    job_id=job.id, position=0, kind="file", label="a.txt", payload=b"\x00\xffab"
                ),
                StatementChange(
                    statement_id=statement.id, user_id=user.id, field="status", new_value="x"
                ),
                SpeakerAlias(slug="v-putin", name="V. Putin", speaker_id=speaker.id),
                StatementAlias(old_id=9999, statement_id=statement.id),
            ]
        )
        session.commit()
    engine.dispose()
    return url


def counts(url: str) -> dict[str, int]:
    engine = create_db_engine(url)
    with engine.connect() as connection:
        found = {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables
        }
    engine.dispose()
    return found


def test_a_copy_holds_every_row_and_works_as_the_tracker(
    sqlite_source: str, new_database: Callable[[], str]
) -> None:
    target = new_database()

    copies = copy_database(sqlite_source, target, batch=7)

    assert {c.name: c.rows for c in copies} == counts(sqlite_source) == counts(target)
    filled = {"article", "speaker", "statement", "statement_condition", "source", "user_account"}
    filled |= {"statement_change", "ingest_job", "ingest_job_item"}
    filled |= {"speaker_alias", "statement_alias"}
    assert all(c.rows for c in copies if c.name in filled)
    engine = create_db_engine(target)
    with Session(engine) as session:
        # The full-text index covers the copied statements.
        found = session.exec(select(Statement.id).where(text_match(session, "ceasefire")))
        assert found.all()
        # New rows get fresh ids: the sequences moved past the copied ones.
        before = session.exec(select(func.max(Statement.id))).scalar_one()
        speaker = session.exec(select(Speaker)).scalars().first()
        added = Statement(speaker_id=speaker.id, kind="reported", evidence="Added later.")
        session.add(added)
        session.add(User(name="another", password_hash="y"))
        session.commit()
        assert added.id is not None and added.id > before
        job = session.get(IngestJob, 1)
        assert job is not None and job.finished_at is not None
        # SQLite gives timestamps back without their zone (UTC), PostgreSQL with it.
        finished = job.finished_at.replace(tzinfo=job.finished_at.tzinfo or dt.UTC)
        assert finished == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
        assert job.meta == {"publisher": "Example \u00e9dition"}
        item = session.exec(select(IngestJobItem)).scalars().one()
        assert item.payload == b"\x00\xffab"
    engine.dispose()


def test_a_target_that_is_not_empty_is_refused_and_left_alone(
    sqlite_source: str, new_database: Callable[[], str]
) -> None:
    target = new_database()
    copy_database(sqlite_source, target)
    before = counts(target)

    with pytest.raises(CopyError, match="the target database is not empty: article"):
        copy_database(sqlite_source, target)

    assert counts(target) == before


def test_a_table_that_does_not_check_out_leaves_the_target_empty(
    sqlite_source: str, new_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = new_database()
    copy_table = db_copy._copy_table

    def losing_a_row(reading, writing, table, batch):  # type: ignore[no-untyped-def]
        copied = copy_table(reading, writing, table, batch)
        if table.name == "speaker_alias":
            writing.execute(delete(SpeakerAlias))
        return copied

    monkeypatch.setattr(db_copy, "_copy_table", losing_a_row)

    with pytest.raises(CopyError, match="speaker_alias does not check out: 1 rows in the source"):
        copy_database(sqlite_source, target)

    assert set(counts(target).values()) == {0}


def test_the_source_must_be_a_migrated_tracker_database(
    tmp_path: Path, new_database: Callable[[], str]
) -> None:
    with pytest.raises(CopyError, match="there is no database file"):
        copy_database(f"sqlite:///{tmp_path / 'missing.db'}", new_database())
    (tmp_path / "blank.db").touch()
    with pytest.raises(CopyError, match="no migrations"):
        copy_database(f"sqlite:///{tmp_path / 'blank.db'}", new_database())


def test_the_command_copies_the_configured_database_and_says_it_was_checked(
    sqlite_source: str, new_database: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.config import get_settings

    monkeypatch.setenv("DATABASE_URL", sqlite_source)
    get_settings.cache_clear()
    target = new_database()
    runner = CliRunner()

    result = runner.invoke(cli, ["db", "copy", "--to", target])

    assert result.exit_code == 0, result.output
    assert "statement: " in result.output
    assert "every table checked (row count and checksum)" in result.output
    again = runner.invoke(cli, ["db", "copy", "--to", target])
    assert again.exit_code == 1
    assert "error: the target database is not empty" in again.output
