"""Article text cut into paragraphs and segments for showing evidence in place.

Evidence offsets (`Source.start`/`end`) index into `Article.text`; these helpers split the
text into plain-string segments, so templates escape every piece themselves. Text in,
plain records out: nothing here reads the database.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# A blank line (possibly holding spaces) separates paragraphs of a stored article.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\xa0]*\n\s*")
EXCERPT_CONTEXT = 600  # characters of the paragraph kept on each side of the evidence
# Characters of article text one page shows: a longer article is shown in parts, so that
# a page stays a few hundred kilobytes whatever the article's size.
PART_CHARS = 100_000


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


def text_parts(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of the parts a page shows the text in: whole paragraphs up to `size`
    characters a part, a paragraph longer than that cut at a space within it."""
    parts: list[tuple[int, int]] = []
    start = end = -1  # the part being filled; -1: none yet
    for a, b in paragraph_bounds(text):
        if start >= 0 and b - start > size:
            parts.append((start, end))
            start = -1
        while b - a > size:
            space = text.rfind(" ", a + size // 2, a + size)
            cut = space + 1 if space >= 0 else a + size
            parts.append((a, cut))
            a = cut
        start = a if start < 0 else start
        end = b
    if start >= 0:
        parts.append((start, end))
    return parts or [(0, len(text))]


def highlight(
    text: str,
    spans: Iterable[tuple[int, int, int]],
    part: tuple[int, int] | None = None,
    anchored_before: Iterable[int] = (),
) -> list[list[Segment]]:
    """The text (or the `part` of it, as start and end) as paragraphs of segments, given
    (statement_id, start, end) evidence spans; overlapping or shared spans give one segment
    listing every statement covering it. A statement is anchored at its first segment,
    unless `anchored_before` says an earlier part holds it. One sweep along the text, so
    time grows with the text and the spans, not with their product."""
    lo, hi = part or (0, len(text))
    valid = sorted(
        (max(0, s), min(len(text), e), sid) for sid, s, e in spans if min(len(text), e) > s
    )
    starts = [s for s, _e, _sid in valid]
    by_end = sorted((e, s, sid) for s, e, sid in valid)
    ends = [e for e, _s, _sid in by_end]
    ending: dict[int, set[int]] = defaultdict(set)  # statements whose evidence ends there
    for e, s, sid in by_end:
        if s < e:
            ending[e].add(sid)
    anchored = set(anchored_before)
    covering: Counter[int] = Counter()  # statements covering the sweep's point, and how often
    added = removed = 0  # spans started, and ended, before the sweep's point
    paragraphs = []
    for p_start, p_end in paragraph_bounds(text):
        p_start, p_end = max(p_start, lo), min(p_end, hi)
        if p_start >= p_end:
            continue
        inside = starts[bisect_right(starts, p_start) : bisect_left(starts, p_end)]
        inside += ends[bisect_right(ends, p_start) : bisect_left(ends, p_end)]
        points = sorted({p_start, p_end, *inside})
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            while added < len(valid) and starts[added] <= a:
                covering[valid[added][2]] += 1
                added += 1
            while removed < len(by_end) and ends[removed] <= a:
                sid = by_end[removed][2]
                covering[sid] -= 1
                if not covering[sid]:
                    del covering[sid]
                removed += 1
            here = tuple(sorted(covering))
            anchors = tuple(sid for sid in here if sid not in anchored)
            anchored.update(anchors)
            marks = Segment(text[a:b], here, anchors, tuple(sorted(ending.get(b, ()))))
            segments.append(marks)
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
