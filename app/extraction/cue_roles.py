"""The cue's role in its sentence, read from the parse: what a condition cue is to its words.

conditions.py asks these questions of a condition cue before trusting the stance the
walk in stance.py gives it, or in place of it: is the cue named only in passing
("familiar with the talks"), is it the subject of its clause, the terms of a plan, what a
party hands over as an act of its own, what someone does not mention, only the matter of
talks, the meeting where something was said, an item of a list with another cue? Each
predicate takes the cue's character offsets on a parsed sentence and answers from the
dependency tree.
"""

from __future__ import annotations

from spacy.tokens import Token as SpacyToken

from app.extraction.parsing import ParsedSentence, is_speech_verb
from app.extraction.records import Stance
from app.extraction.stance import MAX_CLIMB, clause_mark, cue_head, negations_on
from app.extraction.stance_lexicon import StanceLemmas, load_stance_lemmas

_LIST_GAP = 6  # words between two items of one list ("and an international")


def governing_lemma(parsed: ParsedSentence, cue_start: int, cue_end: int) -> str:
    """The lemma of the word the cue hangs from ("lift" in "will not lift sanctions",
    "easing" in "any easing of sanctions")."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return ""
    head = cue.head
    if head.lower_ in ("of", "from", "on") and cue.dep_ == "pobj":
        head = head.head  # "any easing of sanctions", "no relief from sanctions"
    return head.lemma_.lower()


def describing_lemmas(parsed: ParsedSentence, cue_start: int, cue_end: int) -> set[str]:
    """The lemmas of the clauses that describe the cue ("declared" in "the truce that Putin
    declared")."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return set()
    return {c.lemma_.lower() for c in cue.children if c.dep_ in ("relcl", "acl")}


def cue_head_lemma(parsed: ParsedSentence, cue_start: int, cue_end: int) -> str:
    """The lemma of the cue's own head word ("order" in "order a ceasefire")."""
    cue = cue_head(parsed, cue_start, cue_end)
    return cue.lemma_.lower() if cue is not None else ""


def in_passing(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether a cue is named only in passing: the object of a preposition ("familiar with
    the talks", "at the summit"), not a subject or object of what is said."""
    cue = cue_head(parsed, cue_start, cue_end)
    return cue is not None and cue.dep_ == "pobj" and not _taken_part_in(cue)


def _taken_part_in(cue: SpacyToken) -> bool:
    """Whether the cue is what someone takes part in ("will not take part in any talks",
    "ready to participate in talks"): joining the thing is a position on it."""
    preposition = cue.head
    if preposition.lower_ != "in":
        return False
    verb = preposition.head
    if verb.lemma_.lower() in load_stance_lemmas().joining:
        return True
    return any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children)


def as_subject(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether a cue is the subject of its clause ("any talks would have to take into
    account the new realities"): what the clause asks is of the thing, not for it."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None or cue.dep_ not in ("nsubj", "nsubjpass"):
        return False
    # "negotiations should begin": the clause asks for the thing itself, not of it
    return cue.head.lemma_.lower() not in load_stance_lemmas().beginning


def acting_subject_of(parsed: ParsedSentence, cue_start: int, cue_end: int) -> str:
    """The lemma of the verb whose active subject the cue is ("hold" in "a ceasefire would
    hold only if ..."), else "" (a passive "a ceasefire is needed" asks for the thing)."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None or cue.dep_ != "nsubj":
        return ""
    return cue.head.lemma_.lower()


def where_talks_start(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue names where talks start ("the line of contact should be the starting
    point for negotiations", "talks to start from the current line"): a format of the talks.
    """
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return False
    lemmas = load_stance_lemmas()
    if cue.dep_ == "nsubj" and cue.head.lemma_.lower() in lemmas.copulas:
        return any(
            c.dep_ == "attr" and c.lemma_.lower() in lemmas.starting_points
            for c in cue.head.children
        )
    if cue.dep_ != "pobj" or cue.head.lower_ != "from":
        return False
    start = cue.head.head
    return start.lemma_.lower() in lemmas.beginning or start.lemma_.lower() in lemmas.matters


def describes_a_place(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is an adjective on a place ("a demilitarised zone", "a demilitarised
    free economic zone"): it says what the place is, not what is asked of a party."""
    cue = cue_head(parsed, cue_start, cue_end)
    return (
        cue is not None
        and cue.dep_ == "amod"
        and cue.head.lemma_.lower() in load_stance_lemmas().places
    )


def supplied_verb(parsed: ParsedSentence, cue_start: int, cue_end: int) -> SpacyToken | None:
    """The verb whose act the cue is the thing of: the cue itself when it is a verb
    ("arming Ukraine"), else the first verb above its noun phrase ("resume military aid",
    "announced $8 billion in military aid", "finance the production of long-range weapons")."""
    node = cue_head(parsed, cue_start, cue_end)
    for _ in range(MAX_CLIMB):
        if node is None:
            return None
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i or node.lower_ == "for" and node.head.pos_ == "VERB":
            return None  # "the draft provides for limits on the army": what a text sets out
        node = node.head
    return None


def given_as_an_act(
    parsed: ParsedSentence,
    cue_start: int,
    cue_end: int,
    supplying: frozenset[str],
    stopping: frozenset[str],
) -> bool:
    """Whether the cue is what a supporter hands over as an act of its own ("announced new
    military aid", "will keep arming Ukraine", "has never provided lethal weapons"): help
    given or denied, not a position on limiting it. Stopping the act ("stop sending
    weapons", "warned against supplying missiles") or making it a supposition ("as long as
    the West keeps sending arms") is still a position on it."""
    verb = supplied_verb(parsed, cue_start, cue_end)
    if verb is None or verb.lemma_.lower() not in supplying:
        return False
    if any(c.dep_ == "mark" and c.lower_ != "that" for c in verb.children):
        return False  # "if", "while", "as long as": the act is the price or the time
    above = verb
    for _ in range(2):  # "stop sending", "calls to halt the supply", "warned against sending"
        above = above.head
        if above.lemma_.lower() in stopping or above.lower_ in ("against", "without"):
            return False
    return True


def left_unmentioned(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is what someone does not mention ("the points do not mention
    sanctions", "without saying a word about a withdrawal", "made no mention of NATO"): a
    silence on it, which states no position on it."""
    node = cue_head(parsed, cue_start, cue_end)
    if node is None:
        return False
    if node.pos_ == "VERB" and node.dep_ in ("acl", "xcomp"):
        node = node.head  # "its bid to join NATO": the bid is what is named
    head = node.head
    if head.pos_ == "ADP" and head.lower_ in ("about", "of", "on"):
        head = head.head  # "a word about", "no mention of"
    if head.i == node.i or head.lemma_.lower() not in load_stance_lemmas().silence:
        return False
    return _denied(head)


def _denied(word: SpacyToken) -> bool:
    """Whether a word is denied: "not" on it or on the verb above it, "no" before it, or
    "without" above it ("does not mention", "no mention", "without saying a word")."""
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in word.children):
        return True
    above = word
    for _ in range(2):
        above = above.head
        if above.lower_ == "without" or any(c.dep_ == "neg" for c in above.children):
            return True
    return False


def in_a_plan(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is what a plan or deal would do ("a plan that would halt the
    fighting", "a deal that would freeze the front"): the plan's terms, not a wish."""
    node = cue_head(parsed, cue_start, cue_end)
    nouns = load_stance_lemmas().plan_nouns
    for _ in range(MAX_CLIMB):
        if node is None:
            return False
        if is_speech_verb(node):
            return False
        if node.dep_ in ("relcl", "acl") and node.head.lemma_.lower() in nouns:
            return True
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in nouns for c in node.children):
            return True  # "the revised plan would halt the fighting", a sentence of its own
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def done_by_the_wisher(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is what the subject of the verb above it would do itself: it sits in
    that verb's to-infinitive, with no subject or object of its own on the way ("Kyiv wants
    to meet Xi", "wanted to settle it with Trump in person"), unlike "wanted to see the two
    leaders sit down" or "wants Kyiv to talk", where others are to do it."""
    node = cue_head(parsed, cue_start, cue_end)
    for _ in range(MAX_CLIMB):
        if node is None or node.head.i == node.i:
            return False
        if node.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in node.children
        ):
            return False
        if node.dep_ == "xcomp":
            return not any(c.dep_ == "dobj" for c in node.head.children)
        node = node.head
    return False


def obliged(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the clause holding the cue is put on someone by "must" or "should" ("Russia
    and Ukraine should settle their disputes through negotiations"), up to its speech verb."""
    node = cue_head(parsed, cue_start, cue_end)
    modals = {m for m, stance in load_stance_lemmas().modals.items() if stance is Stance.DEMAND}
    for _ in range(MAX_CLIMB):
        if node is None or is_speech_verb(node):
            return False
        if any(c.dep_ == "aux" and c.lower_ in modals for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def denied_without(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue names what there cannot be without something else ("there can be no
    lasting peace without accountability", "otherwise it is not peace", "unless the root
    causes are removed"): the something else is what is asked, the cue only its frame."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return False
    lemmas = load_stance_lemmas()
    copula = cue if cue.dep_ != "attr" else cue.head
    if copula.lemma_.lower() not in lemmas.copulas:
        return False
    denied = any(c.dep_ == "neg" for c in copula.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in cue.children
    )
    return denied and any(_lacking(c, lemmas) for c in (*copula.children, *cue.children))


def _lacking(word: SpacyToken, lemmas: StanceLemmas) -> bool:
    """Whether a word on a denied copula names what is missing: "without X", "unless X
    happens", "until X", "if X", "otherwise"."""
    if word.dep_ == "prep" or (word.dep_ == "advmod" and word.pos_ == "ADV"):
        return word.lower_ in lemmas.lacking
    return word.dep_ == "advcl" and clause_mark(word) in lemmas.lacking


def talked_over(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is only the matter of talks ("territorial questions could be
    negotiated later", "any talks about territory", "questions of territory must be
    decided by the leaders"): who talks it over says where and when, not what the outcome
    should be. A refusal to discuss it ("will not discuss any territorial questions") is
    a position on it, and stays one."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None:
        return False
    lemmas = load_stance_lemmas()
    over = None
    if cue.dep_ in ("nsubjpass", "dobj") and cue.head.lemma_.lower() in lemmas.deliberating:
        over = cue.head
    elif cue.dep_ == "pobj" and cue.head.lower_ in ("about", "on", "of"):
        if cue.head.head.lemma_.lower() in lemmas.matters:
            over = cue.head.head
    if over is None:
        return False
    return negations_on(over, range(0), lemmas) % 2 == 0 and not any(
        c.dep_ == "neg" for c in over.head.children if over.dep_ == "xcomp"
    )


def refused_in_trade(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether the cue is what a refused trade would buy ("will not trade our land *for a
    ceasefire*"): the refusal is of the trade, not of what it would buy."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None or cue.dep_ != "pobj" or cue.head.lower_ != "for":
        return False
    verb = cue.head.head
    lemmas = load_stance_lemmas()
    return verb.lemma_.lower() in lemmas.trading and negations_on(verb, range(0), lemmas) % 2 == 1


def known_to_sources(parsed: ParsedSentence, cue_start: int, cue_end: int) -> bool:
    """Whether a cue names only the knowledge of a source ("sources familiar with the
    talks"): the position the sentence takes is on something else, whatever its stance
    words. (Talks as the place of an act, "accepted a truce at talks in Jeddah", were tried
    too and lost more than they gained.)"""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None or cue.dep_ != "pobj":
        return False
    preposition = cue.head
    return preposition.lower_ == "with" and preposition.head.lemma_.lower() == "familiar"


def names_occasion(
    parsed: ParsedSentence, cue_start: int, cue_end: int, any_noun: bool = False
) -> bool:
    """Whether a cue names only the meeting where something was said or done ("Putin
    demanded at the summit that ..."): the stance words are about what was demanded there.
    any_noun: the cue is a bare meeting word ("at the meeting"), whatever its lemma."""
    cue = cue_head(parsed, cue_start, cue_end)
    if cue is None or cue.dep_ != "pobj":
        return False
    if not any_noun and cue.lemma_.lower() not in load_stance_lemmas().occasion_nouns:
        return False
    return cue.head.lower_ in load_stance_lemmas().occasion_prepositions


def acknowledged(parsed: ParsedSentence, start: int, end: int) -> bool:
    """Whether the words at [start, end) name another party's act that the speaker thanks,
    welcomes or does not object to ("thanked Erdogan for his readiness to provide a
    platform", "had no objection to a Turkish role"): the help is that party's offer, not
    the speaker's."""
    node = cue_head(parsed, start, end)
    acknowledging = load_stance_lemmas().acknowledging
    for _ in range(MAX_CLIMB):
        if node is None or node.head.i == node.i or is_speech_verb(node):
            return False
        node = node.head
        if node.lemma_.lower() in acknowledging:
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("ROOT", "ccomp", "conj"):
            return False  # a clause of its own: "ready to provide a platform" offers it
    return False


def listed_together(parsed: ParsedSentence, end: int, start: int) -> bool:
    """Whether the words between two cues only join items of one list ("de-escalation and
    an international peace conference"): a few words, a conjunction or comma, no verb."""
    between = [t for t in parsed.doc if end <= parsed.offset + t.idx < start]
    joined = any(t.lower_ in ("and", "or", ",") for t in between)
    if any(t.lower_ in load_stance_lemmas().sequels for t in between):
        return False  # "first a ceasefire, then talks": steps in order, not one list
    return (
        joined and len(between) <= _LIST_GAP and not any(t.pos_ in ("VERB", "AUX") for t in between)
    )


def modifies(parsed: ParsedSentence, cue: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether a cue is a phrase on another cue's noun ("a ceasefire *along the current
    line of contact*"): what is done with the noun is done with the phrase."""
    head = cue_head(parsed, *cue)
    if head is None or head.dep_ != "pobj" or head.head.dep_ != "prep":
        return False
    noun = head.head.head
    return other[0] <= parsed.offset + noun.idx < other[1]
