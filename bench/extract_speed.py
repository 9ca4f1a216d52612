"""Articles per second of the extraction engine on one core.

The corpus repeats varied inputs (the seeds and the custom fixtures, each cut or
padded to about 5 KB) so that caches of one article do not flatter the figure.
Reports the median of several timed runs and the ratio to the 200 articles/s target.

    python bench/extract_speed.py [--runs 5] [--articles 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from app.extraction import extract_article

ROOT = Path(__file__).resolve().parents[1]
TARGET_PER_SECOND = 200
ARTICLE_BYTES = 5_000


def corpus(size: int) -> list[str]:
    """`size` articles of about 5 KB each, cycling through the varied inputs."""
    sources = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "articles").glob("custom_*.txt")
    )
    texts = []
    for path in sources:
        text = path.read_text(encoding="utf-8")
        while len(text.encode()) < ARTICLE_BYTES:
            text += "\n\n" + text
        texts.append(text.encode()[:ARTICLE_BYTES].decode(errors="ignore"))
    # A distinct suffix per copy defeats any per-text memoisation.
    return [f"{texts[i % len(texts)]}\n\nRef {i}." for i in range(size)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    articles = corpus(args.articles)
    extract_article(articles[0])  # load lexicons outside the timing
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for text in articles:
            extract_article(text)
        rates.append(len(articles) / (time.perf_counter() - started))
    median = statistics.median(rates)
    print(f"articles: {len(articles)} x ~{ARTICLE_BYTES} bytes, runs: {args.runs}")
    print(f"median {median:.0f} articles/s (min {min(rates):.0f}, max {max(rates):.0f})")
    print(f"ratio to target {TARGET_PER_SECOND}/s: {median / TARGET_PER_SECOND:.2f}")


if __name__ == "__main__":
    main()
