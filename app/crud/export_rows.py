"""The CSV export's statements, read for speed: plain column tuples (no ORM objects), in
keyset batches over the timeline order, each batch's conditions and sources in one query.

The statements are exactly `matching_ids`' (the timeline's filters), in exactly the
timeline's order: by the first day of the date (newest or oldest first), then newest
stored first, undated last. A batch resumes after the last (day, id) of the one before, so
the database walks the date index (ix_statement_date_start) once over the whole export
instead of sorting or skipping what it already sent; the undated statements follow,
walked by id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from sys import intern
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    any_,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlmodel import Session, col

from app.crud.search import date_start, matching_ids
from app.filters import StatementFilters
from app.models import Article, Source, Speaker, Statement, StatementCondition

# Statements per batch: the first batch is small so the first rows leave at once, later
# ones are large so the per-query cost fades (each batch holds a few MB at most: 5,000
# was ~5% faster at 100k and held 9 MB more at the peak).
FIRST_BATCH = 500
BATCH = 2_000


@dataclass(frozen=True, slots=True)
class ExportBatch:
    """Some statements in timeline order with their conditions and articles.

    `statements` rows are (id, date, date_precision, date_basis, date_evidence, speaker,
    side, kind, quote, evidence, status, first day of the date); `conditions` maps a
    statement id to its (condition, stance, regions as JSON text) in stored order;
    `articles` maps it to its articles, each (article_id, title, publisher, url, published,
    published_basis), once each in article order. `published` is a date, or its ISO text on
    SQLite. A statement without conditions or articles is absent from that mapping. An
    article's tuple is the same object wherever it appears in one export (while remembered:
    see `_Articles`), so the writer can tell it again at the cost of a comparison.
    """

    statements: list[tuple[Any, ...]]
    conditions: dict[int, tuple[tuple[str, str, str], ...]]
    articles: dict[int, tuple[tuple[Any, ...], ...]]


def export_query(session: Session, filters: StatementFilters) -> Select:
    """The filtered statements' exported columns, with the first day of the date last
    (the keyset); built on the request's session, run on any connection."""
    return matching_ids(session, filters).with_only_columns(
        Statement.id,
        Statement.date,
        Statement.date_precision,
        Statement.date_basis,
        Statement.date_evidence,
        Speaker.name,
        Speaker.side,
        Statement.kind,
        Statement.quote,
        Statement.evidence,
        Statement.status,
        date_start(),
    )


def iter_export_batches(
    connection: Connection, query: Select, *, newest_first: bool = True
) -> Iterator[ExportBatch]:
    """`export_query`'s statements in timeline order, in batches with their conditions
    and articles."""
    start, statement_id = date_start(), col(Statement.id)
    day_order = start.desc() if newest_first else start.asc()
    articles = _Articles(connection)
    size = FIRST_BATCH
    last: tuple[Any, ...] | None = None
    while True:  # the dated statements
        page = query.where(start.is_not(None))
        if last is not None:
            day, last_id = last[-1], last[0]
            if newest_first:
                page = page.where(start <= day, or_(start < day, statement_id < last_id))
            else:
                page = page.where(start >= day, or_(start > day, statement_id < last_id))
        rows = _fetch(connection, page.order_by(day_order, statement_id.desc()).limit(size))
        if rows:
            yield _batch(connection, rows, articles)
            last = rows[-1]
        if len(rows) < size:
            break
        size = BATCH
    last_id = None
    while True:  # then the undated ones, newest stored first
        page = query.where(start.is_(None))
        if last_id is not None:
            page = page.where(statement_id < last_id)
        rows = _fetch(connection, page.order_by(statement_id.desc()).limit(size))
        if rows:
            yield _batch(connection, rows, articles)
            last_id = rows[-1][0]
        if len(rows) < size:
            return
        size = BATCH


def _batch(
    connection: Connection, statements: list[tuple[Any, ...]], articles: _Articles
) -> ExportBatch:
    """The batch of these statements, their conditions and sources read in one query each
    (and the articles not remembered from earlier batches in a third)."""
    ids = [row[0] for row in statements]
    # Tuples, not lists: tuples of plain values drop out of the garbage collector's view,
    # so a million-row export does not set off full collections.
    conditions: dict[int, tuple[tuple[str, str, str], ...]] = {}
    query = _conditions_query().where(_among(connection, StatementCondition.statement_id, ids))
    for statement_id, condition, stance, regions in _fetch(connection, query):
        held = conditions.get(statement_id, ())
        # Interned: a few dozen distinct values, each held once however many rows name it,
        # and compared by identity where the writer looks a statement's conditions up.
        conditions[statement_id] = (*held, (intern(condition), intern(stance), intern(regions)))
    query = _sources_query().where(_among(connection, Source.statement_id, ids))
    sources = _fetch(connection, query)
    known = articles.remember({article_id for _, article_id in sources})
    by_statement: dict[int, tuple[tuple[Any, ...], ...]] = {}
    for statement_id, article_id in sources:
        article = known[article_id]
        held = by_statement.get(statement_id, ())
        # An article may report a statement in several places (rows next to each other,
        # in article order): it counts once.
        if not held or held[-1] is not article:
            by_statement[statement_id] = (*held, article)
    return ExportBatch(statements, conditions, by_statement)


# Articles remembered across an export's batches: an article reports several statements,
# so many batches name articles read before (a few MB of titles and URLs at most). Where
# statements of one article lie close in date, as in the news, nearly all are found here;
# in bench/fill.py's data, whose articles are drawn at random, 23% at 100k (59% when
# 20,000, for 20 MB more at the server's peak with the writer's memos).
ARTICLES_REMEMBERED = 10_000


class _Articles:
    """The exported columns of the articles an export names, read once each while they
    fit in ARTICLES_REMEMBERED (then forgotten all at once and read again as needed).
    Looking an article up costs the database a page of the large article table; a batch's
    article ids are sources it reads from an index alone."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.known: dict[int, tuple[Any, ...]] = {}

    def remember(self, ids: set[int]) -> dict[int, tuple[Any, ...]]:
        """Articles by id, holding at least `ids`."""
        missing = ids.difference(self.known)
        if not missing:
            return self.known
        if len(self.known) + len(missing) > ARTICLES_REMEMBERED:
            self.known = {}
            missing = ids
        query = _articles_query().where(_among(self.connection, Article.id, sorted(missing)))
        self.known.update((row[0], row) for row in _fetch(self.connection, query))
        return self.known


def _fetch(connection: Connection, query: Select) -> list[tuple[Any, ...]]:
    """The query's rows as the driver gives them: plain tuples, no Row objects (half the
    allocations of a million-row export). The columns read here need no conversion, but
    a date stays a string on SQLite."""
    result = connection.execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _among(connection: Connection, column: Any, ids: list[int]) -> ColumnElement[bool]:
    """`column IN ids` with the ids as one parameter (a batch holds thousands, and one
    bound parameter each costs more to send than the rows cost to read)."""
    if connection.dialect.name == "sqlite":
        listed = select(literal_column("value")).select_from(func.json_each(json.dumps(ids)))
        return col(column).in_(listed)
    return col(column) == any_(cast(literal(ids), ARRAY(Integer)))


def _conditions_query() -> Select:
    condition = StatementCondition
    return (
        Select(
            condition.statement_id,
            condition.condition,
            condition.stance,
            cast(condition.regions, String),
        )
        # Stored order, as the statement's page lists them.
        .order_by(col(condition.statement_id), col(condition.id))
    )


def _sources_query() -> Select:
    """(statement id, article id) in article order: read from the index on
    (statement_id, article_id, start) alone."""
    return Select(Source.statement_id, Source.article_id).order_by(
        col(Source.statement_id), col(Source.article_id)
    )


def _articles_query() -> Select:
    return Select(
        Article.id,
        Article.title,
        Article.publisher,
        Article.url,
        Article.published,
        Article.published_basis,
    )
