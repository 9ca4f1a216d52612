"""Totals, facet counts and binned chart marks read from the statement tally
(app/crud/tally.py) instead of the statements, for the filters the tally can answer.

The tally counts statements by month, speaker, kind, precision, status and one condition,
stance and region. It answers exactly when every filter is one of those: at most one
condition, stance and region (several would count a statement once per value), date
filters on whole months, no full-text search and no source article. Otherwise the caller
scans (app/crud/search.py). tests/crud/test_tally_counts.py checks both agree.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import replace

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select

from app.crud.filter_clauses import speaker_clauses, status_clause
from app.crud.tally import ANY
from app.filters import StatementFilters
from app.models import Speaker, StatementTally

T = StatementTally


def tally_answers(filters: StatementFilters) -> bool:
    """Whether the tally gives these filters' counts exactly."""
    whole_months = (filters.date_from is None or filters.date_from.day == 1) and (
        filters.date_to is None
        or filters.date_to.day
        == calendar.monthrange(filters.date_to.year, filters.date_to.month)[1]
    )
    return (
        whole_months
        and not filters.q
        and filters.source is None
        and len(filters.conditions) <= 1
        and len(filters.stances) <= 1
        and len(filters.regions) <= 1
    )


def _one(values: tuple[str, ...]) -> str:
    return values[0] if values else ANY


def _selected_row(filters: StatementFilters) -> ColumnElement[bool]:
    """The tally rows of the chosen condition, stance and region ("any" when unchosen)."""
    return and_(
        T.condition == _one(filters.conditions),
        T.stance == _one(filters.stances),
        T.region == _one(filters.regions),
    )


def _statement_clauses(filters: StatementFilters) -> list[ColumnElement[bool]]:
    """WHERE clauses on the tally for the statement-level filters. The speaker filters
    become a set of speaker ids (read once), so the tally is not joined row by row."""
    clauses = [status_clause(filters, T.status)]
    if chosen := speaker_clauses(filters):
        clauses.append(col(T.speaker_id).in_(select(Speaker.id).where(*chosen)))
    if filters.kind:
        clauses.append(T.kind == filters.kind)
    if filters.precisions:
        clauses.append(col(T.precision).in_(filters.precisions))
    if filters.date_from:
        clauses.append(T.end_month >= filters.date_from.isoformat()[:7])
    if filters.date_to:
        clauses.append(and_(T.start_month != ANY, T.start_month <= filters.date_to.isoformat()[:7]))
    return clauses


def _tally(*columns):
    """SELECT columns, sum(statements) FROM the tally."""
    return select(*columns, func.sum(T.statements)).select_from(T)


def tally_totals(session: Session, filters: StatementFilters) -> tuple[int, int]:
    """(statements, undated statements) the filters keep."""
    undated = T.start_month == ANY
    query = (
        _tally(undated)
        .where(_selected_row(filters), *_statement_clauses(filters))
        .group_by(undated)
    )
    counts = {bool(flag): int(n) for flag, n in session.exec(query)}
    return sum(counts.values()), counts.get(True, 0)


# The facets on a statement's own fields: the tally's column, or the speaker's (by id).
_COLUMNS = {
    "speaker": T.speaker_id,
    "side": T.speaker_id,
    "kind": T.kind,
    "precision": T.precision,
    "status": T.status,
}


def tally_facet_rows(
    session: Session, filters: StatementFilters, *, speaker_limit: int
) -> dict[str, list[tuple[str, int]]]:
    """(value, statements) of the speaker, side, kind, precision, status, condition, stance
    and region facets, most statements first: each counted with the other filters, as if
    its own value alone were chosen (see `facet_counts` in app/crud/search.py)."""
    speakers = {i: (slug, side) for i, slug, side in session.exec(_SPEAKERS)}
    rows: dict[str, list[tuple[str, int]]] = {}
    for name, column in _COLUMNS.items():
        others = filters.without(name)
        if name in ("speaker", "side"):
            others = replace(others, include_commentators=True)
        query = (
            _tally(column)
            .where(_selected_row(others), *_statement_clauses(others))
            .group_by(column)
        )
        counts: Counter[str] = Counter()
        for value, n in session.exec(query):
            if name in ("speaker", "side"):
                value = speakers[value][0 if name == "speaker" else 1]
            counts[value] += int(n)
        rows[name] = _ranked(counts.items(), speaker_limit if name == "speaker" else None)
    rows.update(_condition_facets(session, filters))
    return rows


_SPEAKERS = select(Speaker.id, Speaker.slug, Speaker.side)


def _condition_facets(
    session: Session, filters: StatementFilters
) -> dict[str, list[tuple[str, int]]]:
    """Condition, stance and region facets in one query: the statement-level filters hold
    for all three; each varies its own column with the other two as chosen."""
    c, s, r = _one(filters.conditions), _one(filters.stances), _one(filters.regions)
    own = {
        "condition": and_(T.condition != ANY, T.stance == s, T.region == r),
        "stance": and_(T.condition == c, T.stance != ANY, T.region == r),
        "region": and_(T.condition == c, T.stance == s, T.region != ANY),
    }
    query = (
        _tally(T.condition, T.stance, T.region)
        .where(or_(*own.values()), *_statement_clauses(filters))
        .group_by(T.condition, T.stance, T.region)
    )
    found = list(session.exec(query))
    out = {}
    for name, at in (("condition", 0), ("stance", 1), ("region", 2)):
        fixed = [(c, s, r)[i] for i in range(3) if i != at]
        counts: Counter[str] = Counter()
        for row in found:
            others = [row[i] for i in range(3) if i != at]
            if row[at] != ANY and others == fixed:
                counts[row[at]] += int(row[3])
        out[name] = _ranked(counts.items(), None)
    return out


def _ranked(rows, limit: int | None) -> list[tuple[str, int]]:
    counted = [(value, int(n)) for value, n in rows if value is not None and n]
    counted.sort(key=lambda item: (-item[1], item[0]))
    return counted[:limit] if limit else counted


def tally_pairs(session: Session, filters: StatementFilters) -> int:
    """How many dated (statement, condition) pairs the chart would show: the statements of
    each condition (and stance) the filters keep, summed over conditions."""
    conditions = T.condition == filters.conditions[0] if filters.conditions else T.condition != ANY
    stances = T.stance == filters.stances[0] if filters.stances else T.stance != ANY
    query = _tally().where(
        conditions,
        stances,
        T.region == _one(filters.regions),
        T.start_month != ANY,
        *_statement_clauses(filters),
    )
    return int(session.exec(query).one() or 0)
