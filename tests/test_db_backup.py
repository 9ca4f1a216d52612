"""`python -m app backup PATH` and `restore PATH`: SQLite's online backup while writers
go on, and a restore that checks the file, refuses to overwrite rows unless forced,
replaces the database in one step and migrates it; every table round-trips."""

import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel
from test_db_copy import sqlite_source as filled_sqlite_database
from typer.testing import CliRunner, Result

import app.db_backup as db_backup
from app.cli import app as cli
from app.config import get_settings
from app.db import alembic_config, create_db_engine, get_engine, upgrade_database
from app.db_copy import fingerprint

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()

# A database with rows in every table (the fixture of `db copy`'s tests).
sqlite_source = filled_sqlite_database

backups_sqlite_files = pytest.mark.sqlite_only(reason="backup and restore copy SQLite files")


def run(monkeypatch: pytest.MonkeyPatch, url: str, *args: str) -> Result:
    """The command line with DATABASE_URL set to `url`."""
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    return CliRunner().invoke(cli, list(args))


def fingerprints(url: str) -> dict[str, tuple[int, str]]:
    """Every tracker table's row count and checksum."""
    engine = create_db_engine(url)
    with engine.connect() as connection:
        found = {t.name: fingerprint(connection, t) for t in SQLModel.metadata.sorted_tables}
    engine.dispose()
    return found


def one_value(url: str, query: str):
    engine = create_db_engine(url)
    with engine.connect() as connection:
        found = connection.execute(text(query)).scalar_one()
    engine.dispose()
    return found


def revision(url: str) -> str:
    return one_value(url, "SELECT version_num FROM alembic_version")


@backups_sqlite_files
def test_every_table_round_trips_through_backup_and_restore(
    sqlite_source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup_file = tmp_path / "backups" / "tracker-2026-12-04.db"
    backup_file.parent.mkdir()
    restored = f"sqlite:///{tmp_path / 'restored' / 'tracker.db'}"

    backed_up = run(monkeypatch, sqlite_source, "backup", str(backup_file))
    restoring = run(monkeypatch, restored, "restore", str(backup_file))

    assert backed_up.exit_code == 0, backed_up.output
    assert "every table checked (row count and checksum)" in backed_up.output
    assert restoring.exit_code == 0, restoring.output
    assert f"restored {backup_file} (migration {HEAD})" in restoring.output
    original = fingerprints(sqlite_source)
    assert all(rows for rows, _checksum in original.values())  # every table holds rows
    assert fingerprints(restored) == original
    assert revision(restored) == HEAD
    # The backup is one self-contained file, and nothing was left beside the database.
    assert [p.name for p in backup_file.parent.iterdir()] == [backup_file.name]
    assert not [p for p in (tmp_path / "restored").iterdir() if p.name.startswith(".")]


def data_generation(url: str) -> int:
    return one_value(url, "SELECT generation FROM data_generation")


@backups_sqlite_files
def test_a_restore_moves_the_data_generation_past_both_databases(
    sqlite_source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The backup API copies pages, so no trigger sees the restore: without the move, a web
    # process could serve its cached pages of the replaced data for the restored data.
    backup_file = tmp_path / "backup.db"
    target = f"sqlite:///{tmp_path / 'target.db'}"
    upgrade_database(target)
    engine = create_db_engine(target)
    with engine.begin() as connection:
        for number in range(3 + data_generation(sqlite_source)):  # the target's is ahead
            connection.execute(text(NEW_USER), {"name": f"user {number}"})
    engine.dispose()
    before = data_generation(target)

    assert run(monkeypatch, sqlite_source, "backup", str(backup_file)).exit_code == 0
    restoring = run(monkeypatch, target, "restore", "--force", str(backup_file))

    assert restoring.exit_code == 0, restoring.output
    assert data_generation(target) > max(before, data_generation(sqlite_source))


@backups_sqlite_files
def test_a_backup_is_one_consistent_moment_while_others_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "live.db"
    url = f"sqlite:///{live}"
    upgrade_database(url)
    engine = create_db_engine(url)
    with engine.connect() as ingesting:
        # An ingest's transaction left open: the backup neither waits for it nor takes it.
        ingesting.execute(text(NEW_USER), {"name": "uncommitted"})
        held_open = run(monkeypatch, url, "backup", str(tmp_path / "during-a-write.db"))
        ingesting.rollback()
    engine.dispose()
    stop = threading.Event()

    def keep_writing() -> None:
        with closing(sqlite3.connect(live, timeout=30)) as writer:
            while not stop.is_set():
                writer.execute(NEW_SPEAKER)
                writer.commit()

    writing = threading.Thread(target=keep_writing)
    writing.start()
    try:
        while speakers(live) < 20:  # the writer is under way
            time.sleep(0.01)
        meanwhile = run(monkeypatch, url, "backup", str(tmp_path / "while-writing.db"))
    finally:
        stop.set()
        writing.join()

    assert held_open.exit_code == 0, held_open.output
    with closing(sqlite3.connect(tmp_path / "during-a-write.db")) as copy:
        assert copy.execute("SELECT count(*) FROM user_account").fetchone() == (0,)
    # The command compared the copy with the snapshot it was taken from, table by table.
    assert meanwhile.exit_code == 0, meanwhile.output
    assert "every table checked" in meanwhile.output
    with closing(sqlite3.connect(tmp_path / "while-writing.db")) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert 20 <= speakers(tmp_path / "while-writing.db") <= speakers(live)


NEW_USER = (
    "INSERT INTO user_account (name, password_hash, is_admin, session_epoch, created_at) "
    "VALUES (:name, 'x', 0, 0, '2026-01-01')"
)
NEW_SPEAKER = (
    "INSERT INTO speaker (slug, name, side, kind, edited) "
    "VALUES (hex(randomblob(8)), 'Someone', 'Russia', 'person', 0)"
)


def speakers(path: Path) -> int:
    with closing(sqlite3.connect(path, timeout=30)) as connection:
        return connection.execute("SELECT count(*) FROM speaker").fetchone()[0]


@pytest.fixture
def backup_file(
    sqlite_source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A backup of the filled database."""
    path = tmp_path / "backup.db"
    result = run(monkeypatch, sqlite_source, "backup", str(path))
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def filled_target(tmp_path: Path) -> str:
    """A tracker database holding one editor."""
    url = f"sqlite:///{tmp_path / 'target' / 'tracker.db'}"
    upgrade_database(url)
    engine = create_db_engine(url)
    with engine.begin() as connection:
        connection.execute(text(NEW_USER), {"name": "someone"})
    engine.dispose()
    return url


@backups_sqlite_files
def test_restore_refuses_to_overwrite_a_database_with_rows_unless_forced(
    sqlite_source: str,
    backup_file: Path,
    filled_target: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = fingerprints(filled_target)

    refused = run(monkeypatch, filled_target, "restore", str(backup_file))

    assert refused.exit_code == 1
    assert "is not empty: user_account (1 rows); restore --force replaces it" in refused.output
    assert fingerprints(filled_target) == before
    forced = run(monkeypatch, filled_target, "restore", str(backup_file), "--force")
    assert forced.exit_code == 0, forced.output
    assert fingerprints(filled_target) == fingerprints(sqlite_source)


@backups_sqlite_files
def test_a_backup_is_not_written_over_unless_forced(
    backup_file: Path,
    sqlite_source: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup_file.write_bytes(b"an older backup")

    refused = run(monkeypatch, sqlite_source, "backup", str(backup_file))

    assert refused.exit_code == 1
    assert "exists: give another name, or --force to replace it" in refused.output
    assert backup_file.read_bytes() == b"an older backup"
    forced = run(monkeypatch, sqlite_source, "backup", str(backup_file), "--force")
    assert forced.exit_code == 0, forced.output


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7 not a database at all" * 200)


def _no_migrations(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (text)")
        connection.execute("INSERT INTO notes VALUES ('hello')")
        connection.commit()


def _unknown_migration(path: Path) -> None:
    url = f"sqlite:///{path}"
    upgrade_database(url)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
        connection.commit()


def _damaged(path: Path) -> None:
    _unknown_migration(path)
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xff" * 200  # a page of the tables, overwritten
    path.write_bytes(bytes(data))


@backups_sqlite_files
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_not_sqlite, "is not a readable SQLite database (file is not a database)"),
        (_no_migrations, "holds no tracker database (it has no migrations)"),
        (_unknown_migration, "at migration 0099, which this version of the tracker does not"),
        (_damaged, "malformed"),
    ],
    ids=["not-sqlite", "no-migrations", "unknown-migration", "damaged"],
)
def test_restore_refuses_a_file_that_is_not_a_tracker_backup_it_knows(
    tmp_path: Path,
    filled_target: str,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], None],
    message: str,
) -> None:
    path = tmp_path / "suspect.db"
    make(path)
    before = fingerprints(filled_target)

    result = run(monkeypatch, filled_target, "restore", str(path), "--force")

    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1  # one line, no traceback
    assert fingerprints(filled_target) == before


@backups_sqlite_files
def test_an_older_backup_is_restored_and_migrated_to_the_latest_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.db"
    command.upgrade(alembic_config(f"sqlite:///{old}"), "0015")
    with closing(sqlite3.connect(old)) as connection:
        connection.execute(NEW_SPEAKER)
        connection.execute(
            "INSERT INTO statement (speaker_id, date_precision, date_basis, kind, evidence, "
            "status, doubts, doubt_count, created_at, updated_at) VALUES "
            "(1, 'unknown', 'inferred', 'reported', 'Putin said so.', 'extracted', '[]', 0, "
            "'2026-01-01', '2026-01-01')"
        )
        connection.commit()
    backup = tmp_path / "old-backup.db"
    backed_up = run(monkeypatch, f"sqlite:///{old}", "backup", str(backup))
    target = f"sqlite:///{tmp_path / 'new.db'}"

    restored = run(monkeypatch, target, "restore", str(backup))

    assert backed_up.exit_code == 0, backed_up.output
    assert "(migration 0015)" in backed_up.output
    assert restored.exit_code == 0, restored.output
    assert restored.output.strip().endswith(f"migrated to {HEAD}")
    assert revision(target) == HEAD
    engine = create_db_engine(target)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT evidence, version FROM statement")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Putin said so.", 1)]


@backups_sqlite_files
def test_a_restore_whose_migration_fails_leaves_the_database_as_it_was(
    backup_file: Path, filled_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprints(filled_target)

    def failing(url: str | None = None) -> None:
        upgrade_database(url)
        raise db_backup.BackupError("migration 0016 failed: disk full")

    monkeypatch.setattr(db_backup, "upgrade_database", failing)

    result = run(monkeypatch, filled_target, "restore", str(backup_file), "--force")

    assert result.exit_code == 1
    assert "disk full" in result.output
    assert fingerprints(filled_target) == before
    folder = Path(filled_target.removeprefix("sqlite:///")).parent
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_postgresql_gets_the_pg_dump_and_pg_restore_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql+psycopg://tracker:secret@db.internal:5433/tracker"
    for name in ("backup", "restore"):
        result = run(monkeypatch, url, name, str(tmp_path / "tracker.dump"))

        assert result.exit_code == 2
        assert f"`{name}` works on SQLite files" in result.output
        assert "pg_dump --format=custom --no-owner --file=PATH" in result.output
        assert "pg_restore --no-owner --exit-on-error --single-transaction" in result.output
        assert "'postgresql://tracker@db.internal:5433/tracker'" in result.output
        assert "secret" not in result.output
    assert not (tmp_path / "tracker.dump").exists()
