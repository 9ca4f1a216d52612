"""The background runner of ingest jobs: one worker thread per process takes jobs from a
queue and works their items one by one, each in its own transaction, so the web keeps
answering while articles are fetched and extracted. A failed item records why and the
others go on; unfinished jobs found at start-up (a restart mid-job) are resumed."""

import logging
import queue
import threading
from collections.abc import Callable

from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.crud.ingest import article_with_url
from app.crud.jobs import finish_item, job_meta, next_item, set_job_state, unfinished_jobs
from app.crud.reextract import reextract_article
from app.db import get_engine
from app.fetching import FetchError, load_url
from app.loading import LoadedDocument, LoadError, document_from_bytes
from app.models import IngestJobItem, JobState
from app.sources_meta import ArticleMeta, MetaError

log = logging.getLogger(__name__)


def work_job(engine: Engine, job_id: int) -> None:
    """Work every unfinished item of a job, then mark it done."""
    with Session(engine) as session:
        set_job_state(session, job_id, JobState.RUNNING)
        meta = job_meta(session, job_id)
        while (item := next_item(session, job_id)) is not None:
            item.state = JobState.RUNNING.value
            session.add(item)
            session.commit()
            _work_item(session, item, meta)
        set_job_state(session, job_id, JobState.DONE)


def _work_item(session: Session, item: IngestJobItem, meta: ArticleMeta) -> None:
    if item.kind == "reextract":
        _reextract_item(session, item)
        return
    try:
        if item.kind == "url":
            known = article_with_url(session, item.label)
            if known is not None:
                finish_item(
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
    except (LoadError, FetchError, MetaError) as exc:
        session.rollback()
        finish_item(session, item, state=JobState.FAILED, message=str(exc))
        return
    except Exception as exc:  # one bad item must not stop the others
        session.rollback()
        log.exception("ingest job item %s failed", item.id)
        finish_item(session, item, state=JobState.FAILED, message=f"{type(exc).__name__}: {exc}")
        return
    finish_item(
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
        finish_item(session, item, state=JobState.FAILED, message=f"{type(exc).__name__}: {exc}")
        return
    finish_item(
        session,
        item,
        state=JobState.DONE,
        message=result.summary(),
        article_id=article_id,
        statements_new=result.added,
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
    """A worker thread fed with job ids; started with the app, resumes unfinished jobs."""

    def __init__(self, engine_provider: Callable[[], Engine] = get_engine) -> None:
        self.engine_provider = engine_provider
        self._queue: queue.Queue[int | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the worker and queue the jobs a previous run left unfinished."""
        with Session(self.engine_provider()) as session:
            pending = unfinished_jobs(session)
        for job_id in pending:
            self.submit(job_id)
        self._ensure_thread()

    def submit(self, job_id: int) -> None:
        self._queue.put(job_id)
        self._ensure_thread()

    def stop(self, timeout: float = 30.0) -> None:
        """Let the worker finish its current item's job, then end it."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="ingest-jobs", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while (job_id := self._queue.get()) is not None:
            try:
                work_job(self.engine_provider(), job_id)
            except Exception:
                log.exception("ingest job %s stopped", job_id)


RUNNER = JobRunner()
