"""Write N synthetic news articles for load tests of ingestion: deterministic per seed,
2-8 KB each, with speakers of the gazetteer (a few dominant, as in real coverage), their
sides, conditions and stances, explicit and relative dates over 2022-2026, quotes,
reported speech and characterizations, background paragraphs that state nothing, and the
page furniture scraped pages carry (bylines, "Read more", newsletter lines, captions).

Every sentence is a template of our own, filled at random: the articles are load, not a
measure of extraction quality.

    python -m bench.corpus /tmp/corpus --articles 1000 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tomllib
from pathlib import Path

from app.config import ROOT

SPEAKERS_FILE = ROOT / "app" / "extraction" / "data" / "speakers.toml"
FIRST_DAY, LAST_DAY = dt.date(2022, 3, 1), dt.date(2026, 11, 30)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# What a speaker says about each condition, by stance: clauses that follow "that".
CLAUSES: dict[str, dict[str, list[str]]] = {
    "ceasefire": {
        "demand": ["an immediate ceasefire must come first", "the guns must fall silent now"],
        "reject": ["there will be no ceasefire for now", "a pause in the fighting is ruled out"],
        "support": ["a truce along the front line would be welcome", "a ceasefire has support"],
        "offer": ["strikes on energy sites could halt for thirty days"],
    },
    "territory": {
        "demand": [
            "Kyiv must pull its forces out of Donetsk and Luhansk",
            "any deal has to recognise the new borders in Zaporizhzhia and Kherson",
        ],
        "reject": ["no region will be handed over in any settlement"],
        "offer": ["the line of contact could be frozen where it stands"],
    },
    "territorial-integrity": {
        "demand": ["every Russian soldier must leave Ukrainian land, Crimea included"],
        "reject": ["the occupation will never be recognised"],
        "support": ["Ukraine's internationally recognised borders must be respected"],
    },
    "nato-non-membership": {
        "demand": ["Ukraine must give up its bid to join NATO for good"],
        "reject": ["no outside power may veto Ukraine's choice of alliances"],
        "offer": ["neutral status could be discussed in return for guarantees"],
    },
    "security-guarantees": {
        "demand": ["binding security guarantees are a precondition for any deal"],
        "support": ["a coalition of the willing is ready to back any settlement"],
        "offer": ["allies would provide protection modelled on Article 5"],
    },
    "negotiations": {
        "support": ["the delegation is ready to meet in Istanbul next week"],
        "reject": ["talks with the current leadership are pointless"],
        "demand": ["direct negotiations between the two presidents must start"],
        "offer": ["a summit could be hosted at short notice"],
    },
    "sanctions": {
        "demand": ["sanctions must be lifted as part of any settlement"],
        "reject": ["sanctions relief before a full withdrawal is out of the question"],
    },
    "no-foreign-troops": {
        "demand": ["no Western troops may be stationed in Ukraine after the war"],
        "reject": ["European peacekeepers on Ukrainian soil are unacceptable"],
    },
    "demilitarization": {
        "demand": ["caps on the size of Ukraine's army are essential"],
        "reject": ["limits on Ukraine's armed forces will never be accepted"],
    },
    "final-settlement": {
        "demand": ["only a durable settlement, not a frozen conflict, can end the war"],
    },
    "accountability": {
        "demand": ["a special tribunal and reparations must be part of the peace"],
        "support": ["the return of deported children is a priority for any agreement"],
    },
    "root-causes": {"demand": ["the root causes of the conflict have to be eliminated"]},
    "leadership-change": {"demand": ["new elections in Ukraine must precede any signature"]},
}
VERBS = ["said", "told reporters", "said in a statement", "declared", "stressed", "insisted"]
BACKGROUND = [
    "The war began with the full-scale invasion in February 2022.",
    "Fighting continued around Pokrovsk, where both sides reported heavy shelling overnight.",
    "Previous rounds of talks produced prisoner exchanges but no wider agreement.",
    "Analysts expect the winter to slow operations along much of the front.",
    "Air defence units shot down most of the drones launched overnight, officials reported.",
    "The meeting followed weeks of shuttle diplomacy between several capitals.",
    "Energy infrastructure has been a frequent target of long-range strikes.",
    "Markets reacted calmly to the latest round of statements.",
]
FURNITURE = [
    "Read more: What we know about the latest peace proposals",
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Advertisement",
    "Share this article",
    "Photograph: staff photographer / agency",
    "Related: Timeline of the negotiations so far",
    "Follow our live coverage for the latest updates.",
    "Reporting by our correspondents; editing by the news desk.",
]
BYLINE_NAMES = ["Alex Moreau", "Dana Kowalski", "Sam Lindqvist", "Ira Petrenko", "Noor Haddad"]


def gazetteer() -> list[dict[str, str]]:
    """Speakers of the gazetteer: name, side and one other way to name them, if any."""
    rows = tomllib.loads(SPEAKERS_FILE.read_text())["speaker"]
    people = []
    for row in rows:
        aliases = [a for a in row.get("aliases", []) if " " in a or a[:1].isupper()]
        people.append(
            {"name": row["name"], "side": row["side"], "alias": aliases[0] if aliases else ""}
        )
    return people


def _date_phrase(rng: random.Random, said: dt.date, published: dt.date) -> str:
    """How the text dates the statement: explicit, relative to publication, or not at all."""
    roll = rng.random()
    if roll < 0.35:
        return (
            f"on {said.strftime('%B')} {said.day}"
            if rng.random() < 0.5
            else f"on {said.day} {said.strftime('%B')}"
        )
    if roll < 0.6:
        return f"on {WEEKDAYS[said.weekday()]}"
    if roll < 0.7:
        return rng.choice(["last week", "earlier this month", "earlier this week"])
    return ""


def _statement(rng: random.Random, speaker: dict[str, str], published: dt.date) -> str:
    said = published - dt.timedelta(days=rng.randint(0, 6))
    when = _date_phrase(rng, said, published)
    chosen = rng.sample(sorted(CLAUSES), rng.choice([1, 1, 1, 2]))
    clauses = [rng.choice(CLAUSES[c][rng.choice(sorted(CLAUSES[c]))]) for c in chosen]
    clause = " and ".join(clauses)
    name = speaker["alias"] if speaker["alias"] and rng.random() < 0.2 else speaker["name"]
    verb = rng.choice(VERBS)
    kind = rng.random()
    if kind < 0.4:
        quote = clause[0].upper() + clause[1:]
        return f"\u201c{quote},\u201d {name} {verb} {when}".rstrip() + "."
    if kind < 0.85:
        return f"{name} {verb} {when} that {clause}.".replace("  ", " ")
    return f"{name} is insisting that {clause}, according to officials."


def article(rng: random.Random, people: list[dict[str, str]], weights: list[float], n: int) -> str:
    """One article: title, dateline, byline, paragraphs of statements, background, furniture."""
    published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    cast = rng.choices(people, weights, k=rng.randint(2, 5))
    size = rng.randint(2000, 7600)
    lead = cast[0]
    parts = [
        f"{lead['name']} sets out conditions as talks resume ({n})",
        f"By {rng.choice(BYLINE_NAMES)} and {rng.choice(BYLINE_NAMES)}",
        f"KYIV, {published.strftime('%B')} {published.day}, {published.year}",
    ]
    while sum(len(p) + 2 for p in parts) < size:
        roll = rng.random()
        if roll < 0.45:
            speaker = rng.choice(cast)
            parts.append(
                " ".join(_statement(rng, speaker, published) for _ in range(rng.randint(1, 3)))
            )
        elif roll < 0.8:
            parts.append(" ".join(rng.sample(BACKGROUND, rng.randint(1, 3))))
        else:
            parts.append(rng.choice(FURNITURE))
    return "\n\n".join(parts) + "\n"


def write_corpus(out: Path, *, articles: int, seed: int = 1) -> list[Path]:
    """Write `articles` files into `out` (created); the same seed writes the same files."""
    rng = random.Random(seed)
    people = gazetteer()
    # Zipf-like: the first entries (governments, the principal leaders) dominate.
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(people))]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(articles):
        path = out / f"article-{seed}-{n:06d}.txt"
        path.write_text(article(rng, people, weights, n), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_corpus(args.out, articles=args.articles, seed=args.seed)
    sizes = [p.stat().st_size for p in paths]
    print(json.dumps({"articles": len(paths), "min_bytes": min(sizes), "max_bytes": max(sizes)}))


if __name__ == "__main__":
    main()
