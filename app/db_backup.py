"""Backing up the SQLite database while the tracker runs, and restoring a backup.

A backup is SQLite's online backup API (`sqlite3.Connection.backup`) run in one step
inside a read transaction on the database: it copies that snapshot page by page while
the web app and ingests go on writing to the write-ahead log, and the copy is compared
with the snapshot table by table (row count and checksum, as `db copy` does) before it
takes the backup's name. The file is self-contained (no -wal beside it).

A restore checks the file is a tracker database at a migration this code knows, copies
it beside the configured database, checks the copy against it, migrates the copy to the
latest migration, and only then writes it over the configured database, again with the
backup API: one write transaction, so the database is either the old one or the restored
one, never half of each. A database that holds any row is replaced only when forced.

PostgreSQL has its own tools for both (`postgres_guidance`).
"""

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Column, Connection, Engine, MetaData, Table, create_engine, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import SQLModel

from app.db import GENERATION_TABLE, alembic_config, create_db_engine, upgrade_database
from app.db_copy import TableCopy, filled_tables, fingerprint, sqlite_file


class BackupError(Exception):
    """The backup or restore cannot be made, or did not check out; the message says why."""


@dataclass(frozen=True, slots=True)
class Copied:
    """What a backup or restore copied: the migration it was at, and each table checked."""

    revision: str
    tables: list[TableCopy]

    @property
    def rows(self) -> int:
        """Rows in every table."""
        return sum(t.rows for t in self.tables)


def backup_database(url: str, path: Path, *, force: bool = False) -> Copied:
    """Copy the SQLite database at `url` to the file `path`, consistent as of one moment
    even while others write, and checked table by table against that moment."""
    source = _sqlite_path(url)
    if not source.is_file():
        raise BackupError(f"there is no database file at {source}")
    _check_destination(path, force=force, database=source)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    engine = create_db_engine(url)
    try:
        with engine.connect() as reading:
            # One snapshot for the copy and the check (Python's sqlite3 would begin a
            # transaction only before a write); the backup reads the same snapshot.
            reading.exec_driver_sql("BEGIN")
            revision = _tracker_revision(reading, source)
            copy = sqlite3.connect(partial)
            try:
                reading.connection.driver_connection.backup(copy)  # type: ignore[union-attr]
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            finally:
                copy.close()
            tables = _compare(reading, partial)
            reading.rollback()
        _check_integrity(partial, "the backup")
        _sync(partial)
        os.replace(partial, path)
        _sync(path.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        engine.dispose()
    return Copied(revision, tables)


def restore_database(path: Path, url: str, *, force: bool = False) -> tuple[Copied, str]:
    """Replace the SQLite database at `url` by the backup at `path`, migrated to the
    latest migration; returns what was restored and the migration it is at now."""
    target = _sqlite_path(url)
    if not path.is_file():
        raise BackupError(f"there is no backup file at {path}")
    if target.exists() and target.resolve() == path.resolve():
        raise BackupError(f"{path} is the configured database itself")
    backup = _read_only_engine(path)
    try:
        with backup.connect() as reading:
            _check_integrity(path, "the backup", connection=reading)
            revision = _tracker_revision(reading, path)
            _check_known(revision)
            _check_replaceable(url, target, force=force)
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = target.with_name(f".{target.name}.{os.getpid()}.restoring")
            try:
                _copy_file(reading, staged)
                tables = _compare(reading, staged)
                # Migrated before it replaces anything: a failing migration leaves the
                # configured database as it was.
                upgrade_database(f"sqlite:///{staged}")
                _check_integrity(staged, "the restored database")
                _move_generation_past(staged, target)
                _write_over(staged, target)
            finally:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{staged}{suffix}").unlink(missing_ok=True)
    finally:
        backup.dispose()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    return Copied(revision, tables), str(head)


def postgres_guidance(url: str, command: str) -> str:
    """How to back up or restore a PostgreSQL database with its own tools."""
    parsed = make_url(url)
    # libpq's own URL (no SQLAlchemy driver name), without the password: pg_dump and
    # pg_restore read it from PGPASSWORD or ~/.pgpass.
    plain = URL.create(
        "postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database
    ).render_as_string()
    return (
        f"`{command}` works on SQLite files; DATABASE_URL names a PostgreSQL database. "
        "Use PostgreSQL's own tools (the password from PGPASSWORD or ~/.pgpass):\n"
        f"  backup:  pg_dump --format=custom --no-owner --file=PATH '{plain}'\n"
        "  restore: into a new, empty database (createdb), then\n"
        "           pg_restore --no-owner --exit-on-error --single-transaction "
        f"--dbname='{plain}' PATH\n"
        "           python -m app db upgrade"
    )


def _sqlite_path(url: str) -> Path:
    path = sqlite_file(url)
    if path is None:
        raise BackupError(f"{make_url(url).get_backend_name()} databases are not SQLite files")
    return path


def _check_destination(path: Path, *, force: bool, database: Path) -> None:
    if path.exists() and path.resolve() == database.resolve():
        raise BackupError(f"{path} is the database itself: back it up to another file")
    if path.is_dir():
        raise BackupError(f"{path} is a folder: give the backup's file name")
    if path.exists() and not force:
        raise BackupError(f"{path} exists: give another name, or --force to replace it")
    if not path.parent.is_dir():
        raise BackupError(f"there is no folder {path.parent}")


def _read_only_engine(path: Path) -> Engine:
    """An engine that reads the SQLite file at `path` and never writes it (nor makes a
    -wal beside it): no house pragmas, no pool."""
    return create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", poolclass=NullPool)


def _tracker_revision(connection: Connection, path: Path) -> str:
    """The migration a tracker database is at; BackupError if the file is not one."""
    try:
        revision = MigrationContext.configure(connection).get_current_revision()
    except DBAPIError as exc:
        raise BackupError(f"{path} is not a readable SQLite database ({exc.orig})") from None
    if revision is None:
        raise BackupError(f"{path} holds no tracker database (it has no migrations)")
    return revision


def _check_known(revision: str) -> None:
    """The backup must be at a migration of this code's history (older ones are migrated)."""
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        known = {s.revision for s in scripts.walk_revisions()}
    except CommandError as exc:  # pragma: no cover - a broken migrations folder
        raise BackupError(str(exc)) from None
    if revision not in known:
        raise BackupError(
            f"the backup is at migration {revision}, which this version of the tracker does "
            "not know: restore it with the version that made it"
        )


def _check_replaceable(url: str, target: Path, *, force: bool) -> None:
    """A database that holds any row is replaced only when forced."""
    if force or not target.exists():
        return
    engine = _read_only_engine(target)
    try:
        with engine.connect() as connection:
            filled = filled_tables(connection, SQLModel.metadata.sorted_tables)
    except DBAPIError as exc:
        raise BackupError(f"cannot read {target} ({exc.orig}); --force replaces it") from None
    finally:
        engine.dispose()
    if filled:
        raise BackupError(
            f"the database at {target} is not empty: {', '.join(filled)}; "
            "restore --force replaces it"
        )


def _copy_file(reading: Connection, path: Path) -> None:
    """Copy the database `reading` is connected to into a new file at `path`."""
    path.unlink(missing_ok=True)
    copy = sqlite3.connect(path)
    try:
        reading.connection.driver_connection.backup(copy)  # type: ignore[union-attr]
    finally:
        copy.close()


def _move_generation_past(staged: Path, target: Path) -> None:
    """Give the staged database a data generation past both its own and the target's: the
    backup API copies pages, not rows, so no trigger marks the restore as a change, and a
    web process must not take its cached pages of the old data for pages of the new."""
    current = 0
    if target.exists():
        with closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as plain:
            try:
                read = plain.execute(f"SELECT max(generation) FROM {GENERATION_TABLE}")
                current = read.fetchone()[0]
            except sqlite3.DatabaseError:  # not a tracker database, or one before 0017
                current = 0
    with closing(sqlite3.connect(staged)) as plain, plain:
        plain.execute(
            f"UPDATE {GENERATION_TABLE} SET generation = max(generation, ?) + 1", (current or 0,)
        )


def _write_over(staged: Path, target: Path) -> None:
    """Write the staged database over the target in one write transaction (a single step
    of the backup API), so a reader sees the old database or the new, never a mix."""
    source = sqlite3.connect(staged)
    destination = sqlite3.connect(target, timeout=30)
    try:
        source.backup(destination)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot write {target}: {exc}") from None
    finally:
        destination.close()
        source.close()


def _compare(reading: Connection, copy: Path) -> list[TableCopy]:
    """Every tracker table of the database `reading` is on, counted and checksummed there
    and in the copy; BackupError if any differs."""
    inspector = inspect(reading)
    names = set(inspector.get_table_names())
    wanted = [t.name for t in SQLModel.metadata.sorted_tables if t.name in names]
    engine = _read_only_engine(copy)
    checked = []
    try:
        with engine.connect() as other:
            for name in [*wanted, "alembic_version"]:
                # The columns as they are in this database, which may be at an older
                # migration than the models.
                columns = [Column(c["name"], c["type"]) for c in inspector.get_columns(name)]
                table = Table(name, MetaData(), *columns)
                rows, checksum = fingerprint(reading, table)
                if fingerprint(other, table) != (rows, checksum):
                    raise BackupError(f"{name} does not check out in the copy; nothing was kept")
                checked.append(TableCopy(name, rows, checksum))
    finally:
        engine.dispose()
    return checked


def _check_integrity(path: Path, what: str, *, connection: Connection | None = None) -> None:
    """SQLite's own check of every page and index of the file."""
    try:
        if connection is not None:
            found = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
        else:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as plain:
                found = plain.execute("PRAGMA integrity_check").fetchone()[0]
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        reason = exc.orig if isinstance(exc, DBAPIError) else exc
        raise BackupError(f"{path} is not a readable SQLite database ({reason})") from None
    if found != "ok":
        raise BackupError(f"{what} at {path} is damaged: {found}")


def _sync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk, so a crash cannot leave a backup
    that has its name but not its content."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
