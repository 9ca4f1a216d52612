"""Score the engine against hand-annotated articles (tests/fixtures/articles/*.json).

The unit of scoring is the unique (speaker, condition, date) tuple, so that an
utterance reported twice, or tagged in two sentences, counts once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.extraction import extract_article
from app.extraction.records import ArticleExtraction

Key = tuple[str, str, str | None]


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    predicted: int
    expected: int

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

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.predicted + other.predicted,
            self.expected + other.expected,
        )

    def line(self, label: str) -> str:
        return (
            f"{label}: precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"({self.true_positives} of {self.predicted} predicted, {self.expected} expected)"
        )


@dataclass(frozen=True, slots=True)
class GoldArticle:
    text_path: Path
    published: date | None
    keys: frozenset[Key]


def load_gold(json_path: Path) -> GoldArticle:
    """Read one annotation file; the article text sits beside it or in seeds/."""
    data = json.loads(json_path.read_text(encoding="utf-8"))
    text_path = json_path.with_name(data["article"])
    if not text_path.exists():
        text_path = json_path.parents[2].parent / "seeds" / data["article"]
    published = date.fromisoformat(data["published"]) if data.get("published") else None
    keys = frozenset(
        (s["speaker"], c["condition"], s.get("date"))
        for s in data["statements"]
        for c in s["conditions"]
    )
    return GoldArticle(text_path, published, keys)


def predicted_keys(extraction: ArticleExtraction) -> frozenset[Key]:
    """The unique (speaker, condition, date) tuples of an extraction."""
    return frozenset(
        (s.speaker.name, c.condition, s.date) for s in extraction.statements for c in s.conditions
    )


def score_article(gold: GoldArticle, *, with_published: bool = True) -> Score:
    """Run the engine on one annotated article and compare tuples."""
    text = gold.text_path.read_text(encoding="utf-8")
    extraction = extract_article(text, published=gold.published if with_published else None)
    predicted = predicted_keys(extraction)
    return Score(len(predicted & gold.keys), len(predicted), len(gold.keys))
