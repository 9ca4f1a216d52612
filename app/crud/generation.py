"""The database's data generation (migration 0017: triggers move it on every write to what
the pages show) and results remembered while it holds.

A result that depends only on the data and its arguments is as good as new until the
generation moves, whoever wrote: the page cache (app/web/page_cache.py) keys whole pages on
it, and `remembered` keeps smaller results that many different pages share (every named
speaker's timeline counts all speakers for its speaker facet).
"""

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import TypeVar

from sqlalchemy import make_url, text
from sqlmodel import Session

from app.db import GENERATION_TABLE

T = TypeVar("T")

_REMEMBERED_UP_TO = 256  # results per process; each is a few hundred counts
_results: OrderedDict[Hashable, object] = OrderedDict()
_READ = f"SELECT generation FROM {GENERATION_TABLE} WHERE id = 1"


def data_generation(session: Session) -> int:
    """The generation of the database the session reads."""
    found = session.execute(text(_READ))
    return int(found.scalar_one())


class _FileReader:
    """A read-only connection of this process's own to a SQLite file, for its generation."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.file: tuple[int, int] | None = None  # (device, inode) the connection reads
        self.connection: sqlite3.Connection | None = None
        self.lock = threading.Lock()

    def generation(self) -> int | None:
        try:
            stat = os.stat(self.path)
        except OSError:
            return None
        with self.lock:
            try:
                if self.file != (stat.st_dev, stat.st_ino):  # a new file at that path
                    self._open((stat.st_dev, stat.st_ino))
                assert self.connection is not None
                row = self.connection.execute(_READ).fetchone()
            except sqlite3.Error:
                return None
        return int(row[0]) if row else None

    def _open(self, file: tuple[int, int]) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        # Autocommit: each read sees the last committed write. A short busy timeout: the
        # caller waits on an event loop, and has a slower way to ask.
        self.connection = sqlite3.connect(
            f"file:{self.path}?mode=ro",
            uri=True,
            timeout=0.1,
            isolation_level=None,
            check_same_thread=False,
        )
        self.file = file


@lru_cache(maxsize=16)
def _file_reader(url: str) -> _FileReader | None:
    parsed = make_url(url)
    path = parsed.database
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:":
        return None
    if parsed.query.get("mode") == "memory":
        return None
    return _FileReader(path)


def file_generation(url: str) -> int | None:
    """The generation of the SQLite file at `url`, read in microseconds over a connection
    of the process's own (the page cache asks it for every request, on the event loop);
    None for any other database, or when it cannot be read that way."""
    reader = _file_reader(url)
    return reader.generation() if reader else None


def remembered(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """compute(), or what it gave for `key` on this database at this data generation."""
    full_key = (str(session.get_bind().url), data_generation(session), key)
    if full_key in _results:
        _results.move_to_end(full_key)
        return _results[full_key]  # type: ignore[return-value]
    result = compute()
    _results[full_key] = result
    while len(_results) > _REMEMBERED_UP_TO:
        _results.popitem(last=False)
    return result


def forget_all() -> None:
    """Drop every remembered result (tests: a fresh start)."""
    _results.clear()
