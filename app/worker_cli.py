"""`python -m app worker`: a process that works ingest jobs from the database's queue."""

import signal
import threading
from types import FrameType
from typing import Annotated

import typer

from app.db import get_engine
from app.db_checks import check_database
from app.jobs import work_queue, worker_name


def worker(
    drain: Annotated[
        bool, typer.Option(help="Exit once the queue is empty instead of waiting for more.")
    ] = False,
    poll: Annotated[
        float, typer.Option(min=0.1, help="Seconds between looks at an empty queue.")
    ] = 2.0,
) -> None:
    """Work queued ingest jobs (added on the web or the API) until stopped; run one per core,
    on as many machines as share the (migrated) database. Ctrl-C or SIGTERM ends it after
    the current article."""
    from app.cli import require_parser  # the command's home module, imported when it runs

    check_database()
    require_parser()
    # No migrating here: workers start side by side on several machines; the database is
    # migrated once, by `serve`, `ingest` or `python -m app db upgrade`.
    stop = threading.Event()

    def finish(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {s: signal.signal(s, finish) for s in (signal.SIGTERM, signal.SIGINT)}
    name = worker_name()
    typer.echo(f"worker {name}: waiting for ingest jobs", err=True)
    try:
        worked = work_queue(get_engine(), worker=name, stop=stop, drain=drain, poll=poll)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    typer.echo(f"worker {name}: {worked} items worked")
