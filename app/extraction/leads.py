"""A wire lead's unnamed source, named in the next paragraph.

Agency copy opens with a source described but not named ("a senior Ukrainian official
said on Thursday") and names them in the paragraph after, usually over a quote
("... ," Foreign Minister NAME told a news conference). The lead is that person's: the
named person of the same side who speaks first in the next paragraph with a speaker.
"""

from __future__ import annotations

from dataclasses import replace

from app.extraction.reading import ReadSentence

# How the sieve found an unnamed official of a side: "a senior Ukrainian official".
_UNNAMED = frozenset({"nationality"})


def name_the_leads_source(parsed: list[ReadSentence]) -> None:
    """Give the lead's unnamed official the person the next paragraph names, in place."""
    body = [item for item in parsed if item.anchors and not item.sentence.is_headline]
    if not body:
        return
    lead = body[0].sentence.paragraph
    unnamed = [
        (item, k)
        for item in body
        if item.sentence.paragraph == lead
        for k, anchor in enumerate(item.anchors)
        if anchor.source_how in _UNNAMED and anchor.speaker.kind != "person"
    ]
    later = [item for item in body if item.sentence.paragraph > lead]
    if not unnamed or not later:
        return
    following = [item for item in later if item.sentence.paragraph == later[0].sentence.paragraph]
    for item, k in unnamed:
        side = item.anchors[k].speaker.side
        person = next(
            (
                anchor.speaker
                for other in following
                for anchor in other.anchors
                if anchor.speaker.kind == "person" and anchor.speaker.side == side
            ),
            None,
        )
        if person is not None:
            item.anchors[k] = replace(item.anchors[k], speaker=person)
