"""A wrong DATABASE_URL, a database server that does not answer or a read-only database
stop every command with one line on stderr and a non-zero exit code: no traceback, no
password, no SQL."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from app import cli
from app.config import ROOT, get_settings
from app.db import get_engine, upgrade_database
from app.db_checks import configuration_problem

# The commands' own checks, on URLs of their own: the test backend's database is not used.
own_urls = pytest.mark.sqlite_only(reason="URLs of its own, whatever the test backend")

SECRET = "s3cret-pass"
UNREACHABLE = f"postgresql+psycopg://tracker:{SECRET}@127.0.0.1:1/tracker"

COMMANDS = {
    "serve": ["serve"],
    "ingest": ["ingest", "{tmp}/article.txt"],
    "worker": ["worker", "--drain"],
    "db upgrade": ["db", "upgrade"],
    "db copy": ["db", "copy", "--to", "sqlite:///{tmp}/copy.db"],
    "users add": ["users", "add", "anna", "--password-stdin"],
    "users token": ["users", "token", "anna"],
    "reextract": ["reextract"],
    "backup": ["backup", "{tmp}/backup.db"],
    "restore": ["restore", "{tmp}/backup.db"],
}
# Commands that only read the database, which a read-only one lets them do.
READING = {"backup", "db copy"}
# Commands that copy SQLite files, and answer a PostgreSQL URL with pg_dump's commands.
SQLITE_FILES = {"backup", "restore"}


def run_main(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """`python -m app ARGS` in this process: its exit code, stdout and stderr."""
    get_settings.cache_clear()
    get_engine.cache_clear()
    with pytest.raises(SystemExit) as exited:
        cli.main(args)
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def read_only(tmp_path: Path) -> str:
    """A migrated SQLite file, opened read-only (root may write any file, so the mode of
    the file would not do; SQLite refuses writes the same way for both)."""
    path = tmp_path / "tracker.db"
    upgrade_database(f"sqlite:///{path}")
    return f"sqlite:///file:{path}?mode=ro&uri=true"


PROBLEMS = {
    "unparseable": ("not a url", "DATABASE_URL is not a database URL: the tracker takes"),
    "unknown database": (f"mysql://tracker:{SECRET}@db/tracker", "names a 'mysql' database"),
    "unknown driver": ("sqlite+nosuchdriver:///x.db", "unknown driver 'sqlite+nosuchdriver'"),
    "unreachable server": (
        UNREACHABLE,
        "cannot use the database postgresql+psycopg://tracker:***@127.0.0.1:1/tracker: "
        'connection failed: connection to server at "127.0.0.1", port 1 failed',
    ),
    "read-only file": (None, "is read-only (attempt to write a readonly database)"),
}


@own_urls
@pytest.mark.parametrize("problem", PROBLEMS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_stops_with_one_line_on_a_database_it_cannot_use(
    command: str,
    problem: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if problem == "read-only file" and command in READING:
        pytest.skip("reading a read-only database is what it is for")
    url, message = PROBLEMS[problem]
    monkeypatch.setenv("DATABASE_URL", url or read_only(tmp_path))
    monkeypatch.setattr("sys.stdin", open(__file__, encoding="utf-8"))  # noqa: SIM115
    args = [a.format(tmp=tmp_path) for a in COMMANDS[command]]

    code, out, err = run_main(args, monkeypatch, capsys)

    assert code != 0
    assert "Traceback" not in out + err and SECRET not in out + err and "[SQL" not in err
    if problem == "unreachable server" and command in SQLITE_FILES:
        assert code == 2 and "pg_dump --format=custom" in err  # nothing to connect to
        return
    assert code == 1
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert message in err


@own_urls
def test_a_bad_setting_is_named_by_its_variable_without_its_value(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ARTICLE_MAX_BYTES", f"lots-{SECRET}")

    code, _out, err = run_main(["db", "upgrade"], monkeypatch, capsys)

    assert code == 1
    assert err == (
        "error: ARTICLE_MAX_BYTES: Input should be a valid integer, unable to parse string as "
        "an integer\n"
    )


@own_urls
def test_a_folder_that_cannot_be_made_for_the_database_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'a-file' / 'tracker.db'}")

    code, _out, err = run_main(["db", "upgrade"], monkeypatch, capsys)

    assert code == 1
    assert err.startswith("error: cannot make the folder of the database sqlite:///")
    assert err.count("\n") == 1


@own_urls
def test_another_writer_holding_the_lock_is_not_mistaken_for_a_read_only_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    path = tmp_path / "tracker.db"
    upgrade_database(f"sqlite:///{path}")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # an ingest in the middle of an article
    try:
        code, out, err = run_main(["db", "upgrade"], monkeypatch, capsys)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert (code, err) == (0, ""), err
    assert out.endswith("is at the latest migration\n")


def test_a_bug_keeps_its_traceback() -> None:
    assert configuration_problem(KeyError("statement")) is None
    assert configuration_problem(ValueError("bad")) is None
    error = OperationalError("SELECT 1", {}, Exception("no such column: x"))
    assert configuration_problem(error) == (
        f"cannot use the database {get_settings().database_url}: no such column: x"
    )


@own_urls
def test_python_m_app_prints_one_line_for_a_bad_database_url(tmp_path: Path) -> None:
    environment = {"DATABASE_URL": UNREACHABLE, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    done = subprocess.run(
        [sys.executable, "-m", "app", "db", "upgrade"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(
        "error: cannot use the database postgresql+psycopg://tracker:***@"
    )
    assert done.stderr.count("\n") == 1 and SECRET not in done.stderr


def test_a_postgresql_database_that_takes_no_writes_is_one_line(
    request: pytest.FixtureRequest,
    new_database: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if request.config.getoption("--db") != "postgresql":
        pytest.skip("needs the PostgreSQL test server (--db=postgresql)")
    url = new_database()
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as connection:
        name = connection.execute(text("SELECT current_database()")).scalar_one()
        connection.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        connection.commit()
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)

    code, out, err = run_main(["db", "upgrade"], monkeypatch, capsys)

    assert (code, out) == (1, "")
    assert "is read-only (the server takes no writes)" in err and err.count("\n") == 1
