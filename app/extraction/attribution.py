"""Attribution: tie a speaker mention to the words that carry a position.

An *anchor* is where a statement starts: a speaker and the verb (or possessive
noun) that says they hold a position: "Putin said", "said Bondarev", "rejected
by Kyiv", "according to Lavrov", "Putin's June 14 demand".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache

from app.extraction.lexicon import PhraseIndex, Token, load_data
from app.extraction.parsing import (
    Context,
    ParsedSentence,
    content_span,
    cue_lexicon,
    mark_of,
    mention_covering,
)
from app.extraction.records import SpeakerEntry
from app.extraction.speakers import Mention
from app.extraction.structure import Cue, find_cues, guessed_spans

_SUBJECT_GAP = 3  # lower-case words allowed between subject and verb ("has long called")
_APPOSITIVE_GAP = 14  # words allowed in ", the foreign minister," between subject and verb
_INVERTED_GAP = 2  # words allowed between "said" and its speaker in '..., said Putin'
_NOMINAL_GAP = 3  # words allowed between "Putin's" and "demand" ("June 14")
_BREAKS = re.compile(r"[,;:.“”\"()—–]")
_POSSESSIVE_PRONOUNS = frozenset({"his", "her"})
_PERFECT = frozenset({"has", "have", "had"})
_NOMINAL_VERB_REACH = 8  # words between a position noun and its clause's verb
_FINITE = frozenset({"is", "are", "was", "were", "will", "would", "remains", "remained"})
_PRESENT_AUX = frozenset({"is", "are", "keeps", "keep", "continues", "remains"})
# Forms of "be" that make a following participle passive ("would be offered"): its subject
# receives what the verb does, it does not do it.
_PASSIVE_AUX = frozenset({"be", "been", "being", "is", "are", "was", "were"})


@dataclass(frozen=True, slots=True)
class Anchor:
    first: int  # first token of the anchor (subject or verb, whichever comes first)
    last: int
    speaker: SpeakerEntry
    verb: str  # the verb or noun as written
    verb_class: str  # "reporting", "position" or "nominal"
    # "present", "past", "perfect" (has/had: an undated earlier occasion), "preceding"
    # ("came after X indicated": before the time in context) or "interview" ("told
    # Reuters": words given to a news outlet, shortly before publication)
    tense: str
    pass_name: str = "tokens"  # the sieve pass that found it (parse passes are the surest)
    # Parse indexes of the verbs whose date phrases date this anchor (parse passes only).
    own_verbs: tuple[int, ...] = ()
    # Spans around the cue that are not what the speaker said (parse passes only).
    outside: tuple[tuple[int, int], ...] = ()
    source_how: str = ""  # how the speaker was found: "name", "document", "pronoun", ...
    reported_by: str = ""  # slug of the source that reported another side's position
    # Article offsets of a clause restating terms someone set out on their own occasion
    # ("the conditions Putin set out on June 14"): only a date there dates them.
    clause: tuple[int, int] = ()


_TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})


@dataclass(frozen=True, slots=True)
class _Verbs:
    index: PhraseIndex  # payload: "reporting" | "position" | "according"
    nouns: PhraseIndex  # position nouns after a possessive
    interview_verbs: frozenset[str]  # "told": followed by an outlet's name, an interview
    restated: frozenset[str]  # "conditions", "terms": what a person set out, named again


@cache
def _verbs() -> _Verbs:
    data = load_data("attribution.toml")
    index = PhraseIndex()
    index.add_all(data["reporting"], "reporting")
    index.add_all(data["position"], "position")
    index.add_all(data["according_to"], "according")
    nouns = PhraseIndex()
    nouns.add_all(data["position_nouns"], "nominal")
    return _Verbs(
        index, nouns, frozenset(data["interview_verbs"]), frozenset(data["restated_nouns"])
    )


def find_anchors(
    text: str,
    tokens: list[Token],
    lo: int,
    hi: int,
    mentions: list[Mention],
    parsed: ParsedSentence | None = None,
    context: Context | None = None,
) -> list[Anchor]:
    """Anchors in tokens[lo:hi]; `mentions` must already have their speakers resolved.

    The sieve: the passes over the parse come first; the word-pattern passes below
    only fill a sentence the parse left without any anchor (or one not parsed).
    """
    verbs = _verbs()
    resolved = [m for m in mentions if m.speaker is not None]
    if parsed is not None:
        cues = find_cues(parsed, resolved, context)
        if cues:
            anchors = _shared_spans(cues, [_anchor_of(tokens, lo, hi, parsed, c) for c in cues])
            taken = {cue.mention.first for cue in cues}
            # "Lavrov reiterated Moscow's demand that ...": a possessive inside what a speaker
            # says is that speaker's report, not a second attribution.
            said = [content_span(parsed, cue.verb) for cue in cues]
            anchors.extend(
                a
                for a in _possessive_anchors(text, tokens, resolved, lo, hi, verbs, taken)
                if not any(start <= tokens[a.first].start < end for start, end in said)
            )
            restated = _restated_terms(tokens, lo, hi, parsed, resolved)
            anchors = [a for a in anchors if not any(_same_act(a, r) for r in restated)]
            return sorted([*anchors, *restated], key=lambda a: a.first)
        guessed = guessed_spans(parsed)  # "analysts expect Moscow to demand ...": no one's words
        # "the statement on Ukraine says": a name the parse puts in a phrase about a thing
        # is that thing's topic, not a speaker
        subjects = [
            m
            for m in resolved
            if not _topic_of_a_thing(parsed, m) and not _onlookers_place(parsed, m)
        ]
        return [
            a
            for a in _word_pattern_anchors(text, tokens, lo, hi, subjects, verbs)
            if not any(start <= tokens[a.last].start < end for start, end in guessed)
        ]
    return _word_pattern_anchors(text, tokens, lo, hi, resolved, verbs)


def _restated_terms(
    tokens: list[Token], lo: int, hi: int, parsed: ParsedSentence, mentions: list[Mention]
) -> list[Anchor]:
    """Terms a person set out on an occasion of their own, named again in a sentence about
    something else: "the conditions Putin set out on June 14", "those set out by Putin in
    June", "..., as Putin demanded at the summit". They are that person's statement too,
    besides the reporter's; `clause` is where their own date must stand."""
    nested = cue_lexicon().nested_reports
    found: list[Anchor] = []
    for verb in parsed.doc:
        if verb.lemma_.lower() not in nested or verb.pos_ not in ("VERB", "AUX"):
            continue
        how = "restates_after"  # "the conditions Putin set out: ...": the words after it
        if verb.dep_ == "relcl" and verb.head.lemma_.lower() in _verbs().restated:
            sources = [c for c in verb.children if c.dep_ == "nsubj"]
        elif verb.dep_ == "acl" and verb.head.lemma_.lower() in _verbs().restated:
            sources = [o for c in verb.children if c.dep_ == "agent" for o in c.children]
        elif verb.dep_ == "advcl" and mark_of(verb) == "as":
            sources = [c for c in verb.children if c.dep_ == "nsubj"]
            # "..., as Putin demanded": the words before it; "As Putin said in June, ...":
            # an opening clause restates the words after it
            how = "restates_before" if verb.i > verb.head.i else "restates_after"
        else:
            continue
        people = [mention_covering(parsed, t, mentions) for t in sources]
        person = next((m for m in people if m and m.speaker and m.speaker.kind == "person"), None)
        if person is None or person.first < 0:
            continue
        verb_start = parsed.offset + verb.idx
        verb_index = min(hi - 1, max(lo, bisect_left(tokens, verb_start, lo, hi, key=_start)))
        end = parsed.offset + verb.right_edge.idx + len(verb.right_edge.text)
        clause = (min(person.start, verb_start), max(end, person.end))
        anchor = Anchor(
            min(person.first, verb_index),
            max(person.last, verb_index),
            person.speaker,
            verb.text,
            "position",
            "past",
            "restated",
            (verb.i,),
            source_how=how,
            clause=clause,
        )
        found.append(anchor)
    return found


def _same_act(anchor: Anchor, restated: Anchor) -> bool:
    return anchor.speaker == restated.speaker and anchor.own_verbs[:1] == restated.own_verbs


def _topic_of_a_thing(parsed: ParsedSentence, mention: Mention) -> bool:
    """Whether a mention is the object of "on", "about" or "over" after a noun."""
    token = parsed.at(mention.start)
    return (
        token is not None
        and token.dep_ == "pobj"
        and token.head.lower_ in _TOPIC_PREPOSITIONS
        and token.head.head.pos_ == "NOUN"
    )


def _onlookers_place(parsed: ParsedSentence, mention: Mention) -> bool:
    """Whether a mention is where onlookers are ("analysts in Kyiv", "diplomats in
    Riyadh"): they speak for no government there, as "officials in Kyiv" do."""
    token = parsed.at(mention.start)
    if token is None or token.dep_ != "pobj" or token.head.lower_ != "in":
        return False
    who = token.head.head
    return who.pos_ == "NOUN" and who.lemma_.lower() in _onlookers()


@cache
def _onlookers() -> frozenset[str]:
    return cue_lexicon().commentator_words | {"diplomat"}


def _anchor_of(tokens: list[Token], lo: int, hi: int, parsed: ParsedSentence, cue: Cue) -> Anchor:
    """The anchor of a cue found on the parse, in the engine's word-token indexes."""
    verb_start = parsed.offset + cue.verb.idx
    verb_index = min(hi - 1, max(lo, bisect_left(tokens, verb_start, lo, hi, key=_start)))
    particles = [
        c.text
        for c in cue.verb.children
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("for", "out"))
    ]
    verb = " ".join([cue.verb.text, *particles[:1]])
    mention_first, mention_last = cue.mention.first, cue.mention.last
    if mention_first < 0:  # a person the parse introduced: place it among the word tokens
        mention_first = bisect_left(tokens, cue.mention.start, lo, hi, key=_start)
        mention_last = max(
            mention_first, bisect_left(tokens, cue.mention.end, lo, hi, key=_start) - 1
        )
    first = min(mention_first, verb_index)
    last = max(mention_last, verb_index)
    return Anchor(
        first,
        last,
        cue.speaker,
        verb,
        cue.verb_class,
        cue.tense,
        cue.pass_name,
        cue.own_verbs,
        cue.outside,
        cue.mention.how,
        cue.reported_by,
    )


def _shared_spans(cues: list[Cue], anchors: list[Anchor]) -> list[Anchor]:
    """Speakers of one verb ("Putin and Lukashenko said") share one span of words."""
    first_by_verb: dict[int, int] = {}
    for cue, anchor in zip(cues, anchors, strict=True):
        first_by_verb[cue.verb.i] = min(first_by_verb.get(cue.verb.i, anchor.first), anchor.first)
    return [
        replace(anchor, first=first_by_verb[cue.verb.i])
        for cue, anchor in zip(cues, anchors, strict=True)
    ]


def _start(token: Token) -> int:
    return token.start


def _word_pattern_anchors(
    text: str, tokens: list[Token], lo: int, hi: int, resolved: list[Mention], verbs: _Verbs
) -> list[Anchor]:
    """The looser passes on word patterns: subject before the verb, inversion, possessives."""
    anchors: list[Anchor] = []
    taken: set[int] = set()  # mention positions already used as a speaker
    for hit in _outermost(verbs.index.scan(tokens, lo, hi)):
        kind = hit.payload
        if kind == "according":
            after = _mention_at(resolved, hit.last + 1, hit.last + 1 + _INVERTED_GAP)
            if after is not None:
                anchors.append(
                    Anchor(
                        hit.first, after.last, after.speaker, "according to", "reporting", "past"
                    )
                )
            continue
        verb = text[hit.start : hit.end]
        tense = _tense(text, tokens, hit.first, lo, verb)
        subject = _subject_before(text, tokens, resolved, hit.first, lo)
        if subject is None and kind == "reporting" and _follows_quote_or_comma(text, tokens, hit):
            after = _mention_at(resolved, hit.last + 1, hit.last + 1 + _INVERTED_GAP)
            # '..., said Putin.' but not 'said Russia was ready': the name ends the clause.
            if after is not None and text[after.end : after.end + 1] in (".", ",", ";", ""):
                subject = after
        # Passive: "rejected by Kyiv" (not "territories claimed by Russia": a reporting verb).
        by_follows = hit.last + 1 < hi and tokens[hit.last + 1].norm == "by"
        if subject is None and kind == "position" and by_follows:
            subject = _mention_at(resolved, hit.last + 2, hit.last + 2 + _INVERTED_GAP)
        if subject is None or subject.first in taken:
            continue
        if subject.first < hit.first and _passive(tokens, hit.first, subject.last):
            continue  # "Russia would be offered relief": offered to Russia, not by it
        if verb.lower() in verbs.interview_verbs and _outlet_follows(
            tokens, resolved, hit.last, hi
        ):
            tense = "interview"
        taken.add(subject.first)
        first = min(subject.first, hit.first)
        anchors.append(
            Anchor(first, max(subject.last, hit.last), subject.speaker, verb, kind, tense)
        )
        # "Putin and the Kremlin have indicated": both hold the position.
        partner = _coordinated(tokens, resolved, subject)
        if partner is not None and partner.speaker != subject.speaker:
            taken.add(partner.first)
            anchors.append(
                Anchor(first, max(subject.last, hit.last), partner.speaker, verb, kind, tense)
            )
    anchors.extend(_possessive_anchors(text, tokens, resolved, lo, hi, verbs, taken))
    return sorted(anchors, key=lambda a: a.first)


def _passive(tokens: list[Token], verb: int, subject_last: int) -> bool:
    """Whether the verb is a passive participle of the subject before it ("X should be
    offered", "X would be required to"): "be" just before the verb, after the subject. ("X
    was proposing" is the progressive: X acts.)"""
    if tokens[verb].norm.endswith("ing"):
        return False
    return verb - 1 > subject_last and tokens[verb - 1].norm in _PASSIVE_AUX


def _outermost(hits):
    """Drop verb matches inside longer ones ("has called for" over "called for")."""
    hits = sorted(hits, key=lambda h: (h.first, -h.last))
    kept = []
    for hit in hits:
        if kept and hit.first >= kept[-1].first and hit.last <= kept[-1].last:
            continue
        kept.append(hit)
    return kept


def _outlet_follows(tokens: list[Token], mentions: list[Mention], verb_last: int, hi: int) -> bool:
    """Whether "told" is followed by a name that is no speaker: a news outlet ("told Reuters")."""
    i = verb_last + 1
    if i < hi and tokens[i].norm == "the":
        i += 1
    if i >= hi or not tokens[i].capitalized:
        return False
    return not any(m.first <= i <= m.last for m in mentions)


def _coordinated(tokens: list[Token], mentions: list[Mention], subject: Mention) -> Mention | None:
    """The mention joined to the subject by "and" just before it, if any."""
    if subject.first < 2 or tokens[subject.first - 1].norm != "and":
        return None
    return next((m for m in mentions if m.last == subject.first - 2), None)


def _tense(text: str, tokens: list[Token], first: int, lo: int, verb: str) -> str:
    """present, past or perfect, from the verb and the auxiliary before it."""
    words = verb.lower().split()
    # Auxiliaries may stand one adverb away: "has long called", "is already insisting";
    # the search stops at punctuation or a name, so a quote's last words do not count.
    before: set[str] = set()
    for i in range(first - 1, max(lo, first - 3) - 1, -1):
        gap = text[tokens[i].end : tokens[i + 1].start]
        if tokens[i].capitalized or gap.strip():
            break
        before.add(tokens[i].norm)
    head = words[0]
    if head in _PERFECT or before & _PERFECT:
        return "perfect"
    if head in _PRESENT_AUX or before & _PRESENT_AUX or head.endswith("ing"):
        return "present"
    if head.endswith("ed") or head in {"said", "told", "wrote", "sought", "was", "were"}:
        return "past"
    return "present" if head.endswith("s") else "past"


def _subject_before(
    text: str, tokens: list[Token], mentions: list[Mention], verb_first: int, lo: int
) -> Mention | None:
    """The mention right before the verb: "Putin (has long) called for", "Lavrov, X, said"."""
    # "his earlier demand": a possessive is never the subject of the word after it.
    candidates = [
        m
        for m in mentions
        if m.last < verb_first
        and m.first >= lo
        and tokens[m.first].norm not in _POSSESSIVE_PRONOUNS
    ]
    for subject in sorted(candidates, key=lambda m: (m.last, m.last - m.first), reverse=True):
        gap = verb_first - subject.last - 1
        if gap > _APPOSITIVE_GAP:
            return None
        between = text[tokens[subject.last].end : tokens[verb_first].start]
        if gap <= _SUBJECT_GAP and _plain_gap(between, tokens, subject.last + 1, verb_first):
            return _owner_of(tokens, mentions, subject)
        if gap == 0 and between.strip() == "," and _set_off_by_commas(text, tokens, subject):
            # "his chief of staff, NAME, told": the name in apposition to the subject
            return subject
        # An appositive: "Lavrov, who led the delegation, said"; "Lavrov, the minister, said".
        stripped = between.strip()
        if len(stripped) > 1 and stripped.startswith(",") and stripped.endswith(","):
            return _first_in_run(mentions, subject)
    return None


def _set_off_by_commas(text: str, tokens: list[Token], mention: Mention) -> bool:
    """Whether a comma stands just before the mention, as before a name in apposition."""
    if mention.first == 0:
        return False
    return text[tokens[mention.first - 1].end : tokens[mention.first].start].strip() == ","


def _owner_of(tokens: list[Token], mentions: list[Mention], subject: Mention) -> Mention:
    """In "President Lukashenko of Belarus said" the subject is the person, not the country."""
    if subject.first >= 2 and tokens[subject.first - 1].norm == "of":
        person = next((m for m in mentions if m.last == subject.first - 2), None)
        if person is not None:
            return person
    return subject


def _plain_gap(between: str, tokens: list[Token], lo: int, hi: int) -> bool:
    # Words between subject and verb must be lower-case adverbs or auxiliaries, no punctuation;
    # "Trump's team seeks" is the team's doing, not Trump's.
    if any(ch in between for ch in ',;:.“”"()—–'):
        return False
    return all(not tokens[i].capitalized and tokens[i].norm != "'s" for i in range(lo, hi))


def _first_in_run(mentions: list[Mention], subject: Mention) -> Mention:
    """In "Lavrov, Russia's foreign minister," the subject is Lavrov, not the title."""
    earlier = [m for m in mentions if m.last < subject.first and subject.first - m.last <= 2]
    return earlier[-1] if earlier and earlier[-1].speaker == subject.speaker else subject


def _follows_quote_or_comma(text: str, tokens: list[Token], hit) -> bool:
    # '"...," said Putin' and '..., said Bondarev' put the speaker after the verb.
    before = text[max(0, hit.start - 3) : hit.start]
    return any(ch in before for ch in ',”"')


def _mention_at(mentions: list[Mention], lo: int, hi: int) -> Mention | None:
    for mention in mentions:
        if lo <= mention.first <= hi:
            return mention
    return None


def _nominal_tense(tokens: list[Token], lo: int, hi: int) -> str:
    """Tense of the clause a position noun is subject of: "Russia's position ... has remained"."""
    for i in range(lo, min(hi, lo + _NOMINAL_VERB_REACH)):
        if tokens[i].norm in _PERFECT:
            return "perfect"
        if tokens[i].norm in _FINITE:
            break
    return "past"


def _possessive_anchors(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    lo: int,
    hi: int,
    verbs: _Verbs,
    taken: set[int],
) -> list[Anchor]:
    """A position held as a noun: "Putin's June 14 demand", "his proposal"."""
    anchors = []
    noun_hits = verbs.nouns.scan(tokens, lo, hi)
    for mention in mentions:
        if mention.first in taken:
            continue
        if tokens[mention.first].norm in _POSSESSIVE_PRONOUNS:
            after = mention.last + 1
        elif mention.last + 1 < hi and tokens[mention.last + 1].norm == "'s":
            after = mention.last + 2
        else:
            continue
        for hit in noun_hits:
            between = text[tokens[after - 1].end : hit.start]
            # "Ukraine's “demilitarization” — a demand" is not Ukraine's demand.
            if after <= hit.first <= after + _NOMINAL_GAP and not _BREAKS.search(between):
                noun = text[hit.start : hit.end]
                tense = _nominal_tense(tokens, hit.last + 1, hi)
                anchors.append(
                    Anchor(mention.first, hit.last, mention.speaker, noun, "nominal", tense)
                )
                taken.add(mention.first)
                break
    return anchors
