"""Ingest jobs in the database: created by a request, worked by the background runner,
read by the progress bar. Their state lives here, so a job survives a page reload and a
restart of the server (unfinished jobs are resumed)."""

from dataclasses import dataclass

from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from app.models import IngestJob, IngestJobItem, JobState, utcnow
from app.sources_meta import ArticleMeta

FINISHED = frozenset({JobState.DONE.value, JobState.SKIPPED.value, JobState.FAILED.value})


@dataclass(frozen=True, slots=True)
class NewItem:
    """One thing to ingest: a file's bytes, pasted text, or a URL."""

    kind: str  # "file", "text" or "url"
    label: str
    payload: bytes | None = None
    failure: str | None = None  # why it cannot be read at all (stored as a failed item)


@dataclass(frozen=True, slots=True)
class ItemView:
    position: int
    kind: str
    label: str
    state: str
    message: str | None
    article_id: int | None
    statements_new: int
    statements_merged: int


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as the progress bar and the API show it."""

    id: int
    state: str
    total: int
    worked: int  # items finished, whatever their outcome
    failed: int
    items: list[ItemView]

    @property
    def rereading(self) -> bool:
        """A job that re-extracts stored articles rather than adding new ones."""
        return bool(self.items) and all(i.kind == "reextract" for i in self.items)

    @property
    def finished(self) -> bool:
        return self.state == JobState.DONE.value

    @property
    def percent(self) -> int:
        return round(100 * self.worked / self.total) if self.total else 100

    @property
    def articles(self) -> list[int]:
        """Ids of the articles the job stored or found already stored, in item order."""
        return [i.article_id for i in self.items if i.article_id is not None]


def create_job(
    session: Session, *, items: list[NewItem], meta: ArticleMeta, user_id: int | None
) -> int:
    """Store a job with its items, queued; returns its id."""
    job = IngestJob(created_by=user_id, meta=meta.model_dump(mode="json", exclude_none=True))
    job.items = [
        IngestJobItem(
            position=n,
            kind=i.kind,
            label=i.label,
            payload=i.payload,
            state=JobState.FAILED.value if i.failure else JobState.QUEUED.value,
            message=i.failure,
        )
        for n, i in enumerate(items)
    ]
    session.add(job)
    session.commit()
    assert job.id is not None
    return job.id


def get_job(session: Session, job_id: int) -> JobView | None:
    """The job's progress and its items' outcomes, or None."""
    job = session.exec(
        select(IngestJob).where(IngestJob.id == job_id).options(selectinload(IngestJob.items))
    ).first()
    if job is None:
        return None
    assert job.id is not None
    items = [
        ItemView(
            i.position,
            i.kind,
            i.label,
            i.state,
            i.message,
            i.article_id,
            i.statements_new,
            i.statements_merged,
        )
        for i in sorted(job.items, key=lambda i: i.position)
    ]
    return JobView(
        id=job.id,
        state=job.state,
        total=len(items),
        worked=sum(i.state in FINISHED for i in items),
        failed=sum(i.state == JobState.FAILED.value for i in items),
        items=items,
    )


def unfinished_jobs(session: Session) -> list[int]:
    """Jobs queued or interrupted while running, oldest first (to resume at start-up)."""
    query = (
        select(IngestJob.id)
        .where(col(IngestJob.state).in_([JobState.QUEUED.value, JobState.RUNNING.value]))
        .order_by(col(IngestJob.id))
    )
    return [i for i in session.exec(query) if i is not None]


def job_meta(session: Session, job_id: int) -> ArticleMeta:
    job = session.get(IngestJob, job_id)
    return ArticleMeta(**job.meta) if job is not None else ArticleMeta()


def next_item(session: Session, job_id: int) -> IngestJobItem | None:
    """The job's next item to work (one interrupted while running is worked again)."""
    query = (
        select(IngestJobItem)
        .where(
            IngestJobItem.job_id == job_id,
            col(IngestJobItem.state).in_([JobState.QUEUED.value, JobState.RUNNING.value]),
        )
        .order_by(col(IngestJobItem.position))
        .limit(1)
    )
    return session.exec(query).first()


def set_job_state(session: Session, job_id: int, state: JobState) -> None:
    job = session.get(IngestJob, job_id)
    if job is None:
        return
    job.state = state.value
    if state is JobState.DONE:
        job.finished_at = utcnow()
    session.add(job)
    session.commit()


def finish_item(
    session: Session,
    item: IngestJobItem,
    *,
    state: JobState,
    message: str | None = None,
    article_id: int | None = None,
    statements_new: int = 0,
    statements_merged: int = 0,
) -> None:
    """Record an item's outcome and drop its bytes."""
    item.state = state.value
    item.message = message
    item.article_id = article_id
    item.statements_new = statements_new
    item.statements_merged = statements_merged
    item.payload = None
    session.add(item)
    session.commit()
