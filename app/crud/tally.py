"""The statement tally: counts of statements by every filterable field, kept as statements
change, so the timeline's totals, facets and binned chart read a few thousand tally rows
instead of scanning a million statements.

A statement adds one to each tally row its fields and condition rows name (see
`statement_keys`). The tally is kept from SQLAlchemy's flush events: before a flush, the
touched statements' rows as stored are taken away; after it, their rows as stored now are
added back. Every ORM write (ingest, edits, review, merges, re-extraction, deletions) so
keeps it exact, inside the same transaction. Bulk writes that bypass the ORM (the bench
filler) call `rebuild`. `tally_matches_statements` is the check the tests rely on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from sqlalchemy import Connection, bindparam, delete, event, select
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


def contributions(connection: Connection, statement_ids: Iterable[int]) -> Counter[Key]:
    """The tally rows of these statements as stored now (deleted ones count nothing)."""
    ids = sorted(set(statement_ids))
    counts: Counter[Key] = Counter()
    for first in range(0, len(ids), BATCH):
        counts.update(_keys_of(connection, ids[first : first + BATCH]))
    return counts


def _keys_of(connection: Connection, ids: list[int]) -> Iterator[Key]:
    statements = connection.execute(
        select(
            Statement.id,
            Statement.date,
            Statement.speaker_id,
            Statement.kind,
            Statement.date_precision,
            Statement.status,
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
    for statement_id, date, speaker_id, kind, precision, status in statements:
        yield from statement_keys(
            date, speaker_id, kind, precision, status, conditions.get(statement_id, ())
        )


def apply(connection: Connection, delta: Counter[Key] | dict[Key, int]) -> None:
    """Add `delta` to the tally (negative counts take away); rows that reach 0 go."""
    changes = [dict(zip(KEY_COLUMNS, key, strict=True), statements=n) for key, n in delta.items()]
    # In key order: concurrent writers (PostgreSQL) then lock rows in one order, no deadlock.
    changes = sorted((c for c in changes if c["statements"]), key=_key_order)
    if not changes:
        return
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    insert = dialect.insert(_table)
    upsert = insert.on_conflict_do_update(
        index_elements=list(KEY_COLUMNS),
        set_={"statements": _table.c.statements + insert.excluded.statements},
    )
    connection.execute(upsert, changes)
    emptied = [c for c in changes if c["statements"] < 0]
    if emptied:
        where = [_table.c[name] == bindparam(f"key_{name}") for name in KEY_COLUMNS]
        connection.execute(
            delete(_table).where(*where, _table.c.statements <= 0),
            [{f"key_{name}": c[name] for name in KEY_COLUMNS} for c in emptied],
        )


def _key_order(change: dict) -> tuple:
    return tuple(change[name] for name in KEY_COLUMNS)


def rebuild(connection: Connection) -> int:
    """Count every statement afresh into an emptied tally; returns the tally's rows."""
    connection.execute(delete(_table))
    fresh = fresh_tally(connection)
    apply(connection, fresh)
    return len(fresh)


def fresh_tally(connection: Connection) -> Counter[Key]:
    """The tally as a fresh count of the stored statements would make it."""
    counts: Counter[Key] = Counter()
    last = 0
    while True:
        ids = connection.execute(
            select(Statement.id).where(Statement.id > last).order_by(Statement.id).limit(BATCH)
        ).scalars()
        batch = list(ids)
        if not batch:
            return counts
        counts.update(_keys_of(connection, batch))
        last = batch[-1]


def stored_tally(connection: Connection) -> Counter[Key]:
    """The tally as stored."""
    rows = connection.execute(select(*(_table.c[n] for n in KEY_COLUMNS), _table.c.statements))
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def tally_matches_statements(connection: Connection) -> bool:
    """Whether the stored tally equals a fresh count (the invariant the tests check)."""
    return stored_tally(connection) == fresh_tally(connection)


# --- keeping it on every flush ---------------------------------------------------------

_TAKEN = "tally_taken_away"  # session.info: statements whose old rows were taken away


def _touched_statements(session: OrmSession) -> set[int]:
    """Ids of the statements a flush writes (itself or one of its condition rows)."""
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
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
    apply(connection, {key: -n for key, n in contributions(connection, ids).items()})
    session.info.setdefault(_TAKEN, set()).update(ids)


@event.listens_for(OrmSession, "after_flush")
def _add_new_rows(session: OrmSession, _context) -> None:
    ids = _touched_statements(session) | session.info.pop(_TAKEN, set())
    if ids:
        connection = session.connection()
        apply(connection, contributions(connection, ids))


@event.listens_for(OrmSession, "after_soft_rollback")
def _forget_taken(session: OrmSession, _previous) -> None:
    # A failed flush rolls its taking-away back with it: nothing is owed anymore.
    session.info.pop(_TAKEN, None)
