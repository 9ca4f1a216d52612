"""One sentence as the pipeline has read it: its words, anchors, dates and parse.

Shared by the stages that work across sentences: dating (occasions.py) and
continuation (continuation.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.extraction.attribution import Anchor
from app.extraction.parsing import ParsedSentence
from app.extraction.records import DateBasis, DateMention, DatePrecision, Sentence, SpeakerEntry

When = tuple[str | None, DatePrecision, DateBasis, str | None]


@dataclass(slots=True)
class ReadSentence:
    """What one sentence yields before statements are assembled."""

    sentence: Sentence
    lo: int  # token range
    hi: int
    anchors: list[Anchor]
    dates: list[DateMention]  # utterance dates outside quotations
    context: DateMention | None  # the latest utterance date before this sentence
    subject: SpeakerEntry | None  # the first speaker named, for dating their later words
    label: SpeakerEntry | None  # the transcript speaker whose paragraph this is
    parsed: ParsedSentence | None  # the dependency parse, for sentences that can matter
    issued_by: SpeakerEntry | None = None  # who this sentence says issued a document, and when
    story_about_war: bool = False  # the article, up to it, names the war or its parties
    issued_earlier: bool = False  # the document was issued on an earlier, undated occasion
    story_day: str | None = None  # the last day named before, in any paragraph ("the next day")
    # years given alone after "in" ("in 2022", "in the spring of 2022"): background, but
    # the time of the speaker's own act when they hang from its verb
    years: list[DateMention] = field(default_factory=list)
