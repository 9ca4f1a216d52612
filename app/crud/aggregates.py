"""Counts of the filtered statements by speaker and by condition (for the JSON API).

Both start from `matching_ids`, so they count exactly the statements the timeline, the
CSV export and `/api/statements` show for the same filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.crud.search import condition_clauses, filtered_ids, speaker_clauses
from app.extraction.conditions import condition_labels
from app.filters import StatementFilters
from app.models import Speaker, Stance, Statement, StatementCondition


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """A speaker and how many filtered statements they made, when (dates at precision)."""

    slug: str
    name: str
    side: str
    kind: str
    statements: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class ConditionCount:
    """A taxonomy condition and how many filtered statements state it, per stance."""

    condition: str
    label: str
    statements: int
    stances: dict[str, int] = field(default_factory=dict)


def speaker_counts(session: Session, filters: StatementFilters) -> list[SpeakerCount]:
    """Every speaker the speaker-level filters allow (speaker, side, commentators), with
    the count of their filtered statements (zero included), most statements first.

    Statement-level filters (condition, stance, kind, dates, q, status, source) change the
    counts, not the list, so "who never mentioned territory" shows as a zero.
    """
    ids = filtered_ids(session, filters)
    per_speaker = (
        select(
            col(Statement.speaker_id).label("speaker_id"),
            func.count(col(Statement.id)).label("n"),
            # ISO strings at any precision sort in date order ("2024-06" before "2024-06-14").
            func.min(Statement.date).label("first"),
            func.max(Statement.date).label("last"),
        )
        .where(col(Statement.id).in_(ids))
        .group_by(col(Statement.speaker_id))
        .subquery()
    )
    count = func.coalesce(per_speaker.c.n, 0)
    query = (
        select(
            Speaker.slug,
            Speaker.name,
            Speaker.side,
            Speaker.kind,
            count,
            per_speaker.c.first,
            per_speaker.c.last,
        )
        .outerjoin(per_speaker, per_speaker.c.speaker_id == col(Speaker.id))
        .where(*speaker_clauses(filters))
        .order_by(count.desc(), Speaker.name, Speaker.slug)
    )
    return [SpeakerCount(*row) for row in session.exec(query)]


def condition_counts(session: Session, filters: StatementFilters) -> list[ConditionCount]:
    """Every taxonomy condition (zeros included, taxonomy order) with how many filtered
    statements state it in each stance.

    As in the CSV export, when the filters name conditions or a stance only the condition
    rows meeting them count: `?condition=territory` gives zeros for the other conditions.
    """
    ids = filtered_ids(session, filters)
    where = [col(StatementCondition.statement_id).in_(ids), *condition_clauses(filters)]
    statements = func.count(func.distinct(StatementCondition.statement_id))
    by_stance = session.exec(
        select(StatementCondition.condition, StatementCondition.stance, statements)
        .where(*where)
        .group_by(StatementCondition.condition, StatementCondition.stance)
    ).all()
    # Counted apart: a statement may state one condition in two stances.
    totals = dict(
        session.exec(
            select(StatementCondition.condition, statements)
            .where(*where)
            .group_by(StatementCondition.condition)
        ).all()
    )
    labels = condition_labels()
    # Conditions dropped from the taxonomy but still on stored statements come last.
    ids_in_order = list(labels) + sorted(set(totals) - set(labels))
    stances = {c: dict.fromkeys([s.value for s in Stance], 0) for c in ids_in_order}
    for condition, stance, n in by_stance:
        stances[condition][stance] = n
    return [ConditionCount(c, labels.get(c, c), totals.get(c, 0), stances[c]) for c in ids_in_order]
