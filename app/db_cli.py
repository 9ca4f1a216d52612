"""Command line for the database: `python -m app db upgrade` and `db copy --to URL`."""

import time
from typing import Annotated

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from app.config import get_settings
from app.db import upgrade_database
from app.db_checks import check_database, database_problem
from app.db_copy import CopyError, copy_database

db_app = typer.Typer(help="The database: migrate it, or copy it to another (SQLite to PostgreSQL).")


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply the migrations to the configured database (DATABASE_URL)."""
    url = get_settings().database_url
    check_database()
    upgrade_database(url)
    typer.echo(f"{_shown(url)} is at the latest migration")


@db_app.command("copy")
def copy(
    to: Annotated[
        str,
        typer.Option(
            "--to", help="The empty database to copy into: postgresql+psycopg://USER@HOST/NAME"
        ),
    ],
) -> None:
    """Copy the configured database (DATABASE_URL) into an empty one, checked row for row.

    Table by table in batches, in one transaction that commits only when every table's
    row count and checksum agree on both sides."""
    source = get_settings().database_url
    try:
        make_url(to)
    except ArgumentError:
        typer.echo("error: --to is not a database URL: give postgresql+psycopg://...", err=True)
        raise typer.Exit(2) from None
    check_database(write=False)
    started = time.monotonic()
    try:
        copies = copy_database(source, to, progress=typer.echo)
    except CopyError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    except DBAPIError as exc:  # the source answered just now: the target is the trouble
        typer.echo(f"error: {database_problem(exc, to)}", err=True)
        raise typer.Exit(1) from None
    rows = sum(c.rows for c in copies)
    typer.echo(
        f"copied {rows} rows in {len(copies)} tables from {_shown(source)} to {_shown(to)} "
        f"in {time.monotonic() - started:.1f} s; every table checked (row count and checksum)"
    )
