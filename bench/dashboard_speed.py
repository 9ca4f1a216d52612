"""Latency of the dashboard's pages on a synthetic database of realistic size.

Builds a migrated SQLite file in a temporary folder and fills it through
`crud.ingest_article` with a fake extractor (so deduplication, the full-text
triggers and every index are exercised as in production): `--articles` articles of
about five statements each, by some forty speakers of every side, with one to three
taxonomy conditions, dates from 2022 to 2025 at day, month or year precision, and
evidence sentences made from a small vocabulary. About one statement in ten is a
further report of an earlier one, so some statements have several sources.

Then times each route with FastAPI's TestClient: one warm-up request, then `--runs`
timed ones; prints the median and the fastest in ms and the SQL statements each
request ran. `--profile PATH` also prints a cProfile of one request to PATH.

    python bench/dashboard_speed.py [--articles 1000] [--runs 7] [--profile /compare]
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import os
import pstats
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, text
from sqlmodel import Session

from app import crud
from app.config import get_settings
from app.db import create_db_engine, get_engine, upgrade_database
from app.extraction.conditions import condition_labels
from app.extraction.records import (
    ArticleExtraction,
    ConditionTag,
    DateBasis,
    DatePrecision,
    Kind,
    SpeakerEntry,
    Stance,
)
from app.extraction.records import Statement as Record
from app.filters import StatementFilters
from app.sources_meta import ArticleMeta

SEED = 20240705
SEARCH_WORD = "guarantees"  # in the security-guarantees phrases: a few percent of statements
FIRST_DAY, LAST_DAY = dt.date(2022, 2, 24), dt.date(2025, 12, 31)
REPEAT_SHARE = 0.1  # statements that are a further report of an earlier one (same day)

# Speaker i of SPEAKERS gets weight 1 / (i + 1) ** SKEW: Putin ~9% of statements, the last
# speakers ~1.4%. A steeper skew is more lifelike but slows the build quadratically, as
# ingest compares each new statement with all of its speaker's earlier ones.
SKEW = 0.5
# (slug, name, side, kind), most quoted first.
SPEAKERS = [
    ("vladimir-putin", "Vladimir Putin", "Russia", "person"),
    ("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", "person"),
    ("sergey-lavrov", "Sergey Lavrov", "Russia", "person"),
    ("donald-trump", "Donald Trump", "United States", "person"),
    ("dmitry-peskov", "Dmitry Peskov", "Russia", "person"),
    ("dmytro-kuleba", "Dmytro Kuleba", "Ukraine", "person"),
    ("joe-biden", "Joe Biden", "United States", "person"),
    ("maria-zakharova", "Maria Zakharova", "Russia", "person"),
    ("andriy-yermak", "Andriy Yermak", "Ukraine", "person"),
    ("antony-blinken", "Antony Blinken", "United States", "person"),
    ("steve-witkoff", "Steve Witkoff", "United States", "person"),
    ("andrii-sybiha", "Andrii Sybiha", "Ukraine", "person"),
    ("marco-rubio", "Marco Rubio", "United States", "person"),
    ("yuri-ushakov", "Yuri Ushakov", "Russia", "person"),
    ("dmitry-medvedev", "Dmitry Medvedev", "Russia", "person"),
    ("mykhailo-podolyak", "Mykhailo Podolyak", "Ukraine", "person"),
    ("emmanuel-macron", "Emmanuel Macron", "France", "person"),
    ("keir-starmer", "Keir Starmer", "United Kingdom", "person"),
    ("olaf-scholz", "Olaf Scholz", "Germany", "person"),
    ("friedrich-merz", "Friedrich Merz", "Germany", "person"),
    ("recep-tayyip-erdogan", "Recep Tayyip Erdogan", "Turkey", "person"),
    ("viktor-orban", "Viktor Orban", "Hungary", "person"),
    ("wang-yi", "Wang Yi", "China", "person"),
    ("ursula-von-der-leyen", "Ursula von der Leyen", "European Union", "person"),
    ("kaja-kallas", "Kaja Kallas", "European Union", "person"),
    ("mark-rutte", "Mark Rutte", "NATO", "person"),
    ("jens-stoltenberg", "Jens Stoltenberg", "NATO", "person"),
    ("antonio-guterres", "Antonio Guterres", "United Nations", "person"),
    ("keith-kellogg", "Keith Kellogg", "United States", "person"),
    ("jd-vance", "JD Vance", "United States", "person"),
    ("rustem-umerov", "Rustem Umerov", "Ukraine", "person"),
    ("vasily-nebenzya", "Vasily Nebenzya", "Russia", "person"),
    ("russian-foreign-ministry", "Russian Foreign Ministry", "Russia", "government"),
    ("ukrainian-foreign-ministry", "Ukrainian Foreign Ministry", "Ukraine", "government"),
    ("andrzej-duda", "Andrzej Duda", "Poland", "person"),
    ("giorgia-meloni", "Giorgia Meloni", "Italy", "person"),
    ("alexander-lukashenko", "Alexander Lukashenko", "Belarus", "person"),
    ("lena-marsh", "Lena Marsh", "commentator", "person"),
    ("tomas-berg", "Tomas Berg", "commentator", "person"),
    (
        "institute-for-conflict-studies",
        "Institute for Conflict Studies",
        "commentator",
        "organization",
    ),
]

# Phrases naming each taxonomy condition; the stance comes from the verb before them.
CONDITION_PHRASES = {
    "ceasefire": [
        "an immediate ceasefire",
        "a full ceasefire along the front",
        "a pause in fighting",
    ],
    "truce-terms": [
        "the terms of any truce",
        "monitoring of a truce line",
        "a truce with inspections",
    ],
    "final-settlement": ["a final settlement of the war", "a lasting peace agreement"],
    "territory": ["control of the annexed regions", "the withdrawal of troops from the east"],
    "territorial-integrity": [
        "the internationally recognised borders",
        "full territorial integrity",
    ],
    "nato-non-membership": ["a neutral status outside NATO", "a pledge never to join NATO"],
    "demilitarization": ["limits on the size of the army", "caps on long-range weapons"],
    "denazification": ["the so-called denazification", "bans on nationalist groups"],
    "leadership-change": ["new elections in Kyiv", "a change of government"],
    "no-foreign-troops": ["no foreign troops on the ground", "no European peacekeepers"],
    "security-guarantees": ["binding security guarantees", "guarantees backed by allies"],
    "sanctions": ["the lifting of sanctions", "tighter sanctions on energy exports"],
    "root-causes": ["the root causes of the conflict", "the eastward expansion of the alliance"],
    "negotiations": ["direct talks between the parties", "talks mediated by third countries"],
    "land-corridor": ["a land corridor to Crimea", "the road along the Azov coast"],
    "minority-rights": ["protection of Russian speakers", "the rights of minorities"],
    "accountability": ["a tribunal for war crimes", "reparations for the damage"],
}
VERBS = {
    Stance.DEMAND: ["insisted on", "demanded", "called for", "made a condition of"],
    Stance.REJECT: ["rejected", "ruled out", "dismissed", "refused"],
    Stance.SUPPORT: ["backed", "welcomed", "supported", "endorsed"],
    Stance.OFFER: ["offered", "proposed", "put forward", "agreed to discuss"],
}
STANCE_WEIGHTS = {  # demand, reject, support, offer
    "Russia": (55, 30, 5, 10),
    "Ukraine": (35, 40, 15, 10),
}
OTHER_STANCE_WEIGHTS = (20, 20, 40, 20)
REGIONS = ["Donetsk", "Luhansk", "Zaporizhzhia", "Kherson", "Crimea"]
PLACES = ["Geneva", "Istanbul", "Riyadh", "Brussels", "Kyiv", "Moscow", "Washington", "Ankara"]
ACTORS = ["Officials", "Diplomats", "Negotiators", "Observers", "Aides", "Envoys"]
ACTIONS = ["met in", "travelled to", "gathered in", "held talks in", "reported from"]
TAILS = [
    "after a week of shelling",
    "amid renewed fighting near the front line",
    "as winter approached",
    "while prisoner exchanges continued",
    "under heavy security",
    "before a vote in parliament",
]
QUOTE_WORDS = "now soon first fully honestly clearly again together today finally never".split()
PUBLISHERS = ["Example Wire", "Daily Ledger", "Eastern Courier", "Global Dispatch", "The Monitor"]
MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    meta: ArticleMeta
    extraction: ArticleExtraction


def _filler(rng: random.Random) -> str:
    return f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(PLACES)} {rng.choice(TAILS)}."


def _when(rng: random.Random, published: dt.date) -> tuple[str | None, DatePrecision, str | None]:
    """A statement date at most a month before publication: value, precision, words."""
    day = max(FIRST_DAY, published - dt.timedelta(days=rng.randrange(0, 30)))
    month = MONTHS.split()[day.month - 1]
    roll = rng.random()
    if roll < 0.03:
        return None, DatePrecision.UNKNOWN, None
    if roll < 0.13:
        return str(day.year), DatePrecision.YEAR, f"earlier in {day.year}"
    if roll < 0.33:
        return f"{day:%Y-%m}", DatePrecision.MONTH, f"in {month} {day.year}"
    return day.isoformat(), DatePrecision.DAY, f"on {month} {day.day}"


def _conditions(rng: random.Random, side: str, ids: list[str]) -> list[ConditionTag]:
    weights = STANCE_WEIGHTS.get(side, OTHER_STANCE_WEIGHTS)
    tags = []
    for cid in rng.sample(ids, rng.choice((1, 1, 2, 2, 3))):
        stance = rng.choices(list(Stance), weights)[0]
        regions = tuple(rng.sample(REGIONS, rng.randint(1, 3))) if cid == "territory" else ()
        tags.append(ConditionTag(cid, stance, regions))
    return tags


def _sentence(
    rng: random.Random, speaker: SpeakerEntry, tags: list[ConditionTag], when: str | None, kind
) -> tuple[str, str | None]:
    """Evidence sentence and quote for a statement stating `tags`."""
    phrases = [
        f"{rng.choice(VERBS[t.stance])} {rng.choice(CONDITION_PHRASES[t.condition])}" for t in tags
    ]
    terms = " and ".join(phrases)
    said = f" {when}" if when else ""
    if kind is Kind.QUOTE:
        words = " ".join(rng.sample(QUOTE_WORDS, 3))
        quote = f"We have {terms}, {words}"
        return f"\u201c{quote},\u201d {speaker.name} said{said}.", quote
    if kind is Kind.CHARACTERIZATION:
        return f"{speaker.name} has effectively {terms}{said}, {rng.choice(TAILS)}.", None
    return f"{speaker.name} said{said} that the {speaker.side} side {terms}.", None


def build_corpus(size: int, seed: int = SEED) -> list[Article]:
    """`size` articles with their prepared extractions, the same for the same seed."""
    rng = random.Random(seed)
    speakers = [SpeakerEntry(*row) for row in SPEAKERS]
    weights = [1 / (i + 1) ** SKEW for i in range(len(speakers))]
    ids = list(condition_labels())
    span = (LAST_DAY - FIRST_DAY).days
    earlier: list[tuple[SpeakerEntry, str, list[ConditionTag]]] = []  # day-dated, for repeats
    articles = []
    for n in range(size):
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1))
        publisher = rng.choice(PUBLISHERS)
        paragraphs: list[str] = [_filler(rng)]
        pending = []
        for _ in range(rng.randint(3, 7)):
            kind = rng.choices(list(Kind), (30, 55, 15))[0]
            if earlier and rng.random() < REPEAT_SHARE:
                speaker, date, tags = rng.choice(earlier)
                day = dt.date.fromisoformat(date)
                precision = DatePrecision.DAY
                words = f"on {MONTHS.split()[day.month - 1]} {day.day}, {day.year}"
            else:
                speaker = rng.choices(speakers, weights)[0]
                tags = _conditions(rng, speaker.side, ids)
                date, precision, words = _when(rng, published)
                if precision is DatePrecision.DAY:
                    earlier.append((speaker, date, tags))
            sentence, quote = _sentence(rng, speaker, tags, words, kind)
            paragraphs.append(f"{sentence} {_filler(rng)}")
            pending.append((sentence, speaker, tags, kind, quote, date, precision, words))
        title = f"{pending[0][1].name} on {condition_labels()[pending[0][2][0].condition]}"
        body = f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\nRef {n}.\n"
        records, cursor = [], 0
        for sentence, speaker, tags, kind, quote, date, precision, words in pending:
            start = body.index(sentence, cursor)
            cursor = start + len(sentence)
            records.append(
                Record(
                    speaker=speaker,
                    conditions=tags,
                    kind=kind,
                    evidence=sentence,
                    start=start,
                    end=cursor,
                    quote=quote,
                    date=date,
                    date_precision=precision,
                    date_basis=DateBasis.EXPLICIT if date else DateBasis.INFERRED,
                    date_evidence=words,
                )
            )
        meta = ArticleMeta(
            title=title,
            publisher=publisher,
            url=f"https://news.example/{publisher.lower().replace(' ', '-')}/{n}",
            published=published,
        )
        extraction = ArticleExtraction(title, published, "supplied", None, records)
        articles.append(Article(body, meta, extraction))
    return articles


def _prepared(extraction: ArticleExtraction) -> Callable[..., ArticleExtraction]:
    def extract(
        text: str, *, published: dt.date | None = None, title: str | None = None
    ) -> ArticleExtraction:
        return extraction

    return extract


def build_database(url: str, articles: list[Article]) -> None:
    """Migrate `url` and ingest `articles` through the normal write path."""
    upgrade_database(url)
    engine = create_db_engine(url)
    try:
        with Session(engine) as session:
            for n, article in enumerate(articles):
                crud.ingest_article(
                    session,
                    text=article.text,
                    file_name=f"synthetic_{n:05d}.txt",
                    meta=article.meta,
                    extract=_prepared(article.extraction),
                )
    finally:
        engine.dispose()


@dataclass(frozen=True, slots=True)
class Timing:
    route: str
    median_ms: float
    min_ms: float
    queries: int
    body: bytes


def time_route(client, counter: list[int], path: str, headers: dict, runs: int) -> Timing:
    """One warm-up request, then `runs` timed ones (the whole body read)."""
    response = client.get(path, headers=headers)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    counter[0] = 0
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path, headers=headers)
        samples.append((time.perf_counter() - started) * 1000)
    label = path + (" [HX]" if headers else "")
    queries = counter[0] // runs
    return Timing(label, statistics.median(samples), min(samples), queries, response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", metavar="PATH", help="cProfile one request to PATH")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        started = time.perf_counter()
        build_database(url, build_corpus(args.articles))
        built = time.perf_counter() - started

        os.environ["DATABASE_URL"] = url
        get_settings.cache_clear()
        get_engine.cache_clear()
        engine = get_engine()
        counter = [0]  # SQL statements sent since the last reset

        def count(*_: object) -> None:
            counter[0] += 1

        event.listen(engine, "before_cursor_execute", count)
        try:
            run(args, engine, counter, built, Path(folder) / "bench.db")
        finally:
            engine.dispose()
            get_engine.cache_clear()
            get_settings.cache_clear()


def run(args: argparse.Namespace, engine, counter: list[int], built: float, path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import app

    with Session(engine) as session:
        statements = crud.count_statements(session, include_rejected=True)
        sources = crud.count_sources(session)
        speakers = crud.count_speakers(session)
        conditions = session.exec(text("SELECT count(*) FROM statement_condition")).one()[0]
        top = crud.speaker_counts(session, StatementFilters())[0].slug
        most_sourced = session.exec(
            text("SELECT statement_id FROM source GROUP BY statement_id ORDER BY count(*) DESC")
        ).first()[0]
    routes = [
        ("/", {}),
        (f"/?speaker={top}&condition=territory", {"HX-Request": "true"}),
        (f"/?q={SEARCH_WORD}", {}),
        ("/?date_from=2023-01-01&date_to=2023-12-31&stance=demand", {}),
        ("/compare", {}),
        ("/compare?who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025", {}),
        ("/speakers", {}),
        ("/conditions", {}),
        ("/articles", {}),
        (f"/statements/{most_sourced}", {}),
        ("/api/statements?limit=100", {}),
        ("/export.csv", {}),
    ]
    print(
        f"articles: {args.articles}, statements: {statements}, condition rows: {conditions}, "
        f"sources: {sources}, speakers: {speakers}"
    )
    print(f"built in {built:.1f} s, {path.stat().st_size / 1e6:.1f} MB; runs: {args.runs}")
    with TestClient(app) as client:
        timings = [time_route(client, counter, p, h, args.runs) for p, h in routes]
        width = max(len(t.route) for t in timings)
        print(f"\n{'route':<{width}}  {'median ms':>9}  {'min ms':>8}  {'queries':>7}  {'KB':>6}")
        for t in timings:
            print(
                f"{t.route:<{width}}  {t.median_ms:>9.1f}  {t.min_ms:>8.1f}  {t.queries:>7}"
                f"  {len(t.body) / 1024:>6.0f}"
            )
        export = timings[-1]
        rows = sum(1 for _ in csv.reader(io.StringIO(export.body.decode("utf-8-sig")))) - 1
        print(
            f"\nexport.csv: {rows} rows, {len(export.body) / 1e6:.1f} MB, "
            f"{rows / (export.median_ms / 1000):,.0f} rows/s"
        )
        if args.profile:
            profile(client, counter, args.profile)


def profile(client, counter: list[int], path: str) -> None:
    """cProfile of the server side of one request: the work FastAPI and Starlette hand to
    worker threads (sync routes, dependencies, the chunks of a streamed body)."""
    import anyio.to_thread

    worker = cProfile.Profile()
    original = anyio.to_thread.run_sync
    hops = [0]

    def profiled(func, *args, **kwargs):
        hops[0] += 1
        return original(lambda *a: worker.runcall(func, *a), *args, **kwargs)

    anyio.to_thread.run_sync = profiled
    counter[0] = 0
    try:
        started = time.perf_counter()
        client.get(path)
        wall = (time.perf_counter() - started) * 1000
    finally:
        anyio.to_thread.run_sync = original
    print(
        f"\ncProfile of one request to {path}: {wall:.0f} ms wall (profiled), "
        f"{counter[0]} SQL statements, {hops[0]} worker-thread calls"
    )
    pstats.Stats(worker).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
