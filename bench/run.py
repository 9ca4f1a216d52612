"""Every scale benchmark in one command, written to a Markdown file (bench/RESULTS.md).

For each size: fill a SQLite database through the project's schema (bench/fill.py), time
the dashboard's requests through uvicorn and, with `--datasette`, Datasette's equivalents
on the same file in the same run (bench/scale.py), time full CSV exports with the server's
peak RSS, and time ingestion of new synthetic articles with the real engine into an empty
database and into the filled one, serially, pooled and with worker processes
(bench/ingest.py). Datasette is a bench-only dependency: install it in its own virtual
environment and pass its executable.

    python -m bench.run --statements 100000 1000000 --datasette /tmp/dsenv/bin/datasette \
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres

With `--postgres` (a server URL; `bash scripts/postgres.sh` starts a throwaway one), the
same fill, requests and exports run again on a fresh PostgreSQL database per size.

The machine is shared and noisy: compare ratios within one run, not times across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from bench import ingest, scale
from bench.fill import fill


def machine() -> str:
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}"
    )


def export_table(db: str, runs: int) -> str:
    lines = [
        "| export | rows | MB | median s | rows/s | first byte | RSS idle | RSS peak |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for per, path in scale.EXPORTS.items():
        f = scale.measure_export(db, runs, path)
        lines.append(
            f"| per {per} | {f['rows']:,.0f} | {f['megabytes']:.0f} | {f['seconds']:.1f} "
            f"| {f['rows_per_second']:,.0f} | {f['first_byte_ms']:.0f} ms "
            f"| {f['idle_rss_mb']:.0f} MB | {f['peak_rss_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def ingest_table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| database | statements before | mode | processes | articles/s (median) | runs |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['database']} | {r['statements']:,} | {r['mode']} | {r['processes']} "
            f"| {r['articles_per_s_median']} | {r['runs']} |"
        )
    return "\n".join(lines)


def fresh_postgres(server: str, name: str) -> str:
    """The URL of an empty database `name` on the server (dropped and made again)."""
    url = make_url(server)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=7, help="timed requests of each kind")
    parser.add_argument("--export-runs", type=int, default=3)
    parser.add_argument("--ingest-runs", type=int, default=3)
    parser.add_argument("--ingest-batch", type=int, default=40, help="articles per run")
    parser.add_argument("--datasette", help="a datasette executable (bench-only)")
    parser.add_argument("--postgres", help="a PostgreSQL server URL: measure there too")
    parser.add_argument("--work", default=tempfile.gettempdir(), help="folder for databases")
    parser.add_argument("--out", default=str(Path(__file__).with_name("RESULTS.md")))
    args = parser.parse_args()

    sections = [
        "# Scale benchmark results",
        f"Written by `python -m bench.run` on {dt.date.today()}: {machine()}. Medians and "
        f"p95 over {args.runs} timed requests after a warm-up, through uvicorn on loopback.",
    ]
    filled: dict[str, str | None] = {"empty": None}
    for statements in args.statements:
        db = Path(args.work) / f"bench-run-{statements}.db"
        for stale in Path(args.work).glob(db.name + "*"):
            stale.unlink()
        made = fill(f"sqlite:///{db}", statements)
        filled[f"{statements:,} statements"] = f"sqlite:///{db}"
        sections += [
            f"## {statements:,} statements ({made['articles']:,} articles)",
            f"Filled in {made['seconds']:.0f} s (bench/fill.py, tally included).",
            scale.latency_table(scale.measure_requests(str(db), args.runs, args.datasette)),
            "### CSV export",
            export_table(str(db), args.export_runs),
        ]
        if args.postgres:
            url = fresh_postgres(args.postgres, f"bench_{statements}")
            made = fill(url, statements)
            sections += [
                f"## {statements:,} statements on PostgreSQL",
                f"Filled in {made['seconds']:.0f} s.",
                scale.latency_table(scale.measure_requests(url, args.runs)),
                "### CSV export",
                export_table(url, args.export_runs),
            ]
    rows = ingest.measure(filled=filled, runs=args.ingest_runs, batch=args.ingest_batch)
    sections += ["## Ingestion with the real engine", ingest_table(rows)]
    Path(args.out).write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
