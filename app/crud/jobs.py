"""Ingest jobs in the database: created by a request, worked by the background runner or
by `python -m app worker` processes, read by the progress bar. Their state lives here, so a
job survives a page reload and a restart of the server, and several workers (on several
machines, with PostgreSQL) share one queue: each item is claimed by exactly one of them,
and an item whose worker died is claimed again once its claim is stale."""

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, or_, update
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
    if all(i.state != JobState.QUEUED.value for i in job.items):
        # Nothing for a worker to claim, so no worker would ever finish it.
        job.state, job.finished_at = JobState.DONE.value, utcnow()
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


def job_meta(session: Session, job_id: int) -> ArticleMeta:
    job = session.get(IngestJob, job_id)
    return ArticleMeta(**job.meta) if job is not None else ArticleMeta()


def claim_item(
    session: Session, *, worker: str, stale_after: dt.timedelta, job_id: int | None = None
) -> IngestJobItem | None:
    """Take the oldest queued item (of `job_id`, or of any job) for `worker`, or one whose
    claim is older than `stale_after`; None when there is none. Committed on return."""
    now = utcnow()
    claimable = or_(
        col(IngestJobItem.state) == JobState.QUEUED.value,
        and_(
            col(IngestJobItem.state) == JobState.RUNNING.value,
            # NULL: left running by a runner from before claims were recorded.
            or_(
                col(IngestJobItem.claimed_at).is_(None),
                col(IngestJobItem.claimed_at) < now - stale_after,
            ),
        ),
    )
    pick = select(IngestJobItem.id).where(claimable)
    if job_id is not None:
        pick = pick.where(IngestJobItem.job_id == job_id)
    # PostgreSQL: FOR UPDATE SKIP LOCKED, so concurrent workers pass over each other's pick
    # instead of waiting on it. SQLite has no row locks (the clause is left out): there the
    # UPDATE below repeats the condition, and SQLite runs one writer at a time, so of two
    # workers that picked the same item only the first changes it.
    pick = (
        pick.order_by(col(IngestJobItem.job_id), col(IngestJobItem.position))
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    while (item_id := session.exec(pick).first()) is not None:
        taken = session.execute(
            update(IngestJobItem)
            .where(col(IngestJobItem.id) == item_id, claimable)
            .values(state=JobState.RUNNING.value, claimed_at=now, claimed_by=worker)
        )
        if taken.rowcount != 1:
            session.rollback()
            continue  # another worker was first: pick again
        item = session.get(IngestJobItem, item_id)
        assert item is not None
        session.execute(
            update(IngestJob)
            .where(col(IngestJob.id) == item.job_id, col(IngestJob.state) == JobState.QUEUED.value)
            .values(state=JobState.RUNNING.value)
        )
        session.commit()
        return item
    session.rollback()
    return None


def finish_job_if_done(session: Session, job_id: int) -> bool:
    """Mark the job done if none of its items is queued or being worked; whether this did."""
    pending = exists().where(
        col(IngestJobItem.job_id) == job_id,
        col(IngestJobItem.state).in_([JobState.QUEUED.value, JobState.RUNNING.value]),
    )
    # One conditional UPDATE: of two workers finishing a job's last items, the one that
    # commits second sees both finished.
    done = session.execute(
        update(IngestJob)
        .where(col(IngestJob.id) == job_id, col(IngestJob.state) != JobState.DONE.value, ~pending)
        .values(state=JobState.DONE.value, finished_at=utcnow())
    )
    session.commit()
    return done.rowcount == 1


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
