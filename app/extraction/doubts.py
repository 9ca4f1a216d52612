"""Why an analyst may doubt a statement: the engine's own reasons, so that a review queue
can put first what the machine is least sure of.

Each reason is a stable code with a sentence for the analyst. Attribution reasons come
from how the speaker was found (a pronoun, a title, a document, word patterns only, a
report inside another report); the rest from the finished statement (its date, its
conditions' cues, its kind, a commentator).
"""

from app.extraction.records import DateBasis, Kind, Statement

DOUBTS: dict[str, str] = {
    "speaker-pronoun": "speaker found through a pronoun",
    "speaker-title": "speaker found through a title or description",
    "speaker-document": "a document stands for its issuer",
    "word-patterns": "speaker found by word patterns, not by sentence structure",
    "nested-report": "one party's account of another's position",
    "weak-cue": "a condition found by a weak cue (talks, territory, team)",
    "date-publication": "dated by the article's publication date",
    "date-inferred": "date inferred from the context",
    "no-date": "no date could be established",
    "characterization": "an account of a position, not the speaker's words",
    "commentator": "said by a commentator, not a party",
}
_BY_MENTION = {
    "pronoun": "speaker-pronoun",
    "title": "speaker-title",
    "description": "speaker-title",
    "document": "speaker-document",
}


def attribution_doubts(how: str, pass_name: str, reported_by: str) -> tuple[str, ...]:
    """Doubts from how the speaker was found (an Anchor's source_how, pass_name, reported_by)."""
    doubts = []
    if how in _BY_MENTION:
        doubts.append(_BY_MENTION[how])
    if pass_name == "tokens":
        doubts.append("word-patterns")
    if reported_by:
        doubts.append("nested-report")
    return tuple(doubts)


def statement_doubts(statement: Statement) -> tuple[str, ...]:
    """All doubts of a finished statement: its attribution doubts and those of its fields."""
    doubts = list(statement.doubts)
    if any(tag.weak for tag in statement.conditions):
        doubts.append("weak-cue")
    if not statement.date:
        doubts.append("no-date")
    elif statement.date_basis == DateBasis.PUBLICATION:
        doubts.append("date-publication")
    elif statement.date_basis == DateBasis.INFERRED:
        doubts.append("date-inferred")
    if statement.kind == Kind.CHARACTERIZATION:
        doubts.append("characterization")
    if statement.speaker.side == "commentator":
        doubts.append("commentator")
    return tuple(dict.fromkeys(doubts))
