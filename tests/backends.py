"""Throwaway databases for the tests, on SQLite or PostgreSQL (pytest's `--db` option).

SQLite databases are files under pytest's temporary folders, a copy of a template file
when made from one. PostgreSQL databases live on the server of TEST_POSTGRES_URL (see
scripts/postgres.sh): each is `CREATE DATABASE ... TEMPLATE ...` of a template migrated
once per pytest process (so once per xdist worker), and dropped after its test.
"""

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

BACKENDS = ("sqlite", "postgresql")
POSTGRES_URL_VARIABLE = "TEST_POSTGRES_URL"


class Databases:
    """Makes and drops the tests' databases on one backend."""

    def __init__(self, backend: str, folders: pytest.TempPathFactory) -> None:
        self.backend = backend
        self._folders = folders
        self._numbers = itertools.count(1)
        # Names unique to this process: xdist workers share the server.
        self._prefix = f"test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"
        self._server: URL | None = None
        self._admin: Engine | None = None
        if backend == "postgresql":
            url = os.environ.get(POSTGRES_URL_VARIABLE)
            if not url:
                raise pytest.UsageError(
                    f"--db=postgresql needs {POSTGRES_URL_VARIABLE}, the URL of a server the "
                    "tests may create databases on: run them through scripts/postgres.sh"
                )
            self._server = make_url(url)
            # CREATE and DROP DATABASE cannot run inside a transaction.
            self._admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)

    def new(self, template: str | None = None) -> str:
        """The URL of a new database: empty, or a copy of the database at `template`."""
        number = next(self._numbers)
        if self._server is None:
            path = self._folders.mktemp("db") / f"db{number}.sqlite"
            if template is not None:
                shutil.copyfile(_sqlite_path(template), path)
            return f"sqlite:///{path}"
        name = f"{self._prefix}_{number}"
        source = make_url(template).database if template else "template0"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY FILE_COPY')
        return self._server.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        """Drop the database at `url` (SQLite files go with pytest's temporary folders)."""
        if self._server is not None:
            name = make_url(url).database
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def factory(self) -> Iterator[Callable[[], str]]:
        """For a fixture to yield from: a maker of empty databases, each dropped after."""
        made: list[str] = []

        def new() -> str:
            made.append(self.new())
            return made[-1]

        yield new
        for url in made:
            self.drop(url)

    def close(self) -> None:
        """Let go of the server."""
        if self._admin is not None:
            self._admin.dispose()

    def _execute(self, sql: str) -> None:
        assert self._admin is not None
        with self._admin.connect() as connection:
            connection.execute(text(sql))


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    assert database, url
    return Path(database)
