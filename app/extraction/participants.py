"""Who took part in the meeting an article reports: the people "the two leaders" or
"both sides" stand for.

The last two people merely named are often not the participants: a plan "that President
Zelensky presented", or the leaders a speaker "was ready to meet", come between the
meeting and "Both leaders agreed ...". The participants are the people the sentences
put in the main roles: the subject of the main verb, or whom it met, called or held
talks with.
"""

from __future__ import annotations

from spacy.tokens import Token as SpacyToken

from app.extraction.parsing import ParsedSentence, mention_covering
from app.extraction.records import SpeakerEntry
from app.extraction.speakers import Mention

_MAIN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj"})
_PARTNER_PREPOSITIONS = frozenset({"with"})  # "held talks with X", "in a call with X"


def principal_people(parsed: ParsedSentence, mentions: list[Mention]) -> list[SpeakerEntry]:
    """The people this sentence puts in the main roles, in order."""
    root = next((t for t in parsed.doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    found: list[SpeakerEntry] = []
    for token in _main_role_tokens(root):
        mention = mention_covering(parsed, token, mentions)
        if mention is None or mention.speaker is None or mention.speaker.kind != "person":
            continue
        if mention.speaker not in found:
            found.append(mention.speaker)
    return found


def _main_role_tokens(root: SpacyToken) -> list[SpacyToken]:
    """Subjects and objects of the main verb, what they are coordinated or in apposition
    with, and the partner of a "with" the verb or its object governs."""
    heads = [c for c in root.children if c.dep_ in _MAIN_ROLES]
    partners = [
        grandchild
        for head in (root, *heads)
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in _PARTNER_PREPOSITIONS
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]
    found: list[SpacyToken] = []
    for token in [*heads, *partners]:
        found.extend(_with_conjuncts(token))
    return found


def _with_conjuncts(token: SpacyToken) -> list[SpacyToken]:
    found = [token]
    for child in token.children:
        if child.dep_ in ("conj", "appos"):
            found.extend(_with_conjuncts(child))
    return found


def two_participants(
    principals: list[SpeakerEntry], people: list[SpeakerEntry]
) -> tuple[SpeakerEntry, ...]:
    """The last two people in main roles; else the last two named."""
    if len(principals) >= 2:
        return tuple(principals[-2:])
    return tuple(people[-2:])
