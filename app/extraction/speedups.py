"""Two ways to run the same spaCy pipeline faster, with the same annotations.

Measured on this project's benchmark (bench/extract_speed.py), most of the parse time
went to two places that do not depend on the model:
- matrix products in thinc's bundled BLIS, which on some CPUs runs a generic kernel
  several times slower than numpy's own BLAS: `NumpyDotOps` hands them to numpy;
- the attribute ruler's Matcher, which tries each of its ~180 token patterns on every
  token: `speed_up_attribute_ruler` files the patterns by the word, dependency or tag
  they require and returns exactly the matches the Matcher would (test_speedups.py
  compares both on every token of the seeds and the development corpus).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken
from thinc.api import NumpyOps

_ATTRIBUTES: dict[str, Callable[[SpacyToken], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
_MOST_SELECTIVE = ("LOWER", "DEP", "TAG", "IS_SPACE")  # the order patterns are filed in
Columns = dict[str, list[Any]]  # each attribute's value for every token of a doc
TokenTest = Callable[[Columns, int], bool]


class NumpyDotOps(NumpyOps):
    """thinc's CPU ops with matrix products done by numpy (same results, faster here)."""

    name = "numpy_dot"

    def gemm(self, x, y, out=None, trans1=False, trans2=False):
        x = x.T if trans1 else x
        y = y.T if trans2 else y
        if out is None:
            return numpy.dot(x, y)
        numpy.dot(x, y, out=out)
        return out


class UnsupportedPattern(ValueError):
    """An attribute-ruler pattern this module cannot compile; the stock Matcher is kept."""


def speed_up_attribute_ruler(ruler: AttributeRuler) -> None:
    """Replace the ruler's `match` with an indexed equivalent, if every pattern compiles."""
    try:
        compiled = _compile(ruler)
    except UnsupportedPattern:
        return
    ruler.match = compiled  # type: ignore[method-assign]


def _compile(ruler: AttributeRuler) -> Callable[[Doc], list[tuple[int, int, int, int]]]:
    strings = ruler.vocab.strings
    # A pattern is filed under a value its first token must have ("TAG" "NN", "LOWER"
    # "gon"): a token is tried only against the patterns filed under its own values.
    # Most patterns are one token long and ask nothing beyond the value they are filed
    # under (the tag map): those match outright, with no test to run.
    filed: dict[tuple[str, Any], list[tuple[int, list[TokenTest]]]] = {}
    any_token: list[tuple[int, list[TokenTest]]] = []
    for attr_id, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            key, values = next(
                ((k, v) for k in _MOST_SELECTIVE if (v := _required(pattern[0].get(k)))),
                ("", None),
            )
            first = _without(pattern[0], key) if len(values or ()) == 1 else pattern[0]
            specs = [first, *pattern[1:]]
            # An empty list of tests: a one-token pattern its filing already satisfies.
            tests = [] if specs == [{}] else [_token_test(spec) for spec in specs]
            entry_tests = (attr_id, tests)
            for value in values or ():
                filed.setdefault((key, value), []).append(entry_tests)
            if not values:
                any_token.append(entry_tests)
    match_ids = [strings.add(str(i)) for i in range(len(ruler.patterns))]

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        tokens = list(doc)
        size = len(tokens)
        columns = {key: [read(t) for t in tokens] for key, read in _ATTRIBUTES.items()}
        keyed = list(columns.items())
        found = []
        for i in range(size):
            for key, column in keyed:
                for attr_id, tests in filed.get((key, column[i]), ()):
                    if not tests or _matches_at(tests, columns, i, size):
                        found.append((attr_id, match_ids[attr_id], i, i + max(1, len(tests))))
            for attr_id, tests in any_token:
                if _matches_at(tests, columns, i, size):
                    found.append((attr_id, match_ids[attr_id], i, i + len(tests)))
        found.sort()
        return found

    return match


def _matches_at(tests: list[TokenTest], columns: Columns, i: int, size: int) -> bool:
    return i + len(tests) <= size and all(t(columns, i + k) for k, t in enumerate(tests))


def _required(wanted: Any) -> list[str] | None:
    """The values a pattern requires of an attribute, if it names them outright."""
    if isinstance(wanted, str | bool):
        return [wanted]
    if isinstance(wanted, dict) and set(wanted) == {"IN"}:
        return list(wanted["IN"])
    return None


def _without(spec: dict[str, Any], key: str) -> dict[str, Any]:
    """A first token's spec less the value it is filed under (already known to hold)."""
    return {k: v for k, v in spec.items() if k != key}


def _token_test(spec: dict[str, Any]) -> TokenTest:
    checks = []
    for key, wanted in spec.items():
        if key not in _ATTRIBUTES:
            raise UnsupportedPattern(key)
        checks.append((key, _value_test(wanted)))
    return lambda columns, i: all(ok(columns[key][i]) for key, ok in checks)


def _value_test(wanted: Any) -> Callable[[Any], bool]:
    if not isinstance(wanted, dict):
        return lambda value: value == wanted
    if len(wanted) != 1:
        raise UnsupportedPattern(str(wanted))
    [(operator, argument)] = wanted.items()
    if operator == "IN":
        allowed = frozenset(argument)
        return lambda value: value in allowed
    if operator == "NOT_IN":
        refused = frozenset(argument)
        return lambda value: value not in refused
    if operator == "REGEX":
        pattern = re.compile(argument)
        return lambda value: bool(pattern.search(value))
    raise UnsupportedPattern(operator)
