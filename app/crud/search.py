"""The one query behind the timeline, the CSV export and the JSON API.

`matching_ids` turns StatementFilters into a subquery of statement ids; every
reader here (pages, facets, chart, export, API) starts from it, so all of them
agree on what "the filtered statements" are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    literal_column,
)
from sqlmodel import Session, col, select

from app import chart
from app.chart import Chart, ChartPoint
from app.crud.filter_clauses import condition_clauses, speaker_clauses, status_clause
from app.crud.fulltext import text_match
from app.crud.generation import remembered
from app.crud.plans import checks_only, id_list
from app.crud.statements import StatementRow, statement_rows
from app.crud.tally_counts import (
    tally_answers,
    tally_facet_rows,
    tally_totals,
)
from app.extraction.conditions import condition_labels, region_name
from app.extraction.records import Kind, Stance
from app.extraction.speakers import known_sides
from app.filters import REVIEWED, REVIEWED_STATUSES, StatementFilters, Vocabulary
from app.models import (
    MAX_ID,
    Article,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementCondition,
    StatementStatus,
)


def date_start():
    """The first day a statement's date may mean: "2024-06" -> "2024-06-01" (None when
    undated). Written with its constants inline, as the index ix_statement_date_start
    (migration 0010) spells it, so the database sorts pages by reading that index."""
    d = Statement.date
    return case(
        (func.length(d) == literal_column("4"), d + literal_column("'-01-01'")),
        (func.length(d) == literal_column("7"), d + literal_column("'-01'")),
        else_=d,
    )


def timeline_order(*, newest_first: bool) -> tuple:
    """ORDER BY of the timeline: by date (undated last), then newest stored first."""
    start = date_start().desc() if newest_first else date_start().asc()
    return start.nulls_last(), col(Statement.id).desc()


def date_end():
    """The last day a statement's date may mean: "2024-06" -> "2024-06-31" (sorts right)."""
    d = Statement.date
    return case(
        (func.length(d) == 4, d + literal("-12-31")),
        (func.length(d) == 7, d + literal("-31")),
        else_=d,
    )


def filter_vocabulary(session: Session) -> Vocabulary:
    """The speakers, sides and articles that filter values are checked against."""
    # Every filtered request checks its values against every speaker: read them once per
    # data generation, not once per request (thousands of speakers at 100k statements).
    speakers, aliases = remembered(session, "filter vocabulary", lambda: _speakers(session))
    sides = frozenset(speakers.values()) | known_sides() | {"commentator"}
    return Vocabulary(
        speakers=speakers, sides=sides, article_ids=_StoredArticles(session), aliases=aliases
    )


def _speakers(session: Session) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """(slug -> side, and the merged speakers' slugs -> the slug they now go by), read-only."""
    speakers = dict(session.exec(select(Speaker.slug, Speaker.side)).all())
    aliases = dict(
        session.exec(
            select(SpeakerAlias.slug, Speaker.slug).join(
                Speaker, col(Speaker.id) == col(SpeakerAlias.speaker_id)
            )
        ).all()
    )
    return MappingProxyType(speakers), MappingProxyType(aliases)


class _StoredArticles:
    """`id in` asks the database about that one article (not every id, on every request)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, int) or not 0 < article_id < 2**63:
            return False
        found = self.session.exec(select(Article.id).where(Article.id == article_id)).first()
        return found is not None


def matching_ids(
    session: Session, filters: StatementFilters, *, walk_dates: bool = False
) -> Select:
    """SELECT statement.id for every statement the filters keep. `walk_dates`: the caller
    reads many of them in date order, so the full-text search is checked statement by
    statement along the date index (see `text_match`) rather than read first and sorted."""
    query = select(Statement.id).join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
    query = query.where(status_clause(filters, Statement.status), *speaker_clauses(filters))
    if filters.kind:
        query = query.where(Statement.kind == filters.kind)
    if filters.precisions:
        query = query.where(col(Statement.date_precision).in_(filters.precisions))
    if row := condition_clauses(filters):
        # One condition row must meet both: "territory" *and* "demand", not one each.
        query = query.where(
            # Correlated on the statement only: a reader may join condition rows itself.
            exists()
            .where(and_(StatementCondition.statement_id == Statement.id, *row))
            .correlate(Statement)
        )
    if filters.date_from:
        query = query.where(
            date_end() >= filters.date_from.isoformat(),
            # Implied by the line above (a date spans at most its calendar year), but on
            # the date index: the database starts there instead of at the oldest date.
            date_start() >= f"{filters.date_from.year:04d}-01-01",
        )
    if filters.date_to:
        query = query.where(date_start() <= filters.date_to.isoformat())
    if filters.source is not None:
        query = query.where(
            exists().where(
                and_(Source.statement_id == Statement.id, Source.article_id == filters.source)
            )
        )
    if filters.q:
        query = query.where(text_match(session, filters.q, probed=walk_dates))
    return query


def filtered_ids(session: Session, filters: StatementFilters) -> Select:
    """`matching_ids` as a subquery to test membership: `col(Statement.id).in_(...)`."""
    return select(matching_ids(session, filters).subquery().c.id)


@dataclass(frozen=True, slots=True)
class PageKey:
    """Where a page of the timeline order ended: the first day of the last statement's
    date (None: undated) and its id. The next page starts after it (keyset pagination:
    the database seeks there in the date index instead of counting past an offset)."""

    date_start: str | None
    id: int

    def __str__(self) -> str:
        return f"{self.date_start or ''}.{self.id}"

    @classmethod
    def parse(cls, text: str) -> PageKey:
        """From `str(key)`: "2024-06-01.1234", or ".1234" for an undated statement."""
        day, _, number = text.rpartition(".")
        if not _ID.fullmatch(number) or (day and not _ISO_DAY.fullmatch(day)):
            raise ValueError(f"not a page key: {text!r}")
        if int(number) > MAX_ID:  # beyond what the id columns hold
            raise ValueError(f"not a page key: {text!r} (the id is too large)")
        return cls(day or None, int(number))

    @classmethod
    def after(cls, row: StatementRow) -> PageKey:
        date = row.date
        if date and len(date) in (4, 7):
            date += "-01-01" if len(date) == 4 else "-01"
        return cls(date, row.id)


# ASCII digits: \d and str.isdigit() take others ("²") that int() refuses or misreads.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ID = re.compile(r"[0-9]{1,19}")


def _after(key: PageKey, *, newest_first: bool) -> list[ColumnElement[bool]]:
    """The statements after `key` in timeline order, as consecutive stretches each read by
    one seek in the date index: the rest of its day, the later (or earlier) days, then the
    undated. (One OR of the three would make the database scan from the top.)"""
    undated = col(Statement.date).is_(None)
    if key.date_start is None:
        return [and_(undated, col(Statement.id) < key.id)]
    start = date_start()
    beyond = start < key.date_start if newest_first else start > key.date_start
    return [and_(start == key.date_start, col(Statement.id) < key.id), beyond, undated]


@dataclass(frozen=True, slots=True)
class StatementPage:
    items: list[StatementRow]
    total: int  # how many statements the filters keep; when `capped`, more than this
    undated: int | None  # how many of the total have no date (None: not counted, capped)
    capped: bool = False  # counting stopped at COUNTED_UP_TO: there are more statements

    @property
    def last_key(self) -> PageKey | None:
        """Where the next page starts (`after=`), None when this one is empty."""
        return PageKey.after(self.items[-1]) if self.items else None


def search_statements(
    session: Session,
    filters: StatementFilters,
    *,
    limit: int = 50,
    offset: int = 0,
    newest_first: bool = True,
    recently_stored: bool = False,
    after: PageKey | None = None,
) -> StatementPage:
    """One page of the filtered statements, in date order (undated last), or with
    `recently_stored` the last stored first (a feed), and the total: exact when the tally
    answers or the filters keep at most COUNTED_UP_TO statements, else capped there.
    `after` starts the page after a statement (keyset), in place of `offset`."""
    capped = False
    if tally_answers(filters):
        total, undated = tally_totals(session, filters)
    else:
        total = count_up_to(session, filters, COUNTED_UP_TO)
        capped = total > COUNTED_UP_TO
        if capped:
            total, undated = COUNTED_UP_TO, None
        else:
            ids = filtered_ids(session, filters)
            undated = session.exec(
                select(func.count())
                .select_from(Statement)
                .where(col(Statement.id).in_(ids), col(Statement.date).is_(None))
            ).one()
    ordering = timeline_order(newest_first=newest_first)
    if recently_stored:
        ordering = (col(Statement.created_at).desc(), col(Statement.id).desc())
    # The page's ids from the filters themselves (not "id IN (...)"), so the database can
    # walk the date index and stop after one page.
    walk_dates = capped and not recently_stored
    query = matching_ids(session, filters, walk_dates=walk_dates).order_by(*ordering)
    if after is None:
        page_ids = list(session.exec(query.offset(offset).limit(limit)))
    else:
        page_ids = []
        for stretch in _after(after, newest_first=newest_first):
            wanted = limit - len(page_ids)
            if wanted > 0:
                page_ids += session.exec(query.where(stretch).limit(wanted))
    return StatementPage(_rows_in_order(session, page_ids), total, undated, capped)


# Past this many statements that the tally cannot count, the timeline stops counting (its
# total says "more than") and counts each facet over the most recent this many, as Datasette
# bounds the counts and facets of large tables. The work grows with it, not with the table:
# on 1M statements (2 cores shared with other work) the timeline's queries took 0.2-0.5 s
# at 2,000, 0.3-0.7 s at 5,000, 0.6-1.0 s at 10,000 and 3-4 s at 20,000 (two conditions in
# a year; a common word), against 11-22 s counting everything. 10,000 keeps 200 pages
# counted and the facets a large sample of the recent statements.
COUNTED_UP_TO = 10_000


def count_up_to(session: Session, filters: StatementFilters, limit: int) -> int:
    """How many statements the filters keep, counting no further than `limit` + 1 (the
    LIMIT lets the database stop reading there)."""
    matches = matching_ids(session, filters)
    if filters.q and session.get_bind().dialect.name == "postgresql":
        # Under a LIMIT PostgreSQL picks a plan that starts at once and tests the search
        # statement by statement, computing each one's tsvector (1 s for 10,000 at 100k);
        # as a CTE of its own the search is read from its index (0.1 s), and still stops.
        matches = select(matches.cte("matches").prefix_with("MATERIALIZED").c.id)
    first = matches.limit(limit + 1).subquery()
    return session.exec(select(func.count()).select_from(first)).one()


def most_recent_ids(session: Session, filters: StatementFilters, limit: int) -> Select:
    """SELECT the ids of the `limit` first statements the filters keep in timeline order
    (newest first), as a subquery to test membership."""
    newest = (
        matching_ids(session, filters, walk_dates=True)
        .order_by(*timeline_order(newest_first=True))
        .limit(limit)
        .subquery()
    )
    return select(newest.c.id)


def _rows_in_order(session: Session, ids: list[int]) -> list[StatementRow]:
    """The statements with these ids, in the order given."""
    rows = statement_rows(session, ids)
    return [rows[i] for i in ids]


def get_statement(session: Session, statement_id: int) -> StatementRow | None:
    """One statement with its conditions and sources, or None."""
    return statement_rows(session, [statement_id]).get(statement_id)


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(
    session: Session,
    filters: StatementFilters,
    *,
    speaker_limit: int = 40,
    source_limit: int = 40,
    recent: int | None = None,
) -> dict[str, list[FacetValue]]:
    """For each filter, its values with how many statements each would give, the other
    filters applied (Datasette-style), selected values always listed.

    Every count is a number of statements, and is the total that choosing that value alone
    (in place of the facet's current choice) gives: condition, stance and region are
    counted on one condition of the statement, as the filters read them. With `recent`,
    each facet counts only the `recent` most recent statements its filters keep.
    """
    labels = condition_labels()
    facets: dict[str, list[FacetValue]] = {}

    # Read from the tally when it can answer; else the facets on a statement's own columns
    # that nothing is chosen for share one scan.
    tallied = (
        tally_facet_rows(session, filters, speaker_limit=speaker_limit)
        if tally_answers(filters)
        else {}
    )
    unchosen = [name for name in _COLUMN_FACETS if not filters.selected(name)]
    share_columns = not tallied and len(unchosen) >= 2
    grouped: dict[StatementFilters, list[tuple]] = {}
    newest: dict[StatementFilters, list[int]] = {}

    def statements_under(others: StatementFilters) -> Select:
        """The ids a facet counts: every statement `others` keep, or the most recent (read
        once, then handed to each facet counted over the same filters)."""
        if recent is None:
            return filtered_ids(session, others)
        if others not in newest:
            newest[others] = list(session.exec(most_recent_ids(session, others, recent)))
        return id_list(session, newest[others])

    def condition_checks(others: StatementFilters) -> list[ColumnElement[bool]]:
        clauses = condition_clauses(others)
        return clauses if recent is None else checks_only(session, clauses)

    def counted(name: str, column, limit: int | None = None) -> list[tuple[object, int]]:
        """(value, statements) for one facet, most statements first."""
        if name in tallied:
            return tallied[name]
        others = filters.without(name)
        if name in ("speaker", "side"):
            # Choosing a commentator (by name or side) shows them, so they are counted here.
            others = replace(others, include_commentators=True)
        if share_columns and name in unchosen:
            # All of them from the rows with commentators, dropped from the sums that hide
            # them; but the most recent statements with commentators are not the most
            # recent without, so those counts have rows of their own.
            basis = others if recent is not None else replace(filters, include_commentators=True)
            if basis not in grouped:
                grouped[basis] = _column_rows(session, statements_under(basis))
            return _column_totals(grouped[basis], filters, name, limit)
        ids = statements_under(others)
        if column.class_ in (StatementCondition, Source):
            # Rows of a table beside the statement, read on their own (the filtered ids
            # already hold the speaker and statement filters); a statement may repeat.
            statement_id = column.class_.statement_id
            statements = func.count(func.distinct(statement_id))
            query = select(column, statements).where(col(statement_id).in_(ids))
            if column.class_ is StatementCondition:
                query = query.where(*condition_checks(others))
        else:
            statements = func.count()  # one row per statement
            query = (
                select(column, statements)
                .select_from(Statement)
                .join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
                .where(col(Statement.id).in_(ids))
            )
        query = (
            query.where(column.is_not(None))
            .group_by(column)
            .order_by(statements.desc(), column)
            .limit(limit)
        )
        return list(session.exec(query).all())

    speakers = counted("speaker", Speaker.slug, speaker_limit)
    names = _speaker_names(session, [v for v, _ in speakers] + list(filters.speakers))
    facets["speaker"] = _facet_values(filters, "speaker", speakers, lambda v: names.get(v, v))
    facets["side"] = _facet_values(filters, "side", counted("side", Speaker.side))
    conditions = counted("condition", StatementCondition.condition)
    facets["condition"] = _facet_values(filters, "condition", conditions, labels.get)
    facets["stance"] = _facet_values(
        filters, "stance", counted("stance", StatementCondition.stance)
    )
    if tallied:
        regions = tallied["region"]
    else:
        others = filters.without("region")
        regions = _region_counts(session, statements_under(others), condition_checks(others))
    facets["region"] = _facet_values(filters, "region", regions)
    precisions = counted("precision", Statement.date_precision)
    facets["precision"] = _facet_values(filters, "precision", precisions, PRECISION_LABELS.get)
    facets["kind"] = _facet_values(filters, "kind", counted("kind", Statement.kind))
    facets["status"] = _facet_values(filters, "status", counted("status", Statement.status))
    # "reviewed" gathers what editors vouched for: the statements an analyst may cite.
    vouched = sum(f.count for f in facets["status"] if f.value in REVIEWED_STATUSES)
    facets["status"] = [
        FacetValue(REVIEWED, "reviewed by an editor", vouched, filters.status == REVIEWED),
        *(f for f in facets["status"] if f.value != REVIEWED),
    ]
    # Articles may be hundreds of thousands: the facet lists those with most statements.
    sources = counted("source", Source.article_id, source_limit) if source_limit else []
    chosen = [filters.source] if filters.source is not None else []
    titles = _article_titles(session, [int(v) for v, _ in sources] + chosen)
    facets["source"] = _facet_values(filters, "source", sources, lambda v: titles.get(int(v), v))
    # Short lists keep one order whatever the counts, so a ticked box stays where it was;
    # speakers, regions and articles (long lists) come most statements first.
    fixed = {
        "side": sorted(f.value for f in facets["side"]),
        "condition": list(labels),
        "stance": [s.value for s in Stance],
        "precision": list(PRECISION_LABELS),
        "kind": [k.value for k in Kind],
        "status": [REVIEWED, *(s.value for s in StatementStatus)],
    }
    for name, order in fixed.items():
        facets[name].sort(key=lambda f: order.index(f.value) if f.value in order else len(order))
    return facets


# How precise a statement's date is, in an analyst's words (the facet and the codebook).
PRECISION_LABELS = {
    "day": "exact day",
    "month": "month only (~)",
    "year": "year only (~)",
    "unknown": "no date",
}


# Facets whose values are columns of a statement or its speaker (one row per statement).
_COLUMN_FACETS = {
    "speaker": 0,
    "side": 1,
    "kind": 2,
    "precision": 3,
    "status": 4,
}


def _column_totals(
    rows: list[tuple], filters: StatementFilters, name: str, limit: int | None
) -> list[tuple[object, int]]:
    """(value, statements) of one column facet, summed from the shared grouped rows
    (slug, side, kind, precision, status, statements), most statements first."""
    at = _COLUMN_FACETS[name]
    named = set(filters.named_commentators)
    totals: Counter[str] = Counter()
    for row in rows:
        # Speaker and side facets count commentators (choosing one shows them); the others
        # count them only when the filters show them.
        hidden = row[1] == "commentator" and row[0] not in named
        if name in ("speaker", "side") or not (filters.excludes_commentators and hidden):
            totals[row[at]] += row[5]
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:limit] if limit else ranked


def _column_rows(session: Session, ids: Select) -> list[tuple]:
    """The statements of `ids` grouped by (speaker, side, kind, precision, status), with
    how many in each group: every column facet that nothing is chosen for is a sum of
    these rows (one query instead of one per facet)."""
    columns = (
        Speaker.slug,
        Speaker.side,
        Statement.kind,
        Statement.date_precision,
        Statement.status,
    )
    query = (
        select(*columns, func.count())
        .select_from(Statement)
        .join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
        .where(col(Statement.id).in_(ids))
        .group_by(*columns)
    )
    return list(session.exec(query).all())


def _facet_values(
    filters: StatementFilters, name: str, rows, label_of=lambda v: None
) -> list[FacetValue]:
    """FacetValues from (value, count) rows, with the chosen values listed even at 0;
    `label_of` names a value (None: the value is its own name)."""
    chosen = filters.selected(name)

    def label(value) -> str:
        return str(label_of(value) or value)

    values = [FacetValue(str(v), label(v), n, str(v) in chosen) for v, n in rows]
    shown = {v.value for v in values}
    return values + [FacetValue(c, label(c), 0, True) for c in chosen if c not in shown]


def _speaker_names(session: Session, slugs: list[str]) -> dict[str, str]:
    query = select(Speaker.slug, Speaker.name).where(col(Speaker.slug).in_(slugs))
    return dict(session.exec(query).all())


def _article_titles(session: Session, ids: list[int]) -> dict[int, str]:
    query = select(Article.id, Article.title, Article.file_name).where(col(Article.id).in_(ids))
    return {i: title or file_name for i, title, file_name in session.exec(query)}


def _region_counts(
    session: Session, ids: Select, conditions: list[ColumnElement[bool]]
) -> list[tuple[str, int]]:
    """(region, statements) for the regions named on the conditions of the statements
    `ids` that meet `conditions`, most statements first; spellings count as one region."""
    rows = session.exec(
        select(StatementCondition.statement_id, StatementCondition.regions).where(
            col(StatementCondition.statement_id).in_(ids),
            cast(StatementCondition.regions, String) != "[]",
            *conditions,
        )
    ).all()
    pairs = {(region_name(r), statement_id) for statement_id, regions in rows for r in regions}
    counts = Counter(region for region, _ in pairs)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


CHART_LIMIT = 3000  # marks drawn at most; more is unreadable and heavy to send


def chart_points(
    session: Session,
    filters: StatementFilters,
    *,
    limit: int = CHART_LIMIT,
    walk_dates: bool = False,
) -> list[ChartPoint]:
    """The dated (statement, condition) pairs of the filtered statements, oldest first;
    beyond `limit`, the most recent ones (an analyst narrows filters to see further back).
    `walk_dates`: the filters keep many statements (see `matching_ids`)."""
    labels = condition_labels()
    conditions = condition_clauses(filters)
    if walk_dates:
        conditions = checks_only(session, conditions)
    # Built on the filters' own query (not "id IN (...)"), so the database walks the date
    # index from the newest and stops after `limit` pairs.
    query = (
        matching_ids(session, filters, walk_dates=walk_dates)
        .with_only_columns(
            Statement.id,
            date_start(),
            Statement.date_precision,
            Statement.date_basis,
            StatementCondition.condition,
            StatementCondition.stance,
            Speaker.name,
            Speaker.side,
            func.coalesce(Statement.quote, Statement.evidence),
        )
        .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
        .where(col(Statement.date).is_not(None), *conditions)
        .order_by(date_start().desc(), col(Statement.id).desc())
        .limit(limit)
    )
    newest_first = [
        ChartPoint(i, d, p, b, c, labels.get(c, c), st, name, side, _clip(words, 200))
        for i, d, p, b, c, st, name, side, words in session.execute(query)
    ]
    return newest_first[::-1]


def _clip(words: str, limit: int) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the timeline page shows for one set of filters."""

    page: StatementPage
    facets: dict[str, list[FacetValue]]
    chart: Chart
    sources_listed: bool  # False: too many statements to list their articles (see below)
    facets_recent: int | None = None  # facets count this many most recent statements


# Listing the articles with most statements reads every filtered statement's sources: past
# this many statements, the source facet waits for narrower filters (Datasette's facets
# likewise stop at a time limit).
SOURCES_LISTED_UP_TO = 2_000


def timeline(
    session: Session,
    filters: StatementFilters,
    *,
    limit: int,
    offset: int,
    newest_first: bool,
) -> Timeline:
    """The timeline's list page, facet counts and chart for `filters`."""
    page = search_statements(
        session, filters, limit=limit, offset=offset, newest_first=newest_first
    )
    # Past the count's cap, so are the facets: each counts the most recent statements.
    recent = COUNTED_UP_TO if page.capped else None
    listed = not page.capped and (
        page.total <= SOURCES_LISTED_UP_TO
        if filters.source is None
        else _at_most(session, filters.without("source"), SOURCES_LISTED_UP_TO)
    )
    return Timeline(
        page=page,
        facets=facet_counts(session, filters, source_limit=40 if listed else 0, recent=recent),
        chart=timeline_chart(session, filters, walk_dates=page.capped),
        sources_listed=listed,
        facets_recent=recent,
    )


def _at_most(session: Session, filters: StatementFilters, limit: int) -> bool:
    """Whether the filters keep at most `limit` statements (counting no further)."""
    return count_up_to(session, filters, limit) <= limit


def timeline_chart(
    session: Session, filters: StatementFilters, *, walk_dates: bool = False
) -> Chart:
    """The chart's marks: the most recent `CHART_LIMIT` points of the filtered statements
    (the caption says when there are more: counting them all would cost a scan)."""
    points = chart_points(session, filters, limit=CHART_LIMIT, walk_dates=walk_dates)
    return chart.chart_of_points(points, limited=len(points) >= CHART_LIMIT)
