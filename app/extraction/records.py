"""Typed records passed between the extraction stages.

Every offset is a character offset into the *original* article text as stored,
so that the dashboard can highlight evidence in exactly what was ingested.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class DateBasis(StrEnum):
    EXPLICIT = "explicit"  # the text gives the date ("on July 5", "On 17 August")
    RELATIVE = "relative"  # resolved against publication ("on Thursday", "last month")
    PUBLICATION = "publication"  # present-tense statement dated by the article itself
    ANALYST = "analyst"  # set by hand
    INFERRED = "inferred"  # anything else; date_evidence says what


class Stance(StrEnum):
    DEMAND = "demand"
    REJECT = "reject"
    SUPPORT = "support"
    OFFER = "offer"


class Kind(StrEnum):
    QUOTE = "quote"
    REPORTED = "reported"
    CHARACTERIZATION = "characterization"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the original text kept as article body by the cleaner."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    """What the cleaner keeps: the body segments, plus the headline if one was found."""

    text: str  # the original text, unchanged
    segments: tuple[Segment, ...]  # article body, in order; everything else is furniture
    title: str | None = None
    title_span: Segment | None = None
    # Date stamps standing alone between paragraphs of the body ("MONDAY, 21 APRIL" in a
    # digest): each heads the paragraphs below it, until the next or a rule ("---").
    date_headings: tuple[Segment, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str  # == original[start:end]
    paragraph: int  # index of the paragraph (blank-line separated block) it sits in
    is_bullet: bool = False  # an item of a bulleted list ("•", "-", "*", "1.")
    is_headline: bool = False  # a short line without final punctuation (title, subhead)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, resolved as far as the publication date allows."""

    start: int
    end: int
    text: str  # the words used: "on Thursday", "June 14", "last month"
    basis: DateBasis  # EXPLICIT when the text alone fixes it, RELATIVE when publication is needed
    precision: DatePrecision  # UNKNOWN when it cannot be resolved (no publication date)
    value: str | None  # ISO at its precision: "2024-07-05", "2024-07", "2024"; None if unresolved
    # False for expressions that date something other than an utterance:
    # "since 2014", "until May", "annexed in 2014", "by the end of the year".
    utterance: bool = True


@dataclass(frozen=True, slots=True)
class PublicationDate:
    value: date
    basis: str  # "supplied", "dateline", "front-matter", "url"
    evidence: str  # the words or URL it came from


@dataclass(frozen=True, slots=True)
class SpeakerEntry:
    """One speaker of the gazetteer (or one introduced by the article itself)."""

    slug: str  # "vladimir-putin"
    name: str  # canonical name: "Vladimir Putin"
    side: str  # "Russia", "Ukraine", ..., or "commentator"
    kind: str  # "person" or "government" or "organization"


@dataclass(frozen=True, slots=True)
class ConditionTag:
    condition: str  # taxonomy id: "ceasefire", "territory", ...
    stance: Stance
    regions: tuple[str, ...] = ()
    cue: str = ""  # the cue phrase that matched, for review
    cue_start: int = -1  # offsets of the cue in the original text
    cue_end: int = -1
    weak: bool = False  # found by a weak cue ("talks", "territory") in a war context


@dataclass(slots=True)
class Statement:
    """One dated statement by one speaker, with the conditions it states."""

    speaker: SpeakerEntry
    conditions: list[ConditionTag]
    kind: Kind
    evidence: str  # the exact sentence(s): original[start:end]
    start: int
    end: int
    quote: str | None = None
    date: str | None = None
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    date_basis: DateBasis = DateBasis.INFERRED
    date_evidence: str | None = None
    # Further places in the same article that report the same utterance.
    also_at: list[tuple[int, int]] = field(default_factory=list)
    # Why an analyst may doubt it, as codes of doubts.py ("speaker-pronoun", ...).
    doubts: tuple[str, ...] = ()


@dataclass(slots=True)
class ArticleExtraction:
    """Everything the engine extracts from one article."""

    title: str | None
    published: date | None
    published_basis: str  # "supplied", "dateline", "front-matter", "url" or "none"
    published_evidence: str | None
    statements: list[Statement]
    speakers_introduced: list[SpeakerEntry] = field(default_factory=list)
