"""Score the engine on the annotated seeds and on both halves of the development corpus.

The floors are the levels measured when the engine last changed, so a change that makes
extraction worse fails here; the issue's targets, not reached yet, are expected failures.
`python -m app score` prints the same figures.
"""

from pathlib import Path

import pytest

from app.evaluation import SCORED_SETS, Score, load_gold, score_article, score_set

FIXTURES = Path(__file__).parents[1] / "fixtures"
ANNOTATED = sorted((FIXTURES / "articles").glob("*.json")) + sorted(
    (FIXTURES / "corpus").glob("*/*.json")
)
# (F1, stance agreement) floors, as measured.
FLOORS = {"seeds": (0.91, 0.97), "tuning half": (0.72, 0.88), "test half": (0.74, 0.78)}
# Issue 6: seeds F1 0.90 and stance 0.90; the held-out half F1 0.75 and stance 0.85.
TARGETS = {"seeds": (0.90, 0.90), "test half": (0.75, 0.85)}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {name: score_set(name) for name in SCORED_SETS}


@pytest.mark.parametrize("name", list(FLOORS))
def test_score_stays_at_or_above_its_measured_floor(scores, name, capsys):
    score = scores[name]
    with capsys.disabled():
        print("\n" + score.line(name))
    f1, stance = FLOORS[name]
    assert score.f1 >= f1
    assert score.stance_agreement >= stance


@pytest.mark.parametrize(
    "name",
    [
        "seeds",
        pytest.param(
            "test half",
            marks=pytest.mark.xfail(
                strict=True, reason="issue 6 target not reached yet; the closing note says why"
            ),
        ),
    ],
)
def test_score_reaches_the_issue_target(scores, name):
    f1, stance = TARGETS[name]
    assert scores[name].f1 >= f1 and scores[name].stance_agreement >= stance


@pytest.mark.parametrize("path", ANNOTATED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_annotated_article_parses_and_yields_statements(path):
    gold = load_gold(path)
    assert gold.text_path.exists()
    assert score_article(gold).predicted > 0


def test_scores_count_tuples_once():
    total = Score(3, 4, 5, 2) + Score(1, 1, 1, 1)
    assert (total.true_positives, total.predicted, total.expected) == (4, 5, 6)
    assert total.stance_agreement == pytest.approx(3 / 4)
