"""The Compare page's reads: conditions by speaker or by side, and one speaker or side
between two periods (conditions added, dropped, held, changed) and month by month.

A cell, a period or a month holds exactly the statements its link to the timeline
shows. When the statement tally can answer the filters (`tally_answers`), the counts and
first and last dates come from it (app/crud/tally_counts.py `tally_cells`); otherwise
every reader scans from `matching_ids`. tests/crud/test_tally_counts.py checks that both
give the same page. The records they return are in `app.crud.compare_types`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from app.crud.compare_types import (
    REFS_SHOWN,
    Axis,
    ComparePage,
    CompareQuery,
    ConditionCells,
    ConditionChange,
    Matrix,
    MatrixColumn,
    Period,
    PeriodDiff,
    StanceCount,
    Stated,
    StatementRef,
    Strip,
    StripColumn,
    Tally,
    Who,
    ordered_stances,
)
from app.crud.search import (
    condition_clauses,
    date_start,
    filter_vocabulary,
    filtered_ids,
    matching_ids,
)
from app.crud.tally import sortable
from app.crud.tally_counts import (
    tally_answers,
    tally_by_speaker,
    tally_cells,
    tally_totals,
    tally_years,
)
from app.extraction.conditions import condition_labels
from app.filters import StatementFilters
from app.models import Speaker, Statement, StatementCondition
from app.models import StatementTally as T


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
    columns = _matrix_columns(session, filters, by)
    shown = columns[:max_columns]
    key = col(Speaker.slug) if by is Axis.SPEAKER else col(Speaker.side)
    if tally_answers(filters):
        tallies = tally_cells(session, filters, by=(key,))
    else:
        tallies = _tally(session, filters, key, col(StatementCondition.condition))
    labels = condition_labels()
    found = {condition for _, condition in tallies}
    rows = tuple(
        ConditionCells(c, labels.get(c, c), tuple(tallies.get((k.key, c)) for k in shown))
        for c in _taxonomy_order({*(filters.conditions or labels), *found})
    )
    return Matrix(by, tuple(shown), rows, len(columns) - len(shown))


def _matrix_columns(session: Session, filters: StatementFilters, by: Axis) -> list[MatrixColumn]:
    """The speakers or sides with filtered statements, most statements first."""
    if tally_answers(filters):
        per_speaker = tally_by_speaker(session, filters)
        speakers = session.exec(
            select(Speaker.id, Speaker.slug, Speaker.name, Speaker.side).where(
                col(Speaker.id).in_(per_speaker)
            )
        )
        counts: dict[str, list] = {}
        for speaker_id, slug, name, side in speakers:
            k = slug if by is Axis.SPEAKER else side
            counts.setdefault(k, [name if by is Axis.SPEAKER else side, side, 0])
            counts[k][2] += per_speaker[speaker_id]
        ranked = sorted(counts.items(), key=lambda item: (-item[1][2], item[0]))
        return [MatrixColumn(k, name, side, n) for k, (name, side, n) in ranked]
    key = col(Speaker.slug) if by is Axis.SPEAKER else col(Speaker.side)
    count = func.count(func.distinct(Statement.id))
    query = (
        select(key, func.min(Speaker.name), func.min(Speaker.side), count)
        .join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
        .where(col(Statement.id).in_(filtered_ids(session, filters)))
        .group_by(key)
        .order_by(count.desc(), key)
    )
    return [
        MatrixColumn(k, name if by is Axis.SPEAKER else k, side, n)
        for k, name, side, n in session.exec(query)
    ]


def period_diff(
    session: Session, filters: StatementFilters, *, who: Who, a: Period, b: Period
) -> PeriodDiff:
    """Which conditions `who` stated in B and not A, in A and not B, or in both."""
    scope = who.restrict(filters)
    stated_a, count_a = _stated(session, replace(scope, date_from=a.start, date_to=a.end))
    stated_b, count_b = _stated(session, replace(scope, date_from=b.start, date_to=b.end))
    if tally_answers(scope):
        undated = tally_totals(session, scope)[1]
    else:
        undated = session.exec(
            select(func.count())
            .select_from(Statement)
            .where(
                col(Statement.id).in_(filtered_ids(session, scope)), col(Statement.date).is_(None)
            )
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
    scope = who.restrict(filters)
    if tally_answers(scope):
        # By month, a year-only date spans January to December: its column is the year.
        by_month = tally_cells(session, scope, by=(T.first, T.last), grain="month")
        tallies = _merged(
            ((c, first if first == last else first[:4]), t)
            for (first, last, c), t in by_month.items()
            if first
        )
    else:
        month = func.substr(Statement.date, 1, 7)  # "2024-07" for days and months, "2024" for years
        tallies = _tally(session, scope, col(StatementCondition.condition), month)
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
    per_speaker = tally_by_speaker(session, StatementFilters(include_commentators=True))
    speakers = session.exec(
        select(Speaker.id, Speaker.slug, Speaker.name, Speaker.side).where(
            col(Speaker.id).in_(per_speaker)
        )
    )
    rows = sorted(
        ((slug, name, side, per_speaker[i]) for i, slug, name, side in speakers),
        key=lambda row: (-row[3], row[1]),
    )
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
    wanted = "Russia"
    if len(filters.sides) == 1:
        wanted = filters.sides[0]
    elif len(filters.speakers) == 1:
        wanted = filters.speakers[0]
    sides = [w for w in choices if w.is_side]
    match = [w for w in choices if w.value == wanted]
    return match[0] if match else (sides[0] if sides else None)


def dated_years(session: Session, filters: StatementFilters) -> tuple[int, int] | None:
    """The years of the earliest and the latest dated statement the filters keep."""
    if tally_answers(filters):
        return tally_years(session, filters)
    first, last = session.exec(
        select(func.min(date_start()), func.max(date_start())).where(
            col(Statement.id).in_(filtered_ids(session, filters)), col(Statement.date).is_not(None)
        )
    ).one()
    return (int(first[:4]), int(last[:4])) if first else None


def _tally(session: Session, filters: StatementFilters, *keys) -> dict[tuple, Tally]:
    """For each distinct value of `keys`, a Tally of the filtered statements' conditions,
    by scanning them (for the filters the statement tally cannot answer)."""
    ids = filtered_ids(session, filters)
    # The first 10 characters sort; the date and its basis follow: "2024-06-012024-06|explicit".
    sortable = date_start().concat(Statement.date).concat("|").concat(Statement.date_basis)

    def grouped(*columns, by=()):
        return (
            select(*keys, *columns)
            .select_from(Statement)
            .join(Speaker, col(Statement.speaker_id) == col(Speaker.id))
            .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
            # Only the condition rows the filters ask for (a statement may state others too).
            .where(col(Statement.id).in_(ids), *condition_clauses(filters))
            .group_by(*keys, *by)
        )

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
        func.count(func.distinct(case((col(Statement.date).is_(None), Statement.id)))),
        func.min(sortable),
        func.max(sortable),
    )
    return {
        tuple(key): Tally(
            n, undated, *_dated(first), *_dated(last), ordered_stances(stances[tuple(key)])
        )
        for *key, n, undated, first, last in session.exec(totals)
    }


def _merged(cells: Iterable[tuple[tuple, Tally]]) -> dict[tuple, Tally]:
    """Tallies of one key added together: the speakers of a side, or the days of a month."""
    merged: dict[tuple, Tally] = {}
    for key, t in cells:
        held = merged.get(key)
        if held is None:
            merged[key] = replace(t, stances=ordered_stances(t.stances))
            continue
        firsts = [
            (d, b) for d, b in ((held.first, held.first_basis), (t.first, t.first_basis)) if d
        ]
        lasts = [(d, b) for d, b in ((held.last, held.last_basis), (t.last, t.last_basis)) if d]
        stances: dict[str, int] = defaultdict(int)
        for s in (*held.stances, *t.stances):
            stances[s.stance] += s.count
        merged[key] = Tally(
            held.statements + t.statements,
            held.undated + t.undated,
            *min(firsts, key=_first_key, default=(None, None)),
            *max(lasts, key=_first_key, default=(None, None)),
            ordered_stances(StanceCount(s, n) for s, n in stances.items()),
        )
    return merged


def _first_key(dated: tuple[str, str | None]) -> tuple[str, str]:
    """How two cells' dates compare: by first day, as the tally's `sortable` does."""
    date, basis = dated
    return sortable(date, basis or "") or "", date


def _dated(sortable_date: str | None) -> tuple[str | None, str | None]:
    """The date and its basis from "<10-character sort key><date>|<basis>"."""
    if not sortable_date:
        return None, None
    date, basis = sortable_date[10:].split("|", 1)
    return date, basis


def _stated(session: Session, filters: StatementFilters) -> tuple[dict[str, Stated], int]:
    """Per condition, the filtered statements stating it; and how many statements in all."""
    if tally_answers(filters):
        cells = {c: t for (c,), t in tally_cells(session, filters, by=()).items()}
        total = tally_totals(session, filters)[0]
        refs = _first_refs(session, filters, {c: t.statements for c, t in cells.items()}, total)
        stated = {c: Stated(t.stances, t.statements, refs[c]) for c, t in cells.items()}
        return stated, total
    query = (
        select(
            StatementCondition.condition,
            Statement.id,
            Statement.date,
            Statement.date_precision,
            StatementCondition.stance,
        )
        .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
        # Only the condition rows the filters ask for (a statement may state others too).
        .where(col(Statement.id).in_(filtered_ids(session, filters)), *condition_clauses(filters))
        .order_by(date_start(), Statement.id)
    )
    refs: dict[str, dict[int, StatementRef]] = defaultdict(dict)
    for condition, sid, date, precision, stance in session.exec(query):
        held = refs[condition].get(sid)
        stances = (*held.stances, stance) if held else (stance,)
        refs[condition][sid] = StatementRef(sid, date, precision, stances)
    stated = {}
    for condition, by_id in refs.items():
        counts: dict[str, int] = defaultdict(int)
        for ref in by_id.values():
            for stance in set(ref.stances):
                counts[stance] += 1
        tallied = ordered_stances(StanceCount(s, n) for s, n in counts.items())
        shown = tuple(by_id.values())[:REFS_SHOWN]
        stated[condition] = Stated(tallied, len(by_id), shown)
    return stated, len({sid for by_id in refs.values() for sid in by_id})


_RARE = 100  # a condition in fewer than 1 in this many statements is "rare" (see below)
_WALKED = 500  # statements read at a time walking the period in date order
_WALKS = 4  # at most; conditions not found by then are read on their own


def _first_refs(
    session: Session, filters: StatementFilters, counts: dict[str, int], total: int
) -> dict[str, tuple[StatementRef, ...]]:
    """For each condition, the first REFS_SHOWN statements stating it (of `counts[c]`),
    by date, among the `total` the filters keep.

    The common conditions are all found in the first few hundred statements of the period,
    so one walk along the date index serves them. A rare condition would take a walk
    through the whole period: its statements are read from the condition's index instead,
    and sorted."""
    wanted = {c: min(n, REFS_SHOWN) for c, n in counts.items()}
    found: dict[str, list[StatementRef]] = {c: [] for c in counts}
    walking = {c for c, n in counts.items() if n * _RARE >= total}
    in_order = matching_ids(session, filters).order_by(date_start(), Statement.id)
    for walk in range(_WALKS):
        if not any(len(found[c]) < wanted[c] for c in walking):
            break
        ids = list(session.exec(in_order.offset(walk * _WALKED).limit(_WALKED)))
        for ref in _refs(session, filters, ids):
            for condition in ref.conditions:
                if condition in walking and len(found[condition]) < wanted[condition]:
                    found[condition].append(ref.stating(condition))
        if len(ids) < _WALKED:
            break
    for condition in counts:
        if len(found[condition]) < wanted[condition]:
            narrowed = replace(filters, conditions=(condition,))
            stating = select(StatementCondition.statement_id).where(
                StatementCondition.condition == condition
            )
            # An expression the date index does not hold: the database starts from the
            # condition's statements and sorts them, rather than walking every date.
            query = (
                matching_ids(session, narrowed)
                .where(col(Statement.id).in_(stating))
                .order_by(date_start().concat(""), Statement.id)
                .limit(REFS_SHOWN)
            )
            ids = list(session.exec(query))
            found[condition] = [r.stating(condition) for r in _refs(session, narrowed, ids)]
    return {c: tuple(refs) for c, refs in found.items()}


@dataclass(frozen=True, slots=True)
class _Ref:
    """A statement with its stances on each condition the filters keep."""

    id: int
    date: str
    precision: str
    stances: dict[str, tuple[str, ...]]

    @property
    def conditions(self) -> list[str]:
        return list(self.stances)

    def stating(self, condition: str) -> StatementRef:
        return StatementRef(self.id, self.date, self.precision, self.stances[condition])


def _refs(session: Session, filters: StatementFilters, ids: list[int]) -> list[_Ref]:
    """These statements, in this order, with the condition rows the filters keep."""
    rows = session.exec(
        select(
            Statement.id,
            Statement.date,
            Statement.date_precision,
            StatementCondition.condition,
            StatementCondition.stance,
        )
        .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
        .where(col(Statement.id).in_(ids), *condition_clauses(filters))
        .order_by(StatementCondition.id)
    )
    refs: dict[int, _Ref] = {}
    for sid, date, precision, condition, stance in rows:
        ref = refs.setdefault(sid, _Ref(sid, date, precision, {}))
        ref.stances[condition] = (*ref.stances.get(condition, ()), stance)
    return [refs[i] for i in ids if i in refs]


def _taxonomy_order(conditions: Iterable[str]) -> list[str]:
    """The taxonomy's conditions in its order, then retired ids still in the data."""
    labels, found = condition_labels(), set(conditions)
    return [c for c in labels if c in found] + sorted(found - set(labels))
