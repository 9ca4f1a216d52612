"""The speed-ups change how the pipeline computes, never what it annotates."""

from pathlib import Path

import numpy
import pytest
import spacy
from spacy.pipeline import AttributeRuler

from app.extraction.parser import load_parser, model_name
from app.extraction.speedups import NumpyDotOps, UnsupportedPattern, speed_up_attribute_ruler

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Every paragraph of the seeds and the development corpus, plus words the ruler has
# special patterns for ("gonna", "let's", "ain't", "y'all", expletive "there is").
EXTRA = "I'm gonna say it: let's talk. They ain't ready, y'all. There is a plan and it works."


def _paragraphs() -> list[str]:
    texts = [EXTRA]
    seeds = FIXTURES.parents[1] / "seeds"
    articles = [p for p in FIXTURES.glob("**/*.txt") if "hostile" not in p.parts]
    for path in [*seeds.glob("*.txt"), *articles]:  # not the hostile corpus' binary files
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return texts


@pytest.fixture(scope="module")
def stock():
    return spacy.load(model_name(), exclude=["ner"])


def test_the_fast_pipeline_annotates_every_token_as_the_stock_one(stock):
    texts = _paragraphs()
    fast_docs = list(load_parser().pipe(texts))
    stock_docs = list(stock.pipe(texts))
    assert sum(len(d) for d in stock_docs) > 20_000
    for fast, slow in zip(fast_docs, stock_docs, strict=True):
        got = [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in fast]
        expected = [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in slow]
        assert got == expected, fast.text[:80]


def test_the_fast_matcher_returns_the_matchers_matches(stock):
    ruler = stock.get_pipe("attribute_ruler")
    docs = list(stock.pipe(_paragraphs()[:200], disable=["attribute_ruler", "lemmatizer"]))
    expected = [ruler.match(doc) for doc in docs]
    fast = AttributeRuler(stock.vocab)
    fast.add_patterns(ruler.patterns)
    speed_up_attribute_ruler(fast)
    assert [fast.match(doc) for doc in docs] == expected


def test_a_pattern_it_cannot_compile_keeps_the_stock_matcher():
    ruler = AttributeRuler(spacy.blank("en").vocab)
    ruler.add([[{"LOWER": "talks", "OP": "+"}]], {"POS": "NOUN"})
    stock_match = ruler.match
    speed_up_attribute_ruler(ruler)
    assert ruler.match == stock_match
    assert issubclass(UnsupportedPattern, ValueError)


def test_numpy_products_equal_the_plain_products():
    ops = NumpyDotOps()
    x = numpy.arange(12, dtype="f").reshape(3, 4)
    y = numpy.arange(8, dtype="f").reshape(4, 2)
    assert numpy.allclose(ops.gemm(x, y), x @ y)
    assert numpy.allclose(ops.gemm(x.T.copy(), y, trans1=True), x @ y)
    out = numpy.zeros((3, 2), dtype="f")
    assert ops.gemm(x, y.T.copy(), out=out, trans2=True) is out
    assert numpy.allclose(out, x @ y)
