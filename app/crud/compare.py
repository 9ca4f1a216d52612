"""The Compare page's reads: conditions by speaker or by side, and one speaker or side
between two periods (conditions added, dropped, held, changed) and month by month.

Every reader starts from `matching_ids`, so a cell, a period or a month holds exactly
the statements its link to the timeline shows.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy import Select, case, func
from sqlmodel import Session, col, select

from app.crud.search import date_start, filter_vocabulary, matching_ids
from app.extraction.conditions import condition_labels
from app.filters import StatementFilters
from app.models import Source, Speaker, Statement, StatementCondition, StatementStatus

_STANCE_ORDER = ("demand", "reject", "support", "offer")
_PRECISION = {10: "day", 7: "month", 4: "year"}  # a stored date's length gives its precision


class Axis(StrEnum):
    """What the matrix's columns are; also the timeline parameter a column's link sets."""

    SIDE = "side"
    SPEAKER = "speaker"


@dataclass(frozen=True, slots=True)
class Period:
    """A range of days; a statement belongs to it when its date, at its precision, overlaps."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def bounds(self) -> tuple[str, str]:
        """The range as the shortest parameters: ("2022", "2022"), ("2022-12", "2023-01")."""
        s, e = self.start, self.end
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
            return str(s.year), str(e.year)
        if s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]:
            return s.isoformat()[:7], e.isoformat()[:7]
        return s.isoformat(), e.isoformat()

    def overlaps(self, key: str) -> bool:
        """Whether a month ("2024-07") or a year ("2024") shares a day with the period."""
        first, last = _span(key)
        return first <= self.end and last >= self.start


@dataclass(frozen=True, slots=True)
class Who:
    """One speaker (by slug) or a whole side, followed by the period view."""

    value: str  # the `who` parameter: a speaker slug or a side name
    name: str
    side: str
    is_side: bool
    statements: int = 0

    def restrict(self, filters: StatementFilters) -> StatementFilters:
        """The filters narrowed to this speaker or side, without their date range."""
        if self.is_side:
            narrowed = {"speakers": (), "named_commentators": (), "side": self.side}
        else:
            named = (self.value,) if self.side == "commentator" else ()
            narrowed = {"speakers": (self.value,), "named_commentators": named, "side": None}
        return replace(filters, date_from=None, date_to=None, **narrowed)


@dataclass(frozen=True, slots=True)
class CompareQuery:
    """What the Compare page was asked for; None means "choose a sensible default"."""

    filters: StatementFilters = StatementFilters()
    by: Axis = Axis.SIDE
    who: Who | None = None
    a: Period | None = None
    b: Period | None = None


@dataclass(frozen=True, slots=True)
class StanceCount:
    stance: str
    count: int


@dataclass(frozen=True, slots=True)
class Tally:
    """The statements stating one condition in one place: a matrix cell or a strip month."""

    statements: int
    sources: int  # distinct articles
    undated: int
    first: str | None  # stored dates, at their own precision
    last: str | None
    stances: tuple[StanceCount, ...]

    @property
    def first_precision(self) -> str:
        return _PRECISION.get(len(self.first or ""), "unknown")

    @property
    def last_precision(self) -> str:
        return _PRECISION.get(len(self.last or ""), "unknown")


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    key: str  # the speaker slug or the side
    name: str
    side: str
    statements: int


@dataclass(frozen=True, slots=True)
class ConditionCells:
    """One condition across the columns of a matrix or the months of a strip."""

    condition: str
    label: str
    cells: tuple[Tally | None, ...]


@dataclass(frozen=True, slots=True)
class Matrix:
    by: Axis
    columns: tuple[MatrixColumn, ...]
    rows: tuple[ConditionCells, ...]
    more_columns: int  # columns left out, those with the fewest statements


@dataclass(frozen=True, slots=True)
class StatementRef:
    id: int
    date: str
    precision: str
    stances: tuple[str, ...]  # its stances on the one condition


@dataclass(frozen=True, slots=True)
class Stated:
    """What was stated about one condition within one period, in date order."""

    stances: tuple[StanceCount, ...]
    statements: tuple[StatementRef, ...]

    @property
    def stance_set(self) -> frozenset[str]:
        return frozenset(s.stance for s in self.stances)


@dataclass(frozen=True, slots=True)
class ConditionChange:
    condition: str
    label: str
    a: Stated | None
    b: Stated | None


@dataclass(frozen=True, slots=True)
class PeriodDiff:
    """One speaker or side in period A against period B, condition by condition."""

    added: tuple[ConditionChange, ...]
    dropped: tuple[ConditionChange, ...]
    held: tuple[ConditionChange, ...]
    changed: tuple[ConditionChange, ...]  # stated in both, with a different set of stances
    a_statements: int
    b_statements: int
    undated: int  # in neither period: they have no date


@dataclass(frozen=True, slots=True)
class StripColumn:
    key: str  # a month "2024-07", or a year "2024" for statements dated only to the year
    in_a: bool
    in_b: bool

    @property
    def year(self) -> int:
        return int(self.key[:4])

    @property
    def is_year(self) -> bool:
        return len(self.key) == 4


@dataclass(frozen=True, slots=True)
class Strip:
    columns: tuple[StripColumn, ...]
    rows: tuple[ConditionCells, ...]


@dataclass(frozen=True, slots=True)
class ComparePage:
    """Everything the Compare page shows, with the period view's defaults filled in."""

    query: CompareQuery
    matrix: Matrix
    choices: tuple[Who, ...]  # sides, then speakers, most statements first
    who: Who | None
    a: Period | None
    b: Period | None
    diff: PeriodDiff | None
    strip: Strip | None


def comparison(session: Session, query: CompareQuery) -> ComparePage:
    """The matrix and, for `who` (default: Russia) in periods A and B, the diff and strip."""
    choices = who_choices(session)
    who = query.who or default_who(query.filters, choices)
    a, b, diff, strip = query.a, query.b, None, None
    if who is not None:
        span = dated_years(session, who.restrict(query.filters))
        if span is not None:
            a = a or Period.year(span[0])
            b = b or Period.year(span[1])
        if a is not None and b is not None:
            diff = period_diff(session, query.filters, who=who, a=a, b=b)
            strip = condition_strip(session, query.filters, who=who, a=a, b=b)
    matrix = condition_matrix(session, query.filters, by=query.by)
    return ComparePage(query, matrix, choices, who, a, b, diff, strip)


def condition_matrix(
    session: Session, filters: StatementFilters, *, by: Axis = Axis.SIDE, max_columns: int = 30
) -> Matrix:
    """Conditions (rows, in taxonomy order) by speaker or side (most statements first)."""
    key = col(Speaker.slug) if by is Axis.SPEAKER else col(Speaker.side)
    count = func.count(func.distinct(Statement.id))
    query = (
        select(key, func.min(Speaker.name), func.min(Speaker.side), count)
        .join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
        .where(col(Statement.id).in_(_ids(session, filters)))
        .group_by(key)
        .order_by(count.desc(), key)
    )
    columns = [
        MatrixColumn(k, name if by is Axis.SPEAKER else k, side, n)
        for k, name, side, n in session.exec(query)
    ]
    shown = columns[:max_columns]
    tallies = _tally(session, filters, key, col(StatementCondition.condition))
    labels = condition_labels()
    found = {condition for _, condition in tallies}
    rows = tuple(
        ConditionCells(c, labels.get(c, c), tuple(tallies.get((k.key, c)) for k in shown))
        for c in _taxonomy_order({*(filters.conditions or labels), *found})
    )
    return Matrix(by, tuple(shown), rows, len(columns) - len(shown))


def period_diff(
    session: Session, filters: StatementFilters, *, who: Who, a: Period, b: Period
) -> PeriodDiff:
    """Which conditions `who` stated in B and not A, in A and not B, or in both."""
    scope = who.restrict(filters)
    stated_a, count_a = _stated(session, replace(scope, date_from=a.start, date_to=a.end))
    stated_b, count_b = _stated(session, replace(scope, date_from=b.start, date_to=b.end))
    undated = session.exec(
        select(func.count())
        .select_from(Statement)
        .where(col(Statement.id).in_(_ids(session, scope)), col(Statement.date).is_(None))
    ).one()
    labels = condition_labels()
    groups: dict[str, list[ConditionChange]] = defaultdict(list)
    for c in _taxonomy_order(stated_a.keys() | stated_b.keys()):
        in_a, in_b = stated_a.get(c), stated_b.get(c)
        if in_a is None:
            group = "added"
        elif in_b is None:
            group = "dropped"
        else:
            group = "held" if in_a.stance_set == in_b.stance_set else "changed"
        groups[group].append(ConditionChange(c, labels.get(c, c), in_a, in_b))
    return PeriodDiff(
        *(tuple(groups[g]) for g in ("added", "dropped", "held", "changed")),
        a_statements=count_a,
        b_statements=count_b,
        undated=undated,
    )


def condition_strip(
    session: Session, filters: StatementFilters, *, who: Who, a: Period, b: Period
) -> Strip:
    """Per condition, per month from `who`'s first dated month to the last, what was stated;
    statements dated only to a year get a column of their own after that year's months."""
    month = func.substr(Statement.date, 1, 7)  # "2024-07" for days and months, "2024" for years
    tallies = _tally(session, who.restrict(filters), col(StatementCondition.condition), month)
    tallies = {k: t for k, t in tallies.items() if k[1] is not None}
    keys = {m for _, m in tallies}
    if not keys:
        return Strip((), ())
    months = sorted(k for k in keys if len(k) == 7)
    columns: list[StripColumn] = []
    for year in range(min(int(k[:4]) for k in keys), max(int(k[:4]) for k in keys) + 1):
        for key in (f"{year}-{m:02d}" for m in range(1, 13)):
            if months and months[0] <= key <= months[-1]:
                columns.append(StripColumn(key, a.overlaps(key), b.overlaps(key)))
        if str(year) in keys:
            columns.append(StripColumn(str(year), a.overlaps(str(year)), b.overlaps(str(year))))
    labels = condition_labels()
    rows = tuple(
        ConditionCells(c, labels.get(c, c), tuple(tallies.get((c, k.key)) for k in columns))
        for c in _taxonomy_order({c for c, _ in tallies})
    )
    return Strip(tuple(columns), rows)


def who_choices(session: Session) -> tuple[Who, ...]:
    """Every side and speaker with statements (not counting rejected ones), most first."""
    count = func.count(Statement.id)
    rows = session.exec(
        select(Speaker.slug, Speaker.name, Speaker.side, count)
        .join(Statement, col(Statement.speaker_id) == col(Speaker.id))
        .where(Statement.status != StatementStatus.REJECTED.value)
        .group_by(Speaker.slug, Speaker.name, Speaker.side)
        .order_by(count.desc(), Speaker.name)
    ).all()
    sides: dict[str, int] = defaultdict(int)
    for _, _, side, n in rows:
        sides[side] += n
    by_count = sorted(sides.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Who(side, side, side, True, n) for side, n in by_count) + tuple(
        Who(slug, name, side, False, n) for slug, name, side, n in rows
    )


def find_who(session: Session, value: str) -> Who | None:
    """The speaker with this slug, else the side with this name, else None."""
    speaker = session.exec(select(Speaker).where(Speaker.slug == value)).first()
    if speaker is not None:
        return Who(value, speaker.name, speaker.side, False)
    if value in filter_vocabulary(session).sides:
        return Who(value, value, value, True)
    return None


def default_who(filters: StatementFilters, choices: tuple[Who, ...]) -> Who | None:
    """The filtered side or lone speaker, else Russia, else the side with most statements."""
    wanted = filters.side or (filters.speakers[0] if len(filters.speakers) == 1 else "Russia")
    sides = [w for w in choices if w.is_side]
    match = [w for w in choices if w.value == wanted]
    return match[0] if match else (sides[0] if sides else None)


def dated_years(session: Session, filters: StatementFilters) -> tuple[int, int] | None:
    """The years of the earliest and the latest dated statement the filters keep."""
    first, last = session.exec(
        select(func.min(date_start()), func.max(date_start())).where(
            col(Statement.id).in_(_ids(session, filters)), col(Statement.date).is_not(None)
        )
    ).one()
    return (int(first[:4]), int(last[:4])) if first else None


def _ids(session: Session, filters: StatementFilters) -> Select:
    return select(matching_ids(session, filters).subquery().c.id)


def _kept(query: Select, filters: StatementFilters) -> Select:
    """Only the condition rows the filters ask for (a statement may state others too)."""
    if filters.conditions:
        query = query.where(col(StatementCondition.condition).in_(filters.conditions))
    if filters.stance:
        query = query.where(StatementCondition.stance == filters.stance)
    return query


def _tally(session: Session, filters: StatementFilters, *keys) -> dict[tuple, Tally]:
    """For each distinct value of `keys`, a Tally of the filtered statements' conditions."""
    ids = _ids(session, filters)
    sortable = date_start().concat(Statement.date)  # the first 10 characters sort, the rest show

    def grouped(*columns, by=()):
        query = (
            select(*keys, *columns)
            .select_from(Statement)
            .join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
            .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
            .where(col(Statement.id).in_(ids))
            .group_by(*keys, *by)
        )
        return _kept(query, filters)

    stances: dict[tuple, list[StanceCount]] = defaultdict(list)
    for *key, stance, n in session.exec(
        grouped(
            StatementCondition.stance,
            func.count(func.distinct(Statement.id)),
            by=[StatementCondition.stance],
        )
    ):
        stances[tuple(key)].append(StanceCount(stance, n))
    totals = grouped(
        func.count(func.distinct(Statement.id)),
        func.count(func.distinct(Source.article_id)),
        func.count(func.distinct(case((col(Statement.date).is_(None), Statement.id)))),
        func.min(sortable),
        func.max(sortable),
    ).join(Source, col(Source.statement_id) == col(Statement.id), isouter=True)
    return {
        tuple(key): Tally(
            n,
            sources,
            undated,
            first and first[10:],
            last and last[10:],
            _ordered(stances[tuple(key)]),
        )
        for *key, n, sources, undated, first, last in session.exec(totals)
    }


def _stated(session: Session, filters: StatementFilters) -> tuple[dict[str, Stated], int]:
    """Per condition, the filtered statements stating it; and how many statements in all."""
    query = (
        select(
            StatementCondition.condition,
            Statement.id,
            Statement.date,
            Statement.date_precision,
            StatementCondition.stance,
        )
        .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
        .where(col(Statement.id).in_(_ids(session, filters)))
        .order_by(date_start(), Statement.id)
    )
    refs: dict[str, dict[int, StatementRef]] = defaultdict(dict)
    for condition, sid, date, precision, stance in session.exec(_kept(query, filters)):
        held = refs[condition].get(sid)
        stances = (*held.stances, stance) if held else (stance,)
        refs[condition][sid] = StatementRef(sid, date, precision, stances)
    stated = {}
    for condition, by_id in refs.items():
        counts: dict[str, int] = defaultdict(int)
        for ref in by_id.values():
            for stance in set(ref.stances):
                counts[stance] += 1
        tallied = [StanceCount(s, n) for s, n in counts.items()]
        stated[condition] = Stated(_ordered(tallied), tuple(by_id.values()))
    return stated, len({sid for by_id in refs.values() for sid in by_id})


def _taxonomy_order(conditions: Iterable[str]) -> list[str]:
    """The taxonomy's conditions in its order, then retired ids still in the data."""
    labels, found = condition_labels(), set(conditions)
    return [c for c in labels if c in found] + sorted(found - set(labels))


def _ordered(stances: list[StanceCount]) -> tuple[StanceCount, ...]:
    rank = {s: i for i, s in enumerate(_STANCE_ORDER)}
    return tuple(sorted(stances, key=lambda s: (-s.count, rank.get(s.stance, 9), s.stance)))


def _span(key: str) -> tuple[dt.date, dt.date]:
    year = int(key[:4])
    if len(key) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(key[5:7])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
