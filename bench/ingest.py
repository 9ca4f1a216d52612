"""Ingestion throughput with the real engine: articles per second into an empty database
and into databases already holding many statements (bench/fill.py), serially, with the
`ingest` command's process pool, and with one or more `python -m app worker` processes
working a queued job. Each figure is the median of several runs over fresh articles
(bench/corpus.py), so none is skipped as already stored; the parser's start-up is left
out (workers are timed from the moment their job is queued).

    python -m bench.ingest --filled sqlite:////tmp/bench-100k.db --runs 3 --batch 60

Every function returns its numbers, for a runner that writes bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

from rich.console import Console
from sqlalchemy import func
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from app.config import ROOT, get_settings
from app.crud.jobs import NewItem, create_job, get_job
from app.db import create_db_engine, get_engine, upgrade_database
from app.extraction.parser import load_parser
from app.models import Statement
from app.sources_meta import ArticleMeta
from bench.corpus import write_corpus


@contextmanager
def database(url: str) -> Iterator[None]:
    """Point the app's settings and engine at `url` for the duration."""
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        yield
    finally:
        get_engine().dispose()
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
        get_settings.cache_clear()
        get_engine.cache_clear()


def statement_count(url: str) -> int:
    engine = create_db_engine(url)
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(Statement)).one()
    engine.dispose()
    return count


def fresh_copy(template: str | None, folder: Path, name: str) -> str:
    """A SQLite URL for a copy of `template` (a SQLite URL), or a new migrated database."""
    path = folder / name
    if template is None:
        url = f"sqlite:///{path}"
        upgrade_database(url)
        return url
    source = Path(make_url(template).database or "")
    shutil.copyfile(source, path)
    return f"sqlite:///{path}"


def pool_rate(url: str, articles: list[Path], *, jobs: int) -> float:
    """Articles per second of `ingest` over `articles` into `url`, with `jobs` processes."""
    from app.cli import ingest_paths

    load_parser(get_settings().spacy_model)  # start-up is not what is measured
    with database(url):
        upgrade_database()
        with open(os.devnull, "w") as devnull, redirect_stdout(devnull):
            started = time.perf_counter()
            totals = ingest_paths(articles, err_console=Console(file=devnull), workers=jobs)
            elapsed = time.perf_counter() - started
    if totals.failed or totals.new != len(articles):
        raise RuntimeError(f"bench ingest went wrong: {totals.summary()}")
    return len(articles) / elapsed


def worker_rate(url: str, articles: list[Path], *, workers: int, timeout: float = 600) -> float:
    """Articles per second of `workers` `python -m app worker` processes working one job of
    `articles`, timed from queueing the job (the workers have loaded their parser)."""
    env = {**os.environ, "DATABASE_URL": url, "JOBS_IN_PROCESS": "0"}
    upgrade_database(url)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "worker", "--poll", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    try:
        for process in processes:
            assert process.stderr is not None
            line = process.stderr.readline()  # "worker ...: waiting for ingest jobs"
            if "waiting" not in line:
                raise RuntimeError(f"worker did not start: {line}{process.stderr.read()}")
        engine = create_db_engine(url)
        items = [NewItem("text", p.name, p.read_bytes()) for p in articles]
        with Session(engine) as session:
            started = time.perf_counter()
            job_id = create_job(session, items=items, meta=ArticleMeta(), user_id=None)
        deadline = started + timeout
        while time.perf_counter() < deadline:
            with Session(engine) as session:
                job = get_job(session, job_id)
            if job is not None and job.finished:
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        engine.dispose()
        if job is None or not job.finished or job.failed:
            raise RuntimeError(f"bench job went wrong: {job}")
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(60)
    return len(articles) / elapsed


def measure(
    *,
    filled: dict[str, str | None],
    runs: int = 3,
    batch: int = 60,
    pool_jobs: tuple[int, ...] = (1, 2),
    workers: tuple[int, ...] = (1, 2),
    seed: int = 11,
    work_dir: Path | None = None,
) -> list[dict[str, object]]:
    """Median articles/s for each database in `filled` (label -> template SQLite URL, None
    for empty), each pool size and each worker count; each run ingests `batch` new
    articles into a fresh copy of the database."""
    folder = Path(work_dir or tempfile.mkdtemp(prefix="bench-ingest-"))
    configurations = [("ingest", j) for j in pool_jobs] + [("worker", w) for w in workers]
    needed = len(filled) * len(configurations) * runs
    corpus = write_corpus(folder / "corpus", articles=needed * batch, seed=seed)
    batches = iter(corpus[n : n + batch] for n in range(0, len(corpus), batch))
    rows = []
    for label, template in filled.items():
        statements = statement_count(template) if template else 0
        for mode, count in configurations:
            rates = []
            for run in range(runs):
                url = fresh_copy(template, folder, f"{label}-{mode}-{count}-{run}.db")
                articles = next(batches)
                if mode == "ingest":
                    rates.append(pool_rate(url, articles, jobs=count))
                else:
                    rates.append(worker_rate(url, articles, workers=count))
                Path(make_url(url).database or "").unlink()
            rows.append(
                {
                    "database": label,
                    "statements": statements,
                    "mode": mode,
                    "processes": count,
                    "articles_per_s_median": round(statistics.median(rates), 2),
                    "runs": [round(r, 2) for r in rates],
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--filled",
        action="append",
        default=[],
        metavar="URL",
        help="a SQLite database filled by bench/fill.py (repeatable); an empty one always runs",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=60, help="articles per run")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="ingest pool sizes")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    filled: dict[str, str | None] = {"empty": None}
    for url in args.filled:
        filled[Path(make_url(url).database or url).stem] = url
    rows = measure(
        filled=filled,
        runs=args.runs,
        batch=args.batch,
        pool_jobs=tuple(args.jobs),
        workers=tuple(args.workers),
    )
    print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
