"""An editor's review of a statement: verify, reject, or correct its fields, each change
recorded with who made it, when, the old and new value and an optional comment.

A reviewed statement (verified, edited or rejected) is never changed by the machine
again: ingestion only adds sources to it (see ingest.py).
"""

import datetime as dt
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy import String, and_, cast, func, or_
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from app.crud.statements import StatementRow, row_loads, to_row
from app.extraction.conditions import condition_labels, region_name
from app.extraction.doubts import DOUBTS
from app.extraction.records import DateBasis, DatePrecision, Kind, Stance
from app.extraction.speakers import slugify
from app.models import (
    MAX_ID,
    Article,
    Source,
    Speaker,
    Statement,
    StatementChange,
    StatementCondition,
    StatementStatus,
    User,
    utcnow,
)

_DATE_SHAPES = {
    DatePrecision.DAY: re.compile(r"\d{4}-\d{2}-\d{2}"),
    DatePrecision.MONTH: re.compile(r"\d{4}-\d{2}"),
    DatePrecision.YEAR: re.compile(r"\d{4}"),
}


class ReviewError(ValueError):
    """A change that cannot be made as asked (the message says why)."""


class ConflictError(ReviewError):
    """The statement changed since the editor loaded it; their form would overwrite that."""


CHANGED_MEANWHILE = "this statement was changed by someone else since you opened it"


class ConditionEdit(BaseModel):
    """One condition of a statement as an editor sets it."""

    model_config = ConfigDict(extra="forbid")

    condition: str
    stance: Stance
    regions: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("condition")
    @classmethod
    def _known_condition(cls, value: str) -> str:
        if value not in condition_labels():
            raise ValueError(f"unknown condition {value!r}")
        return value

    @field_validator("regions")
    @classmethod
    def _clean_regions(cls, value: list[str]) -> list[str]:
        regions = [r.strip() for r in value if r.strip()]
        if any(len(r) > 80 for r in regions):
            raise ValueError("a region name has at most 80 characters")
        # One name per region ("Donbass" is stored as "Donbas"), so the region filter finds it.
        return list(dict.fromkeys(region_name(r) for r in regions))


class StatementPatch(BaseModel):
    """The fields an editor changes; a field left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    speaker: str | None = Field(default=None, min_length=1, max_length=200)
    side: str | None = Field(default=None, min_length=1, max_length=80)
    date: str | None = None
    date_precision: DatePrecision | None = None
    kind: Kind | None = None
    quote: str | None = Field(default=None, max_length=5000)
    conditions: list[ConditionEdit] | None = Field(default=None, min_length=1, max_length=30)
    status: StatementStatus | None = None
    comment: str | None = Field(default=None, max_length=2000)
    version: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="The statement's `version` when you read it: if it has changed since "
        "(someone else saved it), nothing is saved and the answer is 409. Left out, the "
        "patch applies to whatever is stored.",
    )
    expected_updated_at: dt.datetime | None = Field(
        default=None,
        json_schema_extra={"deprecated": True},  # (not Field's own: it warns on every read)
        description="The statement's `updated_at` when you read it; `version` does the same "
        "job and holds even when two writes come at once.",
    )

    @field_validator("status")
    @classmethod
    def _settable(cls, value: StatementStatus | None) -> StatementStatus | None:
        # "edited" and "added" say what an editor did; they follow from doing it.
        if value in (StatementStatus.EDITED, StatementStatus.ADDED):
            raise ValueError(
                f"status {value.value!r} comes from correcting or adding a statement; "
                "set verified, rejected or extracted"
            )
        return value

    @model_validator(mode="after")
    def _date_matches_precision(self) -> "StatementPatch":
        if self.date_precision is None and "date" in self.model_fields_set:
            # A date given alone has the precision its shape says ("2024-07" is a month).
            self.date_precision = _precision_of(self.date)
        if self.date_precision is None:
            return self
        self.date = checked_date(self.date, self.date_precision)
        return self

    @model_validator(mode="after")
    def _distinct_conditions(self) -> "StatementPatch":
        check_distinct(self.conditions or [])
        return self


class NewStatement(BaseModel):
    """A statement an editor adds by hand, from evidence selected in an article."""

    model_config = ConfigDict(extra="forbid")

    article_id: int = Field(ge=1, le=MAX_ID)
    start: int = Field(ge=0, description="Offset of the evidence in the article's text")
    end: int = Field(ge=1, description="Offset just past the evidence")
    speaker: str = Field(min_length=1, max_length=200)
    side: str = Field(min_length=1, max_length=80)
    date: str | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    kind: Kind = Kind.REPORTED
    quote: str | None = Field(default=None, max_length=5000)
    conditions: list[ConditionEdit] = Field(min_length=1, max_length=30)
    comment: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _valid(self) -> "NewStatement":
        self.date = checked_date(self.date, self.date_precision)
        check_distinct(self.conditions)
        if self.end <= self.start:
            raise ValueError("the evidence must end after it starts")
        if self.end - self.start > MAX_EVIDENCE:
            raise ValueError(f"the evidence has at most {MAX_EVIDENCE} characters")
        return self


MAX_EVIDENCE = 5000
MIN_EVIDENCE = 10


def _precision_of(date: str | None) -> DatePrecision:
    length = len(date or "")
    return {10: DatePrecision.DAY, 7: DatePrecision.MONTH, 4: DatePrecision.YEAR}.get(
        length, DatePrecision.DAY if date else DatePrecision.UNKNOWN
    )


def checked_date(date: str | None, precision: DatePrecision) -> str | None:
    """The date if it has the shape its precision asks and exists; None when unknown."""
    if precision is DatePrecision.UNKNOWN:
        return None
    example = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[precision.value]
    if not date or not _DATE_SHAPES[precision].fullmatch(date):
        raise ValueError(f"date must be {example} at {precision.value} precision")
    try:
        dt.date.fromisoformat((date + "-01-01")[:10])
    except ValueError:
        raise ValueError(f"{date} is not a real date") from None
    return date


def check_distinct(conditions: list[ConditionEdit]) -> None:
    """A condition once per statement: one utterance takes one stance on it."""
    ids = [c.condition for c in conditions]
    twice = sorted({c for c in ids if ids.count(c) > 1})
    if twice:
        raise ValueError(f"{', '.join(twice)} is listed twice: give each condition one stance")


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One recorded change, as the statement page lists it."""

    changed_at: dt.datetime
    editor: str
    field: str
    old_value: str | None
    new_value: str | None
    comment: str | None


def conditions_text(conditions: list[StatementCondition] | list[ConditionEdit]) -> str:
    """Conditions as one line for the history: "ceasefire: reject; territory: demand (Crimea)"."""
    parts = []
    for c in conditions:
        regions = f" ({', '.join(c.regions)})" if c.regions else ""
        parts.append(f"{c.condition}: {c.stance}{regions}")
    return "; ".join(parts)


def review_statement(
    session: Session, *, statement_id: int, patch: StatementPatch, editor: User
) -> Statement:
    """Apply an editor's patch in one transaction, recording every field that changed.

    Changing a field makes the statement `edited`; a patch may also set the status
    (`verified`, `rejected`, or `extracted` to hand it back to the machine). A patch based
    on an older version than the stored one raises ConflictError and changes nothing.
    """
    statement = session.get(Statement, statement_id)
    if statement is None:
        raise ReviewError(f"no statement {statement_id}")
    if (patch.version is not None and patch.version != statement.version) or (
        patch.expected_updated_at is not None
        and not _same_instant(patch.expected_updated_at, statement.updated_at)
    ):
        raise ConflictError(CHANGED_MEANWHILE)
    try:
        # One write of the row at the commit (so one step of its version), not a first
        # one whenever reading the editor or a speaker would flush half the changes.
        with session.no_autoflush:
            return _apply_patch(session, statement, patch, editor)
    except StaleDataError:
        # Another write of the row committed between our read and our write: the version
        # the UPDATE asked for was gone (see Statement's version_id_col).
        session.rollback()
        raise ConflictError(CHANGED_MEANWHILE) from None


def _apply_patch(
    session: Session, statement: Statement, patch: StatementPatch, editor: User
) -> Statement:
    """Make the patch's changes to `statement` and record them; commit if there were any."""
    changes: list[tuple[str, str | None, str | None]] = []
    given = patch.model_fields_set

    def record(field: str, old: object, new: object) -> None:
        old_text = None if old is None else str(old)
        new_text = None if new is None else str(new)
        if old_text != new_text:
            changes.append((field, old_text, new_text))

    if "speaker" in given and patch.speaker is not None:
        speaker = _speaker_named(session, patch.speaker, patch.side)
        record("speaker", statement.speaker.name, speaker.name)
        statement.speaker = speaker
    if "side" in given and patch.side is not None and statement.speaker.side != patch.side:
        # A side belongs to the speaker: correcting it corrects all their statements.
        record("side", statement.speaker.side, patch.side)
        statement.speaker.side = patch.side
        statement.speaker.edited = True  # ingestion keeps the editor's side
        session.add(statement.speaker)
    if patch.date_precision is not None:
        old = f"{statement.date or 'undated'} ({statement.date_precision})"
        new = f"{patch.date or 'undated'} ({patch.date_precision})"
        if old != new:
            record("date", old, new)
            statement.date, statement.date_precision = patch.date, patch.date_precision.value
            statement.date_basis = DateBasis.ANALYST.value
            statement.date_evidence = f"by {editor.name}" if patch.date else None
    if "kind" in given and patch.kind is not None:
        record("kind", statement.kind, patch.kind.value)
        statement.kind = patch.kind.value
    if "quote" in given:
        quote = (patch.quote or "").strip() or None
        record("quote", statement.quote, quote)
        statement.quote = quote
    if patch.conditions is not None:
        old_text, new_text = (
            conditions_text(statement.conditions),
            conditions_text(patch.conditions),
        )
        if old_text != new_text:
            record("conditions", old_text, new_text)
            statement.conditions = [
                StatementCondition(condition=c.condition, stance=c.stance.value, regions=c.regions)
                for c in patch.conditions
            ]
    status = patch.status
    if status is None and changes:
        status = StatementStatus.EDITED
    if status is StatementStatus.VERIFIED and (
        changes or statement.status == StatementStatus.EDITED
    ):
        status = StatementStatus.EDITED  # verified with corrections: the edits show
    if status is not None:
        record("status", statement.status, status.value)
        statement.status = status.value
    if not changes:
        return statement
    comment = (patch.comment or "").strip() or None
    now = utcnow()
    assert statement.id is not None and editor.id is not None
    for field, old, new in changes:
        session.add(
            StatementChange(
                statement_id=statement.id,
                user_id=editor.id,
                changed_at=now,
                field=field,
                old_value=old,
                new_value=new,
                comment=comment,
            )
        )
    statement.updated_at = now
    session.add(statement)
    session.commit()
    session.refresh(statement)
    return statement


def add_statement(session: Session, *, new: NewStatement, editor: User) -> Statement:
    """Store a statement an editor found in an article, with the selected evidence as its
    source; it is never changed by the machine (status `added`)."""
    article = session.get(Article, new.article_id)
    if article is None:
        raise ReviewError(f"no article {new.article_id}")
    if new.end > len(article.text):
        raise ReviewError(f"the evidence ends past the article's text ({len(article.text)})")
    start, end = new.start, new.end
    while start < end and article.text[start].isspace():
        start += 1
    while end > start and article.text[end - 1].isspace():
        end -= 1
    if end - start < MIN_EVIDENCE:
        raise ReviewError(
            f"the evidence has at least {MIN_EVIDENCE} characters: select its sentence"
        )
    text = article.text
    if (start > 0 and text[start - 1].isalnum() and text[start].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    ):
        raise ReviewError("the evidence starts or ends inside a word: select whole words")
    evidence = article.text[start:end]
    quote = (new.quote or "").strip() or None
    statement = Statement(
        speaker=_speaker_named(session, new.speaker, new.side),
        date=new.date,
        date_precision=new.date_precision.value,
        date_basis=DateBasis.ANALYST.value,
        date_evidence=f"by {editor.name}" if new.date else None,
        kind=new.kind.value,
        quote=quote,
        evidence=evidence,
        status=StatementStatus.ADDED.value,
        conditions=[
            StatementCondition(condition=c.condition, stance=c.stance.value, regions=c.regions)
            for c in new.conditions
        ],
        sources=[
            Source(article_id=article.id, evidence=evidence, start=start, end=end, quote=quote)
        ],
    )
    session.add(statement)
    session.flush()
    assert statement.id is not None and editor.id is not None
    session.add(
        StatementChange(
            statement_id=statement.id,
            user_id=editor.id,
            field="created",
            new_value=f"{statement.speaker.name}: {conditions_text(new.conditions)}",
            comment=(new.comment or "").strip() or None,
        )
    )
    session.commit()
    session.refresh(statement)
    return statement


def _same_instant(a: dt.datetime, b: dt.datetime) -> bool:
    # SQLite returns naive datetimes for timezone-aware columns: both are UTC.
    def utc(value: dt.datetime) -> dt.datetime:
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    return utc(a) == utc(b)


def _speaker_named(session: Session, name: str, side: str | None) -> Speaker:
    """The speaker an editor names: a known one by name or slug, else a new person."""
    name = " ".join(name.split())
    slug = slugify(name)
    if not slug:
        raise ReviewError(f"{name!r} is not a speaker name")
    known = session.exec(select(Speaker).where(Speaker.slug == slug)).first()
    if known is not None:
        return known
    speaker = Speaker(slug=slug, name=name, side=side or "commentator", kind="person", edited=True)
    session.add(speaker)
    return speaker


def list_changes(session: Session, statement_id: int) -> list[ChangeRow]:
    """Every recorded change of a statement, oldest first."""
    query = (
        select(StatementChange, User.name)
        .join(User, User.id == StatementChange.user_id)  # type: ignore[arg-type]
        .where(StatementChange.statement_id == statement_id)
        .order_by(StatementChange.changed_at, StatementChange.id)  # type: ignore[arg-type]
    )
    return [
        ChangeRow(c.changed_at, name, c.field, c.old_value, c.new_value, c.comment)
        for c, name in session.exec(query)
    ]


# ---- the review queue ---------------------------------------------------------------

QUEUE_PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class QueueItem:
    """A machine statement waiting for review, with the engine's reasons to doubt it."""

    statement: StatementRow
    doubts: list[str]


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    """One page of the queue: least certain first, optionally only those with one doubt."""

    items: list[QueueItem]
    total: int
    reason: str | None
    page: int
    pages: int
    reason_counts: dict[str, int]  # waiting statements per reason, in DOUBTS order


def _waiting(reason: str | None) -> list[ColumnElement[bool]]:
    where = [Statement.status == StatementStatus.EXTRACTED.value]
    if reason is not None:
        # JSON lists are stored as text in SQLite and cast to it on PostgreSQL: the quoted
        # code matches one element exactly.
        where.append(cast(Statement.doubts, String).like(f'%"{reason}"%'))
    return where


def review_queue(session: Session, *, reason: str | None = None, page: int = 1) -> ReviewQueue:
    """The machine statements nobody has reviewed, most doubts first, then oldest first."""
    if reason is not None and reason not in DOUBTS:
        raise ReviewError(f"unknown reason {reason!r}; known: {', '.join(DOUBTS)}")
    total = session.exec(select(func.count()).select_from(Statement).where(*_waiting(reason))).one()
    pages = max(1, -(-total // QUEUE_PAGE_SIZE))
    page = min(max(page, 1), pages)
    query = (
        select(Statement)
        .where(*_waiting(reason))
        .order_by(col(Statement.doubt_count).desc(), col(Statement.id))
        .offset((page - 1) * QUEUE_PAGE_SIZE)
        .limit(QUEUE_PAGE_SIZE)
        .options(*row_loads())
    )
    items = [QueueItem(to_row(s), list(s.doubts)) for s in session.exec(query)]
    counts = {
        code: session.exec(select(func.count()).select_from(Statement).where(*_waiting(code))).one()
        for code in DOUBTS
    }
    return ReviewQueue(items, total, reason, page, pages, counts)


def next_in_queue(session: Session, *, after: int, reason: str | None = None) -> int | None:
    """The id of the statement the queue lists after statement `after` (reviewed or not)."""
    current = session.get(Statement, after)
    if current is None:
        return None
    later = or_(
        col(Statement.doubt_count) < current.doubt_count,
        and_(Statement.doubt_count == current.doubt_count, col(Statement.id) > after),
    )
    query = (
        select(Statement.id)
        .where(*_waiting(reason), later)
        .order_by(col(Statement.doubt_count).desc(), col(Statement.id))
        .limit(1)
    )
    return session.exec(query).first()
