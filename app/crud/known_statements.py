"""The stored statements an article's records may repeat, read in a few batched lookups and
then matched in memory, so storing an article with thousands of records costs a few
queries inside its write transaction rather than a few per record.

A record repeats the earliest statement of its speaker that `same_statement` finds the
same, among the speaker's earliest statement with the record's quote (by its indexed hash)
and the speaker's statements of the record's day (by the speaker-date index): what a scan
of the speaker's every statement would find. The statements the article itself adds, and
the dates its records sharpen, join the lookups as they happen, so the match is the one
the per-record queries of tests/record_by_record.py make after each flush.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from app.dedupe import Fingerprint, quote_key, same_statement
from app.models import DatePrecision, Statement

DAY = DatePrecision.DAY.value
# Keys per lookup query: two parameters each, far below every driver's limit, and an OR
# of them well within SQLite's depth of expressions (1,000).
KEYS_PER_QUERY = 200


@dataclass(frozen=True, slots=True)
class Wanted:
    """What a record is matched on, computed before the transaction."""

    quote_hash: str | None  # dedupe.quote_hash of its quote
    date: str | None  # its date, when it is a day's and it names conditions
    fingerprint: Fingerprint  # with an empty speaker: matches are within one speaker


def day_of(date: str | None, precision: str, has_conditions: bool) -> str | None:
    """The day a statement can be matched on by day, if any."""
    return date if date and precision == DAY and has_conditions else None


@dataclass(slots=True)
class KnownStatements:
    """The candidates of a batch of records, by (speaker id, quote hash) and (speaker id,
    day), with the order in which they were stored (new ones after every stored one)."""

    by_quote: dict[tuple[int, str], Statement] = field(default_factory=dict)
    by_day: dict[tuple[int, str], list[Statement]] = field(default_factory=dict)
    _order: dict[int, tuple[int, int]] = field(default_factory=dict)  # id(obj) -> rank
    _quote_keys: dict[int, str | None] = field(default_factory=dict)  # id(obj) -> quote_key
    _added: int = 0

    @classmethod
    def load(cls, session: Session, wanted: list[tuple[int, Wanted]]) -> "KnownStatements":
        """Read every stored statement the records (with their speakers' ids) may repeat."""
        known = cls()
        quotes = sorted({(s, w.quote_hash) for s, w in wanted if w.quote_hash})
        days = sorted({(s, w.date) for s, w in wanted if w.date})
        for chunk in _chunks(quotes):
            for statement in _statements(session, _any_pair(Statement.quote_hash, chunk)):
                key = (statement.speaker_id, statement.quote_hash or "")
                held = known.by_quote.get(key)
                if held is None or (held.id or 0) > (statement.id or 0):
                    known.by_quote[key] = statement
        for chunk in _chunks(days):
            condition = and_(_any_pair(Statement.date, chunk), col(Statement.date_precision) == DAY)
            for statement in _statements(session, condition):
                known._index_day(statement)
        for statement in (*known.by_quote.values(), *_flat(known.by_day.values())):
            known._order[id(statement)] = (0, statement.id or 0)
        return known

    def equivalent(self, speaker_id: int, wanted: Wanted) -> Statement | None:
        """The statement the record repeats, if any."""
        candidates: dict[int, Statement] = {}
        if wanted.quote_hash and (held := self.by_quote.get((speaker_id, wanted.quote_hash))):
            candidates[id(held)] = held
        if wanted.date:
            for statement in self.by_day.get((speaker_id, wanted.date), ()):
                candidates[id(statement)] = statement
        for statement in sorted(candidates.values(), key=lambda s: self._order[id(s)]):
            if same_statement(self._fingerprint(statement), wanted.fingerprint):
                return statement
        return None

    def add(self, speaker_id: int, statement: Statement, wanted: Wanted) -> None:
        """A statement this transaction adds for a record: later records may repeat it."""
        self._added += 1
        self._order[id(statement)] = (1, self._added)
        if wanted.quote_hash:
            self.by_quote.setdefault((speaker_id, wanted.quote_hash), statement)
        self.redated(statement)

    def redated(self, statement: Statement) -> None:
        """A statement's date may have become a day's (a record sharpened it)."""
        if statement.date and statement.date_precision == DAY:
            self._index_day(statement)

    def _index_day(self, statement: Statement) -> None:
        assert statement.date is not None
        held = self.by_day.setdefault((statement.speaker_id, statement.date), [])
        if all(s is not statement for s in held):
            held.append(statement)

    def _fingerprint(self, statement: Statement) -> Fingerprint:
        key = id(statement)
        if key not in self._quote_keys:  # a quote never changes at ingest; its key is dear
            self._quote_keys[key] = quote_key(statement.quote)
        return Fingerprint(
            "",
            statement.date,
            str(statement.date_precision),
            frozenset((str(c.condition), str(c.stance)) for c in statement.conditions),
            self._quote_keys[key],
        )


def _statements(session: Session, condition) -> list[Statement]:
    query = select(Statement).where(condition).options(selectinload(Statement.conditions))
    return list(session.exec(query))


def _any_pair(column, pairs: list[tuple[int, str]]) -> ColumnElement[bool]:
    """speaker_id = ? AND column = ?, OR-ed over the pairs: each a seek in the (speaker_id,
    column) index. A row-value IN list, `(speaker_id, column) IN (VALUES ...)`, is read by
    SQLite as a scan of every statement (0.66 s a query at a million statements)."""
    return or_(*(and_(Statement.speaker_id == s, column == value) for s, value in pairs))


def _chunks(keys: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    for first in range(0, len(keys), KEYS_PER_QUERY):
        yield keys[first : first + KEYS_PER_QUERY]


def _flat(lists: Iterable[list[Statement]]) -> Iterator[Statement]:
    for statements in lists:
        yield from statements
