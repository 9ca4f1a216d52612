"""Does the web stay responsive while a background job extracts articles?

Starts the app with uvicorn on a fresh SQLite file holding the seeds, makes an editor and
a token, then times `GET /` (the timeline) and `GET /api/statements` while idle, and again
while jobs extract `--articles` articles of the development corpus (sent through `POST
/api/articles`). Prints the median and 90th percentile latency of each, idle and busy, and
how long the jobs took.

    python bench/job_responsiveness.py [--articles 40] [--samples 40]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "fixtures" / "corpus" / "tune"
PATHS = ("/", "/api/statements?limit=20")


def request(url: str, *, data: dict | None = None, token: str | None = None) -> dict:
    body = json.dumps(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, method="POST" if body else "GET")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=60) as response:
        raw = response.read()
    return json.loads(raw) if raw.startswith(b"{") else {}


def latencies(base: str, path: str, samples: int) -> list[float]:
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=60) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.05)
    return times


def describe(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):6.1f} ms, p90 {p90:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--port", type=int, default=8791)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="job-bench-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'tracker.db'}"}
    run = lambda *a, **kw: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "app", *a], cwd=REPO, env=env, check=True, capture_output=True, **kw
    )
    run("ingest", str(REPO / "seeds"))
    run("users", "add", "bench", "--password-stdin", input=b"a long bench password\n")
    token = run("users", "token", "bench").stdout.decode().strip()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(args.port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                request(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        for path in PATHS:
            latencies(base, path, 5)  # warm up
        idle = {path: latencies(base, path, args.samples) for path in PATHS}

        texts = sorted(CORPUS.glob("*.txt"))[: args.articles]
        started = time.perf_counter()
        jobs = [
            request(base + "/api/articles", data={"text": t.read_text()}, token=token)["url"]
            for t in texts
        ]
        busy = {path: latencies(base, path, args.samples) for path in PATHS}
        while request(base + jobs[-1])["state"] != "done":
            time.sleep(0.2)
        took = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)

    print(f"{len(texts)} articles extracted in the background in {took:.1f} s")
    for path in PATHS:
        print(f"GET {path:28} idle: {describe(idle[path])}   busy: {describe(busy[path])}")


if __name__ == "__main__":
    main()
