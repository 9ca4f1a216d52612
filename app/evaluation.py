"""Score the engine against hand-annotated articles.

The unit of scoring is the unique (speaker, condition, date) tuple, so that an
utterance reported twice, or tagged in two sentences, counts once. Stance
agreement is measured on the matched tuples: a matched tuple agrees when the
engine gives it a stance the annotation gives it.

Three sets are scored (`python -m app score`): the seeds, the tuning half of the
development corpus (read while writing rules) and its test half (never read
while writing rules, so its figure is the honest one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.extraction import extract_article
from app.extraction.lexicon import tokenize
from app.extraction.records import ArticleExtraction
from app.extraction.speakers import load_gazetteer

Key = tuple[str, str, str | None]
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SCORED_SETS = {
    "seeds": (FIXTURES / "articles", "[0-9]*.json"),
    "tuning half": (FIXTURES / "corpus" / "tune", "*.json"),
    "test half": (FIXTURES / "corpus" / "test", "*.json"),
}


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    predicted: int
    expected: int
    stance_agreed: int = 0  # matched tuples whose stance the annotation also gives

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def stance_agreement(self) -> float:
        return self.stance_agreed / self.true_positives if self.true_positives else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.expected + other.expected,
            self.stance_agreed + other.stance_agreed,
        )

    def line(self, label: str) -> str:
        return (
            f"{label}: precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f}, "
            f"stance agreement {self.stance_agreement:.3f} "
            f"({self.true_positives} of {self.predicted} predicted, {self.expected} expected)"
        )


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text_path: Path
    published: date | None
    keys: frozenset[Key]
    stances: dict[Key, frozenset[str]]  # the stances annotated for each tuple


def load_gold(json_path: Path) -> GoldArticle:
    """Read one annotation file; the article text sits beside it or in seeds/."""
    data = json.loads(json_path.read_text(encoding="utf-8"))
    text_path = json_path.with_name(data["article"])
    if not text_path.exists():
        text_path = json_path.parents[2].parent / "seeds" / data["article"]
    published = date.fromisoformat(data["published"]) if data.get("published") else None
    stances: dict[Key, set[str]] = {}
    for statement in data["statements"]:
        for condition in statement["conditions"]:
            speaker = canonical_name(statement["speaker"])
            key = (speaker, condition["condition"], statement.get("date"))
            stances.setdefault(key, set()).add(condition["stance"])
    frozen = {key: frozenset(values) for key, values in stances.items()}
    return GoldArticle(text_path, published, frozenset(frozen), frozen)


def canonical_name(name: str) -> str:
    """The gazetteer's name for an annotated speaker, so that a transliteration the
    gazetteer lists as an alias ("Heorhiy" for "Heorhii") is the same person."""
    tokens = tokenize(name)
    for hit in load_gazetteer().names.scan(tokens):
        if hit.first == 0 and hit.last == len(tokens) - 1:
            return hit.payload.name
    return name


def predicted_stances(extraction: ArticleExtraction) -> dict[Key, frozenset[str]]:
    """The unique (speaker, condition, date) tuples of an extraction, with their stances."""
    found: dict[Key, set[str]] = {}
    for statement in extraction.statements:
        for tag in statement.conditions:
            key = (statement.speaker.name, tag.condition, statement.date)
            found.setdefault(key, set()).add(tag.stance.value)
    return {key: frozenset(values) for key, values in found.items()}


def score_article(gold: GoldArticle, *, with_published: bool = True) -> Score:
    """Run the engine on one annotated article and compare tuples and stances."""
    text = gold.text_path.read_text(encoding="utf-8")
    extraction = extract_article(text, published=gold.published if with_published else None)
    predicted = predicted_stances(extraction)
    matched = predicted.keys() & gold.keys
    agreed = sum(1 for key in matched if predicted[key] & gold.stances[key])
    return Score(len(matched), len(predicted), len(gold.keys), agreed)


def score_set(name: str, *, with_published: bool = True) -> Score:
    """The summed score of one of SCORED_SETS."""
    folder, pattern = SCORED_SETS[name]
    total = Score(0, 0, 0)
    for path in sorted(folder.glob(pattern)):
        total = total + score_article(load_gold(path), with_published=with_published)
    return total
