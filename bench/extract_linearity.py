"""Extraction time against text length, 10 KB to 2 MB: linear time means a flat ms per KB.

Three shapes of the same sentences (templates of our own, filled at random, so that no
two paragraphs repeat and the merging of repeats does not shrink the work):
- paragraphs: a few sentences each, separated by blank lines, as articles are written;
- one paragraph: every sentence on one line, no line break at all (a pasted megabyte);
- one line quoted: the same line opened by a quotation mark that never closes.

Each figure is the CPU time of `extract_article` (the engine is single-threaded, so CPU
time is its cost; wall time on a busy machine adds other processes' turns), the median
of `--runs` runs up to 200 KB and one run above.

    python bench/extract_linearity.py [--runs 3] [--sizes 10,50,200,1024,2048]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from app.extraction import extract_article
from app.extraction.parser import load_parser
from bench.corpus import BACKGROUND, CLAUSES, VERBS, WEEKDAYS, gazetteer

SIZES_KB = (10, 50, 200, 1024, 2048)
SHAPES = ("paragraphs", "one paragraph", "one line quoted")
PUBLISHED = dt.date(2025, 6, 13)
# Labels of a transcript's turns: known speakers, a question, and surnames the gazetteer
# lacks, which send the engine looking through the article for who they name.
LABELS = ("PESKOV", "ZAKHAROVA", "QUESTION", "LAVROV", "HRYNIV", "OSTERWALD")
INTRODUCED = ("Oksana Hryniv", "Karl Osterwald")


def _sentence(rng: random.Random, people: list[dict[str, str]], n: int) -> str:
    """One sentence: a speaker's terms (reported, quoted or in a transcript's turn), or
    background that states nothing; `n` makes it unlike every other."""
    person = rng.choice(people)
    condition = rng.choice(sorted(CLAUSES))
    clause = rng.choice(CLAUSES[condition][rng.choice(sorted(CLAUSES[condition]))])
    day = WEEKDAYS[n % 7]
    roll = rng.random()
    if roll < 0.35:
        return f"{person['name']} {rng.choice(VERBS)} on {day} that {clause} (point {n})."
    if roll < 0.55:
        return f"“{clause[0].upper()}{clause[1:]} in round {n},” {person['name']} said."
    if roll < 0.65:
        return f"{rng.choice(LABELS)}: As for talks, {clause}, and that is item {n}."
    if roll < 0.7:
        return f"— Is it true that {clause}, as report {n} says?"
    if roll < 0.75:
        # people the labels name, introduced as the article goes on
        return f"{rng.choice(INTRODUCED)}, a deputy minister, said on {day} that {clause} ({n})."
    return f"{rng.choice(BACKGROUND)[:-1]} (note {n})."


def article_text(size: int, shape: str, seed: int = 1) -> str:
    """About `size` characters of text in the given shape (see the module's docstring)."""
    rng = random.Random(seed)
    people = gazetteer()
    parts: list[str] = []
    length, n = 0, 0
    while length < size:
        paragraph = " ".join(_sentence(rng, people, n + k) for k in range(rng.randint(1, 3)))
        n += 3
        parts.append(paragraph)
        length += len(paragraph) + 2
    if shape == "paragraphs":
        return "\n\n".join(parts)[:size]
    line = " ".join(parts)
    return ("“" + line if shape == "one line quoted" else line)[:size]


def time_extraction(text: str, runs: int) -> tuple[float, int]:
    """Median CPU seconds of extracting `text`, and how many statements it gives."""
    times, found = [], 0
    for _ in range(runs):
        started = time.process_time()
        found = len(extract_article(text, published=PUBLISHED).statements)
        times.append(time.process_time() - started)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size up to 200 KB")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_KB)), help="sizes in KB")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    load_parser()
    extract_article("Putin said on Friday that Russia rejected a ceasefire.")  # warm up
    print(f"{'shape':<16} {'size':>8} {'CPU s':>8} {'ms/KB':>7} {'statements':>10}")
    for shape in SHAPES:
        per_kb = []
        for kb in sizes:
            text = article_text(kb * 1024, shape)
            seconds, found = time_extraction(text, args.runs if kb <= 200 else 1)
            per_kb.append(1000 * seconds / kb)
            print(f"{shape:<16} {kb:>5} KB {seconds:>8.2f} {per_kb[-1]:>7.1f} {found:>10}")
        # Doubling the text: linear time doubles it, quadratic time quadruples it.
        if len(sizes) >= 2:
            grown = per_kb[-1] * sizes[-1] / (per_kb[-2] * sizes[-2])
            print(
                f"{shape:<16} {sizes[-2]} KB -> {sizes[-1]} KB ({sizes[-1] / sizes[-2]:g}x the "
                f"text): {grown:.2f}x the time"
            )


if __name__ == "__main__":
    main()
