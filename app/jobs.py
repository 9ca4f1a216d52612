"""Working ingest jobs: each item is claimed from the database (app/crud/jobs.py) and
worked in its own transaction, so any number of workers share the queue: a thread of the
web process (JobRunner, unless JOBS_IN_PROCESS=0) and `python -m app worker` processes on
this or other machines. A failed item records why and the others go on; an item a dead
worker left running is taken again once its claim is stale."""

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import get_settings
from app.crud.ingest import article_with_url
from app.crud.jobs import claim_item, finish_item, finish_job_if_done, job_meta
from app.crud.reextract import reextract_article
from app.crud.transactions import NotStored, write_retrying
from app.db import get_engine
from app.fetching import FetchError, load_url
from app.loading import LoadedDocument, LoadError, document_from_bytes
from app.models import IngestJobItem, JobState
from app.sources_meta import ArticleMeta, MetaError

log = logging.getLogger(__name__)


def worker_name() -> str:
    """A name for this worker, unique across machines and restarts (kept with its claims)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=get_settings().job_claim_timeout)


def work_next(engine: Engine, *, worker: str, job_id: int | None = None) -> bool:
    """Claim one item (of `job_id`, or of any job) and work it; whether there was one."""
    with Session(engine) as session:
        item = write_retrying(
            session,
            lambda: claim_item(session, worker=worker, stale_after=_stale_after(), job_id=job_id),
            what="claiming an ingest job item",
        )
        if item is None:
            return False
        _work_item(session, item, job_meta(session, item.job_id))
        worked = item.job_id
        write_retrying(
            session, lambda: finish_job_if_done(session, worked), what=f"ingest job {worked}"
        )
    return True


def work_job(engine: Engine, job_id: int) -> None:
    """Work every item of a job this worker can claim, then mark it done if it is."""
    worker = worker_name()
    while work_next(engine, worker=worker, job_id=job_id):
        pass
    with Session(engine) as session:
        finish_job_if_done(session, job_id)


def work_queue(
    engine: Engine,
    *,
    worker: str | None = None,
    stop: threading.Event | None = None,
    drain: bool = False,
    poll: float = 2.0,
) -> int:
    """Work items from the shared queue until `stop` is set (the current item finishes
    first), or, with `drain`, until the queue is empty; returns how many were worked."""
    worker = worker or worker_name()
    stop = stop or threading.Event()
    worked = 0
    while not stop.is_set():
        if work_next(engine, worker=worker):
            worked += 1
        elif drain:
            break
        else:
            stop.wait(poll)
    return worked


def _work_item(session: Session, item: IngestJobItem, meta: ArticleMeta) -> None:
    if item.kind == "reextract":
        _reextract_item(session, item)
        return
    try:
        if item.kind == "url":
            known = article_with_url(session, item.label)
            if known is not None:
                _finish(
                    session,
                    item,
                    state=JobState.SKIPPED,
                    message="this URL was added before",
                    article_id=known.id,
                )
                return
        document, page_meta = _load(item)
        merged = meta.over(page_meta)
        result = crud.ingest_article(session, text=document.text, file_name=item.label, meta=merged)
    except (LoadError, FetchError, MetaError, NotStored) as exc:
        session.rollback()
        _finish(session, item, state=JobState.FAILED, message=str(exc))
        return
    except Exception as exc:  # one bad item must not stop the others
        session.rollback()
        log.exception("ingest job item %s failed", item.id)
        _finish(session, item, state=JobState.FAILED, message=f"{type(exc).__name__}: {exc}")
        return
    _finish(
        session,
        item,
        state=JobState.SKIPPED if result.skipped else JobState.DONE,
        message="the same text was added before" if result.skipped else None,
        article_id=result.article_id,
        statements_new=result.statements_new,
        statements_merged=result.statements_merged,
    )


def _reextract_item(session: Session, item: IngestJobItem) -> None:
    """Read a stored article again (the item's payload is its id)."""
    article_id = int(item.payload or b"0")
    try:
        result = reextract_article(session, article_id)
    except Exception as exc:
        session.rollback()
        log.exception("re-extraction of article %s failed", article_id)
        _finish(session, item, state=JobState.FAILED, message=f"{type(exc).__name__}: {exc}")
        return
    _finish(
        session,
        item,
        state=JobState.DONE,
        message=result.summary(),
        article_id=article_id,
        statements_new=result.added,
    )


def _finish(session: Session, item: IngestJobItem, **outcome: Any) -> None:
    """Record the item's outcome (`finish_item`), again when it meets another writer's lock."""
    item_id = item.id
    write_retrying(
        session,
        lambda: finish_item(session, item, **outcome),
        what=f"the outcome of ingest job item {item_id}",
    )


def _load(item: IngestJobItem) -> tuple[LoadedDocument, ArticleMeta | None]:
    """The item's article text and the metadata its file or page carries."""
    if item.kind == "url":
        return load_url(item.label)
    payload = item.payload or b""
    if item.kind == "text":
        document = document_from_bytes(payload, name=item.label, html=False)
        return document, None
    html = item.label.lower().endswith((".html", ".htm"))
    document = document_from_bytes(payload, name=item.label, html=html)
    return document, document.meta


class JobRunner:
    """The web process's own worker: a thread working the shared queue, woken at once by
    a job submitted here and looking every `poll` seconds for others' (another web
    process's, a stale claim). Not started when JOBS_IN_PROCESS=0."""

    def __init__(self, engine_provider: Callable[[], Engine] = get_engine, poll: float = 5.0):
        self.engine_provider = engine_provider
        self.poll = poll
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the worker; it first works what a previous run left unfinished."""
        if not get_settings().jobs_in_process:
            return
        self._stop.clear()
        self._ensure_thread()
        self._wake.set()

    def submit(self, job_id: int) -> None:
        """A job was queued: work it now (the id is only a wake-up; the queue is the database)."""
        if not get_settings().jobs_in_process:
            return  # `python -m app worker` processes will claim it
        self._ensure_thread()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Let the worker finish its current item, then end it."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            self._wake.set()
            thread.join(timeout)

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._loop, name="ingest-jobs", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        worker = worker_name()
        while not self._stop.is_set():
            self._wake.clear()
            try:
                while not self._stop.is_set() and work_next(self.engine_provider(), worker=worker):
                    pass
            except Exception:
                log.exception("ingest worker stopped working the queue")
            self._wake.wait(self.poll)


RUNNER = JobRunner()
