"""Quotations: where the speaker's own words are, across sentence boundaries.

A quotation may span several sentences (“How will these days be used? ...
How will control be addressed?” he asked), so spans are found over the whole
text rather than per sentence. Single quotation marks are left alone: they are
nested quotes or apostrophes, both inside the outer span.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

_OPEN, _CLOSE = "“", "”"
_MAX_QUOTE = 2000  # characters; an unmatched opening mark must not swallow the article


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quotation spans in text, outermost only, by curly or straight double quotes."""
    spans: list[QuoteSpan] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == _OPEN:
            close = text.find(_CLOSE, i + 1, i + _MAX_QUOTE)
            if close < 0:
                i += 1
                continue
            spans.append(QuoteSpan(i, close + 1))
            i = close + 1
        elif ch == '"':
            close = text.find('"', i + 1, i + _MAX_QUOTE)
            # Straight quotes pair up within a paragraph.
            if close < 0 or "\n\n" in text[i:close]:
                i += 1
                continue
            spans.append(QuoteSpan(i, close + 1))
            i = close + 1
        else:
            i += 1
    return spans


class QuoteMap:
    """Answers "is this offset inside a quotation?" in logarithmic time."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self.spans = spans
        self._starts = [s.start for s in spans]

    def span_at(self, offset: int) -> QuoteSpan | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.spans[i].end:
            return self.spans[i]
        return None

    def within(self, start: int, end: int) -> list[QuoteSpan]:
        """Spans overlapping [start, end)."""
        i = max(0, bisect_right(self._starts, start) - 1)
        found = []
        while i < len(self.spans) and self.spans[i].start < end:
            if self.spans[i].end > start:
                found.append(self.spans[i])
            i += 1
        return found
