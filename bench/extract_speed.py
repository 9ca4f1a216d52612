"""Speed of the extraction engine, end to end (engine plus dependency parser).

Three measurements, each the median of several timed runs:
- articles per second on ~5 KB articles in one process, and with one process per core;
- the share of that time spent in the dependency parser;
- seconds per article as one paragraph grows from 10 KB to 2 MB, to show that time
  grows linearly with length (the rate in KB/s should stay flat).

The corpus repeats varied inputs (the seeds, the custom fixtures and the tuning half of
the development corpus, each cut or padded to about 5 KB) with a distinct suffix per copy,
so that no per-text cache flatters the figure.

    python bench/extract_speed.py [--runs 5] [--articles 200] [--max-kb 2048]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import app.extraction.pipeline as pipeline
from app.extraction import extract_article
from app.extraction.parser import load_parser

ROOT = Path(__file__).resolve().parents[1]
TARGET_PER_SECOND = 50  # issue 6: at least 50 articles/s on two cores
ARTICLE_BYTES = 5_000
# One paragraph of wire copy, repeated to the length under test (written for this bench).
_PARAGRAPH_UNIT = (
    "The foreign minister said on Tuesday that Moscow would accept a ceasefire only if Kyiv "
    "withdrew its forces from the four regions, while officials in Kyiv rejected any talks "
    "that did not start from a full withdrawal of Russian troops, and the envoy told "
    "reporters that a summit could follow "
)


def corpus(size: int) -> list[str]:
    """`size` articles of about 5 KB each, cycling through the varied inputs."""
    sources = (
        sorted((ROOT / "seeds").glob("*.txt"))
        + sorted((ROOT / "tests" / "fixtures" / "articles").glob("custom_*.txt"))
        + sorted((ROOT / "tests" / "fixtures" / "corpus" / "tune").glob("*.txt"))
    )
    texts = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        while len(text.encode()) < ARTICLE_BYTES:
            text += "\n\n" + text
        texts.append(text.encode()[:ARTICLE_BYTES].decode(errors="ignore"))
    return [f"{texts[i % len(texts)]}\n\nRef {i}." for i in range(size)]


def _extract_all(articles: list[str]) -> int:
    for text in articles:
        extract_article(text)
    return len(articles)


def _warm_worker() -> None:
    load_parser()
    extract_article("Putin said on Friday that Russia rejected a ceasefire.")


def one_process_rate(articles: list[str], runs: int) -> tuple[float, float]:
    """Median articles/s in this process, and the median share of time in the parser."""
    rates, shares = [], []
    spent = [0.0]
    real_parse = pipeline.parse

    def timed_parse(texts):
        started = time.perf_counter()
        try:
            return real_parse(texts)
        finally:
            spent[0] += time.perf_counter() - started

    pipeline.parse = timed_parse
    try:
        for _ in range(runs):
            spent[0] = 0.0
            started = time.perf_counter()
            _extract_all(articles)
            elapsed = time.perf_counter() - started
            rates.append(len(articles) / elapsed)
            shares.append(spent[0] / elapsed)
    finally:
        pipeline.parse = real_parse
    return statistics.median(rates), statistics.median(shares)


def all_cores_rate(articles: list[str], runs: int, workers: int) -> float:
    """Median articles/s with one process per core, each loading the parser once."""
    chunks = [articles[i::workers] for i in range(workers)]
    rates = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker) as pool:
        list(pool.map(_extract_all, [c[:1] for c in chunks]))  # start every worker
        for _ in range(runs):
            started = time.perf_counter()
            done = sum(pool.map(_extract_all, chunks))
            rates.append(done / (time.perf_counter() - started))
    return statistics.median(rates)


def paragraph_growth(max_kb: int, runs: int) -> list[tuple[int, float]]:
    """(size in KB, median seconds) for one paragraph of growing length."""
    sizes, kb = [], 10
    while kb <= max_kb:
        sizes.append(kb)
        kb *= 2 if kb < 80 else 4
    if sizes[-1] != max_kb:
        sizes.append(max_kb)
    found = []
    for kb in sizes:
        size = kb * 1024
        text = (_PARAGRAPH_UNIT * (size // len(_PARAGRAPH_UNIT) + 1))[:size]
        times = []
        for _ in range(runs if kb <= 320 else 1):
            started = time.perf_counter()
            extract_article(text)
            times.append(time.perf_counter() - started)
        found.append((kb, statistics.median(times)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--max-kb", type=int, default=2048, help="longest paragraph, in KB")
    args = parser.parse_args()
    articles = corpus(args.articles)
    _warm_worker()
    cores = os.cpu_count() or 1
    rate, share = one_process_rate(articles, args.runs)
    pooled = all_cores_rate(articles, args.runs, cores)
    print(f"articles: {len(articles)} x ~{ARTICLE_BYTES} bytes, runs: {args.runs}, cores: {cores}")
    print(f"one process: median {rate:.1f} articles/s; parser share of the time {share:.0%}")
    print(f"{cores} processes: median {pooled:.1f} articles/s")
    ratio = pooled / TARGET_PER_SECOND
    print(f"ratio to the target of {TARGET_PER_SECOND}/s on all cores: {ratio:.2f}")
    print("one paragraph growing (linear time means a flat KB/s):")
    for kb, seconds in paragraph_growth(args.max_kb, max(1, args.runs // 2)):
        print(f"  {kb:>5} KB  {seconds:7.2f} s  {kb / seconds:6.1f} KB/s")


if __name__ == "__main__":
    main()
