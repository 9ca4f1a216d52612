"""Server latency and page weight at scale: a real uvicorn on loopback over a database that
`bench/fill.py` filled, the same requests timed several times each (median and p95), and,
when a `datasette` command is given, Datasette serving the same SQLite file for the
equivalent requests in the same run, with our time over theirs as a ratio.

    python -m bench.fill sqlite:////tmp/bench-100k.db --statements 100000
    python -m bench.scale /tmp/bench-100k.db [--runs 7] [--datasette /path/to/datasette]
    python -m bench.scale /tmp/bench-100k.db --export-runs 5 [--only-export]

Prints a Markdown table (paste it into bench/RESULTS.md with the machine noted). The CSV
export is measured on a server of its own (`measure_export`), so its peak RSS is the
export's and not the pages'.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, text

# (name, our path, Datasette's equivalent: a SQL query through its JSON API, or None)
REQUESTS = [
    ("timeline, no filter", "/", "/{db}/statement.json?_sort_desc=date&_size=50"),
    (
        "timeline, one speaker",
        "/?speaker=speaker-3",
        "/{db}/statement.json?speaker_id=3&_sort_desc=date&_size=50",
    ),
    (
        "timeline, two conditions and a year",
        "/?condition=territory&condition=ceasefire&date_from=2024&date_to=2024",
        "/{db}.json?sql=select+s.*+from+statement+s+where+s.date+like+'2024%25'+and+exists"
        "+(select+1+from+statement_condition+c+where+c.statement_id%3Ds.id+and+c.condition"
        "+in+('territory','ceasefire'))+order+by+s.date+desc+limit+50",
    ),
    ("timeline, full text", "/?q=ceasefire", "/{db}/statement.json?_search=ceasefire&_size=50"),
    ("timeline fragment (HTMX), no filter", "/?_htmx=1", None),
    ("compare", "/compare", None),
    ("period diff", "/compare?who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025", None),
    ("/api/statements", "/api/statements", "/{db}/statement.json?_size=50"),
    # {id}: a stored statement's, the middle one (stored_statement_id).
    ("statement page", "/statements/{id}", "/{db}/statement/{id}.json"),
]


def stored_statement_id(db: str) -> int:
    """The id of the middle one of the statements of `db` (any size of database)."""
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as connection:
            count = connection.execute(text("SELECT count(*) FROM statement")).scalar_one()
            return connection.execute(
                text("SELECT id FROM statement ORDER BY id LIMIT 1 OFFSET :middle"),
                {"middle": count // 2},
            ).scalar_one()
    finally:
        engine.dispose()


def database_url(db: str) -> str:
    """A database URL as is, or a SQLite file's path as its URL."""
    return db if "://" in db else f"sqlite:///{db}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {timeout:.0f} s")


@contextmanager
def serving(command: list[str], health: str, env: dict[str, str] | None = None):
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(health)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a shutdown stuck on a background thread
            process.kill()
            process.wait(timeout=30)


def timed(url: str, runs: int, headers: dict[str, str] | None = None) -> tuple[list[float], int]:
    """Seconds per request (after one warm-up) and the response's size in bytes."""
    request = urllib.request.Request(url, headers=headers or {})
    size = len(urllib.request.urlopen(request, timeout=600).read())
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        urllib.request.urlopen(request, timeout=600).read()
        times.append(time.perf_counter() - started)
    return times, size


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def uvicorn_command(port: int) -> list[str]:
    """Our app under uvicorn on loopback (one process, as a small deployment runs it)."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "app.main:app",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]


def rss_kib(pid: int, field: str = "VmHWM") -> int:
    """The process's peak resident set size so far (VmHWM), or its current one (VmRSS),
    in KiB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"no {field} for process {pid}")


def reset_peak_rss(pid: int) -> bool:
    """Start the process's VmHWM again from its current RSS (Linux; the app's imports peak
    above what it holds once started). False when not allowed."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


@dataclass(frozen=True)
class ExportRun:
    seconds: float
    first_byte: float  # seconds from sending the request to the first byte of the body
    rows: int  # CSV records after the header (CRLF ends; the bench data has no line breaks)
    size: int  # bytes


def timed_export(url: str) -> ExportRun:
    """One full download of `url`, read as it streams."""
    started = time.perf_counter()
    rows = size = 0
    last = b""
    with urllib.request.urlopen(url, timeout=1800) as response:
        first_byte = None
        while chunk := response.read1(1 << 20):
            if first_byte is None:
                first_byte = time.perf_counter() - started
            size += len(chunk)
            rows += chunk.count(b"\r\n") + (last == b"\r" and chunk[:1] == b"\n")
            last = chunk[-1:]
    return ExportRun(time.perf_counter() - started, first_byte or 0.0, rows - 1, size)


def measure_export(db: str, runs: int, path: str = "/export.csv") -> dict[str, float]:
    """Full CSV exports of `db` through a fresh uvicorn: median rows/s, median time to first
    byte, and the server's RSS: its peak while starting, once idle, and its peak over the
    exports."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url(db))
    with serving(uvicorn_command(port), f"http://127.0.0.1:{port}/healthz", env) as server:
        startup = rss_kib(server.pid)
        reset = reset_peak_rss(server.pid)
        idle = rss_kib(server.pid, "VmRSS")
        done = [timed_export(f"http://127.0.0.1:{port}{path}") for _ in range(runs)]
        peak = rss_kib(server.pid)
    return {
        "rows": done[0].rows,
        "megabytes": done[0].size / 1e6,
        "seconds": statistics.median(r.seconds for r in done),
        "rows_per_second": statistics.median(r.rows / r.seconds for r in done),
        "first_byte_ms": statistics.median(r.first_byte for r in done) * 1000,
        "startup_peak_rss_mb": startup / 1024,
        "idle_rss_mb": idle / 1024,
        # The peak since the server was idle; without the reset, since it started.
        "peak_rss_mb": peak / 1024 if reset else max(peak, startup) / 1024,
    }


EXPORTS = {"statement": "/export.csv", "condition": "/export.csv?per=condition"}


def print_export(name: str, f: dict[str, float]) -> None:
    print(
        f"| {name} | {f['rows']:,.0f} | {f['megabytes']:.0f} | {f['seconds']:.1f} "
        f"| {f['rows_per_second']:,.0f} | {f['first_byte_ms']:.0f} ms "
        f"| {f['startup_peak_rss_mb']:.0f} MB | {f['idle_rss_mb']:.0f} MB "
        f"| {f['peak_rss_mb']:.0f} MB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "db", help="SQLite file or PostgreSQL URL filled by bench/fill.py (Datasette: SQLite)"
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--datasette", help="a datasette executable (bench-only dependency)")
    parser.add_argument("--export-runs", type=int, default=3, help="full CSV exports (0: none)")
    parser.add_argument("--only-export", action="store_true", help="measure the export only")
    parser.add_argument("--export-per", choices=[*EXPORTS, "both"], default="both")
    args = parser.parse_args()
    if args.export_runs:
        print(
            "| export | rows | MB | median s | rows/s | first byte "
            "| RSS peak starting | RSS idle | RSS peak exporting |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for per, path in EXPORTS.items():
            if args.export_per in (per, "both"):
                print_export(f"per {per}", measure_export(args.db, args.export_runs, path))
    if args.only_export:
        return
    print(latency_table(measure_requests(args.db, args.runs, args.datasette)))


def measure_requests(db: str, runs: int, datasette: str | None = None) -> list[dict[str, object]]:
    """Each request of REQUESTS `runs` times through uvicorn on `db` (and its Datasette
    equivalent when a datasette command is given): medians, p95 and page size."""
    ours, theirs = {}, {}
    port = free_port()
    # Every timed request rendered afresh: what a page costs, not what the cache of rendered
    # pages saves on repeats (bench/load.py serves with it on).
    env = dict(os.environ, DATABASE_URL=database_url(db), PAGE_CACHE_MB="0")
    statement_id = stored_statement_id(db)
    with serving(uvicorn_command(port), f"http://127.0.0.1:{port}/healthz", env):
        for name, path, _ in REQUESTS:
            headers = {"HX-Request": "true"} if "_htmx" in path else None
            path = path.replace("?_htmx=1", "").format(id=statement_id)
            ours[name] = timed(f"http://127.0.0.1:{port}{path}", runs, headers)
    if datasette:
        db_name = os.path.splitext(os.path.basename(db))[0]
        port = free_port()
        command = [datasette, "serve", "--immutable", db, "--port", str(port)]
        command += ["--setting", "sql_time_limit_ms", "120000"]
        with serving(command, f"http://127.0.0.1:{port}/-/versions.json"):
            for name, _, equivalent in REQUESTS:
                if equivalent:
                    path = equivalent.format(db=db_name, id=statement_id)
                    url = f"http://127.0.0.1:{port}{path}"
                    theirs[name] = timed(url, runs)
    rows = []
    for name, _, _ in REQUESTS:
        times, size = ours[name]
        row = {
            "request": name,
            "median_ms": statistics.median(times) * 1000,
            "p95_ms": p95(times) * 1000,
            "page_kb": size / 1024,
        }
        if name in theirs:
            row["datasette_ms"] = statistics.median(theirs[name][0]) * 1000
            row["ratio"] = row["median_ms"] / row["datasette_ms"]
        rows.append(row)
    return rows


def latency_table(rows: list[dict[str, object]]) -> str:
    """The rows of `measure_requests` as a Markdown table."""
    lines = [
        "| request | ours median | ours p95 | page | Datasette median | ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        theirs = [f"{r['datasette_ms']:.0f} ms", f"{r['ratio']:.2f}"] if "ratio" in r else ["", ""]
        cells = [r["request"], f"{r['median_ms']:.0f} ms", f"{r['p95_ms']:.0f} ms"]
        cells += [f"{r['page_kb']:.0f} KB", *theirs]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
