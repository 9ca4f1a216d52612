"""A bounded load test: many concurrent clients against a real uvicorn on loopback.

Starts the app as the README's production section runs it (`uvicorn app.main:app
--workers N`, with `JOBS_IN_PROCESS=0` so no web worker parses articles), then `--clients`
clients each send requests back to back for `--seconds` (at most 60: it stops by itself),
drawn from a fixed mix of what analysts do: timeline filters and their HTMX fragments,
compare and period diff, statement pages, filtered CSV exports and JSON API calls. Prints,
and with `--out` writes, a Markdown table: requests, errors (any status but 200, and
transport failures) and latency percentiles per kind and overall.

    python -m bench.load /tmp/bench-run-100000.db --clients 50 --seconds 60 --workers 2

The database is read, never written. Statement ids for statement pages are read from it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from bench.scale import database_url, free_port, p95, serving

MAX_SECONDS = 60.0
WARM = 10.0  # seconds after which the table's last row counts requests

# (kind, path) pairs; `{id}` is a stored statement id, `{speaker}` a stored speaker slug.
MIX = [
    ("timeline", "/"),
    ("timeline", "/?speaker={speaker}"),
    ("timeline", "/?condition=territory&date_from=2024&date_to=2024"),
    ("timeline", "/?condition=territory&condition=ceasefire&date_from=2024&date_to=2024"),
    ("timeline", "/?q=ceasefire"),
    ("timeline fragment", "/?speaker={speaker}&_htmx=1"),
    ("compare", "/compare"),
    ("compare", "/compare?who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025"),
    ("statement page", "/statements/{id}"),
    ("statement page", "/statements/{id}"),
    ("export", "/export.csv?speaker={speaker}&date_from=2025-03&date_to=2025-03"),
    ("api", "/api/statements?speaker={speaker}"),
    ("api", "/api/statements/{id}"),
    ("api", "/api/statements?condition=ceasefire&date_from=2023&date_to=2023"),
]


@dataclass
class Tally:
    """What one kind of request gave: latencies of the answered ones, and the failures."""

    seconds: list[float] = field(default_factory=list)
    started: list[float] = field(default_factory=list)  # when each began, from the start
    errors: int = 0
    cached: list[bool] = field(default_factory=list)  # each from the page cache or not
    statuses: dict[int, int] = field(default_factory=dict)


def stored_choices(db: str) -> tuple[list[int], list[str]]:
    """Statement ids and the slugs of speakers with statements, read from the SQLite file."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        ids = [
            r[0]
            for r in connection.execute("SELECT id FROM statement ORDER BY random() LIMIT 2000")
        ]
        slugs = [
            r[0]
            for r in connection.execute(
                "SELECT slug FROM speaker WHERE id IN (SELECT DISTINCT speaker_id FROM statement)"
                " ORDER BY random() LIMIT 200"
            )
        ]
    if not ids or not slugs:
        raise SystemExit(f"error: {db} holds no statements")
    return ids, slugs


async def client(
    http: aiohttp.ClientSession,
    deadline: float,
    rng: random.Random,
    ids: list[int],
    slugs: list[str],
    seen,
) -> None:
    began = deadline - time.monotonic()
    while (left := deadline - time.monotonic()) > 0:
        kind, path = rng.choice(MIX)
        path = path.format(id=rng.choice(ids), speaker=rng.choice(slugs))
        headers = {"HX-Request": "true"} if kind == "timeline fragment" else {}
        started = time.perf_counter()
        tally = seen[kind]
        try:
            async with http.get(path, headers=headers) as response:
                await response.read()
        except (aiohttp.ClientError, TimeoutError):
            tally.errors += 1
            continue
        tally.statuses[response.status] = tally.statuses.get(response.status, 0) + 1
        if response.status != 200:
            tally.errors += 1
        else:
            tally.seconds.append(time.perf_counter() - started)
            tally.started.append(began - left)
            tally.cached.append(response.headers.get("x-page-cache") == "hit")


async def run_clients(base: str, clients: int, seconds: float, db: str, seed: int):
    ids, slugs = stored_choices(db)
    seen: dict[str, Tally] = defaultdict(Tally)
    deadline = time.monotonic() + seconds
    # At most one connection per client, kept alive, as a browser keeps its own; aiohttp
    # rather than httpx: the load shares the machine's cores with the server, and its C
    # parser takes 0.4 ms of CPU a request where httpx's pure Python took 1.1 ms.
    async with aiohttp.ClientSession(
        base_url=base,
        connector=aiohttp.TCPConnector(limit=clients),
        timeout=aiohttp.ClientTimeout(total=MAX_SECONDS),
    ) as http:
        await asyncio.gather(
            *(
                client(http, deadline, random.Random(seed + n), ids, slugs, seen)
                for n in range(clients)
            )
        )
    return seen


def measure(db: str, *, clients: int, seconds: float, workers: int, seed: int = 7) -> dict:
    """Serve `db` with `workers` uvicorn processes and load it; returns the tallies."""
    seconds = min(seconds, MAX_SECONDS)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(db), "JOBS_IN_PROCESS": "0"}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    base = f"http://127.0.0.1:{port}"
    with serving(command, f"{base}/healthz", env):
        started = time.monotonic()
        seen = asyncio.run(run_clients(base, clients, seconds, db, seed))
        elapsed = time.monotonic() - started
    return {"seen": dict(seen), "elapsed": elapsed, "clients": clients, "workers": workers}


def table(result: dict) -> str:
    seen: dict[str, Tally] = result["seen"]
    lines = [
        f"{result['clients']} clients for {result['elapsed']:.0f} s against "
        f"{result['workers']} uvicorn workers.",
        "",
        "| requests | answered | errors | from the page cache | median | p95 | max |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    everything = Tally()
    for kind in sorted(seen):
        t = seen[kind]
        everything.seconds += t.seconds
        everything.started += t.started
        everything.errors += t.errors
        everything.cached += t.cached
        lines.append(_row(kind, t))
    lines.append(_row("**all**", everything))
    # Once every kind of page has been asked for a few times: the first seconds are the
    # cold start, where 50 clients wait together for pages no one has asked for yet.
    warm = Tally()
    for s, at, cached in zip(
        everything.seconds, everything.started, everything.cached, strict=True
    ):
        if at >= WARM:
            warm.seconds.append(s)
            warm.cached.append(cached)
    lines.append(_row(f"all begun after the first {WARM:g} s", warm))
    total = sum(len(t.seconds) + t.errors for t in seen.values())
    lines += ["", f"{total / result['elapsed']:.1f} requests/s in all."]
    return "\n".join(lines)


def _row(kind: str, t: Tally) -> str:
    if not t.seconds:
        return f"| {kind} | 0 | {t.errors} | | | | |"
    ms = [s * 1000 for s in t.seconds]
    cached = sum(t.cached) / len(ms)
    return (
        f"| {kind} | {len(ms)} | {t.errors} | {cached:.0%} | {statistics.median(ms):.0f} ms "
        f"| {p95(ms):.0f} ms | {max(ms):.0f} ms |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="a SQLite database file (read only)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=MAX_SECONDS, help="at most 60")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--out", help="also write the table to this Markdown file")
    args = parser.parse_args()
    result = measure(args.db, clients=args.clients, seconds=args.seconds, workers=args.workers)
    report = table(result)
    print(report)
    if args.out:
        Path(args.out).write_text(report + "\n", encoding="utf-8")
    if any(t.errors for t in result["seen"].values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
