"""Article text cut into paragraphs and segments for showing evidence in place.

Evidence offsets (`Source.start`/`end`) index into `Article.text`; these helpers split the
text into plain-string segments, so templates escape every piece themselves. Text in,
plain records out: nothing here reads the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# A blank line (possibly holding spaces) separates paragraphs of a stored article.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\n\s*")
EXCERPT_CONTEXT = 600  # characters of the paragraph kept on each side of the evidence


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of article text and the statements whose evidence covers it."""

    text: str
    statements: tuple[int, ...] = ()  # covering statements: the text is highlighted
    anchors: tuple[int, ...] = ()  # statements whose first place in the text starts here
    ends: tuple[int, ...] = ()  # statements whose evidence ends here (links follow)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The evidence with the text around it in its paragraph, clipped at word boundaries."""

    before: str
    evidence: str
    after: str
    clipped_before: bool
    clipped_after: bool


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; paragraphs are split at blank lines."""
    bounds, at = [], 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((at, brk.start()))
        at = brk.end()
    bounds.append((at, len(text)))
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def highlight(text: str, spans: Iterable[tuple[int, int, int]]) -> list[list[Segment]]:
    """The text as paragraphs of segments, given (statement_id, start, end) evidence spans;
    overlapping or shared spans give one segment listing every statement covering it."""
    valid = sorted(
        (max(0, s), min(len(text), e), sid) for sid, s, e in spans if min(len(text), e) > s
    )
    anchored: set[int] = set()
    paragraphs = []
    for p_start, p_end in paragraph_bounds(text):
        cuts = {p_start, p_end}
        cuts.update(x for s, e, _ in valid for x in (s, e) if p_start < x < p_end)
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            covering = sorted({sid for s, e, sid in valid if s <= a and e >= b})
            anchors = tuple(sid for sid in covering if sid not in anchored)
            anchored.update(anchors)
            ends = sorted({sid for s, e, sid in valid if e == b and s < b})
            segments.append(Segment(text[a:b], tuple(covering), anchors, tuple(ends)))
        paragraphs.append(segments)
    return paragraphs


def excerpt(text: str, start: int, end: int, *, context: int = EXCERPT_CONTEXT) -> Excerpt:
    """The evidence text[start:end] inside its paragraph(s), at most `context` chars aside."""
    bounds = paragraph_bounds(text)
    p_start = max((a for a, _ in bounds if a <= start), default=0)
    p_end = min((b for _, b in bounds if b >= end), default=len(text))
    before, after = text[p_start:start], text[end:p_end]
    clipped_before = len(before) > context
    if clipped_before:
        before = before[-context:]
        before = before[before.find(" ") + 1 :] if " " in before else before
    clipped_after = len(after) > context
    if clipped_after:
        after = after[:context]
        after = after[: after.rfind(" ")] if " " in after else after
    return Excerpt(before, text[start:end], after, clipped_before, clipped_after)
