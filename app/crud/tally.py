"""The statement tally: counts of statements by every filterable field, kept as statements
change, so the timeline's totals, facets and binned chart, and the Compare page's cells,
read a few thousand tally rows instead of scanning a million statements.

A statement adds one to each tally row its fields and condition rows name (see
`statement_keys`). The tally is kept from SQLAlchemy's flush events: before a flush, the
touched statements' rows as stored are taken away; after it, their rows as stored now are
added back. Every ORM write (ingest, edits, review, merges, re-extraction, deletions) so
keeps it exact, inside the same transaction. Bulk writes that bypass the ORM (the bench
filler) call `rebuild`. `tally_matches_statements` is the check the tests rely on.

Each row also keeps its earliest and latest statement (as `sortable` dates, with their
basis), which Compare shows. Adding a statement can only widen them; when a flush takes
away the statement that was a row's earliest or latest, the row's bounds are read afresh
from its statements (`_refresh_bounds`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from sqlalchemy import Connection, and_, bindparam, case, delete, event, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session as OrmSession

from app.extraction.conditions import region_name
from app.models import Statement, StatementCondition, StatementTally

ANY = ""  # a tally row's condition, stance or region that stands for "any"

# grain, condition, stance, region, first, last, speaker_id, kind, precision, status
Key = tuple[str, str, str, str, str, str, int, str, str, str]
KEY_COLUMNS = (
    "grain",
    "condition",
    "stance",
    "region",
    "first",
    "last",
    "speaker_id",
    "kind",
    "precision",
    "status",
)
BATCH = 5000  # statements read at a time by `rebuild` and `contributions`


class Entry(NamedTuple):
    """A tally row's values: its statements and the earliest and latest of them."""

    statements: int
    earliest: str | None  # `sortable` of the earliest dated statement (None: all undated)
    latest: str | None


Tally = dict[Key, Entry]

_table = StatementTally.__table__


# Each statement is counted twice: by year (a few rows per speaker, read when the date
# filters are whole years or absent) and by month (read for other whole-month filters).
GRAINS = ("year", "month")


def periods(date: str | None, grain: str) -> tuple[str, str]:
    """The first and last period a statement's date may mean, at a grain: "2024" spans
    2024-01 to 2024-12 by month; "2024-06-14" is 2024 by year and 2024-06 by month."""
    if not date:
        return ANY, ANY
    if grain == "year":
        return date[:4], date[:4]
    if len(date) == 4:
        return f"{date}-01", f"{date}-12"
    return date[:7], date[:7]


def statement_keys(
    date: str | None,
    speaker_id: int,
    kind: str,
    precision: str,
    status: str,
    conditions: Iterable[tuple[str, str, list[str]]],
) -> set[Key]:
    """The tally rows one statement counts in, at each grain: (any, any, any), and for each
    of its condition rows every mix of that row's condition, stance and each region with
    "any" (so a statement is counted once per row however many condition rows say it)."""
    named = {(ANY, ANY, ANY)}
    for condition, stance, regions in conditions:
        for region in (ANY, *(region_name(r) for r in regions)):
            for c in (ANY, condition):
                for s in (ANY, stance):
                    named.add((c, s, region))
    return {
        (grain, c, s, r, *periods(date, grain), speaker_id, kind, precision, status)
        for grain in GRAINS
        for c, s, r in named
    }


def sortable(date: str | None, basis: str) -> str | None:
    """A date that sorts by its first day, then carries itself and its basis:
    "2024-06" found explicitly -> "2024-06-012024-06|explicit" (None when undated).
    The first ten characters are app/crud/search.py's `date_start`."""
    if not date:
        return None
    start = date + ("-01-01" if len(date) == 4 else "-01" if len(date) == 7 else "")
    return f"{start}{date}|{basis}"


def combined(a: Entry | None, b: Entry) -> Entry:
    """Two entries of one row added together."""
    if a is None:
        return b
    return Entry(
        a.statements + b.statements,
        min((x for x in (a.earliest, b.earliest) if x), default=None),
        max((x for x in (a.latest, b.latest) if x), default=None),
    )


def contributions(connection: Connection, statement_ids: Iterable[int]) -> Tally:
    """The tally rows of these statements as stored now (deleted ones count nothing)."""
    ids = sorted(set(statement_ids))
    counts: dict[Key, list] = {}
    for first in range(0, len(ids), BATCH):
        _add_into(counts, _keys_of(connection, ids[first : first + BATCH]))
    return {key: Entry(*held) for key, held in counts.items()}


def _add_into(counts: dict[Key, list], keyed: Iterable[tuple[Key, str | None]]) -> None:
    """Count each (row, date) into `counts` as [statements, earliest, latest]: lists, not
    Entries, since a rebuild does this twenty million times."""
    for key, when in keyed:
        held = counts.get(key)
        if held is None:
            counts[key] = [1, when, when]
            continue
        held[0] += 1
        if when:
            if not held[1] or when < held[1]:
                held[1] = when
            if not held[2] or when > held[2]:
                held[2] = when


def _keys_of(connection: Connection, ids: list[int]) -> Iterator[tuple[Key, str | None]]:
    """Each tally row the statements count in, with the statement's `sortable` date."""
    statements = connection.execute(
        select(
            Statement.id,
            Statement.date,
            Statement.speaker_id,
            Statement.kind,
            Statement.date_precision,
            Statement.status,
            Statement.date_basis,
        ).where(Statement.id.in_(ids))
    ).all()
    conditions: dict[int, list[tuple[str, str, list[str]]]] = {}
    rows = connection.execute(
        select(
            StatementCondition.statement_id,
            StatementCondition.condition,
            StatementCondition.stance,
            StatementCondition.regions,
        ).where(StatementCondition.statement_id.in_(ids))
    )
    for statement_id, condition, stance, regions in rows:
        conditions.setdefault(statement_id, []).append((condition, stance, regions or []))
    yield from _keyed(
        (date, speaker_id, kind, precision, status, basis, conditions.get(statement_id, ()))
        for statement_id, date, speaker_id, kind, precision, status, basis in statements
    )


# date, speaker_id, kind, date_precision, status, date_basis, [(condition, stance, regions)]
Fields = tuple[str | None, int, str, str, str, str, Iterable[tuple[str, str, list[str]]]]


def _keyed(statements: Iterable[Fields]) -> Iterator[tuple[Key, str | None]]:
    for date, speaker_id, kind, precision, status, basis, conditions in statements:
        when = sortable(date, basis)
        for key in statement_keys(date, speaker_id, kind, precision, status, conditions):
            yield key, when


def counted(statements: Iterable[Fields]) -> Tally:
    """The tally rows of statements given by their fields: what `contributions` reads once
    they are stored (for a writer that has them at hand and inserts them by Core)."""
    counts: dict[Key, list] = {}
    _add_into(counts, _keyed(statements))
    return {key: Entry(*held) for key, held in counts.items()}


def apply(connection: Connection, delta: Tally) -> None:
    """Add `delta` to the tally: negative counts take away (with no bounds), and rows that
    reach 0 go; positive ones widen the rows' earliest and latest to theirs."""
    changes = [
        dict(zip(KEY_COLUMNS, key, strict=True), **entry._asdict()) for key, entry in delta.items()
    ]
    # In key order: concurrent writers (PostgreSQL) then lock rows in one order, no deadlock.
    changes = sorted((c for c in changes if c["statements"]), key=_key_order)
    if not changes:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(_table)
    new, old = insert.excluded, _table.c
    upsert = insert.on_conflict_do_update(
        index_elements=list(KEY_COLUMNS),
        set_={
            "statements": old.statements + new.statements,
            "earliest": case(
                (new.earliest.is_(None), old.earliest),
                ((old.earliest.is_(None)) | (new.earliest < old.earliest), new.earliest),
                else_=old.earliest,
            ),
            "latest": case(
                (new.latest.is_(None), old.latest),
                ((old.latest.is_(None)) | (new.latest > old.latest), new.latest),
                else_=old.latest,
            ),
        },
    )
    connection.execute(upsert, changes)
    emptied = [c for c in changes if c["statements"] < 0]
    if emptied:
        connection.execute(
            delete(_table).where(_key_is_bound(), _table.c.statements <= 0),
            [_key_params(c) for c in emptied],
        )


def _key_is_bound():
    return and_(*(_table.c[name] == bindparam(f"key_{name}") for name in KEY_COLUMNS))


def _key_params(change: dict) -> dict:
    return {f"key_{name}": change[name] for name in KEY_COLUMNS}


def _key_order(change: dict) -> tuple:
    return tuple(change[name] for name in KEY_COLUMNS)


def rebuild(connection: Connection) -> int:
    """Count every statement afresh into an emptied tally; returns the tally's rows."""
    connection.execute(delete(_table))
    fresh = fresh_tally(connection)
    apply(connection, fresh)
    return len(fresh)


def fresh_tally(connection: Connection) -> Tally:
    """The tally as a fresh count of the stored statements would make it."""
    counts: dict[Key, list] = {}
    last = 0
    while True:
        ids = connection.execute(
            select(Statement.id).where(Statement.id > last).order_by(Statement.id).limit(BATCH)
        ).scalars()
        batch = list(ids)
        if not batch:
            return {key: Entry(*held) for key, held in counts.items()}
        _add_into(counts, _keys_of(connection, batch))
        last = batch[-1]


def stored_tally(connection: Connection) -> Tally:
    """The tally as stored."""
    columns = [_table.c[n] for n in KEY_COLUMNS]
    rows = connection.execute(
        select(*columns, _table.c.statements, _table.c.earliest, _table.c.latest)
    )
    return {tuple(row[:-3]): Entry(*row[-3:]) for row in rows}


def tally_matches_statements(connection: Connection) -> bool:
    """Whether the stored tally equals a fresh count (the invariant the tests check)."""
    return stored_tally(connection) == fresh_tally(connection)


def _refresh_bounds(connection: Connection, keys: Iterable[Key]) -> None:
    """Read the earliest and latest of these rows afresh from their statements. Rows of one
    speaker, kind, precision, status and period share one read of those statements."""
    groups: dict[tuple, set[Key]] = {}
    for key in keys:
        grain, _c, _s, _r, first, last, *rest = key
        if first != ANY:  # undated rows have no bounds to refresh
            groups.setdefault((grain, first, last, *rest), set()).add(key)
    for (grain, first, last, speaker_id, kind, precision, status), wanted in groups.items():
        if grain == "year":
            in_period = Statement.date.startswith(first, autoescape=True)
        elif first == last:  # a month: days and months within it
            in_period = Statement.date.startswith(first, autoescape=True)
        else:  # a year-only date spans January to December by month
            in_period = Statement.date == first[:4]
        ids = connection.execute(
            select(Statement.id).where(
                Statement.speaker_id == speaker_id,
                Statement.kind == kind,
                Statement.date_precision == precision,
                Statement.status == status,
                in_period,
            )
        ).scalars()
        found = contributions(connection, ids)
        connection.execute(
            update(_table)
            .where(_key_is_bound())
            .values(earliest=bindparam("new_earliest"), latest=bindparam("new_latest")),
            [
                {
                    **_key_params(dict(zip(KEY_COLUMNS, key, strict=True))),
                    "new_earliest": found[key].earliest if key in found else None,
                    "new_latest": found[key].latest if key in found else None,
                }
                for key in sorted(wanted)
            ],
        )


# --- keeping it on every flush ---------------------------------------------------------

_TAKEN = "tally_taken_away"  # session.info: statements whose old rows were taken away
_REMOVED = "tally_removed"  # session.info: what was taken away from each row


def _touched_statements(session: OrmSession) -> set[int]:
    """Ids of the statements a flush writes (itself or one of its condition rows)."""
    ids: set[int] = set()
    # `dirty` holds every object an attribute was set on, even to the value it had: those
    # the flush does not write count as they did.
    changed = [obj for obj in session.dirty if session.is_modified(obj)]
    for obj in (*session.new, *changed, *session.deleted):
        if isinstance(obj, Statement):
            statement_id = obj.id
        elif isinstance(obj, StatementCondition):
            statement_id = obj.statement_id
            if statement_id is None and obj.statement is not None:
                statement_id = obj.statement.id
        else:
            continue
        if statement_id is not None:
            ids.add(statement_id)
    return ids


@event.listens_for(OrmSession, "before_flush")
def _take_away_old_rows(session: OrmSession, _context, _instances) -> None:
    ids = _touched_statements(session)
    if not ids:
        return
    connection = session.connection()
    removed = contributions(connection, ids)
    apply(connection, {key: Entry(-e.statements, None, None) for key, e in removed.items()})
    session.info.setdefault(_TAKEN, set()).update(ids)
    held = session.info.setdefault(_REMOVED, {})
    for key, entry in removed.items():
        held[key] = combined(held.get(key), entry)


@event.listens_for(OrmSession, "after_flush")
def _add_new_rows(session: OrmSession, _context) -> None:
    ids = _touched_statements(session) | session.info.pop(_TAKEN, set())
    removed = session.info.pop(_REMOVED, {})
    if ids:
        connection = session.connection()
        added = contributions(connection, ids)
        apply(connection, added)
        _refresh_bounds(connection, [k for k, e in removed.items() if _lost_bound(e, added.get(k))])


def _lost_bound(removed: Entry, added: Entry | None) -> bool:
    """Whether taking `removed` away may have taken a row's earliest or latest statement
    that `added` (the same flush's additions to the row) does not give back."""
    earliest = added.earliest if added else None
    latest = added.latest if added else None
    return bool(
        (removed.earliest and (not earliest or earliest > removed.earliest))
        or (removed.latest and (not latest or latest < removed.latest))
    )


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_taken(session: OrmSession, _previous) -> None:
    # A failed flush rolls its taking-away back with it: nothing is owed anymore.
    session.info.pop(_TAKEN, None)
    session.info.pop(_REMOVED, None)
