"""The background runner: items worked in order, failures recorded, jobs resumed."""

import time

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from test_crud import RT

from app.config import get_settings
from app.crud.jobs import NewItem, create_job, get_job
from app.jobs import JobRunner, work_job
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
