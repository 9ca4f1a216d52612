"""What the attribution passes share: a parsed sentence, the reading context, the cue lexicon.

A `ParsedSentence` ties spaCy's parse of one sentence to offsets in the article, so that
parse tokens and the engine's speaker mentions (found on the article's own tokens) meet
by character offsets. The cue lexicon (speech and position verbs, documents, outlets,
roles) lives in data/attribution.toml and data/roles.toml.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from app.extraction.lexicon import load_data
from app.extraction.records import SpeakerEntry
from app.extraction.speakers import Mention

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
NO_SOURCE = object()  # the verb has a subject, and it is not who speaks (a passive's)


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
    # The person who was the subject of the main verb of the last sentence to name one
    # ("The Russian President raised ..."), not merely named there ("a call with Trump").
    acting: SpeakerEntry | None = None
    recent: tuple[SpeakerEntry, ...] = ()  # people named so far, the most recent last


@dataclass(frozen=True, slots=True)
class CueLexicon:
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
    countries: frozenset[str]  # "the leaders of several European countries": their grouping
    plural_parties: frozenset[str]  # "the two leaders", "the sides": both participants
    nested_reports: frozenset[str]  # speech acts that keep their own speaker when reported
    hypothetical_marks: frozenset[str]  # "if", "unless": a supposition, not a stance
    person_roles: frozenset[str]  # lemmas of role nouns that introduce a person
    commentator_words: frozenset[str]
    nationalities: dict[str, str]  # "Swiss" -> "Switzerland"
    earlier: frozenset[str]  # adverbs that make "had said" an earlier, undated occasion
    viewpoints: frozenset[str]  # "in X's words", "in X's view"
    claims: frozenset[str]  # "the claim that ...": someone's claim about the clause's subject
    mastheads: frozenset[str]  # "Ledger", "Herald": the last word of an outlet's name
    interviewers: frozenset[str]  # "told me": an interview given to the writer
    audiences: frozenset[str]  # "told the House": a body addressed in session, no outlet
    restricting: frozenset[str]  # "only after ...": the clause is a condition
    present_conditions: frozenset[str]  # "when it accepts": a condition in the present
    durations: frozenset[str]  # "while Moscow refuses", "as long as": a condition of time
    guessing_adverbs: frozenset[str]  # "the Kremlin likely intends": the writer's guess
    open_questions: frozenset[str]  # "whether Kyiv would agree": asked, not said


@cache
def cue_lexicon() -> CueLexicon:
    data = load_data("attribution.toml")
    roles = load_data("roles.toml")
    return CueLexicon(
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
        frozenset(data["country_nouns"]),
        frozenset(data["plural_parties"]),
        frozenset(data["nested_report_lemmas"]),
        frozenset(data["hypothetical_marks"]),
        frozenset(_role_noun(w) for w in roles["official_roles"] + roles["commentator_roles"]),
        frozenset(w.lower() for w in roles["commentator_roles"] if " " not in w),
        {n["word"]: n["side"] for n in roles["nationalities"]},
        frozenset(data["earlier_adverbs"]),
        frozenset(data["viewpoint_nouns"]),
        frozenset(data["claim_nouns"]),
        frozenset(w.lower() for w in data["masthead_words"]),
        frozenset(data["interviewer_words"]),
        frozenset(data["audience_words"]),
        frozenset(data["restricting_adverbs"]),
        frozenset(data["present_condition_marks"]),
        frozenset(data["duration_marks"]),
        frozenset(data["speculation_adverbs"]),
        frozenset(data["open_question_marks"]),
    )


def is_speech_verb(token: SpacyToken) -> bool:
    """Whether a parse token is a speech verb ("said", "told", "stressed")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cue_lexicon().speech


_PHRASAL_DEPS = frozenset({"prt", "prep", "oprd", "ccomp", "acomp"})
_ONLY_PHRASAL = frozenset({"point", "make"})  # speech verbs only with their particle


def _has_particle(verb: SpacyToken, needs: frozenset[str]) -> bool:
    """Whether the verb's particle follows it: "calls for", "rules out", also "calls for
    Ukraine to cede", where the parser makes "for" the mark of the clause after it."""
    for child in verb.children:
        if child.dep_ in _PHRASAL_DEPS and child.lower_ in needs:
            return True
        if child.dep_ == "dobj" and child.lower_ in needs:
            return True  # "as Macron put it": the object completes the phrase
        marks = [g for g in child.children if g.dep_ == "mark" and g.lower_ in needs]
        if child.dep_ in ("advcl", "ccomp", "xcomp") and any(m.i == verb.i + 1 for m in marks):
            return True
    return False


def cue_class(token: SpacyToken, lex: CueLexicon) -> str | None:
    """ "reporting" for a speech verb, "position" for a position verb or adjective, else None."""
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and lemma in lex.adjectives:
        return "position"
    if token.pos_ not in ("VERB", "AUX"):
        return None
    needs = lex.particles.get(lemma)
    if needs is not None and not _has_particle(token, needs):
        # "call" alone is a phone call, "set" alone sets nothing out, "make" makes things.
        return "reporting" if lemma in lex.speech and lemma not in _ONLY_PHRASAL else None
    if lemma in lex.speech:
        return "reporting"
    if lemma in lex.position:
        return "position"
    return None


def source_of(verb: SpacyToken, lex: CueLexicon) -> SpacyToken | None:
    """The token naming who speaks through this verb, if the verb has one itself."""
    children = list(verb.children)
    if verb.lemma_.lower() in lex.speaker_passives and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in children
    ):
        # "state media quoted Lavrov as saying", "Lavrov was quoted by agencies as saying":
        # Lavrov speaks, not whoever quoted him.
        quoted = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
        if quoted:
            return quoted[0]
    if verb.lemma_.lower() == "quote":
        # "I will quote him:", "let me quote the minister:": the quoted one speaks
        quoted = [c for c in children if c.dep_ == "dobj"]
        return quoted[0] if quoted else NO_SOURCE
    for child in children:
        if child.dep_ == "agent":  # "was rejected by Kyiv"
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return objects[0] if objects else None
    subjects = [c for c in children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) >= 2 and any(
        t.text == "," for t in verb.doc[subjects[-2].i + 1 : subjects[-1].left_edge.i]
    ):
        # "Ukraine, Zelensky said, would agree ...": the parser gives "said" both subjects;
        # the one beside it speaks, the first is the subject of what is said
        return subjects[-1]
    for child in children:
        if child.dep_ == "nsubjpass":
            # "Peskov was quoted as saying"; but in "it was promised X" the subject is no speaker.
            return child if verb.lemma_.lower() in lex.speaker_passives else NO_SOURCE
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                # "Lavrov, who led the delegation, said" / "X, who said"; after "Kyiv and
                # its backers, who insist", the whole coordination.
                antecedent = verb.head
                while antecedent.dep_ == "conj" and antecedent.head.pos_ in ("PROPN", "NOUN"):
                    antecedent = antecedent.head
                return _document_before(antecedent, lex) or antecedent
            return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return None
    return None


def _document_before(antecedent: SpacyToken, lex: CueLexicon) -> SpacyToken | None:
    """The document a relative clause is about when the parser hangs it on the last noun
    of the document's description ("a position paper on the settlement of the crisis,
    which calls for ..."): the nearest document noun before, in the same phrase."""
    if antecedent.pos_ != "NOUN" or antecedent.lemma_.lower() in lex.documents:
        return None
    for token in reversed(antecedent.doc[antecedent.sent.start : antecedent.i]):
        if token.pos_ == "VERB" or token.text in (";", ":"):
            return None
        if token.pos_ == "NOUN" and token.lemma_.lower() in lex.documents:
            return token
    return None


def span_of(parsed: ParsedSentence, token: SpacyToken) -> tuple[int, int]:
    """Article offsets of a token's whole subtree."""
    first, last = token.left_edge, token.right_edge
    return parsed.offset + first.idx, parsed.offset + last.idx + len(last.text)


def main_subjects(
    parsed: ParsedSentence, deps: tuple[str, ...] = ("nsubj", "nsubjpass")
) -> list[SpacyToken]:
    """The subjects of the sentence's main verb (its first root), in order."""
    root = next((t for t in parsed.doc if t.dep_ == "ROOT"), None)
    return [] if root is None else [c for c in root.children if c.dep_ in deps]


def mention_covering(
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


def mark_of(clause: SpacyToken) -> str:
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    return marks[0] if marks else ""


def content_span(parsed: ParsedSentence, verb: SpacyToken) -> tuple[int, int]:
    """Article offsets of everything a cue verb governs after it (what is said)."""
    last = verb.right_edge
    return parsed.offset + verb.idx, parsed.offset + last.idx + len(last.text)


def _role_noun(role: str) -> str:
    """The noun a role phrase is headed by: "secretary" in "foreign secretary", "head" in
    "head of", "chief" in "chief of staff"."""
    return role.lower().split(" of")[0].split()[-1]


def clause_verb(parsed: ParsedSentence, char: int) -> int | None:
    """Parse index of the verb whose clause holds the word at `char` (dates' owners)."""
    word = node = parsed.at(char)
    while node is not None and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            if node.dep_ == "ccomp" and _before_clause(word, node):
                return node.head.i  # "said on Sunday he was ready": the saying's day
            if (teller := _audience_of(node) or _medium_of(node)) is not None:
                return teller.i
            return node.i
    return node.i if node is not None else None


# "in an interview broadcast on Sunday": the speaker's own words made public that day.
_PUBLISHING = frozenset({"broadcast", "publish", "air", "release", "post", "print", "televise"})
_MEDIA = frozenset({"interview", "article", "op-ed", "column", "essay", "podcast", "video"})


def _medium_of(verb: SpacyToken) -> SpacyToken | None:
    """The speech verb whose medium a participle of publishing describes: in "said in an
    interview with NBC broadcast on Sunday" the day is the saying's. (An article the speaker
    comments *on* has a day of its own.)"""
    if verb.tag_ not in ("VBN", "VBD") or verb.lemma_.lower() not in _PUBLISHING:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ == "acl":
        medium = verb.head
        if medium.dep_ == "pobj" and medium.head.lower_ == "with":
            medium = medium.head.head  # "an interview with a daily published on Sunday"
    elif verb.dep_ == "ccomp":
        # the parser's reading of "in an interview with NBC broadcast on Sunday that ..."
        before = verb.doc[: verb.i]
        medium = next((t for t in reversed(before) if t.lemma_.lower() in _MEDIA), None)
        if medium is None or medium.head.head != verb.head:
            return None
    else:
        return None
    if medium.lemma_.lower() not in _MEDIA or medium.dep_ != "pobj":
        return None
    if medium.head.lower_ not in ("in", "during"):
        return None
    teller = medium.head.head
    return teller if teller.pos_ in ("VERB", "AUX") else None


# Speech verbs whose object or "to" names the audience rather than what is said.
_TELLING = frozenset({"tell", "brief", "inform", "assure", "warn", "address", "speak", "talk"})


def _audience_of(verb: SpacyToken) -> SpacyToken | None:
    """The speech verb whose audience a participle describes: in "told reporters travelling
    with him to Tokyo on Wednesday" the day is the telling's, not only the journey's."""
    if verb.tag_ not in ("VBG", "VBN"):
        return None
    if verb.dep_ == "xcomp" and any(c.dep_ == "nsubj" for c in verb.children):
        # the parser's reading of "told journalists accompanying him"
        return verb.head if verb.head.lemma_.lower() in _TELLING else None
    if verb.dep_ != "acl":
        return None
    audience = verb.head
    if audience.dep_ in ("dobj", "dative"):
        teller = audience.head
    elif audience.dep_ == "pobj" and audience.head.lower_ == "to":
        # "speaking to reporters flying with him", not "commenting on an article
        # published on Sunday": what is spoken about has days of its own
        teller = audience.head.head
    else:
        return None
    return teller if teller.lemma_.lower() in _TELLING else None


def _before_clause(word: SpacyToken, verb: SpacyToken) -> bool:
    """Whether a word stands between the verb a clause hangs from and the clause's subject,
    with no "that" before it: the parser hangs "on Sunday" in "said on Sunday he was" on
    the wrong verb."""
    if any(c.dep_ == "mark" and c.i < word.i for c in verb.children):
        return False  # "recalled that on Sunday Y called": the date opens Y's clause
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return bool(subjects) and verb.head.i < word.i < subjects[0].left_edge.i
