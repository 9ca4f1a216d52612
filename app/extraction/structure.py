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

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from app.extraction.lexicon import load_data
from app.extraction.records import SpeakerEntry
from app.extraction.speakers import Mention, slugify

# Mentions found by reference rather than by name never take a reported clause over.
_REFERENCES = frozenset({"pronoun", "description", "participants", "topic", "document"})
# Dependents of a cue verb that set the scene: time, manner, place.
_SCENE_DEPS = frozenset({"npadvmod", "advmod", "agent"})
_TOPIC = object()  # the source is the person the previous sentence was about
_NO_SOURCE = object()  # the verb has a subject, and it is not who speaks (a passive's)
_NOT_ROLE_WORDS = frozenset({"of", "the", "state", "for", "a", "an", "think"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Clauses whose verb shares the subject of the verb it hangs from ("laid out ..., saying").
_SHARED_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "acomp"})
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "acl", "pcomp"})


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """One sentence's parse, with the offset of its text in the article."""

    doc: Doc
    offset: int
    starts: tuple[int, ...] = ()  # each token's offset in the sentence, for look-ups

    @classmethod
    def of(cls, doc: Doc, offset: int) -> ParsedSentence:
        return cls(doc, offset, tuple(t.idx for t in doc))

    def at(self, char: int) -> SpacyToken | None:
        """The parse token covering an article character offset, if any."""
        local = char - self.offset
        i = bisect_right(self.starts, local) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if local < token.idx + max(1, len(token.text)) else None


@dataclass(frozen=True, slots=True)
class Context:
    """What the article has established before this sentence, for references to resolve."""

    issuer: Mention | None = None  # who issued the document spoken of last ("the memorandum")
    group: Mention | None = None  # the government or organisation named last ("it", "they")
    participants: tuple[SpeakerEntry, ...] = ()  # the last two people named ("the two leaders")
    topic: SpeakerEntry | None = None  # the person the previous sentence was about


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech or position cue tied to its source."""

    speaker: SpeakerEntry
    mention: Mention
    verb: SpacyToken  # the cue word (verb, adjective, "according")
    verb_class: str  # "reporting" or "position"
    tense: str  # "present", "past", "perfect" or "interview"
    pass_name: str  # which pass of the sieve found it
    own_verbs: tuple[int, ...]  # parse indexes of the verbs whose dates are this cue's
    # Article offsets of words around the cue that are not what the speaker said: the
    # source's own description ("Merkel, who brokered the talks,"), the occasion ("speaking
    # at the peace summit", "told reporters in Istanbul"). No condition is read there.
    outside: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Lexicon:
    speech: frozenset[str]
    position: frozenset[str]
    particles: dict[str, frozenset[str]]
    adjectives: frozenset[str]
    speaker_passives: frozenset[str]
    citing: frozenset[str]
    outlets: frozenset[str]
    speculation: frozenset[str]
    documents: frozenset[str]
    issuing: frozenset[str]
    institutions: frozenset[str]  # bodies that speak for their government
    plural_parties: frozenset[str]  # "the two leaders", "the sides": both participants
    nested_reports: frozenset[str]  # speech acts that keep their own speaker when reported
    person_roles: frozenset[str]  # lemmas of role nouns that introduce a person
    commentator_words: frozenset[str]
    nationalities: dict[str, str]  # "Swiss" -> "Switzerland"


@cache
def _lexicon() -> _Lexicon:
    data = load_data("attribution.toml")
    roles = load_data("roles.toml")
    return _Lexicon(
        frozenset(data["speech_lemmas"]),
        frozenset(data["position_lemmas"]),
        {k: frozenset(v) for k, v in data["phrasal_particles"].items()},
        frozenset(data["position_adjectives"]),
        frozenset(data["speaker_passives"]),
        frozenset(data["citing_words"]),
        frozenset(o.lower() for o in data["outlets"]),
        frozenset(data["speculation_lemmas"]),
        frozenset(w.split()[-1] for w in data["document_nouns"]),
        frozenset(data["issuing_lemmas"]),
        frozenset(data["institutions"]),
        frozenset(data["plural_parties"]),
        frozenset(data["nested_report_lemmas"]),
        frozenset(
            w.split()[-1].lower() for w in roles["official_roles"] + roles["commentator_roles"]
        ),
        frozenset(w.lower() for w in roles["commentator_roles"] if " " not in w),
        {n["word"]: n["side"] for n in roles["nationalities"]},
    )


def find_cues(
    parsed: ParsedSentence, mentions: list[Mention], context: Context | None = None
) -> list[Cue]:
    """Every cue of the sentence with a resolved source, nested cues settled."""
    lex = _lexicon()
    context = context or Context()
    cues: list[Cue] = []
    for token in parsed.doc:
        cues.extend(
            _speech_verb_subject(parsed, token, mentions, lex, context)
            or _according_to(parsed, token, mentions, lex)
        )
    return _governing(cues)


def document_words() -> frozenset[str]:
    """The document nouns, singular and plural, for a quick look before parsing."""
    nouns = _lexicon().documents
    return frozenset(nouns | {f"{n}s" for n in nouns} | {f"{n}es" for n in nouns})


def document_issuer(parsed: ParsedSentence, mentions: list[Mention]) -> Mention | None:
    """Who this sentence says issued a document: "Russia's memorandum", "Kyiv handed a draft"."""
    lex = _lexicon()
    for token in parsed.doc:
        if token.lemma_.lower() not in lex.documents or token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                # "Russia's memorandum", "a U.S. proposal", "the Russian memorandum"
                found = _government_named(parsed, child, mentions, lex)
                if child.dep_ == "poss":
                    found = found or _mention_covering(parsed, child, mentions)
                if found is not None and found.speaker is not None:
                    return found
        for child in token.children:
            # "the memorandum, which Moscow published the next day"
            if child.dep_ == "relcl" and child.lemma_.lower() in lex.issuing:
                source = _source_of(child, lex)
                if (
                    source is not None
                    and source is not _NO_SOURCE
                    and source.lower_ not in _RELATIVE
                ):
                    found = _mention_for(parsed, source, mentions, lex)
                    if found is not None and found.speaker is not None:
                        return found
        verb = token.head
        if token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in lex.issuing:
            source = _source_of(verb, lex)  # "Kyiv handed over a draft", "... published by Moscow"
            if source is not None and source is not _NO_SOURCE:
                found = _mention_for(parsed, source, mentions, lex)
                if found is not None and found.speaker is not None:
                    return found
    return None


def is_speech_verb(token: SpacyToken) -> bool:
    """Whether a parse token is a speech verb ("said", "told", "stressed")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in _lexicon().speech


def _verb_class(token: SpacyToken, lex: _Lexicon) -> str | None:
    """ "reporting" for a speech verb, "position" for a position verb or adjective, else None."""
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and lemma in lex.adjectives:
        return "position"
    if token.pos_ not in ("VERB", "AUX"):
        return None
    needs = lex.particles.get(lemma)
    if needs is not None and not any(
        c.dep_ in ("prt", "prep") and c.lower_ in needs for c in token.children
    ):
        # "call" alone is a phone call, "set" alone sets nothing out.
        return "reporting" if lemma in lex.speech and lemma != "point" else None
    if lemma in lex.speech:
        return "reporting"
    if lemma in lex.position:
        return "position"
    return None


def _speech_verb_subject(
    parsed: ParsedSentence,
    token: SpacyToken,
    mentions: list[Mention],
    lex: _Lexicon,
    context: Context,
) -> list[Cue]:
    """Pass 1: the subject (or passive agent) of a speech or position verb."""
    verb_class = _verb_class(token, lex)
    if verb_class is None or token.dep_ == "acl":
        return []  # "territories claimed by Russia": a participle naming, not a speech act
    chain = [token]
    source = _source_of(token, lex)
    # "ready" (acomp), "saying" (advcl), "and demanded" (conj) share their head's subject.
    head = token
    while (
        source is None
        and head.head.i != head.i
        and (head.dep_ in _SHARED_SUBJECT or (head.dep_ == "prep" and head.lower_ == "as"))
    ):
        # "... was quoted as saying": through "as" to the verb whose subject speaks.
        head = head.head
        chain.append(head)
        source = _source_of(head, lex)
    if source is _NO_SOURCE and _impersonal(chain[0], context):
        source = _TOPIC  # "It was stressed that ..." in a readout: the person it is about
    if source is None or source is _NO_SOURCE or _speculated(chain[-1], lex):
        return []
    found = []
    for mention in _sources(parsed, source, mentions, lex, context, len(chain) == 1):
        if mention is None or mention.speaker is None:
            continue
        tense = _tense(chain)
        if token.lemma_ == "tell" and _told_outlet(parsed, token, mentions, lex):
            tense = "interview"
        elif tense == "past" and _in_interview(chain):
            tense = "interview"  # "speaking in an interview with the BBC, he said"
        own = _dating_verbs(chain, lex)
        outside = _not_content(parsed, chain, verb_class, lex)
        if isinstance(source, SpacyToken):
            outside = (*outside, _source_words(parsed, source, token))
        found.append(
            Cue(
                mention.speaker,
                mention,
                token,
                verb_class,
                tense,
                "speech_verb_subject",
                own,
                outside,
            )
        )
    return found


def _not_content(
    parsed: ParsedSentence, chain: list[SpacyToken], verb_class: str, lex: _Lexicon
) -> tuple[tuple[int, int], ...]:
    """Spans hanging from the cue's verbs that set the scene rather than carry the content.

    A speech verb's content is its complement ("said that ...", the quotation, "adding
    that ..."); its prepositions, objects and other adverbial clauses say where, when and
    to whom ("told reporters at the summit", "speaking in Ankara"). A position verb's
    object and prepositions are its content ("called for a ceasefire").
    """
    spans = []
    for verb in chain:
        for child in verb.children:
            if child in chain:
                continue
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
                subjectless = not any(c.dep_ in _SUBJECT_DEPS for c in child.children)
                scene = scene or (subjectless and child.tag_ == "VBG" and not _mark(child))
            if scene:
                spans.append(_span_of(parsed, child))
    return tuple(spans)


def _mark(clause: SpacyToken) -> str:
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    return marks[0] if marks else ""


def _source_words(parsed: ParsedSentence, source: SpacyToken, verb: SpacyToken) -> tuple[int, int]:
    """The source's own words; for "a draft that demands ..." the noun phrase before the
    relative clause, whose content is the draft's."""
    start, end = _span_of(parsed, source)
    if verb.dep_ == "relcl" and verb.head == source:
        end = parsed.offset + verb.left_edge.idx
    return start, end


def _span_of(parsed: ParsedSentence, token: SpacyToken) -> tuple[int, int]:
    """Article offsets of a token's whole subtree."""
    first, last = token.left_edge, token.right_edge
    return parsed.offset + first.idx, parsed.offset + last.idx + len(last.text)


def _sources(
    parsed: ParsedSentence,
    source: object,
    mentions: list[Mention],
    lex: _Lexicon,
    context: Context,
    own_subject: bool,
) -> list[Mention | None]:
    """The speaker mentions a cue's source token stands for, one per coordinated subject."""
    if source is _TOPIC:
        # A readout's impersonal "it was stressed" speaks for whoever issued the readout.
        who = context.issuer.speaker if context.issuer is not None else context.topic
        return [_context_mention(parsed, parsed.doc[0], who, "topic")]
    assert isinstance(source, SpacyToken)
    pair = _participants(parsed, source, context)
    if pair:
        return pair
    group = context.issuer or context.group
    return [
        _mention_for(parsed, subject, mentions, lex)
        or _document_source(parsed, subject, mentions, lex, context.issuer)
        or (own_subject and _group_pronoun(parsed, subject, group))
        or None
        for subject in _coordinated(source)
    ]


def _participants(
    parsed: ParsedSentence, subject: SpacyToken, context: Context
) -> list[Mention | None]:
    """ "The two leaders agreed", "the sides discussed": the last two people named."""
    if subject.lemma_.lower() not in _lexicon().plural_parties or subject.tag_ != "NNS":
        return []
    modifiers = [c for c in subject.children if c.dep_ in ("det", "nummod", "amod", "compound")]
    if not modifiers or any(c.lower_ not in ("the", "two", "both") for c in modifiers):
        return []  # "European leaders" are not the two participants
    if len(context.participants) < 2:
        return []
    return [_context_mention(parsed, subject, who, "participants") for who in context.participants]


def _impersonal(verb: SpacyToken, context: Context) -> bool:
    """A speech verb in the impersonal passive ("it was stressed that"), no agent given."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return (
        (context.topic is not None or context.issuer is not None)
        and bool(subjects)
        and subjects[0].lower_ == "it"
        and verb.lemma_.lower() in _lexicon().speech
    )


def _context_mention(
    parsed: ParsedSentence, token: SpacyToken, who: SpeakerEntry | None, how: str
) -> Mention | None:
    if who is None:
        return None
    start = parsed.offset + token.idx
    return Mention(-1, -1, start, start + len(token.text), who, how)


def _in_interview(chain: list[SpacyToken]) -> bool:
    """Whether the cue's occasion is an interview ("in an interview with X", "speaking to X")."""
    for verb in chain:
        for child in verb.children:
            if child.dep_ in ("prep", "advcl") and any(
                t.lemma_.lower() == "interview" for t in child.subtree
            ):
                return True
    return False


def _dating_verbs(chain: list[SpacyToken], lex: _Lexicon) -> tuple[int, ...]:
    """Verbs whose date phrases date the cue: its own verb group, the occasion around it.

    "Speaking on Sunday, X said" (an adverbial clause of the cue), and "In November,
    reports revealed that X was urging" (a clause above the cue that is no one's speech).
    """
    own = [t.i for t in chain]
    for verb in chain:
        own.extend(c.i for c in verb.children if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN"))
    node = chain[-1]
    while node.dep_ in ("ccomp", "xcomp", "conj") and node.head.i != node.i:
        node = node.head
        if _verb_class(node, lex) is not None:
            break
        own.append(node.i)
    if chain[0].dep_ == "relcl" and chain[0].head.head.pos_ == "VERB":
        # "Late on Thursday the Assembly adopted a resolution that demands ...": the
        # document speaks on the day it was adopted.
        own.append(chain[0].head.head.i)
    return tuple(own)


def _source_of(verb: SpacyToken, lex: _Lexicon) -> SpacyToken | None:
    """The token naming who speaks through this verb, if the verb has one itself."""
    children = list(verb.children)
    for child in children:
        if child.dep_ == "agent":  # "was rejected by Kyiv"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    for child in children:
        if child.dep_ == "nsubjpass":
            # "Peskov was quoted as saying"; but in "it was promised X" the subject is no speaker.
            return child if verb.lemma_.lower() in lex.speaker_passives else _NO_SOURCE
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "Lavrov, who led the delegation, said" / "X, who said"
            return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return None
    return None


def _speculated(verb: SpacyToken, lex: _Lexicon) -> bool:
    """Whether the clause is someone's guess ("diplomats expect Moscow to press for ...")."""
    node = verb
    while node.dep_ in ("ccomp", "xcomp") and node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in lex.speculation:
            return True
    return False


def content_span(parsed: ParsedSentence, verb: SpacyToken) -> tuple[int, int]:
    """Article offsets of everything a cue verb governs after it (what is said)."""
    last = verb.right_edge
    return parsed.offset + verb.idx, parsed.offset + last.idx + len(last.text)


def guessed_spans(parsed: ParsedSentence) -> list[tuple[int, int]]:
    """Article offsets of clauses that a verb of guessing governs ("expect Moscow to ...")."""
    lex = _lexicon()
    spans = []
    for token in parsed.doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in lex.speculation:
            for child in token.children:
                if child.dep_ in ("ccomp", "xcomp", "dobj"):
                    spans.append(_span_of(parsed, child))
    return spans


def _coordinated(subject: SpacyToken) -> list[SpacyToken]:
    """The subject and the subjects coordinated with it ("Putin and Xi said")."""
    found = [subject]
    for child in subject.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            found.extend(_coordinated(child))
    return found


def _mention_for(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: _Lexicon
) -> Mention | None:
    """The speaker mention a subject token stands for: itself, else its apposition."""
    if _is_outlet(subject, lex):
        return None
    found = _mention_covering(parsed, subject, mentions)
    appositions = [c for c in subject.children if c.dep_ == "appos"]
    if found is not None and (found.speaker is None or found.how != "title"):
        return found
    # "the chief of staff of President Z, NAME," and "his spokesman, NAME,": NAME speaks.
    for apposition in appositions:
        named = _mention_covering(parsed, apposition, mentions)
        if named is not None:
            return named
    if found is not None:
        return found
    institution = _institution_of(parsed, subject, mentions, lex)
    if institution is not None:
        return institution
    for candidate in (subject, *appositions):
        person = _introduced_person(parsed, candidate, mentions, lex)
        if person is not None:
            return person
    return None


def _institution_of(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: _Lexicon
) -> Mention | None:
    """ "Saudi Arabia's foreign ministry", "officials in Kyiv", "the Russian delegation":
    a body of a government speaks for that government."""
    if subject.lemma_.lower() not in lex.institutions:
        return None
    for child in subject.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            found = _government_named(parsed, child, mentions, lex)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = _government_named(parsed, obj, mentions, lex)
                    if found is not None:
                        return found
    return None


def _government_named(
    parsed: ParsedSentence, token: SpacyToken, mentions: list[Mention], lex: _Lexicon
) -> Mention | None:
    """A government a word names: a gazetteer mention, or a nationality ("Russian")."""
    found = _mention_covering(parsed, token, mentions)
    if found is not None and found.speaker is not None and found.speaker.kind != "person":
        return found
    side = lex.nationalities.get(token.text)
    if side is None or side in ("commentator",):
        return None
    start = parsed.offset + token.idx
    entry = SpeakerEntry(slugify(side), side, side, "government")
    return Mention(-1, -1, start, start + len(token.text), entry, "nationality")


def _document_source(
    parsed: ParsedSentence,
    subject: SpacyToken,
    mentions: list[Mention],
    lex: _Lexicon,
    issuer: Mention | None,
) -> Mention | None:
    """A document as subject speaks for its issuer: its possessor, else the last issuer."""
    if subject.lemma_.lower() not in lex.documents or subject.pos_ != "NOUN":
        return None
    for child in subject.children:
        if child.dep_ == "poss":
            return _mention_covering(parsed, child, mentions)
        if child.dep_ in ("amod", "compound", "nmod"):
            named = _government_named(parsed, child, mentions, lex)  # "the Russian memorandum"
            if named is not None:
                return named
    verb = subject.head
    if subject.dep_ == "dobj" and verb.lemma_.lower() in lex.issuing:
        # "the General Assembly adopted a resolution that demands ...": its adopter.
        source = _source_of(verb, lex)
        if isinstance(source, SpacyToken):
            return _mention_for(parsed, source, mentions, lex)
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        return None  # "a draft" is not one the article has introduced
    if issuer is None:
        return None
    start = parsed.offset + subject.idx
    return Mention(-1, -1, start, start + len(subject.text), issuer.speaker, "document")


def _group_pronoun(
    parsed: ParsedSentence, subject: SpacyToken, group: Mention | None
) -> Mention | None:
    """ "It" or "they" as a speaker: the document or government the article spoke of last."""
    if group is None or subject.lower_ not in ("it", "they"):
        return None
    start = parsed.offset + subject.idx
    return Mention(-1, -1, start, start + len(subject.text), group.speaker, "pronoun")


def _introduced_person(
    parsed: ParsedSentence, head: SpacyToken, mentions: list[Mention], lex: _Lexicon
) -> Mention | None:
    """A person the gazetteer lacks, named by two or three proper nouns with a role beside.

    "Deputy Defence Minister Alexander Fomin", "Viola Amherd, the Swiss president,",
    "NAME, a spokesman for the Foreign Ministry": the side comes from a government or
    nationality named in the description, else the person is a commentator.
    """
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    # The name is the run of capitalised proper nouns ending at the head, role words aside.
    compounds = {c.i for c in head.children if c.dep_ in ("compound", "flat")}
    run = [head]
    while len(run) < 3:
        before = run[0].i - 1
        if before not in compounds:
            break
        word = parsed.doc[before]
        if word.pos_ != "PROPN" or not word.text[:1].isupper() or _is_role(word, lex):
            break
        run.insert(0, word)
    if len(run) < 2 or _is_role(head, lex):
        return None
    if any(t.lower_ in lex.outlets or t.text.isupper() for t in run):
        return None
    description = [
        t
        for t in head.subtree
        if t.i < run[0].i or t.i > run[-1].i
        if not any(t.i in range(r.i, r.i + 1) for r in run)
    ]
    roles = [t for t in description if _is_role(t, lex)]
    if not roles:
        return None  # a bare name could be a place, a firm or a ship: no guess
    side = _side_in(parsed, description, mentions, lex)
    if any(t.lower_ in lex.commentator_words for t in description):
        side = "commentator"
    name = " ".join(t.text for t in run)
    start = parsed.offset + run[0].idx
    end = parsed.offset + run[-1].idx + len(run[-1].text)
    entry = SpeakerEntry(slugify(name), name, side or "commentator", "person")
    return Mention(-1, -1, start, end, entry, "introduced")


def _is_role(token: SpacyToken, lex: _Lexicon) -> bool:
    return token.lemma_.lower() in lex.person_roles or token.lower_ in lex.person_roles


def _side_in(
    parsed: ParsedSentence, words: list[SpacyToken], mentions: list[Mention], lex: _Lexicon
) -> str | None:
    """The party a description names: a known government or speaker, else a nationality."""
    for token in words:
        start = parsed.offset + token.idx
        for mention in mentions:
            if mention.start <= start < mention.end and mention.speaker is not None:
                if mention.speaker.side != "commentator":
                    return mention.speaker.side
        side = lex.nationalities.get(token.text)
        if side is not None:
            return side
    return None


def _mention_covering(
    parsed: ParsedSentence, token: SpacyToken, mentions: list[Mention]
) -> Mention | None:
    start = parsed.offset + token.idx
    end = start + len(token.text)
    for mention in mentions:
        if mention.start < end and start < mention.end:
            return mention
    # A compound head ("Kremlin spokesman Dmitry Peskov" parsed with "spokesman" as head).
    for child in token.children:
        if child.dep_ in ("compound", "flat"):
            start = parsed.offset + child.idx
            end = start + len(child.text)
            for mention in mentions:
                if mention.start < end and start < mention.end and mention.how != "title":
                    return mention
    return None


def _is_outlet(token: SpacyToken, lex: _Lexicon) -> bool:
    words = [t.text for t in token.subtree if t.dep_ in ("compound", "det") or t.i == token.i]
    return " ".join(words).lower() in lex.outlets or token.text.lower() in lex.outlets


def _told_outlet(
    parsed: ParsedSentence, verb: SpacyToken, mentions: list[Mention], lex: _Lexicon
) -> bool:
    """Whether "told" has a news outlet as its object ("told Reuters")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN":
            return _is_outlet(child, lex) or _mention_covering(parsed, child, mentions) is None
    return False


def _according_to(
    parsed: ParsedSentence, token: SpacyToken, mentions: list[Mention], lex: _Lexicon
) -> list[Cue]:
    """Pass 2: "according to X", "citing X", "as per X": the cited one is the source."""
    lower = token.lower_
    objects: list[SpacyToken] = []
    if lower == "according":
        for to in token.children:
            if to.lower_ == "to":
                objects = [c for c in to.children if c.dep_ == "pobj"]
    elif lower == "per" or token.lemma_.lower() in lex.citing:
        objects = [c for c in token.children if c.dep_ in ("pobj", "dobj")]
    found = []
    for obj in objects[:1]:
        for subject in _coordinated(obj):
            mention = _mention_for(parsed, subject, mentions, lex)
            if mention is not None and mention.speaker is not None:
                own = (token.head.i,) if token.head.i != token.i else (token.i,)
                found.append(
                    Cue(mention.speaker, mention, token, "reporting", "past", "according_to", own)
                )
    return found


def _tense(chain: list[SpacyToken]) -> str:
    """present, past or perfect, from the verb group of the clause the cue heads."""
    for verb in chain:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lemmas = {a.lemma_.lower() for a in auxiliaries}
        tags = {a.tag_ for a in auxiliaries}
        if "have" in lemmas:
            # "has said" is an undated earlier occasion; "had demanded" is narrative past.
            had = any(a.lemma_.lower() == "have" and a.tag_ == "VBD" for a in auxiliaries)
            return "past" if had else "perfect"
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
    cited = [c for c in cues if c.pass_name == "according_to"]
    cues = [
        c
        for c in cues
        if c.pass_name == "according_to"
        or not any(c.speaker != a.speaker and _in_clause(c.verb, a.verb.head) for a in cited)
    ]
    kept: list[Cue] = []
    for cue in cues:
        outer = [o for o in cues if o is not cue and _inside(cue.verb, o.verb)]
        if not outer:
            kept.append(cue)
            continue
        if any(_nested_report_wins(cue, o) for o in outer):
            kept.append(cue)
    # An outer cue gives way to a nested past speech act of another speaker.
    return [
        c
        for c in kept
        if not any(
            o is not c and _inside(o.verb, c.verb) and _nested_report_wins(o, c) for o in kept
        )
    ]


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
    if inner.speaker.kind != "person" and inner.speaker.side == outer.speaker.side:
        return False  # "Putin said Russia agreed ...": his government's position, in his words
    if inner.mention.how in _REFERENCES or inner.verb.pos_ == "ADJ":
        return False
    if inner.verb.lemma_.lower() not in _lexicon().nested_reports:
        return False
    subject = [c for c in inner.verb.children if c.dep_ in _SUBJECT_DEPS]
    if not subject:
        return False  # a passive agent or a borrowed subject: no speech act of its own
    node = inner.verb
    while node != outer.verb and node.head.i != node.i:
        if node.dep_ not in ("ccomp", "conj"):
            return False  # "until Russia accepted ...": a time clause, not a reported speech act
        node = node.head
    has_perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in inner.verb.children)
    return inner.verb.tag_ == "VBD" or (inner.verb.tag_ == "VBN" and has_perfect)


def _inside(token: SpacyToken, verb: SpacyToken) -> bool:
    """Whether token sits in a clause that verb governs (not the verb's own group)."""
    node = token
    while node.head.i != node.i:
        if node.head == verb:
            return node.dep_ in _CLAUSAL or node.dep_ in ("dobj", "prep", "pobj")
        node = node.head
    return False


def clause_verb(parsed: ParsedSentence, char: int) -> int | None:
    """Parse index of the verb whose clause holds the word at `char` (dates' owners)."""
    node = parsed.at(char)
    while node is not None and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            return node.i
    return node.i if node is not None else None
