"""`python -m app worker`: queued jobs worked end to end, by one worker or several."""

import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, select
from test_crud import ISW, RT
from typer.testing import CliRunner

from app import cli
from app.config import get_settings
from app.crud.jobs import NewItem, create_job, get_job
from app.db import get_engine, upgrade_database
from app.models import Article, IngestJobItem
from app.sources_meta import ArticleMeta

ROOT = Path(__file__).resolve().parents[1]


def queue(texts: list[str]) -> int:
    upgrade_database()
    with Session(get_engine()) as session:
        return create_job(
            session,
            items=[NewItem("text", f"pasted text {n}", t.encode()) for n, t in enumerate(texts)],
            meta=ArticleMeta(publisher="Desk"),
            user_id=None,
        )


def test_the_worker_works_a_queued_job_and_exits_when_drained() -> None:
    job_id = queue([RT, ISW])

    result = CliRunner().invoke(cli.app, ["worker", "--drain"])

    assert result.exit_code == 0, result.output
    assert "2 items worked" in result.output
    with Session(get_engine()) as session:
        job = get_job(session, job_id)
        assert job.finished and [i.state for i in job.items] == ["done", "done"]
        assert {a.publisher for a in session.exec(select(Article))} == {"Desk"}
        assert job.items[0].statements_new > 0


def test_two_worker_processes_work_each_item_exactly_once() -> None:
    # Each a sentence of our own, so each item is a new article, never "added before".
    texts = [
        f"Talks, day {n}\n\nPutin said on Tuesday that Russia demands a halt to arms "
        f"deliveries before any truce, number {n}."
        for n in range(8)
    ]
    job_id = queue(texts)
    env = {**os.environ, "DATABASE_URL": get_settings().database_url}

    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "worker", "--drain", "--poll", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=300) for w in workers]

    assert [w.returncode for w in workers] == [0, 0], outputs
    with Session(get_engine()) as session:
        job = get_job(session, job_id)
        # A second take of an item would have found its text stored: "skipped".
        assert job.finished and {i.state for i in job.items} == {"done"}
        assert len(session.exec(select(Article)).all()) == len(texts)
        claimed = session.exec(select(IngestJobItem.claimed_by)).all()
    worked = sum(int(out.split(": ")[-1].split()[0]) for out, _err in outputs)
    assert worked == len(texts)
    assert all(claimed)
