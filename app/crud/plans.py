"""Phrasings that lead the database to the plan a bounded count relies on.

Past the timeline's count cap (app/crud/search.py `COUNTED_UP_TO`) its facets are counted
over a few thousand statements found by id. SQLite keeps no statistics on this schema, so
it guesses how many rows each clause keeps, and some guesses send it through a whole
index instead: these helpers say what it cannot know. PostgreSQL plans from statistics
and takes the same queries as they are.
"""

from __future__ import annotations

import json

from sqlalchemy import ARRAY, Boolean, ColumnElement, Integer, Select, func, literal, select
from sqlmodel import Session


def checks_only(session: Session, clauses: list[ColumnElement[bool]]) -> list[ColumnElement[bool]]:
    """`clauses` as checks on rows found another way (by statement id), not as a way to
    find them: SQLite would read every row of the chosen conditions through their index
    (most of the table) to keep those of a few thousand statements. `likely()` tells it
    that these clauses narrow little."""
    if session.get_bind().dialect.name != "sqlite":
        return clauses
    return [func.likely(clause, type_=Boolean) for clause in clauses]


def id_list(session: Session, ids: list[int]) -> Select:
    """SELECT of `ids`, sent as one parameter (a JSON or array value), to test membership.
    Thousands of parameters would be slow to bind, and would show SQLite how many ids
    there are: it then reads a whole index (to group without sorting) instead of looking
    each id up."""
    if session.get_bind().dialect.name == "postgresql":
        return select(func.unnest(literal(ids, ARRAY(Integer))))
    listed = func.json_each(json.dumps(ids)).table_valued("value")
    return select(listed.c.value)
