"""Who withdraws: the side whose forces a withdrawal cue moves, read from its subject on the parse.

"Russian troops leaving Ukrainian territory", "if Russia pulled its forces out", "the
withdrawal of its forces": the withdrawing side is the verb's subject, the noun's owner or
the side "it" stands for, not the nearest country named. conditions.py uses it to tell
which condition a withdrawal names: Russia leaving Ukraine's land (territorial integrity)
or Ukraine giving up land (territory).
"""

from __future__ import annotations

from spacy.tokens import Token as SpacyToken

from app.extraction.parsing import ParsedSentence
from app.extraction.stance import cue_head

# Words that name the withdrawing side in a subject ("Russian troops", "the occupiers").
_RUSSIAN_WORDS = frozenset(
    {"russia", "russian", "russians", "moscow", "kremlin", "occupiers", "occupying", "invaders"}
)
_UKRAINIAN_WORDS = frozenset(
    {"ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "zelensky", "zelenskyy", "zelenskiy"}
)
# A withdrawal whose subject is a pronoun is the speaker's own: "we will not withdraw".
_OWN_PRONOUNS = frozenset({"we", "i", "they", "he", "she"})
# "It" stands for a side named before it: "Moscow ... the withdrawal of its forces".
_IT = frozenset({"it", "its"})
# Adverbial clauses ("as soon as Russia is ready", "once Moscow agrees"): their subject is
# not what a later "it" stands for. (Relative clauses stay: the parser takes "a statement
# that Kyiv was ready" for one.)
_SUBORDINATE = frozenset({"advcl"})
# Prepositions of the place a withdrawal leaves ("from Ukraine", "out of Donbas").
_PLACE_PREPOSITIONS = frozenset({"from", "out", "in"})


def withdrawing_side(parsed: ParsedSentence, cue_start: int, cue_end: int) -> str | None:
    """Whose forces a withdrawal cue moves, from its subject: "russia", "ukraine", "speaker"
    (a pronoun: the speaker's own side) or None.

    "Russian troops leaving Ukrainian territory", "if Russia pulled its forces out":
    the withdrawing side is the verb's subject (or the noun the participle describes),
    not the nearest country named.
    """
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return None
    # "the withdrawal of Ukrainian troops", "Russia's withdrawal": the noun names who moves.
    owners = [c for c in cue.children if c.dep_ == "poss"] + [
        g for c in cue.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
    ]
    for owner in owners if cue.pos_ == "NOUN" else []:
        side = _side_of_words(_words_without_places(owner))
        if side is None and _names_it(owner):
            side = _side_of_antecedent(owner)  # "the withdrawal of its forces"
        if side is not None:
            return side
    verb = cue if cue.pos_ in ("VERB", "AUX") else cue.head
    candidates = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        candidates.append(verb.head)  # "troops leaving", "forces that withdraw"
    if not candidates and verb.dep_ in ("conj", "xcomp"):
        candidates = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if not candidates and verb.dep_ == "xcomp":
        # "a document requiring it to withdraw": the one required is who withdraws
        candidates = [c for c in verb.head.children if c.dep_ == "dobj"]
    for subject in candidates:
        words = {t.lower_ for t in subject.subtree if t.i <= subject.i} | {subject.lower_}
        side = _side_of_words(words)
        if side is not None:
            return side
        if subject.lower_ in _OWN_PRONOUNS:
            return "speaker"
        if _names_it(subject):
            side = _side_of_antecedent(subject)  # "but it will not withdraw its troops"
            if side is not None:
                return side
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        # "Kyiv was ready to stop the fighting, but would not withdraw": the parser may hang
        # the second verb on the speech verb; its unsaid subject is the side named before it
        return _side_of_antecedent(verb)
    return None


def _words_without_places(owner: SpacyToken) -> set[str]:
    """The words of the phrase naming who withdraws, without the place it leaves: in "the
    withdrawal of its forces from Ukraine", Ukraine is what is left, not who leaves."""
    places = {
        t.i
        for c in owner.children
        if c.dep_ == "prep" and c.lower_ in _PLACE_PREPOSITIONS
        for t in c.subtree
    }
    return {t.lower_ for t in owner.subtree if t.i not in places}


def _names_it(word: SpacyToken) -> bool:
    """Whether a word is "it" or "its", or a noun that "its" owns ("its forces")."""
    if word.lower_ in _IT:
        return True
    return any(c.dep_ == "poss" and c.lower_ in _IT for c in word.children)


def _side_of_antecedent(pronoun: SpacyToken) -> str | None:
    """The side "it" stands for: the nearest side named before it as the subject of a
    clause, passing over subordinate clauses that closed before it ("ready to stop as soon
    as Russia is, but it will not withdraw" is Kyiv's refusal; "until Moscow meets its
    commitments, including the withdrawal of its forces" is Moscow's)."""
    for word in reversed(pronoun.doc[: pronoun.i]):
        if word.dep_ not in ("nsubj", "nsubjpass"):
            continue
        clause = word.head
        if (
            clause.dep_ in _SUBORDINATE
            and not clause.left_edge.i <= pronoun.i <= clause.right_edge.i
        ):
            continue
        side = _side_of_words({t.lower_ for t in word.subtree if t.i <= word.i})
        if side is not None:
            return side
    return None


def _side_of_words(words: set[str]) -> str | None:
    if words & _RUSSIAN_WORDS:
        return "russia"
    if words & _UKRAINIAN_WORDS:
        return "ukraine"
    return None
