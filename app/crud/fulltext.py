"""Full-text search of statements: which statements' quote or evidence a search finds.

SQLite answers from the FTS5 index of migration 0002, PostgreSQL from its GIN index on a
tsvector read the way FTS5 reads the text (so the same search finds the same statements);
other databases match each spelling as a case-insensitive substring. The query language
is app/search_query.py.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, literal, literal_column, or_, text
from sqlmodel import Session, col

from app.models import Statement
from app.search_query import SearchQuery, Term, fts_expression, parse_search

# The tsvector of migration 0002, spelled exactly as there: PostgreSQL uses an expression
# index only for an identical expression. Separators (what SQLite's unicode61 tokenizer
# splits on) become spaces before the parser sees the text, so that "cease-fire" or
# "kremlin.ru" are two words, as in FTS5, not one compound; quote and evidence carry
# weights A and B so that a phrase cannot run from the end of one into the other.
_SEPARATOR_CLASS = (
    r"[\u0001-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00A9\u00AB-\u00B1\u00B4"
    r"\u00B6-\u00B8\u00BB\u00BF\u00D7\u00F7\u2000-\u206F\u20A0-\u20CF\u2190-\u23FF"
    r"\u2500-\u2775\u2794-\u27BF]"
)
_SEPARATORS = re.compile(_SEPARATOR_CLASS + "+")


def _vector(column: str) -> str:
    return (
        f"to_tsvector('tracker_search', regexp_replace({column}, '{_SEPARATOR_CLASS}', ' ', 'g'))"
    )


_QUOTE = "coalesce(quote, '')"
SEARCH_VECTOR = f"setweight({_vector(_QUOTE)}, 'A') || setweight({_vector('evidence')}, 'B')"


def text_match(session: Session, q: str, *, probed: bool = False) -> ColumnElement[bool]:
    """Statements whose quote or evidence the search finds (see app/search_query.py).

    `probed`: the caller walks another index (the dates) through many matches and wants
    each statement checked against the search as it comes, not the matches read first."""
    query = parse_search(q)  # checked when the filters were read
    if session.get_bind().dialect.name == "sqlite":
        # SQLite otherwise starts from the matches (a rowid lookup each) and sorts them all,
        # which for a common word is most of the table; `id + 0` is no indexed column, so
        # the planner keeps the search as a check (the set of matches is read once).
        statement_id = col(Statement.id) + literal_column("0") if probed else col(Statement.id)
        clauses = []
        for expression, wanted, name in (
            (fts_expression(query), True, "fts_found"),
            (fts_expression(query, excluded=True), False, "fts_excluded"),
        ):
            if expression is None:
                continue
            match = f"SELECT rowid FROM statement_fts WHERE statement_fts MATCH :{name}"
            found = statement_id.in_(text(match).bindparams(**{name: expression}))
            clauses.append(found if wanted else ~found)
        return and_(*clauses) if clauses else literal(True)
    if session.get_bind().dialect.name == "postgresql":
        expression = tsquery_expression(query)
        if not expression:
            return literal(expression is None)
        match = (
            f"SELECT id FROM statement WHERE ({SEARCH_VECTOR}) @@ "
            "to_tsquery('tracker_search', :ts_query)"
        )
        return col(Statement.id).in_(text(match).bindparams(ts_query=expression))
    # Other databases: each spelling as a case-insensitive substring of quote or evidence.
    return substring_match(query, Statement.evidence, Statement.quote)


def tsquery_expression(query: SearchQuery) -> str | None:
    """The PostgreSQL tsquery of a search, read as fts_expression's FTS5 MATCH is: a term
    of every group and no excluded term; None when it asks for nothing, and "" when it
    can find nothing (a group of terms with no words, as "_" alone)."""
    parts = []
    for group in query.groups:
        options = [o for t in group for o in _tsquery_options(t)]
        if not options:
            return ""
        parts.append("(" + " | ".join(options) + ")")
    excluded = [o for t in query.excluded for o in _tsquery_options(t)]
    if excluded:
        parts.append("!(" + " | ".join(excluded) + ")")
    return " & ".join(parts) if parts else None


def _tsquery_options(term: Term) -> list[str]:
    """A term's spellings, each a phrase of quoted lexemes (so no user text is read as
    tsquery syntax), the last a prefix unless the term is exact. A phrase of several
    words is sought within the quote (weight A) or within the evidence (weight B)."""
    options = []
    tail = "" if term.exact else ":*"
    for spelling in term.spellings:
        # Split as the index splits: "foo_bar" is two words there, as in FTS5.
        words = [w for word in spelling for w in _SEPARATORS.split(word) if w]
        if len(words) == 1:
            options.append(f"'{words[0]}'{tail}")
        elif words:
            for weight in "AB":
                lexemes = [f"'{w}':{weight}" for w in words[:-1]]
                lexemes.append(f"'{words[-1]}'{tail or ':'}{weight}")
                options.append("(" + " <-> ".join(lexemes) + ")")
    return options


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
