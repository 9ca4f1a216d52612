"""One statement per utterance: the reports of one utterance in one article are merged.

An article repeats a statement (a lead, the body, a summary bullet; a paraphrase and then
the quote): the repeats become further places of one statement (`also_at`), and the
conditions they add join it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from app.extraction.records import Statement

_WORD = re.compile(r"\w+")
_MERGE_LOOKBACK = 200  # earlier statements of a speaker compared with each new one
_SAME_EVIDENCE = 0.75  # word overlap at which two sentences report the same utterance


def merge_duplicates(statements: list[Statement]) -> list[Statement]:
    """One statement per utterance: same speaker, date and conditions, or the same sentence."""
    kept: list[Statement] = []
    speakers: Counter[str] = Counter()  # statements kept so far, per speaker
    # Every test of sameness needs the same date, so only a speaker's statements of that
    # date are compared: (speaker, date) -> each one's place among the speaker's kept ones.
    by_date: dict[tuple[str, str | None], tuple[list[int], list[Statement]]] = {}
    for statement in statements:
        slug = statement.speaker.slug
        places, dated = by_date.setdefault((slug, statement.date), ([], []))
        # Reports of one utterance sit near each other; a bounded look-back keeps this linear.
        recent = dated[bisect_left(places, speakers[slug] - _MERGE_LOOKBACK) :]
        twin = next((k for k in recent if _same_utterance(k, statement)), None)
        if twin is None:
            kept.append(statement)
            places.append(speakers[slug])
            dated.append(statement)
            speakers[slug] += 1
            continue
        if (statement.start, statement.end) != (twin.start, twin.end):
            if (statement.start, statement.end) not in twin.also_at:
                twin.also_at.append((statement.start, statement.end))
        known = {t.condition for t in twin.conditions}
        twin.conditions.extend(t for t in statement.conditions if t.condition not in known)
    return kept


def _same_utterance(a: Statement, b: Statement) -> bool:
    if a.speaker.slug != b.speaker.slug:
        return False
    if a.quote is not None and a.quote == b.quote and a.date == b.date:
        return True  # one quotation running over two sentences
    if a.date is not None and a.date == b.date and _condition_set(a) == _condition_set(b):
        return True
    words_a, words_b = _words(a.evidence), _words(b.evidence)
    overlap = len(words_a & words_b) / max(1, len(words_a | words_b))
    return overlap >= _SAME_EVIDENCE and a.date == b.date


@lru_cache(maxsize=4096)
def _words(evidence: str) -> frozenset[str]:
    return frozenset(_WORD.findall(evidence.lower()))


def _condition_set(statement: Statement) -> frozenset[tuple[str, str]]:
    return frozenset((t.condition, t.stance.value) for t in statement.conditions)
