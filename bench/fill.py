"""Fill a database with N synthetic statements through the project's own schema, fast.

For load, not for extraction quality: rows are inserted in batches with SQLAlchemy Core
(no extraction, no ORM), after the migrations, so every table, index and trigger the app
relies on (the full-text index included) is kept as ingestion would keep it. The shape
follows what analysts load: 400 speakers with a few dominant ones (Zipf-like), about 4.5
statements per article, 1-3 conditions per statement with territory, ceasefire and
negotiations most common, dates over 2022-2026 at day (most), month or year precision or
none, one source per statement and a second one for one in ten. Deterministic per seed.

    python -m bench.fill sqlite:////tmp/bench-100k.db --statements 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import time

from sqlalchemy import insert

from app.crud.tally import rebuild
from app.db import create_db_engine, upgrade_database
from app.dedupe import quote_hash
from app.extraction.conditions import condition_labels
from app.models import Article, Source, Speaker, Statement, StatementCondition

SIDES = ["Russia", "Ukraine", "United States", "European Union", "China", "Turkey", "Hungary"]
WORDS = (
    "talks ceasefire territory guarantees troops withdrawal sanctions negotiations peace "
    "front line security army referendum occupied regions conditions demands proposal "
    "memorandum summit envoy delegation frozen conflict recognition sovereignty border"
).split()
BATCH = 5_000
STATEMENTS_PER_ARTICLE = 4.5


def speakers(rng: random.Random, count: int) -> list[dict]:
    rows = []
    for rank in range(count):
        side = "commentator" if rank % 10 == 9 else SIDES[min(rank % 9, len(SIDES) - 1)]
        rows.append(
            {
                "id": rank + 1,
                "slug": f"speaker-{rank + 1}",
                "name": f"Speaker {rank + 1}",
                "side": side,
                "kind": "person" if rank % 5 else "government",
                "edited": False,
            }
        )
    return rows


def article_text(rng: random.Random, n: int) -> str:
    paragraphs = []
    for _ in range(rng.randint(6, 14)):
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
        paragraphs.append(sentence.capitalize() + f". Article {n} goes on.")
    return "\n\n".join(paragraphs)


def statement_date(rng: random.Random) -> tuple[str | None, str, str]:
    day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365 * 4 + 300))
    roll = rng.random()
    if roll < 0.03:
        return None, "unknown", "inferred"
    if roll < 0.08:
        return str(day.year), "year", "explicit"
    if roll < 0.20:
        return day.isoformat()[:7], "month", "explicit"
    basis = rng.choice(["explicit", "explicit", "relative", "publication", "inferred"])
    return day.isoformat(), "day", basis


def fill(url: str, statements: int, seed: int = 7) -> dict[str, float]:
    """Migrate `url` and insert `statements` statements with their articles and sources."""
    rng = random.Random(seed)
    upgrade_database(url)
    engine = create_db_engine(url)
    conditions = list(condition_labels())
    weights = [12 if c in ("territory", "ceasefire", "negotiations") else 1 for c in conditions]
    people = speakers(rng, 400)
    speaker_weights = [1 / (rank + 1) ** 1.1 for rank in range(len(people))]
    articles = max(1, int(statements / STATEMENTS_PER_ARTICLE))
    started = time.perf_counter()
    with engine.begin() as connection:
        connection.execute(insert(Speaker), people)
        for first in range(0, articles, BATCH):
            rows = []
            for n in range(first, min(articles, first + BATCH)):
                text = article_text(rng, n)
                published = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1760))
                rows.append(
                    {
                        "id": n + 1,
                        "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                        "file_name": f"bench-{n + 1}.txt",
                        "title": f"Bench article {n + 1}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                        "publisher": rng.choice(["Wire", "Daily", "Review", "Monitor"]),
                        "published": published,
                        "published_basis": "dateline",
                        "text": text,
                        "ingested_at": dt.datetime(2026, 1, 1),
                    }
                )
            connection.execute(insert(Article), rows)
    with engine.begin() as connection:
        for first in range(0, statements, BATCH):
            statement_rows, condition_rows, source_rows = [], [], []
            for sid in range(first + 1, min(statements, first + BATCH) + 1):
                date, precision, basis = statement_date(rng)
                speaker = rng.choices(people, speaker_weights)[0]
                evidence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 25)))
                quoted = rng.random() < 0.3
                statement_rows.append(
                    {
                        "id": sid,
                        "speaker_id": speaker["id"],
                        "date": date,
                        "date_precision": precision,
                        "date_basis": basis,
                        "date_evidence": None,
                        "kind": "quote" if quoted else rng.choice(["reported", "characterization"]),
                        "quote": evidence if quoted else None,
                        # Core inserts skip the ORM listener that keeps it (app/models.py).
                        "quote_hash": quote_hash(evidence) if quoted else None,
                        "evidence": f"Speaker {speaker['id']} said {evidence}.",
                        "status": "extracted",
                        "doubts": [],
                        "doubt_count": 0,
                        "created_at": dt.datetime(2026, 1, 1),
                        "updated_at": dt.datetime(2026, 1, 1),
                    }
                )
                for condition in set(rng.choices(conditions, weights, k=rng.randint(1, 3))):
                    regions = (
                        ["Donbas", "Crimea"][: rng.randint(0, 2)]
                        if condition == "territory"
                        else []
                    )
                    stance = rng.choices(["demand", "reject", "support", "offer"], [5, 3, 2, 1])[0]
                    condition_rows.append(
                        {
                            "statement_id": sid,
                            "condition": condition,
                            "stance": stance,
                            "regions": regions,
                        }
                    )
                for article_id in {
                    rng.randint(1, articles) for _ in range(2 if rng.random() < 0.1 else 1)
                }:
                    source_rows.append(
                        {
                            "statement_id": sid,
                            "article_id": article_id,
                            "evidence": f"Speaker {speaker['id']} said {evidence}.",
                            "start": 0,
                            "end": 10,
                            "quote": None,
                        }
                    )
            connection.execute(insert(Statement), statement_rows)
            connection.execute(insert(StatementCondition), condition_rows)
            connection.execute(insert(Source), source_rows)
    with engine.begin() as connection:
        # The inserts above bypass the ORM's flush events that keep the tally.
        rebuild(connection)
    engine.dispose()
    return {
        "articles": articles,
        "statements": statements,
        "seconds": time.perf_counter() - started,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="database URL, e.g. sqlite:////tmp/bench.db (emptied first)")
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    result = fill(args.url, args.statements, args.seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
