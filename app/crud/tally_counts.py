"""Totals and facet counts read from the statement tally
(app/crud/tally.py) instead of the statements, for the filters the tally can answer.

The tally counts statements by year and by month, speaker, kind, precision, status and
one condition, stance and region. It answers exactly when every filter is one of those:
at most one condition, stance and region (several would count a statement once per
value), date filters on whole months, no full-text search and no source article.
Otherwise the caller scans (app/crud/search.py). tests/crud/test_tally_counts.py checks
that both agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import replace
from functools import partial

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, col, select

from app.crud.compare_types import StanceCount, Tally, ordered_stances
from app.crud.filter_clauses import speaker_clauses, status_clause
from app.crud.generation import remembered
from app.crud.tally import ANY
from app.filters import StatementFilters
from app.models import Speaker, StatementTally

T = StatementTally


def tally_answers(filters: StatementFilters) -> bool:
    """Whether the tally gives these filters' counts exactly."""
    return (
        _grain(filters) is not None
        and not filters.q
        and filters.source is None
        and len(filters.conditions) <= 1
        and len(filters.stances) <= 1
        and len(filters.regions) <= 1
    )


def _grain(filters: StatementFilters) -> str | None:
    """The coarsest tally grain the date filters fall on (None: they cut a month)."""
    first, last = filters.date_from, filters.date_to
    if (first is None or (first.month, first.day) == (1, 1)) and (
        last is None or (last.month, last.day) == (12, 31)
    ):
        return "year"
    if (first is None or first.day == 1) and (last is None or _month_end(last)):
        return "month"
    return None


def _month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _one(values: tuple[str, ...]) -> str:
    return values[0] if values else ANY


def _selected_row(filters: StatementFilters) -> ColumnElement[bool]:
    """The tally rows of the chosen condition, stance and region ("any" when unchosen)."""
    return and_(
        T.condition == _one(filters.conditions),
        T.stance == _one(filters.stances),
        T.region == _one(filters.regions),
    )


def _statement_clauses(
    session: Session, filters: StatementFilters, grain: str | None = None
) -> list[ColumnElement[bool]]:
    """WHERE clauses on the tally for the grain (by default the coarsest the date filters
    allow) and the statement-level filters. The speaker filters become a set of speaker
    ids, so no join row by row: named speakers' ids are read first and written out, so
    the planner seeks each speaker in ix_statement_tally_by_speaker (it cannot know how
    few a subquery gives); a side's many speakers stay a subquery."""
    grain = grain or _grain(filters)
    width = 4 if grain == "year" else 7  # "2024" or "2024-06"
    clauses = [T.grain == grain, status_clause(filters, T.status)]
    if chosen := speaker_clauses(filters):
        speaker_ids = select(Speaker.id).where(*chosen)
        if filters.speakers:
            speaker_ids = list(session.exec(speaker_ids))
        clauses.append(col(T.speaker_id).in_(speaker_ids))
    if filters.kind:
        clauses.append(T.kind == filters.kind)
    if filters.precisions:
        clauses.append(col(T.precision).in_(filters.precisions))
    if filters.date_from:
        clauses.append(T.last >= filters.date_from.isoformat()[:width])
    if filters.date_to:
        clauses.append(and_(T.first != ANY, T.first <= filters.date_to.isoformat()[:width]))
    return clauses


def _tally(*columns):
    """SELECT columns, sum(statements) FROM the tally."""
    return select(*columns, func.sum(T.statements)).select_from(T)


def tally_totals(session: Session, filters: StatementFilters) -> tuple[int, int]:
    """(statements, undated statements) the filters keep."""
    undated = T.first == ANY
    query = (
        _tally(undated)
        .where(_selected_row(filters), *_statement_clauses(session, filters))
        .group_by(undated)
    )
    counts = {bool(flag): int(n) for flag, n in session.exec(query)}
    return sum(counts.values()), counts.get(True, 0)


# The facets on a statement's own fields, as columns of the tally (speaker and side are
# read from the speaker's id).
_COLUMN_FACETS = ("speaker", "side", "kind", "precision", "status")


def tally_facet_rows(
    session: Session, filters: StatementFilters, *, speaker_limit: int
) -> dict[str, list[tuple[str, int]]]:
    """(value, statements) of the speaker, side, kind, precision, status, condition, stance
    and region facets, most statements first: each counted with the other filters, as if
    its own value alone were chosen (see `facet_counts` in app/crud/search.py)."""
    speakers = {i: (slug, side) for i, slug, side in session.exec(_SPEAKERS)}
    rows: dict[str, list[tuple[str, int]]] = {}
    # The facets nothing is chosen for share one grouped read (their filters are the
    # same); a chosen one is counted without its own choice.
    unchosen = [n for n in _COLUMN_FACETS if not filters.selected(n)]
    chosen = [n for n in _COLUMN_FACETS if filters.selected(n)]
    if unchosen:
        everyone = replace(filters, include_commentators=True)
        rows.update(_column_facets(session, everyone, unchosen, filters, speakers))
    for name in chosen:
        others = filters.without(name)
        if name in ("speaker", "side"):
            others = replace(others, include_commentators=True)
        # The same for every choice of this facet (every speaker's timeline counts all
        # speakers): remembered until the data changes.
        key = ("column facet", name, others, others.named_commentators)
        count = partial(_column_facets, session, others, [name], others, speakers)
        rows.update(remembered(session, key, count))
    for name, found in rows.items():
        rows[name] = _ranked(found, speaker_limit if name == "speaker" else None)
    rows.update(_condition_facets(session, filters))
    return rows


_SPEAKERS = select(Speaker.id, Speaker.slug, Speaker.side)


def _column_facets(session, filters, names, shown, speakers) -> dict[str, list]:
    """(value, statements) of the column facets `names` under `filters` (commentators
    included), from one grouped read. Speaker and side facets count commentators (choosing
    one shows them); the others count them only when `shown` filters show them."""
    # Grouped by speaker (whose slug and side are looked up) and only the columns counted:
    # the speaker facet alone reads one row per speaker, not one per kind and status too.
    own = [name for name in ("kind", "precision", "status") if name in names]
    columns = (T.speaker_id, *(getattr(T, name) for name in own))
    query = (
        _tally(*columns)
        .where(_selected_row(filters), *_statement_clauses(session, filters))
        .group_by(*columns)
    )
    named = set(shown.named_commentators)
    counts: dict[str, Counter[str]] = {name: Counter() for name in names}
    for speaker_id, *values, n in session.exec(query):
        slug, side = speakers[speaker_id]
        hidden = shown.excludes_commentators and side == "commentator" and slug not in named
        found = dict(zip(own, values, strict=True), speaker=slug, side=side)
        for name in names:
            if name in ("speaker", "side") or not hidden:
                counts[name][found[name]] += int(n)
    return {name: list(found.items()) for name, found in counts.items()}


def _condition_facets(
    session: Session, filters: StatementFilters
) -> dict[str, list[tuple[str, int]]]:
    """Condition, stance and region facets: each varies its own column with the other two
    as chosen ("any" when not), under the statement-level filters."""
    chosen = {
        "condition": _one(filters.conditions),
        "stance": _one(filters.stances),
        "region": _one(filters.regions),
    }
    out = {}
    for name in chosen:
        column = getattr(T, name)
        others = [getattr(T, n) == v for n, v in chosen.items() if n != name]
        query = (
            _tally(column)
            .where(column != ANY, *others, *_statement_clauses(session, filters))
            .group_by(column)
        )
        out[name] = _ranked(session.exec(query), None)
    return out


def _ranked(rows, limit: int | None) -> list[tuple[str, int]]:
    counted = [(value, int(n)) for value, n in rows if value is not None and n]
    counted.sort(key=lambda item: (-item[1], item[0]))
    return counted[:limit] if limit else counted


def tally_by_speaker(session: Session, filters: StatementFilters) -> dict[int, int]:
    """Statements the filters keep, per speaker id."""
    query = (
        _tally(T.speaker_id)
        .where(_selected_row(filters), *_statement_clauses(session, filters))
        .group_by(T.speaker_id)
    )
    return {speaker_id: int(n) for speaker_id, n in session.exec(query) if n}


def tally_years(session: Session, filters: StatementFilters) -> tuple[int, int] | None:
    """The years of the earliest and the latest dated statement the filters keep."""
    clauses = [_selected_row(filters), *_statement_clauses(session, filters), T.first != ANY]
    first, last = session.exec(
        select(func.min(T.first), func.max(T.last)).where(*clauses, T.statements > 0)
    ).one()
    return (int(first[:4]), int(last[:4])) if first else None


def tally_cells(
    session: Session, filters: StatementFilters, *, by: tuple = (), grain: str | None = None
) -> dict[tuple, Tally]:
    """A Compare cell per condition the filters keep, for each value of the columns `by`
    (of the tally, or of the speaker, e.g. `Speaker.side`): keys are (*values, condition).
    Each cell counts only the condition rows the filters ask for, as app/crud/compare.py's
    scan does."""
    group = list(by)

    def joined(query):
        if any(getattr(c, "table", None) is Speaker.__table__ for c in group):
            return query.join(Speaker, col(Speaker.id) == T.speaker_id)
        return query

    undated = T.first == ANY
    cells = select(
        *group,
        T.condition,
        undated,
        func.sum(T.statements),
        func.min(T.earliest),
        func.max(T.latest),
    ).where(
        T.condition != ANY,
        T.stance == _one(filters.stances),
        T.region == _one(filters.regions),
        *_condition_chosen(filters),
        *_statement_clauses(session, filters, grain),
    )
    totals: dict[tuple, list] = {}
    for *key, is_undated, n, earliest, latest in session.exec(
        joined(cells).group_by(*group, T.condition, undated)
    ):
        held = totals.setdefault(tuple(key), [0, 0, None, None])
        held[0] += int(n)
        held[1] += int(n) if is_undated else 0
        held[2] = min((d for d in (held[2], earliest) if d), default=None)
        held[3] = max((d for d in (held[3], latest) if d), default=None)
    by_stance = _tally(*group, T.condition, T.stance).where(
        T.condition != ANY,
        T.stance != ANY,
        *([T.stance == filters.stances[0]] if filters.stances else []),
        T.region == _one(filters.regions),
        *_condition_chosen(filters),
        *_statement_clauses(session, filters, grain),
    )
    stances: dict[tuple, list[StanceCount]] = {}
    for *key, stance, n in session.exec(joined(by_stance).group_by(*group, T.condition, T.stance)):
        stances.setdefault(tuple(key), []).append(StanceCount(stance, int(n)))
    return {
        key: Tally(
            n,
            undated,
            *_dated(earliest),
            *_dated(latest),
            ordered_stances(stances.get(key, ())),
        )
        for key, (n, undated, earliest, latest) in totals.items()
        if n
    }


def _condition_chosen(filters: StatementFilters) -> list[ColumnElement[bool]]:
    return [T.condition == filters.conditions[0]] if filters.conditions else []


def _dated(sortable: str | None) -> tuple[str | None, str | None]:
    """The date and its basis from app/crud/tally.py's `sortable` form."""
    if not sortable:
        return None, None
    date, basis = sortable[10:].split("|", 1)
    return date, basis
