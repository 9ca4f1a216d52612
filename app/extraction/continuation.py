"""Sentences that continue another's speaker: quotations running on, list items, quote paragraphs.

A sentence with no speaker of its own takes the anchor of the sentence it continues, in
order: the sentence attributing the multi-sentence quotation it sits in; the sentence
ending in a colon that opens its list ("Moscow's demands include:"); the quotation
before it in its paragraph, or a paragraph that is all quotation after "X said:".
"""

from __future__ import annotations

from app.extraction.attribution import Anchor
from app.extraction.proposals import proposal_nouns
from app.extraction.quotes import QuoteMap, QuoteSpan
from app.extraction.reading import ReadSentence


def continued_anchor(
    item: ReadSentence,
    parsed: list[ReadSentence],
    index: int,
    quotes: QuoteMap,
    paragraph_start: int,
) -> tuple[list[Anchor], ReadSentence]:
    """For a sentence with no speaker of its own, the anchor it continues, if any.

    In order: a sentence inside a multi-sentence quotation takes the anchor that
    attributes the quotation; an item of a list takes the anchor of the sentence that
    opens the list ("Moscow's demands include:"); a paragraph that is all quotation
    continues the speaker of the paragraph before it ("X said:" or X's last quote).
    `paragraph_start` is the index in `parsed` of the first sentence of item's paragraph
    (the caller keeps it as it reads: walking back to it from every sentence of a long
    paragraph would make the work grow with the square of its length).
    """
    span = quotes.span_at(item.sentence.start) or quotes.span_at(item.sentence.end - 1)
    if span is not None:
        for other in parsed[max(0, index - 4) : index + 5]:
            sentence = other.sentence
            if other is item or sentence.end < span.start or sentence.start > span.end:
                continue
            if other.anchors:
                return [other.anchors[0]], other
    lead = _list_lead(item, parsed, index)
    if lead is not None:
        return [lead.anchors[0]], lead
    if span is not None:
        # A quotation continuing the speaker of a quotation before it: in the same
        # paragraph, or a paragraph that is all quotation after "X said:".
        previous = [p for p in parsed[max(0, index - 6) : index] if p.anchors]
        same_paragraph = previous and previous[-1].sentence.paragraph == item.sentence.paragraph
        next_paragraph = (
            previous
            and previous[-1].sentence.paragraph == item.sentence.paragraph - 1
            and _opens_paragraph_quote(parsed, paragraph_start, span)
        )
        if same_paragraph or next_paragraph:
            return [previous[-1].anchors[-1]], previous[-1]
        introduced = _introduced_quote(item, parsed, index, span, paragraph_start)
        if introduced is not None:
            return introduced
    return [], item


def _list_lead(item: ReadSentence, parsed: list[ReadSentence], index: int) -> ReadSentence | None:
    """The sentence ending in a colon that opens the list this bullet belongs to; for a
    lead with no speaker ("Among them:"), the sentence before it in its paragraph
    ("X laid out his conditions on Tuesday.")."""
    if not item.sentence.is_bullet:
        return None
    window = parsed[max(0, index - 12) : index]
    for k in range(len(window) - 1, -1, -1):
        other = window[k]
        if other.sentence.is_bullet:
            continue
        if not other.sentence.text.rstrip().endswith(":"):
            # "Zelensky set out Ukraine's terms on Tuesday." with the terms listed below
            names_terms = bool(proposal_nouns() & set(other.sentence.text.lower().split()))
            return other if other.anchors and names_terms else None
        if other.anchors:
            return other
        before = window[k - 1] if k > 0 else None
        if before and before.anchors and before.sentence.paragraph == other.sentence.paragraph:
            return before
        return None
    return None


def _introduced_quote(
    item: ReadSentence,
    parsed: list[ReadSentence],
    index: int,
    span: QuoteSpan,
    paragraph_start: int,
) -> tuple[list[Anchor], ReadSentence] | None:
    """A paragraph that is all quotation after a sentence that names someone and ends in
    a colon with no verb of saying ("Zelensky was blunt on Tuesday:"): that person's."""
    if index == 0 or not _opens_paragraph_quote(parsed, paragraph_start, span):
        return None
    lead = parsed[paragraph_start - 1] if paragraph_start > 0 else None
    if lead is None or lead.subject is None or lead.anchors:
        return None
    if lead.sentence.paragraph != item.sentence.paragraph - 1:
        return None
    if not lead.sentence.text.rstrip().endswith(":") or lead.sentence.is_bullet:
        return None
    anchor = Anchor(lead.lo, lead.lo, lead.subject, ":", "reporting", "past")
    return [anchor], lead


def _opens_paragraph_quote(
    parsed: list[ReadSentence], paragraph_start: int, span: QuoteSpan
) -> bool:
    """Whether the quotation holding a sentence opens its paragraph."""
    return span.start <= parsed[paragraph_start].sentence.start + 1
