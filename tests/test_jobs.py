"""The background runner: items worked in order, failures recorded, jobs resumed."""

import threading
import time

import pytest
from factories import FakeEngine, extraction, statement
from locks import engine_that_does_not_wait, lock_held
from sqlalchemy import Engine
from sqlmodel import Session, select
from test_crud import RT

import app.engine as extraction_engine
from app.config import get_settings
from app.crud.jobs import NewItem, create_job, get_job
from app.jobs import JobRunner, work_job, work_next
from app.models import Article, IngestJob, IngestJobItem
from app.sources_meta import ArticleMeta


def test_a_failed_item_records_why_and_the_next_is_still_stored(engine: Engine) -> None:
    with Session(engine) as session:
        job_id = create_job(
            session,
            items=[
                NewItem("file", "broken.txt", b"\x00\x01\x02 binary"),
                NewItem("text", "pasted text", RT.encode()),
                NewItem("file", "empty.md", b"   "),
            ],
            meta=ArticleMeta(publisher="Analyst"),
            user_id=None,
        )

    work_job(engine, job_id)

    with Session(engine) as session:
        job = get_job(session, job_id)
        assert job is not None and job.finished
        assert [i.state for i in job.items] == ["failed", "done", "failed"]
        assert "not a text file" in (job.items[0].message or "")
        assert "the file is empty" in (job.items[2].message or "")
        assert (job.worked, job.failed, job.percent) == (3, 2, 100)
        article = session.exec(select(Article)).one()
        assert article.publisher == "Analyst" and job.articles == [article.id]
        # the bytes are not kept once worked
        assert all(p is None for p in session.exec(select(IngestJobItem.payload)))


def test_the_runner_resumes_a_job_a_restart_interrupted(engine: Engine) -> None:
    with Session(engine) as session:
        job_id = create_job(
            session,
            items=[NewItem("text", "pasted text", RT.encode())],
            meta=ArticleMeta(),
            user_id=None,
        )
        job = session.get(IngestJob, job_id)
        job.state = "running"  # as a crash would leave it
        session.add(job)
        session.commit()

    runner = JobRunner(lambda: engine)
    runner.start()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with Session(engine) as session:
                if get_job(session, job_id).finished:
                    break
            time.sleep(0.05)
    finally:
        runner.stop()

    with Session(engine) as session:
        assert get_job(session, job_id).items[0].state == "done"


def test_with_jobs_out_of_process_the_web_runner_leaves_the_queue_to_the_workers(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBS_IN_PROCESS", "0")
    get_settings.cache_clear()
    with Session(engine) as session:
        job_id = create_job(
            session,
            items=[NewItem("text", "pasted text", RT.encode())],
            meta=ArticleMeta(),
            user_id=None,
        )

    runner = JobRunner(lambda: engine)
    runner.start()
    runner.submit(job_id)
    runner.stop()

    assert runner._thread is None
    with Session(engine) as session:
        assert get_job(session, job_id).items[0].state == "queued"


def test_a_worker_that_meets_a_lock_claims_and_finishes_its_item_once_it_is_free(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    sentence = "Putin said there should be no ceasefire while Kyiv rearms."
    text = f"Kremlin\n\n{sentence}\n"
    monkeypatch.setattr(
        extraction_engine,
        "extract_article",
        FakeEngine({text: extraction([statement(text, sentence)])}),
    )
    with Session(engine) as session:
        job_id = create_job(
            session,
            items=[NewItem("text", "pasted text", text.encode())],
            meta=ArticleMeta(),
            user_id=None,
        )
    impatient = engine_that_does_not_wait(engine.url.render_as_string(hide_password=False))
    # The job's row, which claiming an item and finishing the job update (PostgreSQL);
    # SQLite's write lock.
    job_row = "SELECT id FROM ingest_job WHERE id = :id FOR UPDATE"
    try:
        with lock_held(impatient, job_row, id=job_id) as let_go:
            threading.Timer(0.4, let_go).start()
            assert work_next(impatient, worker="w")
    finally:
        impatient.dispose()

    with Session(engine) as session:
        job = get_job(session, job_id)
        assert job is not None and job.finished
        assert [i.state for i in job.items] == ["done"]
