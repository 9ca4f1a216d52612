"""Database tables: articles, speakers, statements, their conditions and sources; the
editors who review statements and the record of every change they make."""

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapper, validates
from sqlmodel import Field, Relationship, SQLModel

from app.dedupe import quote_hash
from app.extraction.records import DateBasis, DatePrecision, Kind, Stance

__all__ = [
    "Article",
    "IngestJob",
    "IngestJobItem",
    "JobState",
    "DateBasis",
    "DatePrecision",
    "Kind",
    "PublishedBasis",
    "Source",
    "Speaker",
    "Stance",
    "Statement",
    "StatementCondition",
    "SpeakerAlias",
    "StatementAlias",
    "StatementChange",
    "StatementStatus",
    "StatementTally",
    "User",
]

# Named constraints let later Alembic migrations alter them (SQLite batch mode needs names).
# Ids are `integer` columns: 32-bit on PostgreSQL (SQLite's hold 64). A larger id bound
# as a query parameter fails in the driver or the server instead of matching nothing, so
# every id a request gives is bounded by this (app/web/params.py, app/filter_query.py).
MAX_ID = 2**31 - 1

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class PublishedBasis(StrEnum):
    """How an article's publication date was obtained."""

    SUPPLIED = "supplied"  # given by whoever ingested it
    ANALYST = "analyst"  # an analyst's metadata file
    ANALYST_APPROXIMATE = "analyst-approximate"  # the analyst's best estimate
    DATELINE = "dateline"  # found by the engine in the text
    FRONT_MATTER = "front-matter"  # a metadata header (e.g. HTML metadata via trafilatura)
    URL = "url"  # a date in the article's URL
    NONE = "none"  # unknown


class StatementStatus(StrEnum):
    """Who last vouched for a statement; only `extracted` ones may change by machine."""

    EXTRACTED = "extracted"
    VERIFIED = "verified"
    REJECTED = "rejected"
    EDITED = "edited"
    ADDED = "added"  # by an editor, from evidence they selected in an article


def codebook_value(owner: str, name: str, value: str, allowed: type[StrEnum]) -> str:
    """`value` if it is one of `allowed`, else a ValueError naming the field and the value.

    The columns hold plain text; this keeps every ORM write (ingest, review, merges,
    re-extraction) to the codebook's values, so no row reaches the API that its response
    models cannot describe."""
    if value not in {member.value for member in allowed}:
        choices = ", ".join(member.value for member in allowed)
        raise ValueError(f"{owner} {name} {value!r} is not one of {choices}")
    return value


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


def _timestamp() -> Column:
    return Column(DateTime(timezone=True), nullable=False)


class Article(SQLModel, table=True):
    """One ingested article; `text` is stored as ingested, evidence offsets index into it."""

    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(
        max_length=64, unique=True, description="sha256 hex of the stripped text"
    )
    file_name: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = Field(default=None, index=True)
    published: dt.date | None = None
    published_basis: str = Field(default=PublishedBasis.NONE.value)
    published_evidence: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())

    sources: list["Source"] = Relationship(back_populates="article", cascade_delete=True)


class Speaker(SQLModel, table=True):
    """A canonical speaker: a person, a government or an organization."""

    __tablename__ = "speaker"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(unique=True, description='e.g. "vladimir-putin"')
    name: str
    side: str = Field(description='"Russia", "Ukraine", ... or "commentator"')
    kind: str = Field(description="person, government or organization")
    # An editor corrected the name or side: ingestion no longer takes the gazetteer's.
    edited: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})

    statements: list["Statement"] = Relationship(back_populates="speaker")


# Statement.version: the mapper's version counter (optimistic locking), so it is one Column
# object shared by the table and the mapper arguments.
_STATEMENT_VERSION = Column("version", Integer, nullable=False, server_default="1")


class Statement(SQLModel, table=True):
    """One dated statement by one speaker, stating one or more conditions."""

    __tablename__ = "statement"
    __table_args__ = (
        # The review queue: machine statements, least certain first.
        Index("ix_statement_review_queue", "status", "doubt_count", "id"),
        # De-duplication at ingest (app/dedupe.py): the same quote by the speaker, or the
        # speaker's statements of one day, found by lookup whatever the table's size.
        Index("ix_statement_speaker_quote_hash", "speaker_id", "quote_hash"),
        Index("ix_statement_speaker_date", "speaker_id", "date"),
    )
    # Every ORM write of the row adds one to `version` and holds only if the row still
    # has the version it was read with (else StaleDataError): two editors saving the same
    # statement cannot overwrite each other, even when their requests interleave.
    __mapper_args__ = {"version_id_col": _STATEMENT_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    speaker_id: int = Field(foreign_key="speaker.id", index=True)
    date: str | None = Field(default=None, index=True, description="ISO at its precision")
    date_precision: str = Field(default=DatePrecision.UNKNOWN.value)
    date_basis: str = Field(default=DateBasis.INFERRED.value)
    date_evidence: str | None = None
    kind: str
    quote: str | None = Field(default=None, sa_column=Column(Text))
    # dedupe.quote_hash(quote), kept by the listener below whenever the row is written.
    quote_hash: str | None = Field(default=None, max_length=64)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default=StatementStatus.EXTRACTED.value)
    # The engine's reasons for doubt (codes of app/extraction/doubts.py) and how many: the
    # review queue puts the least certain first.
    doubts: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    doubt_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    # 1 when stored, one more at every change; an edit form or API client sends back the
    # version it read, and a stale one is refused (app/crud/review.py).
    version: int = Field(default=1, sa_column=_STATEMENT_VERSION)

    speaker: Speaker = Relationship(back_populates="statements")
    # In stored order: PostgreSQL, unlike SQLite, gives rows in no particular order.
    conditions: list["StatementCondition"] = Relationship(
        back_populates="statement",
        cascade_delete=True,
        sa_relationship_kwargs={"order_by": "StatementCondition.id"},
    )
    sources: list["Source"] = Relationship(
        back_populates="statement",
        cascade_delete=True,
        sa_relationship_kwargs={"order_by": "Source.id"},
    )

    @validates("kind", "status", "date_precision", "date_basis")
    def _in_codebook(self, name: str, value: str) -> str:
        return codebook_value("statement", name, value, _STATEMENT_CODES[name])


_STATEMENT_CODES: dict[str, type[StrEnum]] = {
    "kind": Kind,
    "status": StatementStatus,
    "date_precision": DatePrecision,
    "date_basis": DateBasis,
}


@event.listens_for(Statement, "before_insert")
@event.listens_for(Statement, "before_update")
def _keep_quote_hash(_mapper: Mapper, _connection: Connection, statement: Statement) -> None:
    # Every ORM write of a quote (ingest, review, merges, re-extraction) passes here;
    # bulk Core inserts (bench/fill.py) compute it themselves.
    statement.quote_hash = quote_hash(statement.quote)


class StatementCondition(SQLModel, table=True):
    """One (condition, stance) of a statement, with the regions it names."""

    __tablename__ = "statement_condition"

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", ondelete="CASCADE", index=True)
    condition: str = Field(index=True, description="taxonomy id")
    stance: str
    # A JSON list: portable to PostgreSQL (json) and readable in SQLite.
    regions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

    statement: Statement = Relationship(back_populates="conditions")

    @validates("stance")
    def _in_codebook(self, name: str, value: str) -> str:
        return codebook_value("condition", name, value, Stance)


class Source(SQLModel, table=True):
    """One place an article reports a statement."""

    __tablename__ = "source"
    __table_args__ = (UniqueConstraint("statement_id", "article_id", "start"),)

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    evidence: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    quote: str | None = Field(default=None, sa_column=Column(Text))

    statement: Statement = Relationship(back_populates="sources")
    article: Article = Relationship(back_populates="sources")


class User(SQLModel, table=True):
    """An editor who may review statements; `is_admin` may also manage other users."""

    __tablename__ = "user_account"  # "user" is a reserved word in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=64)
    password_hash: str  # argon2id, with its salt and parameters
    is_admin: bool = False
    # sha256 hex of the personal API token; the token itself is shown once and not stored
    token_hash: str | None = Field(default=None, unique=True, max_length=64)
    # Bumped when the user signs out: every session cookie made before stops working.
    session_epoch: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())


class StatementChange(SQLModel, table=True):
    """One field of a statement changed by an editor: who, when, from what to what, and why."""

    __tablename__ = "statement_change"

    id: int | None = Field(default=None, primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", ondelete="CASCADE", index=True)
    user_id: int = Field(foreign_key="user_account.id")
    changed_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    field: str  # "status", "speaker", "side", "date", "kind", "quote", "conditions"
    old_value: str | None = Field(default=None, sa_column=Column(Text))
    new_value: str | None = Field(default=None, sa_column=Column(Text))
    comment: str | None = Field(default=None, sa_column=Column(Text))


class JobState(StrEnum):
    """Where an ingest job, or one item of it, stands."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"  # stored as a new article
    SKIPPED = "skipped"  # the same text or URL was stored before (article_id points at it)
    FAILED = "failed"  # message says why; the other items go on


class IngestJob(SQLModel, table=True):
    """Articles an editor added together (files, pasted text, URLs), worked in the background."""

    __tablename__ = "ingest_job"

    id: int | None = Field(default=None, primary_key=True)
    created_by: int | None = Field(default=None, foreign_key="user_account.id")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_timestamp())
    finished_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    state: str = Field(default=JobState.QUEUED.value, index=True)
    # The editor's metadata for the articles (ArticleMeta fields), over what the pages say.
    meta: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))

    items: list["IngestJobItem"] = Relationship(back_populates="job", cascade_delete=True)


class IngestJobItem(SQLModel, table=True):
    """One file, text or URL of a job; its bytes are dropped once it is worked."""

    __tablename__ = "ingest_job_item"
    # The workers' queue: the oldest claimable item first.
    __table_args__ = (Index("ix_ingest_job_item_queue", "state", "job_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    job_id: int = Field(foreign_key="ingest_job.id", ondelete="CASCADE", index=True)
    position: int
    kind: str  # "file", "text" or "url"
    label: str  # the file name, "pasted text" or the URL
    payload: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    state: str = Field(default=JobState.QUEUED.value)
    # Which worker took it and when (app/crud/jobs.py claim_item): a claim older than the
    # timeout is a worker that died, and the item is taken again.
    claimed_by: str | None = None
    claimed_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    message: str | None = Field(default=None, sa_column=Column(Text))
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="SET NULL")
    statements_new: int = 0
    statements_merged: int = 0

    job: IngestJob = Relationship(back_populates="items")


class SpeakerAlias(SQLModel, table=True):
    """A speaker an editor merged into another: the engine's slug for it now resolves to
    the speaker it was merged into, so future ingests do not bring it back."""

    __tablename__ = "speaker_alias"

    slug: str = Field(primary_key=True)
    name: str
    speaker_id: int = Field(foreign_key="speaker.id", ondelete="CASCADE", index=True)


class StatementAlias(SQLModel, table=True):
    """A statement an editor merged into another: its id still leads to the one it joined."""

    __tablename__ = "statement_alias"

    old_id: int = Field(primary_key=True)
    statement_id: int = Field(foreign_key="statement.id", ondelete="CASCADE", index=True)


class StatementTally(SQLModel, table=True):
    """How many statements share one combination of the filterable fields: the counts the
    timeline's facets and totals read instead of scanning every statement.

    Kept by app/crud/tally.py on every flush. `condition`, `stance` and `region` are ""
    for "any": a statement counts once in the row with all three "", and once in each row
    naming a condition, stance or region (or a combination) that one of its condition rows
    has. It is counted at two grains: by year and by month, `first` and `last` being the
    periods its date may mean (a year-only date spans January to December by month).
    `earliest` and `latest` bound the row's statement dates, for Compare's cells.
    """

    __tablename__ = "statement_tally"
    # Stored in its key's order in SQLite: a facet reads one contiguous stretch. The first
    # index serves the condition facet (stance and region fixed, every condition); with the
    # key and the count in it, it answers without the table.
    __table_args__ = (
        Index(
            "ix_statement_tally_by_stance", "grain", "stance", "region", "condition", "statements"
        ),
        # Serves a named speaker's totals and facets without reading every speaker's rows.
        Index(
            "ix_statement_tally_by_speaker",
            "grain",
            "speaker_id",
            "stance",
            "region",
            "condition",
            "statements",
        ),
        {"sqlite_with_rowid": False},
    )

    grain: str = Field(primary_key=True, description='"year" or "month"')
    condition: str = Field(primary_key=True)
    stance: str = Field(primary_key=True)
    region: str = Field(primary_key=True)
    first: str = Field(primary_key=True, description='"2024" or "2024-06"; "" when undated')
    last: str = Field(primary_key=True)
    speaker_id: int = Field(primary_key=True)
    kind: str = Field(primary_key=True)
    precision: str = Field(primary_key=True)
    status: str = Field(primary_key=True)
    statements: int
    # The row's earliest and latest dated statement, as app/crud/tally.py `sortable`
    # writes them ("2024-06-012024-06|explicit"); None when its statements are undated.
    earliest: str | None = None
    latest: str | None = None
