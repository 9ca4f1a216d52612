"""Problems a person must fix in the configuration or the database it names (a malformed
DATABASE_URL, a server that does not answer, a read-only file), each said in one line
without the URL's password, the SQL or its parameters: the commands print it and exit
instead of a traceback."""

from alembic.util.exc import CommandError
from pydantic import ValidationError
from sqlalchemy import Connection
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from app.config import get_settings
from app.db import get_engine


class DatabaseUnusable(Exception):
    """The configured database cannot be used as asked; the message is one line."""


def check_database(*, write: bool = True) -> None:
    """Connect to the configured database and, with `write`, make sure it takes writes;
    DatabaseUnusable if not. Commands call it first, so a wrong setting stops them at
    once rather than after loading the parser or on every file."""
    try:
        engine = get_engine()
    except OSError as exc:  # the folder of an SQLite file could not be made
        raise DatabaseUnusable(
            f"cannot make the folder of the database {_shown()}: {exc.strerror or exc} "
            f"({exc.filename})"
        ) from None
    try:
        with engine.connect() as connection:
            if write:
                _check_writable(connection)
    except DBAPIError as exc:
        raise DatabaseUnusable(database_problem(exc)) from None


def _check_writable(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        # A standby server, or a database whose transactions are read-only by default.
        if connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "on":
            raise DatabaseUnusable(_read_only("the server takes no writes"))
        return
    # SQLite says a file is read-only only when something tries to write it: a change
    # rolled back at once. No waiting for the lock: another writer holding it (an ingest)
    # shows the file takes writes.
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        connection.exec_driver_sql("BEGIN")
        connection.exec_driver_sql("CREATE TABLE tracker_write_check (x)")
    except DBAPIError as exc:
        if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
            raise
    finally:
        connection.rollback()
        connection.invalidate()  # its pool replaces it with one that has the busy timeout


def database_problem(exc: DBAPIError, url: str | None = None) -> str:
    """What a database error says about the database at `url` (default: the configured
    one), in one line."""
    reason = _first_line(exc.orig)
    if "readonly" in reason or "read-only" in reason:
        return _read_only(reason, url)
    if "unable to open database file" in reason:
        return (
            f"cannot open the database {_shown(url)} ({reason}): its folder must exist "
            "and be writable"
        )
    return f"cannot use the database {_shown(url)}: {reason}"


def configuration_problem(exc: BaseException) -> str | None:
    """One line saying what is wrong with the configuration or its database, if `exc` is
    such a problem; None for anything else (a bug keeps its traceback)."""
    if isinstance(exc, DatabaseUnusable):
        return str(exc)
    if isinstance(exc, ValidationError) and exc.title == "Settings":
        return "; ".join(_setting_error(error) for error in exc.errors())
    if isinstance(exc, DBAPIError) and _is_about_the_database(exc):
        return database_problem(exc)
    if isinstance(exc, CommandError):  # Alembic: e.g. a database made by a newer version
        return f"cannot migrate the database {_shown()}: {_first_line(exc)}"
    return None


def _is_about_the_database(exc: DBAPIError) -> bool:
    # Connecting, opening and writing, not a query of ours that went wrong.
    return exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError)


def _setting_error(error: dict) -> str:
    """One setting's problem, named by its environment variable; never its value."""
    name = str(error["loc"][0]).upper() if error.get("loc") else "a setting"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message if message.startswith(name) else f"{name}: {message}"


def _read_only(reason: str, url: str | None = None) -> str:
    return (
        f"the database {_shown(url)} is read-only ({reason}): give the tracker write access "
        "to it (for SQLite, to the file and its folder) or point DATABASE_URL at another"
    )


def _shown(url: str | None = None) -> str:
    return make_url(url or get_settings().database_url).render_as_string(hide_password=True)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__
