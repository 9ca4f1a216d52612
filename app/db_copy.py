"""Copy the tracker's database to another one (an SQLite file to PostgreSQL, say), checked
row for row.

The target is migrated to the same revision as the source and must hold no rows. Tables
are copied in dependency order, in batches, inside one transaction on the target; the
sequences behind the integer keys are moved past the copied ids; then every table is
counted and checksummed on both sides, and only if all agree is the transaction
committed. Any failure leaves the target as empty as it was.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, DateTime, Integer, Table, func, select, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from app.db import alembic_config, create_db_engine, upgrade_database

BATCH = 2000  # rows read and written at a time


class CopyError(Exception):
    """The copy cannot be made, or did not check out; the message says why."""


@dataclass(frozen=True, slots=True)
class TableCopy:
    """One table as copied and checked: its rows and their checksum on both sides."""

    name: str
    rows: int
    checksum: str


def copy_database(
    source_url: str,
    target_url: str,
    *,
    batch: int = BATCH,
    progress: Callable[[str], None] = lambda _message: None,
) -> list[TableCopy]:
    """Copy every table of `source_url` into the empty database at `target_url`, check
    counts and checksums table by table, and commit only if they agree."""
    if make_url(source_url) == make_url(target_url):
        raise CopyError("the source and the target are the same database")
    source_path = sqlite_file(source_url)
    if source_path is not None and not source_path.is_file():
        raise CopyError(f"there is no database file at {source_path}")
    tables = SQLModel.metadata.sorted_tables
    source = create_db_engine(source_url)
    target = create_db_engine(target_url)
    try:
        with source.connect() as reading:
            _check_revision(reading)
        with target.connect() as writing:
            _check_empty(writing, tables)
        # The target gets the schema (or is brought up to date) only once it is known to
        # hold nothing.
        upgrade_database(target_url)
        with source.connect() as reading, target.connect() as writing, writing.begin():
            if reading.dialect.name == "sqlite":
                # One snapshot for the copy and the check (Python's sqlite3 would begin a
                # transaction only before a write).
                reading.exec_driver_sql("BEGIN")
            for table in tables:
                rows = _copy_table(reading, writing, table, batch)
                progress(f"{table.name}: {rows} rows copied")
            _reset_sequences(writing, tables)
            copies = [_check_table(reading, writing, table) for table in tables]
            reading.rollback()
            # Leaving the block commits; an exception above rolls everything back.
    finally:
        source.dispose()
        target.dispose()
    return copies


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for another database or an in-memory one."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.query.get("uri") == "true" and parsed.database.startswith("file:"):
        # SQLite's URI form, sqlite:///file:PATH?mode=ro&uri=true
        if parsed.query.get("mode") == "memory":
            return None
        return Path(parsed.database.removeprefix("file:"))
    return Path(parsed.database)


def _check_revision(connection: Connection) -> None:
    """The source must be a tracker database at the code's latest migration."""
    revision = MigrationContext.configure(connection).get_current_revision()
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if revision is None:
        raise CopyError("the source holds no tracker database (it has no migrations)")
    if revision != head:
        raise CopyError(
            f"the source is at migration {revision}, this tracker expects {head}: "
            "migrate it first (python -m app db upgrade)"
        )


def filled_tables(connection: Connection, tables: Sequence[Table]) -> list[str]:
    """The tables of `tables` that exist and hold rows, as "article (5 rows)"."""
    existing = set(connection.dialect.get_table_names(connection))
    filled = []
    for table in tables:
        if table.name in existing:
            rows = connection.execute(select(func.count()).select_from(table)).scalar_one()
            if rows:
                filled.append(f"{table.name} ({rows} rows)")
    return filled


def _check_empty(connection: Connection, tables: Sequence[Table]) -> None:
    filled = filled_tables(connection, tables)
    if filled:
        raise CopyError(
            "the target database is not empty: "
            + ", ".join(filled)
            + "; copy into a new, empty database"
        )


def _copy_table(reading: Connection, writing: Connection, table: Table, batch: int) -> int:
    """Copy one table in batches, in key order; the number of rows."""
    keys = [column.key for column in table.columns]
    stamps = {c.key for c in table.columns if isinstance(c.type, DateTime) and c.type.timezone}
    query = select(table).order_by(*table.primary_key.columns)
    copied = 0
    for rows in _batches(reading, query, batch):
        values = [dict(zip(keys, row, strict=True)) for row in rows]
        for row in values:
            for key in stamps:
                row[key] = _aware(row[key])
        try:
            writing.execute(table.insert(), values)
        except Exception as exc:
            raise CopyError(f"copying {table.name}: {exc}") from exc
        copied += len(values)
    return copied


def _batches(connection: Connection, query: Any, size: int) -> Iterator[Sequence[Any]]:
    result = connection.execution_options(yield_per=size).execute(query)
    yield from result.partitions(size)


def _aware(value: Any) -> Any:
    # SQLite keeps no time zone: the tracker's timestamps are stored in UTC.
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _reset_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """Move each integer key's sequence past the copied ids, so new rows get fresh ones."""
    if connection.dialect.name != "postgresql":
        return  # SQLite numbers new rows from the largest id
    quote = connection.dialect.identifier_preparer
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name, key = quote.format_table(table), quote.quote(keys[0].name)
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"coalesce(max({key}), 1), max({key}) IS NOT NULL) FROM {name}"
            ),
            {"table": name, "column": keys[0].name},
        )


def _check_table(reading: Connection, writing: Connection, table: Table) -> TableCopy:
    source_rows, source_sum = fingerprint(reading, table)
    target_rows, target_sum = fingerprint(writing, table)
    if (source_rows, source_sum) != (target_rows, target_sum):
        raise CopyError(
            f"{table.name} does not check out: {source_rows} rows in the source, "
            f"{target_rows} in the target, checksums {source_sum[:12]} and {target_sum[:12]}; "
            "nothing was copied"
        )
    return TableCopy(table.name, source_rows, source_sum)


def fingerprint(connection: Connection, table: Table) -> tuple[int, str]:
    """The table's row count and a checksum of its rows that ignores their order (each
    database sorts text its own way): the sum of every row's SHA-256."""
    total, rows = 0, 0
    for batch in _batches(connection, select(table), BATCH):
        for row in batch:
            canonical = json.dumps([_plain(v) for v in row], sort_keys=True, ensure_ascii=False)
            total += int.from_bytes(hashlib.sha256(canonical.encode()).digest(), "big")
            rows += 1
    return rows, f"{total % 2**256:064x}"


def _plain(value: Any) -> Any:
    """A value as the same JSON whichever database it came from."""
    if isinstance(value, dt.datetime):
        return _aware(value).astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return value
