"""`python -m app backup PATH` and `python -m app restore PATH` (SQLite; PostgreSQL gets
the pg_dump and pg_restore commands to run instead)."""

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from app.config import get_settings
from app.db_backup import BackupError, backup_database, postgres_guidance, restore_database
from app.db_checks import check_database

_FORCE_BACKUP = "Replace PATH if it exists."
_FORCE_RESTORE = "Replace the configured database even if it holds rows."


def _sqlite_url(command: str) -> str:
    """The configured database's URL, or exit with PostgreSQL's way of doing `command`."""
    url = get_settings().database_url
    if make_url(url).get_backend_name() != "sqlite":
        typer.echo(postgres_guidance(url, command), err=True)
        raise typer.Exit(2)
    return url


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def backup(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The backup file to write.")],
    force: Annotated[bool, typer.Option("--force", help=_FORCE_BACKUP)] = False,
) -> None:
    """Copy the SQLite database (DATABASE_URL) to PATH while the tracker runs: one
    consistent moment, checked table by table (row count and checksum)."""
    url = _sqlite_url("backup")
    try:
        copied = backup_database(url, path, force=force)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"backed up {_shown(url)} (migration {copied.revision}) to {path}: {copied.rows} rows "
        f"in {len(copied.tables)} tables, every table checked (row count and checksum)"
    )


def restore(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A file `backup` wrote.")],
    force: Annotated[bool, typer.Option("--force", help=_FORCE_RESTORE)] = False,
) -> None:
    """Replace the SQLite database (DATABASE_URL) by the backup at PATH, in one step, and
    migrate it to the latest migration; a database holding rows needs --force. Stop the
    server and workers first: they would go on with what they had read before."""
    url = _sqlite_url("restore")
    check_database()  # a database DATABASE_URL opens read-only is not written over
    try:
        copied, head = restore_database(path, url, force=force)
    except BackupError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    migrated = "" if head == copied.revision else f", migrated to {head}"
    typer.echo(
        f"restored {path} (migration {copied.revision}) into {_shown(url)}: {copied.rows} "
        f"rows in {len(copied.tables)} tables, every table checked (row count and "
        f"checksum){migrated}"
    )
