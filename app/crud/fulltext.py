"""Full-text search of statements: which statements' quote or evidence a search finds.

SQLite answers from the FTS5 index of migration 0002; other databases match each
spelling as a case-insensitive substring. The query language is app/search_query.py.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, literal, or_, text
from sqlmodel import Session, col

from app.models import Statement
from app.search_query import SearchQuery, Term, fts_expression, parse_search


def text_match(session: Session, q: str) -> ColumnElement[bool]:
    """Statements whose quote or evidence the search finds (see app/search_query.py)."""
    query = parse_search(q)  # checked when the filters were read
    if session.get_bind().dialect.name == "sqlite":
        clauses = []
        for expression, wanted, name in (
            (fts_expression(query), True, "fts_found"),
            (fts_expression(query, excluded=True), False, "fts_excluded"),
        ):
            if expression is None:
                continue
            match = f"SELECT rowid FROM statement_fts WHERE statement_fts MATCH :{name}"
            found = col(Statement.id).in_(text(match).bindparams(**{name: expression}))
            clauses.append(found if wanted else ~found)
        return and_(*clauses) if clauses else literal(True)
    # Other databases: each spelling as a case-insensitive substring of quote or evidence.
    return substring_match(query, Statement.evidence, Statement.quote)


def substring_match(query: SearchQuery, *columns: object) -> ColumnElement[bool]:
    """The search on any database: a term of every group and no excluded term, each
    spelling matched as a case-insensitive substring (its words in order, anything
    between) of any of the columns."""
    groups = [or_(*(_contains(t, columns) for t in group)) for group in query.groups]
    excluded = [~_contains(t, columns) for t in query.excluded]
    clauses = groups + excluded
    return and_(*clauses) if clauses else literal(True)


def _contains(term: Term, columns: tuple[object, ...]) -> ColumnElement[bool]:
    options = []
    for words in term.spellings:
        pattern = "%" + "%".join(words) + "%"
        options += [col(column).ilike(pattern) for column in columns]
    return or_(*options)
