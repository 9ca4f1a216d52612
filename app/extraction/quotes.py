"""Quotations: where the speaker's own words are, across sentence boundaries.

A quotation may span several sentences (“How will these days be used? ...
How will control be addressed?” he asked), so spans are found over the whole
text rather than per sentence, but never across a paragraph break (a blank
line): an unclosed quotation ends with its paragraph, as a quotation running
on into the next paragraph reopens there. English, German („…“, ‚…‘), French
(«…», ‹…›), reversed (»…«) and straight marks all count, mixed too (“…"),
single marks as well as double; a mark between letters or before a year's
digits is an apostrophe (Russia’s, don't, ’90s).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# The closing marks each opening mark accepts: its own style's and common mixes.
_CLOSERS = {
    "“": '”"“',  # English; “…“ and “…" are typing slips
    "„": '“”"',  # German „…“, Polish „…”
    '"': '"”“',
    "”": '”"',  # Swedish ”…”
    "«": "»",
    "»": "«",  # German and Danish »…«
    "‹": "›",
    "›": "‹",
    "‘": "’'‘",
    "‚": "‘’'",  # German ‚…‘
    "'": "'’",
}
_MARK = re.compile("[" + re.escape("".join(_CLOSERS)) + "’]")
# A mark's role when its neighbours don't tell (spaces on both sides, as in « … »).
_NATURAL = {"“": "open", "„": "open", "«": "open", "‹": "open", "‘": "open", "‚": "open",
            "”": "close", "»": "close", "›": "close", "’": "close"}  # fmt: skip
_SINGLE = frozenset("'‘’‚")
_OPEN_ONLY = frozenset("„‚")  # low marks never close
# Unclosed, these are more likely apostrophes ('til, ‘em) than quotations running on.
_NEEDS_CLOSING = frozenset("'‘")
# A mark right before these closes a quotation ("no,' he"); one right after those opens ("('no").
_AFTER_CLOSE = frozenset(".,;:!?…)]}")
_BEFORE_OPEN = frozenset("([{")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
# Characters; an unclosed quotation longer than this ends with its own line instead (files
# whose paragraphs are single lines, without blank lines between them).
_MAX_OPEN_END = 2000
# The longest quotation, in characters (the fixtures' longest is 326): marks farther apart
# are no pair, and an unclosed quotation on a longer line ends by then, at a sentence's
# end. Without it one stray mark in a megabyte line quotes it all, for every statement.
MAX_QUOTE_CHARS = 2000
# The opening marks each closing mark may close, for finding the innermost one at once.
_OPENERS_OF = {
    closer: "".join(o for o, closers in _CLOSERS.items() if closer in closers)
    for closer in "".join(_CLOSERS.values())
}
_SENTENCE_END = re.compile(r"[.!?…]\S*(?=\s)")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quotation: from its opening mark to just past its closing one, or its paragraph's end."""

    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark, or the paragraph's end if unclosed
    closed: bool = True  # False when the paragraph ended before a closing mark

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words' range, without the marks."""
        return self.start + 1, self.end - 1 if self.closed else self.end


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quotation spans in text, outermost only, each within one paragraph."""
    spans: list[QuoteSpan] = []
    start = 0
    for brk in _BLANK_LINE.finditer(text):
        spans += _paragraph_quotes(text, start, brk.start())
        start = brk.end()
    spans += _paragraph_quotes(text, start, len(text))
    return spans


def _paragraph_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    """The outermost quotation spans of the paragraph text[start:end]."""
    while end > start and text[end - 1].isspace():
        end -= 1
    found: list[QuoteSpan] = []
    stack: list[int] = []  # offsets of opening marks not closed yet, innermost last
    # For each opening mark, the indexes in `stack` where it stands (innermost last): the
    # innermost mark a closer may close is then found at once, not by walking the stack.
    where: dict[str, list[int]] = {mark: [] for mark in _CLOSERS}
    for match in _MARK.finditer(text, start, end):
        i = match.start()
        role = _role(text, i, start, end)
        if role in ("close", "either"):
            # the innermost open quotation this mark closes; unclosed ones inside end with it
            at = _innermost_closed(text, i, stack, where)
            if at is not None:
                found.append(QuoteSpan(stack[at], i + 1))
                del stack[at:]
                for indexes in where.values():
                    while indexes and indexes[-1] >= at:
                        indexes.pop()
                continue
        if role in ("open", "either"):
            where[text[i]].append(len(stack))
            stack.append(i)
    # The first unclosed quotation runs to the paragraph's end, containing any later ones.
    opened = next((o for o in stack if text[o] not in _NEEDS_CLOSING), None)
    if opened is not None:
        line_end = text.find("\n", opened, end)
        stop = end if end - opened <= _MAX_OPEN_END or line_end < 0 else line_end
        if stop - opened > MAX_QUOTE_CHARS:
            stop = _bounded_end(text, opened)
        found.append(QuoteSpan(opened, stop, closed=False))
    return _outermost(found)


def _innermost_closed(
    text: str, i: int, stack: list[int], where: dict[str, list[int]]
) -> int | None:
    """The index in `stack` of the innermost opening mark the mark at i may close, if any
    within MAX_QUOTE_CHARS: an opener farther away is no pair for it, nor any further out."""
    innermost = max((where[o][-1] for o in _OPENERS_OF.get(text[i], "") if where[o]), default=-1)
    if innermost < 0 or i - stack[innermost] >= MAX_QUOTE_CHARS:
        return None
    return innermost


def _bounded_end(text: str, opened: int) -> int:
    """Where an unclosed quotation too long to be one ends: after the last sentence ending
    within MAX_QUOTE_CHARS of its mark, else at the last space, else at the limit."""
    limit = opened + MAX_QUOTE_CHARS
    ends = [m.end() for m in _SENTENCE_END.finditer(text, opened + 1, limit)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", opened + 1, limit), text.rfind("\n", opened + 1, limit))
    return space + 1 if space > opened else limit


def _role(text: str, i: int, start: int, end: int) -> str | None:
    """Whether the mark at i opens, closes, may do "either", or is no quotation mark (None)."""
    mark = text[i]
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if mark in _SINGLE:
        if before.isalnum() and after.isalnum():
            return None  # an apostrophe inside a word: Russia’s, don't
        if after.isdigit() and not before.isalnum():
            return None  # a year cut short: ’90s, '22
    # Flanking, as for emphasis in CommonMark: an opener hugs the word after it, a closer
    # the word or punctuation before it.
    can_open = not after.isspace() and after not in _AFTER_CLOSE and not before.isalnum()
    can_close = not before.isspace() and before not in _BEFORE_OPEN and not after.isalnum()
    if mark in _OPEN_ONLY:
        return "open"
    if mark == "’":  # too often an apostrophe to open anything
        return "close" if can_close or not can_open else None
    if can_open and can_close:
        return "either"
    if can_open or can_close:
        return "open" if can_open else "close"
    return _NATURAL.get(mark)  # spaced on both sides: « … »; a straight mark stays unknown


def _outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """The spans not inside another, in text order."""
    kept: list[QuoteSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


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
