"""Attribution passes over the dependency parse: who the speech or position verb belongs to.

The most precise passes of the attribution sieve (see attribution.py). Each
finds a cue (a speech verb, a position verb or adjective, "according to",
"citing") in a parsed sentence and walks the parse to its source: the verb's
subject through coordination, relative clauses and adverbial clauses, the
passive agent, or the object of "according to". The source is then matched to
a speaker mention by character offsets. Nested cues are settled here too: the
governing clause wins ("Russia is ready to talk, Lavrov said" is Lavrov's),
except a past speech act with a speaker of its own ("X recalled that Y demanded
..."), which is Y's.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace

from spacy.tokens import Token as SpacyToken

from app.extraction.dates import find_dates
from app.extraction.parsing import (
    NO_SOURCE,
    SUBJECT_DEPS,
    Context,
    CueLexicon,
    ParsedSentence,
    cue_class,
    cue_lexicon,
    mark_of,
    source_of,
    span_of,
)
from app.extraction.records import SpeakerEntry
from app.extraction.sources import (
    TOPIC,
    context_mention,
    coordinated,
    document_source,
    mention_for,
    sources_of,
    told_outlet,
)
from app.extraction.speakers import Mention

_DOCUMENT_MODALS = frozenset({"would", "will", "'ll"})  # what a document would do
# Mentions found by reference rather than by name never take a reported clause over.
_REFERENCES = frozenset({"pronoun", "description", "participants", "topic", "document"})
# Dependents of a cue verb that set the scene: time, manner, place.
_SCENE_DEPS = frozenset({"npadvmod", "advmod", "agent"})
_PRECEDING_MARKS = frozenset({"after"})  # "the efforts came after X indicated that ..."
_BACKDROP_MARKS = frozenset({"as", "while", "when"})  # "X said, as leaders met in Bali, ..."
# Clauses that set the time of the words: "When X met Y, he said", "said after meeting Y".
_OCCASION_MARKS = _BACKDROP_MARKS | _PRECEDING_MARKS | {"once"}
# Clauses whose verb shares the subject of the verb it hangs from ("laid out ..., saying").
_SHARED_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "acomp"})
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "pcomp"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech or position cue tied to its source."""

    speaker: SpeakerEntry
    mention: Mention
    verb: SpacyToken  # the cue word (verb, adjective, "according")
    verb_class: str  # "reporting" or "position"
    tense: str  # "present", "past", "perfect", "preceding" or "interview"
    pass_name: str  # which pass of the sieve found it
    own_verbs: tuple[int, ...]  # parse indexes of the verbs whose dates are this cue's
    # Article offsets of words around the cue that are not what the speaker said: the
    # source's own description ("Merkel, who brokered the talks,"), the occasion ("speaking
    # at the peace summit", "told reporters in Istanbul"). No condition is read there.
    outside: tuple[tuple[int, int], ...] = ()
    # The source that reported another side's position ("according to Lavrov, Kyiv wants
    # ..."): undated, the position is dated by that source's occasion.
    reported_by: str = ""


def find_cues(
    parsed: ParsedSentence, mentions: list[Mention], context: Context | None = None
) -> list[Cue]:
    """Every cue of the sentence with a resolved source, nested cues settled."""
    lex = cue_lexicon()
    context = context or Context()
    cues: list[Cue] = []
    for token in parsed.doc:
        cues.extend(
            _speech_verb_subject(parsed, token, mentions, lex, context)
            or _according_to(parsed, token, mentions, lex, context)
            or _document_acts(parsed, token, mentions, lex, context)
        )
    return _governing(cues)


def _speech_verb_subject(
    parsed: ParsedSentence,
    token: SpacyToken,
    mentions: list[Mention],
    lex: CueLexicon,
    context: Context,
) -> list[Cue]:
    """Pass 1: the subject (or passive agent) of a speech or position verb."""
    verb_class = cue_class(token, lex)
    speaking_document = token.dep_ == "acl" and _document_noun(token.head, lex)
    if verb_class is None or (token.dep_ == "acl" and not speaking_document):
        return []  # "territories claimed by Russia": a participle naming, not a speech act
    chain = [token]
    # "a joint statement calling for a ceasefire": the document speaks for its issuer.
    source = token.head if speaking_document else source_of(token, lex)
    if source is None:
        source = _subject_left_hanging(token)
    # "ready" (acomp), "saying" (advcl), "and demanded" (conj) share their head's subject.
    head = token
    while (
        source is None
        and head.head.i != head.i
        and (head.dep_ in _SHARED_SUBJECT or (head.dep_ == "prep" and head.lower_ in ("as", "by")))
    ):
        # "... was quoted as saying", "opened the talks by urging": through the preposition.
        head = head.head
        chain.append(head)
        source = source_of(head, lex)
    if source is NO_SOURCE and _impersonal(chain[0], context):
        source = TOPIC  # "It was stressed that ..." in a readout: the person it is about
    if source is None or source is NO_SOURCE or _speculated(chain[-1], lex):
        return []
    if verb_class == "position" and _obliged(chain[0]):
        return []  # "Kyiv must accept concessions": asked of Kyiv by someone, not Kyiv's view
    if _gerund_clause(token):
        return []  # "Russia's idea involves Ukraine accepting ...": a scenario, not a stance
    if _hypothetical(chain[-1], lex):
        return []  # "if Beijing wants to play a role, ...": a supposition, not a stance
    found = []
    for mention in sources_of(parsed, source, mentions, lex, context, len(chain) == 1):
        if mention is None or mention.speaker is None:
            continue
        tense = _tense(chain, lex)
        if token.lemma_ == "tell" and told_outlet(parsed, token, mentions, lex):
            tense = "interview"
        elif tense == "past" and _in_interview(chain):
            tense = "interview"  # "speaking in an interview with the BBC, he said"
        own = _dating_verbs(chain, lex)
        if isinstance(source, SpacyToken):
            # "Rubio, speaking in Antalya on Thursday, said": the occasion hangs on the speaker
            own = (*own, *(c.i for c in source.children if c.dep_ == "acl" and c.tag_ == "VBG"))
            # "Erdogan, who addressed the assembly on Tuesday, said": the occasion, told
            # (but "Trump, who wrote on Sunday that ..., told" is words of their own)
            own = (
                *own,
                *(
                    c.i
                    for c in source.children
                    if c.dep_ == "relcl" and c.tag_ == "VBD" and cue_class(c, lex) is None
                ),
            )
        outside = _not_content(parsed, chain, verb_class, lex)
        # "This was stated by X": X said what the sentence before reports.
        pass_name = "refers_back" if _refers_back(token) else "speech_verb_subject"
        if token.lemma_.lower() == "quote" and source is not NO_SOURCE:
            # "I will quote him:": the words were said before, on the occasion in context
            pass_name, tense = "quoted", "past"
        if isinstance(source, SpacyToken):
            outside = (*outside, _source_words(parsed, source, token))
        if _dated_aside(chain[-1]):
            # "Trump, who wrote on Sunday that ..., told reporters that ...": the words
            # of the relative clause are all it says
            outside = (*outside, *_beyond(parsed, chain[-1]))
        found.append(
            Cue(
                mention.speaker,
                mention,
                token,
                verb_class,
                tense,
                pass_name,
                own,
                outside,
            )
        )
    return found


def _not_content(
    parsed: ParsedSentence, chain: list[SpacyToken], verb_class: str, lex: CueLexicon
) -> tuple[tuple[int, int], ...]:
    """Spans hanging from the cue's verbs that set the scene rather than carry the content.

    A speech verb's content is its complement ("said that ...", the quotation, "adding
    that ..."); its prepositions, objects and other adverbial clauses say where, when and
    to whom ("told reporters at the summit", "speaking in Ankara"). A position verb's
    object and prepositions are its content ("called for a ceasefire").
    """
    spans = []
    for verb in chain:
        subjects = [c.i for c in verb.children if c.dep_ in SUBJECT_DEPS]
        for child in verb.children:
            if child in chain:
                continue
            if _trailing_frame(verb) and subjects and child.i < subjects[0]:
                continue  # "..., but only with guarantees, X said": before X is what X said
            dep = child.dep_
            scene = dep in _SCENE_DEPS
            if verb_class == "reporting" or verb.lemma_.lower() in lex.speech:
                scene = (
                    scene
                    or dep in ("prep", "dative")
                    or (dep == "dobj" and verb.lemma_.lower() == "tell")
                )
            if dep == "advcl" and child.lemma_.lower() not in lex.speech:
                # "speaking in Ankara", "after meeting Trump": the occasion, not the words.
                subjectless = not any(c.dep_ in SUBJECT_DEPS for c in child.children)
                scene = scene or (subjectless and child.tag_ == "VBG" and not mark_of(child))
                # "..., X said on Wednesday, as Western leaders weighed ...": the backdrop
                trailing = child.i > verb.i and mark_of(child) in _BACKDROP_MARKS
                scene = scene or (trailing and verb.lemma_.lower() in lex.speech)
            if scene and _by_doing(child, lex):
                scene = False  # "responded by proposing direct talks": how it was answered
            if scene and dep == "prep" and child.lower_ in ("provided", "providing"):
                scene = False  # "said it would accept ..., provided it receives guarantees"
            if scene:
                spans.append(_scene_span(parsed, child))
    return tuple(spans)


def _by_doing(preposition: SpacyToken, lex: CueLexicon) -> bool:
    """ "by proposing ...", "by calling for ...": a speech or position verb under "by"
    says what the speaker did with the words, so it is their content."""
    return preposition.lower_ == "by" and any(
        c.dep_ == "pcomp" and cue_class(c, lex) is not None for c in preposition.children
    )


def _dated_aside(verb: SpacyToken) -> bool:
    """ "Trump, who wrote on Sunday that ...,": a relative clause on a person that says
    when it was said is an utterance apart from the sentence's own."""
    if verb.dep_ != "relcl" or verb.head.pos_ != "PROPN":
        return False
    return any(
        find_dates(" ".join(t.text for t in c.subtree), None)
        for c in verb.children
        if c.dep_ in ("prep", "npadvmod")
    )


def _dated_on_its_own(verb: SpacyToken) -> bool:
    """Whether a verb's own adjuncts date it ("had proposed on Monday", "in March ...
    accepted"), apart from the clause it reports."""
    return any(
        find_dates(" ".join(t.text for t in c.subtree), None)
        for c in verb.children
        if c.dep_ in ("prep", "npadvmod")
    )


def _beyond(parsed: ParsedSentence, clause: SpacyToken) -> tuple[tuple[int, int], ...]:
    """The sentence's words before and after a clause."""
    start, end = span_of(parsed, clause)
    return ((parsed.offset, start), (end, parsed.offset + len(parsed.doc.text)))


def _scene_span(parsed: ParsedSentence, child: SpacyToken) -> tuple[int, int]:
    """A scene-setting phrase's words, short of a clause the parser hung on it: in "told a
    briefing that China supports talks" the that-clause is the content, not the briefing."""
    start, end = span_of(parsed, child)
    for clause in child.subtree:
        if clause.dep_ in ("acl", "relcl", "ccomp") and clause.i > child.i:
            return start, parsed.offset + clause.left_edge.idx
    return start, end


def _source_words(parsed: ParsedSentence, source: SpacyToken, verb: SpacyToken) -> tuple[int, int]:
    """The source's own words; for "a draft that demands ..." the noun phrase before the
    relative clause, whose content is the draft's."""
    start, end = span_of(parsed, source)
    if source.i < verb.i < source.right_edge.i:
        # the parser may hang a list after a colon on the subject: its words stop at the verb
        end = min(end, parsed.offset + verb.idx)
    if verb.dep_ in ("relcl", "acl") and verb.left_edge.i > source.i and verb in source.subtree:
        # also "Kyiv and its backers, who insist ...": the clause hangs on the last conjunct;
        # and "a statement calling for ...": the participle is what the statement says
        end = parsed.offset + verb.left_edge.idx
    return start, end


def _impersonal(verb: SpacyToken, context: Context) -> bool:
    """A speech verb in the impersonal passive ("it was stressed that"), no agent given."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return (
        (context.topic is not None or context.issuer is not None)
        and bool(subjects)
        and subjects[0].lower_ == "it"
        and verb.lemma_.lower() in cue_lexicon().speech
    )


def _refers_back(verb: SpacyToken) -> bool:
    """A speech verb whose subject or object points back: "This was stated by X", "He
    said this on Monday" (what "this" is, the sentence before said)."""
    passive = any(
        c.dep_ == "nsubjpass" and c.lower_ in ("this", "that") for c in verb.children
    ) and any(c.dep_ == "agent" for c in verb.children)
    active = any(_pointing_back(c) for c in verb.children if c.dep_ == "dobj") and not any(
        c.dep_ in ("ccomp", "xcomp") for c in verb.children
    )
    return passive or active


def _pointing_back(word: SpacyToken) -> bool:
    """ "this", or "the remark(s)" / "these comments": what the sentence before said."""
    if word.lower_ == "this":
        return True
    return word.lemma_.lower() in ("remark", "comment") and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in word.children
    )


def _in_interview(chain: list[SpacyToken]) -> bool:
    """Whether the cue's occasion is an interview ("in an interview with X", "speaking to X")."""
    return any(_interview_phrase(verb, child) for verb in chain for child in verb.children)


def _interview_phrase(verb: SpacyToken, child: SpacyToken) -> bool:
    """Whether child is the interview the verb's words were given in. The parser may hang
    an opening "In an interview aired on Sunday," on a clause of its own."""
    opening = child.dep_ == "ccomp" and child.left_edge.i == 0 and child.i < verb.i
    return (child.dep_ in ("prep", "advcl") or opening) and any(
        t.lemma_.lower() == "interview" or _comment_to_outlet(t) for t in child.subtree
    )


def _issued_in_document(child: SpacyToken, lex: CueLexicon) -> list[int]:
    """ "In the plan he presented on 23 December, Ukraine offered ...": the words are the
    document's, set out on the day it was issued."""
    if child.dep_ != "prep" or child.lower_ != "in":
        return []
    return [
        clause.i
        for noun in child.children
        if noun.dep_ == "pobj" and noun.lemma_.lower() in lex.documents
        for clause in noun.children
        if clause.dep_ == "relcl" and clause.lemma_.lower() in lex.issuing
    ]


def _comment_to_outlet(token: SpacyToken) -> bool:
    """ "said this in a comment to Ukrinform": words given to an outlet, as in an interview
    (a comment "to reporters" is a press encounter, dated by its day)."""
    if token.lemma_.lower() != "comment":
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)
        for c in token.children
    )


def _dating_verbs(chain: list[SpacyToken], lex: CueLexicon) -> tuple[int, ...]:
    """Verbs whose date phrases date the cue: its own verb group, the occasion around it.

    "Speaking on Sunday, X said" (an adverbial clause of the cue), and "In November,
    reports revealed that X was urging" (a clause above the cue that is no one's speech).
    """
    own = [t.i for t in chain]
    for verb in chain:
        own.extend(c.i for c in verb.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN"))
        own.extend(_fronted_participles(verb))
        own.extend(_occasion_clauses(verb))
        for child in verb.children:
            # "In an interview aired on Sunday, X said": the interview's date is the words'.
            if _interview_phrase(verb, child):
                own.extend(t.i for t in child.subtree)
            own.extend(_issued_in_document(child, lex))
            # "China wants ..., according to a statement issued on Thursday": the paper's day
            if child.dep_ == "prep" and child.lower_ == "according":
                own.append(child.i)  # the parser may hang the paper's day on "according"
                own.extend(t.i for t in child.subtree if t.dep_ == "acl" and t.tag_ == "VBN")
    node = chain[-1]
    while node.dep_ in ("ccomp", "xcomp", "conj") and node.head.i != node.i:
        node = node.head
        if cue_class(node, lex) is not None:
            break
        own.append(node.i)
    if (
        chain[0].dep_ == "relcl"
        and chain[0].head.head.pos_ == "VERB"
        and not _dated_aside(chain[0])
    ):
        # "Late on Thursday the Assembly adopted a resolution that demands ...": the
        # document speaks on the day it was adopted.
        own.append(chain[0].head.head.i)
    return tuple(own)


def _fronted_participles(verb: SpacyToken) -> list[int]:
    """ "On Friday, asked about the plan, X said": a participle before the speech verb,
    with no subject of its own, is the occasion of the answer, though the parser may take
    it for the verb's complement or tag it as a past form."""
    return [
        c.i
        for c in verb.children
        if c.dep_ in ("ccomp", "advcl")
        and c.tag_ in ("VBN", "VBD")  # a participle tagged as a past form
        and c.i < verb.i
        and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)
    ]


def _occasion_clauses(verb: SpacyToken) -> list[int]:
    """Verbs of clauses that set the time of the words: "When X met Y in September, he
    said", "she said after meeting Y on Thursday". A clause of "before" or "until" does not:
    it bounds the time without giving it."""
    found = []
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            m.dep_ in ("mark", "advmod") and m.lower_ in _OCCASION_MARKS for m in child.children
        ):
            found.append(child.i)
        elif child.dep_ == "prep" and child.lower_ in _OCCASION_MARKS:
            found.extend(c.i for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG")
    return found


def _speculated(verb: SpacyToken, lex: CueLexicon) -> bool:
    """Whether the clause is someone's guess ("diplomats expect Moscow to press for ...",
    "the Kremlin likely intends to ...")."""
    if _guessed_by_the_writer(verb, lex):
        return True
    node = verb
    while node.dep_ in ("ccomp", "xcomp") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in lex.speculation:
            return True
    return False


def _guessed_by_the_writer(verb: SpacyToken, lex: CueLexicon) -> bool:
    """Whether an adverb of guessing qualifies the verb ("Moscow likely seeks to ..."), or
    "may" or "might" a third party's position ("Moscow, which may prefer a frozen conflict")."""
    if any(c.dep_ == "advmod" and c.lower_ in lex.guessing_adverbs for c in verb.children):
        return True
    if not any(c.dep_ == "aux" and c.lower_ in ("may", "might") for c in verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return bool(subjects) and not any(s.lower_ in ("i", "we") for s in subjects)


def guessed_spans(parsed: ParsedSentence) -> list[tuple[int, int]]:
    """Article offsets of clauses that are no one's own words: what a verb of guessing
    governs ("expect Moscow to ..."), a claim about someone ("her claim that Kyiv
    turns down every offer of talks"), and a supposition ("if Beijing wants to help")."""
    lex = cue_lexicon()
    spans = []
    for token in parsed.doc:
        if token.dep_ == "advcl" and (
            mark_of(token) in lex.hypothetical_marks or _conditional_clause(token, lex)
        ):
            spans.append(span_of(parsed, token))
        if token.pos_ == "VERB" and _guessed_by_the_writer(token, lex):
            spans.append(span_of(parsed, token))
        if token.dep_ in ("ccomp", "csubj") and mark_of(token) in lex.open_questions:
            spans.append(span_of(parsed, token))
        if token.pos_ == "VERB" and token.lemma_.lower() in lex.speculation:
            for child in token.children:
                if child.dep_ in ("ccomp", "xcomp", "dobj"):
                    spans.append(span_of(parsed, child))
        if token.pos_ == "NOUN" and token.lemma_.lower() in lex.claims:
            for child in token.children:
                if child.dep_ in ("acl", "ccomp") and mark_of(child) == "that":
                    spans.append(span_of(parsed, child))
    return spans


def _according_to(
    parsed: ParsedSentence,
    token: SpacyToken,
    mentions: list[Mention],
    lex: CueLexicon,
    context: Context,
) -> list[Cue]:
    """Pass 2: "according to X", "citing X", "as per X", "in X's words", and an opening
    "For X, ...": the cited one is the source."""
    lower = token.lower_
    objects: list[SpacyToken] = []
    verb_class = "reporting"
    if lower == "according":
        for to in token.children:
            if to.lower_ == "to":
                objects = [c for c in to.children if c.dep_ == "pobj"]
    elif lower == "per" or token.lemma_.lower() in lex.citing:
        objects = [c for c in token.children if c.dep_ in ("pobj", "dobj")]
    elif lower == "in" and token.dep_ == "prep":
        views = [c for c in token.children if c.lemma_.lower() in lex.viewpoints]
        objects = [g for v in views for g in v.children if g.dep_ == "poss"]
    elif lower == "for" and token.i == 0 and token.dep_ == "prep" and token.head.dep_ == "ROOT":
        # "For the Kremlin, NATO membership is a red line": the author's account of a view
        after = token.right_edge.i + 1
        if after < len(parsed.doc) and parsed.doc[after].text == ",":
            objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            verb_class = "position"
    found = []
    for obj in objects[:1]:
        for subject in coordinated(obj):
            mention = mention_for(parsed, subject, mentions, lex)
            if mention is None and _document_noun(subject, lex):
                # "according to the text": a document speaks for whoever issued it
                mention = document_source(parsed, subject, mentions, lex, context.issuer)
            if mention is None and subject.lower_ in ("him", "her"):
                # "According to him, ...": the person the sentence before was about.
                mention = context_mention(parsed, subject, context.topic, "pronoun")
            if mention is not None and mention.speaker is not None:
                own = (token.head.i,) if token.head.i != token.i else (token.i,)
                tense = "past" if verb_class == "reporting" else "present"
                found.append(
                    Cue(mention.speaker, mention, token, verb_class, tense, "according_to", own)
                )
    return found


def _document_acts(
    parsed: ParsedSentence,
    token: SpacyToken,
    mentions: list[Mention],
    lex: CueLexicon,
    context: Context,
) -> list[Cue]:
    """Pass 3: a document that would do something speaks for its issuer ("the U.S. plan
    would send a U.N. force", "under the draft, sanctions would be eased in stages").
    Only what it would or will do, or does in the present: a past act is an event."""
    if token.pos_ not in ("VERB", "AUX") or cue_class(token, lex) is not None:
        return []
    if token.dep_ not in ("ROOT", "conj", "ccomp"):
        return []
    modal = any(c.dep_ == "aux" and c.lower_ in _DOCUMENT_MODALS for c in token.children)
    if not (modal or token.tag_ == "VBZ"):
        return []
    documents = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    documents += [
        g
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == "under" and c.i < token.i
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for document in documents:
        mention = document_source(parsed, document, mentions, lex, context.issuer)
        if mention is not None and mention.speaker is not None:
            outside = (_source_words(parsed, document, token),)
            # "the plan that leaked in November would ...": the document's own day
            own = (token.i, *(c.i for c in document.children if c.dep_ in ("relcl", "acl")))
            return [
                Cue(
                    mention.speaker,
                    mention,
                    token,
                    "position",
                    "present",
                    "document_acts",
                    own,
                    outside,
                )
            ]
    return []


def _tense(chain: list[SpacyToken], lex: CueLexicon) -> str:
    """present, past or perfect, from the verb group of the clause the cue heads; or
    preceding, for words said before the main clause's time ("came after X indicated")."""
    if any(v.dep_ == "advcl" and mark_of(v) in _PRECEDING_MARKS for v in chain):
        return "preceding"
    for verb in chain:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lemmas = {a.lemma_.lower() for a in auxiliaries}
        tags = {a.tag_ for a in auxiliaries}
        if "have" in lemmas:
            # "has said" is an undated earlier occasion; "had demanded" is narrative past,
            # unless an adverb puts it before the story ("had previously proposed").
            had = any(a.lemma_.lower() == "have" and a.tag_ == "VBD" for a in auxiliaries)
            earlier = any(c.dep_ == "advmod" and c.lower_ in lex.earlier for c in verb.children)
            return "past" if had and not earlier else "perfect"
        if tags & {"VBZ", "VBP", "MD"} or verb.tag_ in ("VBZ", "VBP"):
            return "present"
        if tags & {"VBD"} or verb.tag_ == "VBD":
            return "past"
        if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp", "xcomp"):
            continue  # "saying": the tense of the clause it hangs from
    return "past"


def _governing(cues: list[Cue]) -> list[Cue]:
    """Settle cues nested in another cue's clause (same sentence)."""
    # "According to Peskov, the Kremlin is ready for talks": the clause it hangs on is his.
    # But "according to a Turkish source, Fidan urged ...": a named person acting in the
    # clause is not overruled by an unnamed source.
    # Yet "according to Lavrov, the Ukrainian side wants guarantees" reports the other
    # side's position: that stays the other side's.
    cited = [c for c in cues if c.pass_name == "according_to"]
    settled: list[Cue] = []
    for c in cues:
        covering = [
            a
            for a in cited
            if c.pass_name != "according_to"
            and c.speaker != a.speaker
            and _in_clause(c.verb, a.verb.head)
            and (a.speaker.kind == "person" or c.speaker.kind != "person")
        ]
        if not covering:
            settled.append(c)
        elif _dated_act_of_its_own(c) or all(_other_sides_act(c, a) for a in covering):
            settled.append(replace(c, reported_by=covering[0].speaker.slug))
    cues = settled
    cues = [
        c
        for c in cues
        if c.pass_name != "according_to"
        or not any(
            o.pass_name != "according_to"
            and o.speaker.kind == "person"
            and c.speaker.kind != "person"
            and _in_clause(o.verb, c.verb.head)
            for o in cues
        )
    ]
    kept: list[Cue] = []
    for cue in cues:
        outer = [o for o in cues if o is not cue and _nests(cue, o)]
        if not outer:
            kept.append(cue)
            continue
        if any(_nested_report_wins(cue, o) for o in outer):
            kept.append(cue)
    # An outer cue gives way to a nested past speech act of another speaker.
    return [
        c
        for c in kept
        if not any(o is not c and _nests(o, c) and _nested_report_wins(o, c) for o in kept)
    ]


def _other_sides_act(inner: Cue, source: Cue) -> bool:
    """Whether a cited clause states what a party of another side itself did or wants."""
    sides = {inner.speaker.side, source.speaker.side}
    return (
        len(sides) == 2
        and "commentator" not in sides
        and (
            inner.verb_class == "position"
            or inner.verb.lemma_.lower() in cue_lexicon().nested_reports
        )
        and any(c.dep_ in SUBJECT_DEPS for c in inner.verb.children)
    )


def _dated_act_of_its_own(inner: Cue) -> bool:
    """ "According to Umerov, at the talks on July 23 Ukraine proposed ...": a past speech
    act with its own subject and its own date is its subject's, whoever recounts it."""
    verb = inner.verb
    return (
        verb.lemma_.lower() in cue_lexicon().nested_reports
        and verb.tag_ in ("VBD", "VBN")
        and any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and _dated_on_its_own(verb)
    )


def _in_clause(token: SpacyToken, verb: SpacyToken) -> bool:
    """Whether token is the verb itself or sits anywhere below it."""
    node = token
    while True:
        if node == verb:
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _nested_report_wins(inner: Cue, outer: Cue) -> bool:
    """ "X said that Y had demanded ...": Y's own past speech act is Y's statement."""
    if inner.speaker == outer.speaker:
        return False
    if (
        inner.speaker.kind != "person"
        and inner.speaker.side == outer.speaker.side
        and not _dated_on_its_own(inner.verb)
    ):
        # "Putin said Russia agreed ...": his government's position, in his words. But
        # "Zelensky said Ukraine had proposed on Monday ...": an act of its own occasion.
        return False
    # A title that resolved to another person ("the head of state stressed ..., Peskov
    # added") names that person as surely as a name does; pronouns and the like do not.
    if inner.mention.how in _REFERENCES - {"description"} or inner.verb.pos_ == "ADJ":
        return False
    if inner.verb.lemma_.lower() not in cue_lexicon().nested_reports:
        return False
    subject = [c for c in inner.verb.children if c.dep_ in SUBJECT_DEPS]
    if not subject:
        return False  # a passive agent or a borrowed subject: no speech act of its own
    node = inner.verb
    while node != outer.verb and node.head.i != node.i:
        if node.dep_ not in ("ccomp", "conj"):
            return False  # "until Russia accepted ...": a time clause, not a reported speech act
        node = node.head
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in inner.verb.children)
    # the tagger may read an active past with its own subject as a participle ("Putin,
    # speaking on June 14, named ...")
    active = any(c.dep_ == "nsubj" for c in inner.verb.children)
    # "Moscow was still insisting that ...": a past act in its progressive
    progressive = inner.verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in ("was", "were", "been") for c in inner.verb.children
    )
    return (
        inner.verb.tag_ == "VBD"
        or (inner.verb.tag_ == "VBN" and (has_perfect or active))
        or progressive
    )


def _nests(inner: Cue, outer: Cue) -> bool:
    """Whether inner's cue sits in a clause outer's cue governs.

    A coordinated clause is a second predicate ("Ukraine intends ..., but Zelensky remains
    committed ..."), except where a person's words run on about his own government
    ("..., Lavrov said, but Moscow will not accept ...").
    """
    if (
        outer.verb_class == "reporting"
        and _trailing_frame(outer.verb)
        and _inside_or_is(inner.verb, outer.verb.head)
    ):
        return inner.verb.i < outer.verb.i  # "Russia is ready ..., but ..., X said."
    if outer.verb_class == "reporting" and _parenthetical_frame(outer.verb):
        # "Ukraine, he said, would agree ...": the clause around the aside is what he said
        return _inside_or_is(inner.verb, outer.verb.head)
    if not _inside(inner.verb, outer.verb):
        return False
    node = inner.verb
    while node.head != outer.verb:
        node = node.head
    if node.dep_ != "conj":
        return True
    return (
        inner.speaker.kind != "person"
        and outer.speaker.kind == "person"
        and inner.speaker.side == outer.speaker.side
    )


_MONTHS = frozenset(m.lower() for m in calendar.month_name[1:])


def _subject_left_hanging(verb: SpacyToken) -> SpacyToken | None:
    """A name set off by commas just before a verb the parser gave no subject: in "...,
    the Foreign Secretary, NAME, told MPs" it may hang NAME on an earlier word."""
    doc = verb.doc
    if verb.i < 2 or verb.pos_ != "VERB" or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    swallowed = doc[verb.i - 1]
    if swallowed.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lower_ in _MONTHS for c in swallowed.children
    ):
        return swallowed  # "On 15 August Putin said": the parser reads "August Putin"
    if doc[verb.i - 1].text != ",":
        return None
    name = doc[verb.i - 2]
    if name.dep_ == "appos" and name.pos_ == "PROPN":
        return name
    if name.dep_ == "appos" and name.pos_ == "NOUN" and name.head.pos_ == "PROPN":
        return name.head  # "..., NAME, Russia's deputy foreign minister, told reporters"
    # "NAME, asked about the plans, said": the parser makes NAME the subject of "asked"
    for clause in verb.children:
        if clause.i < verb.i and clause.dep_ in ("ccomp", "advcl") and clause.lemma_ == "ask":
            for subject in clause.children:
                if subject.dep_ == "nsubj" and subject.i + 1 < clause.i:
                    if doc[subject.i + 1].text == ",":
                        return subject
    return None


def _hypothetical(verb: SpacyToken, lex: CueLexicon) -> bool:
    """Whether a verb sits in a clause that states a condition ("if Beijing wants to ...",
    "unless Moscow agrees to ..."): what it says is supposed of its subject, not said."""
    node = verb
    while node.head.i != node.i and node.dep_ in ("ccomp", "conj", "xcomp", "advcl", "csubj"):
        if node.dep_ == "advcl" and (
            mark_of(node) in lex.hypothetical_marks or _conditional_clause(node, lex)
        ):
            return True
        if node.dep_ in ("ccomp", "csubj") and mark_of(node) in lex.open_questions:
            return True  # "unclear whether Moscow would agree to ...": a question, no stance
        node = node.head
    return False


_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _conditional_clause(clause: SpacyToken, lex: CueLexicon) -> bool:
    """Whether an adverbial clause sets the price or the time of its head ("only after
    Moscow signs", "when it accepts ...", "as long as Russia continues the war")."""
    words = [c for c in clause.children if c.dep_ in ("mark", "advmod") and c.i < clause.i]
    if any(
        g.dep_ == "advmod" and g.lower_ in lex.restricting
        for w in [clause, *words]
        for g in w.children
    ):
        return True
    leading = {w.lower_ for w in words}
    if leading & lex.present_conditions and clause.tag_ in _PRESENT_TAGS:
        return True
    mark = mark_of(clause)
    if mark == "as" and clause.head.pos_ == "ADV":
        mark = f"as {clause.head.lower_} as"  # "for as long as Russia continues ..."
    if mark not in lex.durations:
        return False
    first = min(w.i for w in words) if words else clause.i
    # ", while Kyiv insists on ...": a contrast of two positions, not a condition
    return first == 0 or clause.doc[first - 1].text != ","


def _gerund_clause(verb: SpacyToken) -> bool:
    """A gerund with its own subject and no "is" ("Ukraine accepting"), named as a thing."""
    return (
        verb.tag_ == "VBG"
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _obliged(verb: SpacyToken) -> bool:
    """Whether the verb is under "must", "should" or "has to": an obligation put on its
    subject, which is then no holder of the position."""
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children):
        return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in ("have", "need")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _document_noun(token: SpacyToken, lex: CueLexicon) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in lex.documents


def _trailing_frame(verb: SpacyToken) -> bool:
    """ "..., X said." parsed as a clause coordinated with what X said: a reporting verb
    after the words, with a subject (or a name left hanging before it) and nothing said of
    its own (what "told" takes as its object is the audience: "..., X told reporters")."""
    told = verb.lemma_.lower() == "tell"
    subject = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    return (
        verb.dep_ in ("conj", "parataxis")
        and verb.i > verb.head.i
        and (subject or _subject_left_hanging(verb) is not None)
        and not any(c.dep_ in _CLAUSAL or (c.dep_ == "dobj" and not told) for c in verb.children)
    )


def _parenthetical_frame(verb: SpacyToken) -> bool:
    """ "Ukraine, he said, would agree ...": a reporting verb set off by commas inside the
    words it reports, with a subject and nothing said of its own."""
    doc = verb.doc
    words = [t.i for t in verb.subtree if t.dep_ != "punct"]
    before, after = min(words) - 1, max(words) + 1
    return (
        verb.dep_ == "parataxis"
        and verb.i < verb.head.i
        and before >= 0
        and after < len(doc)
        and doc[before].text == ","
        and doc[after].text == ","
        and any(c.dep_ in SUBJECT_DEPS for c in verb.children)
        and not any(c.dep_ in _CLAUSAL or c.dep_ == "dobj" for c in verb.children)
    )


def _inside_or_is(token: SpacyToken, verb: SpacyToken) -> bool:
    return token == verb or _inside(token, verb) or token.head == verb


def _inside(token: SpacyToken, verb: SpacyToken) -> bool:
    """Whether token sits in a clause that verb governs (not the verb's own group)."""
    node = token
    while node.head.i != node.i:
        if node.head == verb:
            return node.dep_ in _CLAUSAL or node.dep_ in ("dobj", "prep", "pobj")
        node = node.head
    return False
