"""Command line for editors: `python -m app users add NAME` and `users token NAME`."""

import sys
from typing import Annotated

import typer
from sqlmodel import Session

from app.crud.users import UserError, create_user, issue_token
from app.db import get_engine, upgrade_database
from app.db_checks import check_database

users_app = typer.Typer(help="Editors who may review and correct statements.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # The first line only: scripts pipe `echo "$PASSWORD"`.
        return sys.stdin.readline().rstrip("\r\n")
    return typer.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The editor's sign-in name.")],
    admin: Annotated[bool, typer.Option("--admin", help="May manage other users.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create an editor, asking for the password (twice) unless it comes on stdin."""
    check_database()
    upgrade_database()
    password = _read_password(password_stdin)
    with Session(get_engine()) as session:
        try:
            user = create_user(session, name=name, password=password, is_admin=admin)
        except UserError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
    typer.echo(f"created {'admin' if user.is_admin else 'editor'} {user.name}")


@users_app.command("token")
def token(name: Annotated[str, typer.Argument(help="The editor's sign-in name.")]) -> None:
    """Print a new personal API token for the editor (any earlier one stops working)."""
    check_database()
    upgrade_database()
    with Session(get_engine()) as session:
        try:
            value = issue_token(session, name=name)
        except UserError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
    typer.echo(value)
