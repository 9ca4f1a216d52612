"""WHERE clauses for the filters that several readers share: the statement scan
(app/crud/search.py), the tally (app/crud/tally_counts.py) and the API's counts."""

from __future__ import annotations

import json

from sqlalchemy import ColumnElement, String, cast, or_
from sqlmodel import col

from app.filters import REVIEWED, REVIEWED_STATUSES, StatementFilters
from app.models import Speaker, StatementCondition, StatementStatus


def status_clause(filters: StatementFilters, status) -> ColumnElement[bool]:
    """The review-status filter on a status column: rejected statements are hidden unless
    asked for; "reviewed" is everything an editor vouched for."""
    if filters.status == REVIEWED:
        return col(status).in_(REVIEWED_STATUSES)
    if filters.status:
        return status == filters.status
    return status != StatementStatus.REJECTED.value


def speaker_clauses(filters: StatementFilters) -> list[ColumnElement[bool]]:
    """WHERE clauses on Speaker for the speaker-level filters (speaker, side, commentators)."""
    clauses = []
    if filters.speakers:
        clauses.append(col(Speaker.slug).in_(filters.speakers))
    if filters.sides:
        clauses.append(col(Speaker.side).in_(filters.sides))
    if filters.excludes_commentators:
        clauses.append(
            or_(Speaker.side != "commentator", col(Speaker.slug).in_(filters.named_commentators))
        )
    return clauses


def condition_clauses(filters: StatementFilters) -> list[ColumnElement[bool]]:
    """WHERE clauses on StatementCondition for the condition, stance and region filters:
    what `StatementFilters.keeps_condition` says in SQL."""
    clauses = []
    if filters.conditions:
        clauses.append(col(StatementCondition.condition).in_(filters.conditions))
    if filters.stances:
        clauses.append(col(StatementCondition.stance).in_(filters.stances))
    if filters.regions:
        # Regions are a JSON list, stored as text: the quoted name matches one element.
        as_text = cast(StatementCondition.regions, String)
        clauses.append(
            or_(*(as_text.contains(json.dumps(r), autoescape=True) for r in filters.regions))
        )
    return clauses
