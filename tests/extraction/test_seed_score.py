"""Score the engine against the hand annotations of the seeds and the custom articles."""

from pathlib import Path

import pytest

from app.evaluation import Score, load_gold, score_article

FIXTURES = Path(__file__).parents[1] / "fixtures" / "articles"
SEEDS = sorted(p for p in FIXTURES.glob("*.json") if not p.stem.startswith("custom_"))
CUSTOM = sorted(FIXTURES.glob("custom_*.json"))
SEED_F1_TARGET = 0.85  # the acceptance figure


def total(paths, *, with_published: bool = True) -> Score:
    score = Score(0, 0, 0)
    for path in paths:
        score = score + score_article(load_gold(path), with_published=with_published)
    return score


def test_seed_score_reaches_target(capsys):
    assert len(SEEDS) == 5
    with_dates = total(SEEDS)
    without = total(SEEDS, with_published=False)
    custom = total(CUSTOM)
    with capsys.disabled():
        print()
        print(with_dates.line("seeds, analyst publication dates"))
        print(without.line("seeds, no --published"))
        print(custom.line("custom articles"))
    assert with_dates.f1 >= SEED_F1_TARGET


@pytest.mark.parametrize("path", SEEDS + CUSTOM, ids=lambda p: p.stem)
def test_every_annotated_article_yields_statements(path):
    score = score_article(load_gold(path))
    assert score.true_positives > 0
