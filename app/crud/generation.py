"""The database's data generation (migration 0017: triggers move it on every write to what
the pages show) and results remembered while it holds.

A result that depends only on the data and its arguments is as good as new until the
generation moves, whoever wrote: the page cache (app/web/page_cache.py) keys whole pages on
it, and `remembered` keeps smaller results that many different pages share (every named
speaker's timeline counts all speakers for its speaker facet).
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import text
from sqlmodel import Session

from app.db import GENERATION_TABLE

T = TypeVar("T")

_REMEMBERED_UP_TO = 256  # results per process; each is a few hundred counts
_results: OrderedDict[Hashable, object] = OrderedDict()


def data_generation(session: Session) -> int:
    """The generation of the database the session reads."""
    found = session.execute(text(f"SELECT generation FROM {GENERATION_TABLE} WHERE id = 1"))
    return int(found.scalar_one())


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
