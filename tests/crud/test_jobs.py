"""The shared queue: each item claimed by one worker, a dead worker's item taken again."""

import datetime as dt
import threading
from pathlib import Path

from sqlalchemy import Engine, update
from sqlmodel import Session, select

from app.crud.jobs import NewItem, claim_item, create_job, finish_item, finish_job_if_done, get_job
from app.db import create_db_engine
from app.models import IngestJob, IngestJobItem, JobState
from app.sources_meta import ArticleMeta

TIMEOUT = dt.timedelta(minutes=10)


def queue_job(engine: Engine, items: int) -> int:
    with Session(engine) as session:
        return create_job(
            session,
            items=[NewItem("text", f"pasted text {n}", b"words") for n in range(items)],
            meta=ArticleMeta(),
            user_id=None,
        )


def test_claims_follow_the_queue_and_mark_the_job_running(engine: Engine) -> None:
    first, second = queue_job(engine, 2), queue_job(engine, 1)
    with Session(engine) as session:
        taken = [claim_item(session, worker="w", stale_after=TIMEOUT) for _ in range(4)]

        assert [(i.job_id, i.position) for i in taken if i] == [(first, 0), (first, 1), (second, 0)]
        assert taken[3] is None
        assert all(i.state == "running" and i.claimed_by == "w" for i in taken if i)
        assert session.get(IngestJob, first).state == "running"


def test_two_workers_racing_on_one_database_never_take_the_same_item(
    engine: Engine, tmp_path: Path
) -> None:
    job_id = queue_job(engine, 60)
    url = engine.url.render_as_string(hide_password=False)
    taken: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def work(name: str) -> None:
        # Each worker its own engine, so its own connections, as two processes would have.
        own = create_db_engine(url)
        start.wait()
        with Session(own) as session:
            while (item := claim_item(session, worker=name, stale_after=TIMEOUT)) is not None:
                taken[name].append(item.id)
        own.dispose()

    threads = [threading.Thread(target=work, args=(name,)) for name in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    with Session(engine) as session:
        ids = set(session.exec(select(IngestJobItem.id).where(IngestJobItem.job_id == job_id)))
        owners = dict(session.exec(select(IngestJobItem.id, IngestJobItem.claimed_by)).all())
    assert sorted(taken["a"] + taken["b"]) == sorted(ids)  # each item once, none left
    assert all(owners[i] == name for name, mine in taken.items() for i in mine)


def test_a_claim_older_than_the_timeout_is_taken_again(engine: Engine) -> None:
    queue_job(engine, 1)
    with Session(engine) as session:
        dead = claim_item(session, worker="dead", stale_after=TIMEOUT)
        assert dead is not None
        assert claim_item(session, worker="alive", stale_after=TIMEOUT) is None

        long_ago = dt.datetime.now(dt.UTC) - TIMEOUT - dt.timedelta(seconds=1)
        session.execute(update(IngestJobItem).values(claimed_at=long_ago))
        session.commit()
        retaken = claim_item(session, worker="alive", stale_after=TIMEOUT)

        assert retaken is not None and retaken.id == dead.id
        assert retaken.claimed_by == "alive"
        assert claim_item(session, worker="third", stale_after=TIMEOUT) is None


def test_the_job_is_done_only_when_its_last_item_is(engine: Engine) -> None:
    job_id = queue_job(engine, 2)
    with Session(engine) as session:
        first = claim_item(session, worker="a", stale_after=TIMEOUT)
        second = claim_item(session, worker="b", stale_after=TIMEOUT)
        finish_item(session, first, state=JobState.DONE)
        assert not finish_job_if_done(session, job_id)  # b is still working

        finish_item(session, second, state=JobState.FAILED, message="no")

        assert finish_job_if_done(session, job_id)
        assert get_job(session, job_id).finished
        assert not finish_job_if_done(session, job_id)  # once


def test_a_job_with_nothing_to_work_is_done_at_once(session: Session) -> None:
    job_id = create_job(
        session,
        items=[NewItem("file", "broken.bin", failure="not a text file")],
        meta=ArticleMeta(),
        user_id=None,
    )

    assert get_job(session, job_id).finished
