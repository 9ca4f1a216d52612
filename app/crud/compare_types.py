"""What the Compare page asks for and shows: periods, speakers or sides, the condition
matrix, the period diff and the month strip, as plain frozen records.

The reads that fill them are in `app.crud.compare`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from app.chart import stance_rank
from app.filters import StatementFilters

_PRECISION = {10: "day", 7: "month", 4: "year"}  # a stored date's length gives its precision
REFS_SHOWN = 6  # statements the period diff links to per condition and period


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
            narrowed = {"speakers": (), "named_commentators": (), "sides": (self.side,)}
        else:
            named = (self.value,) if self.side == "commentator" else ()
            narrowed = {"speakers": (self.value,), "named_commentators": named, "sides": ()}
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
    undated: int
    first: str | None  # stored dates, at their own precision
    first_basis: str | None  # how those dates were found: "publication" is reported
    last: str | None
    last_basis: str | None
    stances: tuple[StanceCount, ...]  # most statements first

    @property
    def first_precision(self) -> str:
        return _PRECISION.get(len(self.first or ""), "unknown")

    @property
    def last_precision(self) -> str:
        return _PRECISION.get(len(self.last or ""), "unknown")


def ordered_stances(counts: Iterable[StanceCount]) -> tuple[StanceCount, ...]:
    """Most statements first; ties in the taxonomy's stance order."""
    return tuple(sorted(counts, key=lambda s: (-s.count, stance_rank(s.stance), s.stance)))


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
    """What was stated about one condition within one period: the stances, how many
    statements, and the first few of them in date order."""

    stances: tuple[StanceCount, ...]
    count: int
    statements: tuple[StatementRef, ...]  # the first REFS_SHOWN

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


def _span(key: str) -> tuple[dt.date, dt.date]:
    year = int(key[:4])
    if len(key) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(key[5:7])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
