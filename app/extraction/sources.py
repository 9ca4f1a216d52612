"""Who a cue's source stands for: a speaker mention found by name, title or reference.

The parse gives the source token (a verb's subject, a passive agent, the object of
"according to"); these functions turn it into a speaker: a named mention, the person in
an apposition ("his chief of staff, NAME,"), a government body ("Saudi Arabia's foreign
ministry"), a document's issuer ("the memorandum demands"), a pronoun for a government
("it", "they"), the two parties of a readout ("the two leaders"), or a person the
gazetteer lacks, introduced with a role ("NAME, a spokesman for the Foreign Ministry").
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from spacy.tokens import Token as SpacyToken

from app.extraction.parsing import (
    NO_SOURCE,
    RELATIVE,
    Context,
    CueLexicon,
    ParsedSentence,
    cue_lexicon,
    mark_of,
    mention_covering,
    source_of,
)
from app.extraction.records import SpeakerEntry
from app.extraction.speakers import Mention, delegated_to, slugify

TOPIC = object()  # the source is the person the previous sentence was about
_NOT_ROLE_WORDS = frozenset({"of", "the", "state", "for", "a", "an", "think"})
_ADDRESS_WORDS = 4  # words of an address that opens a question ("Madam Foreign Minister,")


@cache
def document_words() -> frozenset[str]:
    """The document nouns, singular and plural, for a quick look before parsing."""
    nouns = cue_lexicon().documents
    return frozenset(nouns | {f"{n}s" for n in nouns} | {f"{n}es" for n in nouns})


def document_issuer(
    parsed: ParsedSentence, mentions: list[Mention]
) -> tuple[Mention, SpacyToken | None] | None:
    """Who this sentence says issued a document ("Russia's memorandum", "Kyiv handed a
    draft"), and the issuing verb that says so, if any: only then do its dates (or its
    tense) date the document."""
    lex = cue_lexicon()
    for token in parsed.doc:
        if token.lemma_.lower() not in lex.documents or token.pos_ != "NOUN":
            continue
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                # "Russia's memorandum", "a U.S. proposal", "the Russian memorandum"
                found = government_named(parsed, child, mentions, lex)
                if child.dep_ == "poss":
                    found = found or mention_covering(parsed, child, mentions)
                if found is not None and found.speaker is not None:
                    if token.head.lemma_.lower() in lex.issuing and token.dep_ == "dobj":
                        return found, token.head
                    # "Zelensky's formula, presented to the G20 in November 2022, calls for"
                    return found, _issuing_participle(token, lex)
        for child in token.children:
            # "the memorandum, which Moscow published the next day"
            if child.dep_ == "relcl" and child.lemma_.lower() in lex.issuing:
                source = source_of(child, lex)
                if source is not None and source is not NO_SOURCE and source.lower_ not in RELATIVE:
                    found = mention_for(parsed, source, mentions, lex)
                    if found is None and source.lower_ in ("it", "they"):
                        found = _government_before(parsed, token, mentions)
                    if found is not None and found.speaker is not None:
                        return _on_whose_behalf(found), child
        verb = token.head
        if token.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in lex.issuing:
            source = source_of(verb, lex)  # "Kyiv handed over a draft", "... published by Moscow"
            if source is not None and source is not NO_SOURCE:
                found = mention_for(parsed, source, mentions, lex)
                if found is not None and found.speaker is not None:
                    return _on_whose_behalf(found), verb
        # "the plan, drafted by U.S. and Russian officials": after its adopter, if any
        found = _drafter(parsed, token, mentions, lex)
        if found is not None and found.speaker is not None:
            return found, _issuing_participle(token, lex)
    return None


def _on_whose_behalf(found: Mention) -> Mention:
    """The issuer of a document a person presented or drafted: a leader's own, an envoy's
    or minister's government ("the draft, which the US Army Secretary presented")."""
    speaker = found.speaker
    if speaker is None:
        return found
    issuer = delegated_to(speaker)
    return found if issuer == speaker else replace(found, speaker=issuer)


def reissued_document(parsed: ParsedSentence) -> SpacyToken | None:
    """ "The draft was circulated on Monday": the issuing verb of a document the article
    has introduced ("the draft"), when the sentence names no issuer of its own."""
    lex = cue_lexicon()
    for token in parsed.doc:
        if token.lemma_.lower() not in lex.documents or token.pos_ != "NOUN":
            continue
        dated = next((c for c in token.children if c.dep_ == "acl" and c.lower_ == "dated"), None)
        if dated is not None:
            return dated  # "the four-page note, dated 3 May, was leaked": its day
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        verb = token.head
        if definite and token.dep_ == "nsubjpass" and verb.lemma_.lower() in lex.issuing:
            if not any(c.dep_ == "agent" for c in verb.children):
                return verb
    return None


def _government_before(
    parsed: ParsedSentence, token: SpacyToken, mentions: list[Mention]
) -> Mention | None:
    """ "Moscow's list has not changed since the memorandum it handed over": the pronoun
    in a document's relative clause is the government the sentence named before it."""
    before = parsed.offset + token.idx
    return next(
        (
            m
            for m in mentions
            if parsed.offset <= m.start < before
            and m.speaker is not None
            and m.speaker.kind != "person"
        ),
        None,
    )


def sources_of(
    parsed: ParsedSentence,
    source: object,
    mentions: list[Mention],
    lex: CueLexicon,
    context: Context,
    own_subject: bool,
) -> list[Mention | None]:
    """The speaker mentions a cue's source token stands for, one per coordinated subject."""
    if source is TOPIC:
        who = _impersonal_speaker(context)
        return [context_mention(parsed, parsed.doc[0], who, "topic")]
    assert isinstance(source, SpacyToken)
    pair = _participants(parsed, source, context)
    if pair:
        return pair
    joint = _joint_issuers(parsed, source, mentions, lex) or _joint_sides(
        parsed, source, mentions, lex
    )
    if len(joint) > 1:
        # "Kyiv and Washington issued a statement calling for ...", "Russian and Ukrainian
        # negotiators agreed ..."
        return joint
    # "It" after a document is the document ("it calls for"), dated as the document is.
    group, group_how = context.issuer, "document"
    if group is None:
        group, group_how = context.group, "pronoun"
    found: list[Mention | None] = []
    for subject in coordinated(source):
        leaders = _leaders_of(parsed, subject, mentions)
        if leaders:
            found.extend(leaders)  # "the leaders of Germany and France said": each of them
            continue
        found.append(
            _described_person(parsed, subject, mentions, lex, context)
            or mention_for(parsed, subject, mentions, lex)
            or document_source(parsed, subject, mentions, lex, context.issuer)
            or (own_subject and _group_subject_before(parsed, subject, mentions, lex))
            or (own_subject and _group_pronoun(parsed, subject, group, group_how))
            or None
        )
    return found


def _impersonal_speaker(context: Context) -> SpeakerEntry | None:
    """Who a readout's impersonal "it was stressed that ..." speaks for: the person the
    readout has just had acting ("The President of Russia raised ... It was stressed
    ..."), whose side wrote it; else whoever issued the last document (a readout the
    article introduced), else the person the previous sentence was about. The issuer of a
    proposal the readout mentions ("Trump put forward a proposal") is not the readout's
    voice, so the acting person comes first."""
    if context.acting is not None:
        return context.acting
    return context.issuer.speaker if context.issuer is not None else context.topic


def _leaders_of(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention]
) -> list[Mention]:
    """ "The leaders of Italy, Britain and Poland, NAME, NAME and NAME,": the people named
    beside the countries speak, each for their own. Without names the countries stand."""
    if subject.lemma_.lower() != "leader" or subject.tag_ != "NNS":
        return []
    objects = [
        o
        for c in subject.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
    ]
    if not objects:
        return []
    covering = [mention_covering(parsed, w, mentions) for w in coordinated(objects[0])]
    found = [m for m in covering if m is not None and m.speaker is not None]
    people = [m for m in found if m.speaker.kind == "person"]
    return people if len(people) > 1 else []


def _described_person(
    parsed: ParsedSentence,
    subject: SpacyToken,
    mentions: list[Mention],
    lex: CueLexicon,
    context: Context,
) -> Mention | None:
    """ "The Russian minister", "the Ukrainian negotiator": the person of that side the
    article named last, when a role word and a side describe someone met before."""
    if not _is_role(subject, lex) or subject.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
        return None
    if subject.tag_ != "NN" or any(c.dep_ == "appos" for c in subject.children):
        return None  # "the Russian diplomats", "the Russian envoy, NAME,": not a reference
    if mention_covering(parsed, subject, mentions) is not None:
        return None  # "the Kremlin spokesman": a title the gazetteer resolves
    modifiers = [c for c in subject.children if c.dep_ in ("amod", "compound", "poss")]
    side = _side_in(parsed, modifiers, mentions, lex)
    if side is None:
        return None
    for person in reversed(context.recent):
        if person.side == side:
            return context_mention(parsed, subject, person, "description")
    return None


def _participants(
    parsed: ParsedSentence, subject: SpacyToken, context: Context
) -> list[Mention | None]:
    """ "The two leaders agreed", "the sides discussed": the last two people named."""
    if subject.lemma_.lower() not in cue_lexicon().plural_parties or subject.tag_ != "NNS":
        return []
    modifiers = [c for c in subject.children if c.dep_ in ("det", "nummod", "amod", "compound")]
    if not modifiers or any(c.lower_ not in ("the", "two", "both") for c in modifiers):
        return []  # "European leaders" are not the two participants
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children):
        return []  # "the heads of the Commission and the Council" are theirs
    if len(context.participants) < 2:
        return []
    return [context_mention(parsed, subject, who, "participants") for who in context.participants]


def context_mention(
    parsed: ParsedSentence, token: SpacyToken, who: SpeakerEntry | None, how: str
) -> Mention | None:
    if who is None:
        return None
    start = parsed.offset + token.idx
    return Mention(-1, -1, start, start + len(token.text), who, how)


def coordinated(subject: SpacyToken) -> list[SpacyToken]:
    """The subject and the subjects coordinated with it ("Putin and Xi said")."""
    found = [subject]
    for child in subject.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
            found.extend(coordinated(child))
    return found


def mention_for(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """The speaker mention a subject token stands for: itself, else its apposition."""
    if is_outlet(subject, lex):
        return None
    if subject.lower_ == "him" and subject.head.lemma_.lower() != "quote":
        return None  # "allow him to continue": only "I will quote him" makes "him" speak
    addressed = _speaker_after_address(subject)
    if addressed is not None:
        return mention_for(parsed, addressed, mentions, lex)
    found = mention_covering(parsed, subject, mentions)
    appositions = [c for c in subject.children if c.dep_ == "appos"]
    # "The representative of the United States, NAME,": the parser may hang the name on
    # the country rather than on the role.
    appositions += [
        g
        for c in subject.children
        if c.dep_ == "prep" and c.lower_ in ("of", "for")
        for o in c.children
        if o.dep_ == "pobj"
        for g in o.children
        if g.dep_ == "appos"
    ]
    if found is not None and found.speaker is None:
        return found
    if (
        found is not None
        and found.how != "title"
        and (found.speaker.kind == "person" or not appositions)
    ):
        return found
    # "the chief of staff of President Z, NAME," and "his spokesman, NAME,": NAME speaks.
    for apposition in appositions:
        named = mention_covering(parsed, apposition, mentions)
        if named is not None and not _employer_of_a_name(subject, apposition, named, found):
            return named
    # "China's envoy, Liu Jieyi," and "the representative of China, Liu Jieyi,": a person
    # the gazetteer lacks, described by the word the name stands beside.
    for apposition in appositions:
        person = _introduced_person(parsed, apposition, mentions, lex, subject)
        if person is not None:
            return person
    titled = _named_after_title(parsed, subject, mentions, lex)
    if titled is not None:
        return titled  # the name after a full title decides, whoever holds it on the day
    if found is not None:
        return found
    institution = _institution_of(parsed, subject, mentions, lex)
    if institution is not None:
        return institution
    beside = subject.head if subject.dep_ == "appos" else None  # "the Secretary, NAME,"
    return _introduced_person(parsed, subject, mentions, lex, beside)


def _speaker_after_address(subject: SpacyToken) -> SpacyToken | None:
    """ "Minister A, B told the assembly that ...": a question opens by addressing the
    one it is put to, and the parser takes the addressee for the subject and the speaker
    for its apposition. An apposition that runs straight into the verb, with no comma to
    close it, is no description of the name before it (that would read "A, the envoy,
    said") but the subject itself, after an address that opens the sentence or a
    transcript's label ("QUESTION:")."""
    doc = subject.doc
    start = subject.left_edge.i
    if start > 0 and not doc[start - 1].text.endswith(":"):
        return None
    for apposition in (c for c in subject.children if c.dep_ == "appos"):
        comma = apposition.left_edge.i - 1
        after = apposition.right_edge.i + 1
        if doc[comma].text != "," or after >= len(doc) or comma - start > _ADDRESS_WORDS:
            continue
        if doc[after].is_punct or doc[after] != subject.head and doc[after].head != subject.head:
            continue
        return apposition
    return None


def _employer_of_a_name(
    subject: SpacyToken, apposition: SpacyToken, named: Mention, found: Mention | None
) -> bool:
    """ "NAME, a Russia analyst," and "NAME, a former State Department official,": the
    country or body on a role noun describes the named person's field or employer; the
    person, not the body, speaks."""
    return (
        found is None
        and subject.pos_ == "PROPN"
        and apposition.pos_ == "NOUN"
        and named.speaker is not None
        and named.speaker.kind != "person"
    )


def _named_after_title(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """ "the Head of the Office of the President of Ukraine NAME": an official's full title
    written before the name with no comma, as state agencies do. The name ends the chain of
    "of" phrases; "the chief of staff of President NAME" is NAME's aide, not NAME."""
    if not _is_role(subject, lex):
        return None
    node = subject
    for _ in range(6):
        objects = [
            o
            for c in node.children
            if c.dep_ == "prep" and c.lower_ in ("of", "for")  # "High Representative for"
            for o in c.children
            if o.dep_ == "pobj"
        ]
        if not objects:
            return None
        node = objects[0]
        named = mention_covering(parsed, node, mentions)
        if named is None or named.speaker is None or named.speaker.kind != "person":
            continue
        before = [t for t in node.lefts if t.dep_ == "compound"]
        first = min((t for t in before if parsed.offset + t.idx >= named.start), default=node)
        ahead = parsed.doc[first.i - 1] if first.i > 0 else None
        if named.how == "name" and ahead is not None and not _is_role(ahead, lex):
            return named
        return None
    return None


def _institution_of(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """ "Saudi Arabia's foreign ministry", "officials in Kyiv", "the Russian delegation":
    a body of a government speaks for that government."""
    if subject.lemma_.lower() not in lex.institutions:
        return None
    for child in subject.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            found = government_named(parsed, child, mentions, lex)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("in", "of", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = government_named(parsed, obj, mentions, lex)
                    found = found or _grouping_of(parsed, obj, mentions, lex)
                    if found is not None:
                        return found
    return None


def _grouping_of(
    parsed: ParsedSentence, noun: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """ "several European countries": the grouping the nationality word of a country noun
    names."""
    if noun.lemma_.lower() not in lex.countries:
        return None
    for child in noun.children:
        if child.dep_ == "amod":
            found = government_named(parsed, child, mentions, lex)
            if found is not None:
                return found
    return None


def government_named(
    parsed: ParsedSentence, token: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """A government a word names: a gazetteer mention, or a nationality ("Russian")."""
    found = mention_covering(parsed, token, mentions)
    if found is not None and found.speaker is not None and found.speaker.kind != "person":
        return found
    side = lex.nationalities.get(token.text)
    if side is None or side in ("commentator",):
        return None
    start = parsed.offset + token.idx
    entry = SpeakerEntry(slugify(side), side, side, "government")
    return Mention(-1, -1, start, start + len(token.text), entry, "nationality")


def document_source(
    parsed: ParsedSentence,
    subject: SpacyToken,
    mentions: list[Mention],
    lex: CueLexicon,
    issuer: Mention | None,
) -> Mention | None:
    """A document as subject speaks for its issuer: its possessor, else the last issuer."""
    if subject.lemma_.lower() not in lex.documents or subject.pos_ != "NOUN":
        return None
    issued = _issuer_of(parsed, subject, mentions, lex)
    if issued is not None and issued.speaker is not None:
        # Found "document": what it says is dated by the day it was issued.
        return replace(issued, how="document")
    if any(c.dep_ == "poss" for c in subject.children):
        return None  # "their plan", with no one to refer to
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        return None  # "a draft" is not one the article has introduced
    if issuer is None:
        return None
    start = parsed.offset + subject.idx
    return Mention(-1, -1, start, start + len(subject.text), issuer.speaker, "document")


def _joint_issuers(
    parsed: ParsedSentence, document: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> list[Mention | None]:
    """Every issuer coordinated as the subject of the verb that issued a document."""
    if document.lemma_.lower() not in lex.documents or document.dep_ != "dobj":
        return []
    if document.head.lemma_.lower() not in lex.issuing:
        return []
    source = source_of(document.head, lex)
    if not isinstance(source, SpacyToken):
        return []
    found = [mention_for(parsed, s, mentions, lex) for s in coordinated(source)]
    return [replace(m, how="document") for m in found if m is not None and m.speaker is not None]


def _joint_sides(
    parsed: ParsedSentence, body: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> list[Mention | None]:
    """The governments of coordinated nationality words on one institution noun."""
    if body.lemma_.lower() not in lex.institutions:
        return []
    firsts = [c for c in body.children if c.dep_ == "amod" and c.text in lex.nationalities]
    words = [w for first in firsts for w in coordinated_words(first)]
    found = [government_named(parsed, w, mentions, lex) for w in words]
    return [m for m in found if m is not None and m.speaker is not None]


def coordinated_words(word: SpacyToken) -> list[SpacyToken]:
    """A word and the words coordinated with it ("Russian and Ukrainian")."""
    found = [word]
    for child in word.children:
        if child.dep_ == "conj":
            found.extend(coordinated_words(child))
    return found


def _issuer_of(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """The issuer a document's own words name: "Russia's", "the Russian", "X adopted"."""
    for child in subject.children:
        if child.dep_ == "poss":
            return mention_covering(parsed, child, mentions)
        if child.dep_ in ("amod", "compound", "nmod"):
            named = government_named(parsed, child, mentions, lex)  # "the Russian memorandum"
            if named is not None:
                return named
    verb = subject.head
    if subject.dep_ == "dobj" and verb.lemma_.lower() in lex.issuing:
        # "the General Assembly adopted a resolution that demands ...": its adopter.
        source = source_of(verb, lex)
        if isinstance(source, SpacyToken):
            found = mention_for(parsed, source, mentions, lex)
            return _on_whose_behalf(found) if found is not None else None
    return _drafter(parsed, subject, mentions, lex)  # "the plan, drafted by U.S. officials"


def _issuing_participle(document: SpacyToken, lex: CueLexicon) -> SpacyToken | None:
    """ "drafted by ...", "presented in November": the participle that issues a document."""
    return next(
        (c for c in document.children if c.dep_ == "acl" and c.lemma_.lower() in lex.issuing),
        None,
    )


def _drafter(
    parsed: ParsedSentence, document: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """Who the issuing participle names: "the plan, drafted by U.S. officials"."""
    participle = _issuing_participle(document, lex)
    source = source_of(participle, lex) if participle is not None else None
    if not isinstance(source, SpacyToken):
        return None
    found = mention_for(parsed, source, mentions, lex)
    return _on_whose_behalf(found) if found is not None else None


def _group_subject_before(
    parsed: ParsedSentence, subject: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> Mention | None:
    """ "It" or "they" after a government that is the subject of an earlier clause of the
    same sentence: that government, before any document or group of earlier sentences.
    When that clause is a supposition ("if Ukraine withdraws ... and declares that it does
    not seek ..."), so is what "it" does: a mention of nobody, which no pass takes."""
    if subject.lower_ not in ("it", "they"):
        return None
    for token in reversed(parsed.doc[: subject.i]):
        if token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        found = mention_covering(parsed, token, mentions)
        if found is not None and found.speaker is not None and found.speaker.kind != "person":
            start = parsed.offset + subject.idx
            supposed = token.head.dep_ == "advcl" and mark_of(token.head) in lex.hypothetical_marks
            speaker = None if supposed else found.speaker
            return Mention(-1, -1, start, start + len(subject.text), speaker, "pronoun")
    return None


def _group_pronoun(
    parsed: ParsedSentence, subject: SpacyToken, group: Mention | None, how: str
) -> Mention | None:
    """ "It" or "they" as a speaker: the document or government the article spoke of last."""
    if group is None or subject.lower_ not in ("it", "they"):
        return None
    start = parsed.offset + subject.idx
    return Mention(-1, -1, start, start + len(subject.text), group.speaker, how)


def _introduced_person(
    parsed: ParsedSentence,
    head: SpacyToken,
    mentions: list[Mention],
    lex: CueLexicon,
    beside: SpacyToken | None = None,
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
        if word.text.endswith("."):
            break  # "Sen.", "Gen.", "Lt.": an abbreviated rank, not part of the name
        run.insert(0, word)
    if len(run) < 2 or _is_role(head, lex):
        return None
    if any(t.lower_ in lex.outlets or t.text.isupper() for t in run):
        return None
    if " ".join(t.lower_ for t in run) in lex.outlets:
        return None  # "QUESTION (Kyiv Independent): Minister, ...": an outlet, not a person
    description = [
        t
        for t in head.subtree
        if t.i < run[0].i or t.i > run[-1].i
        if not any(t.i in range(r.i, r.i + 1) for r in run)
    ]
    if beside is not None:  # the word an apposition stands beside describes it too
        inside = range(head.left_edge.i, head.right_edge.i + 1)
        description += [t for t in beside.subtree if t.i not in inside]
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


def _is_role(token: SpacyToken, lex: CueLexicon) -> bool:
    return token.lemma_.lower() in lex.person_roles or token.lower_ in lex.person_roles


def _side_in(
    parsed: ParsedSentence, words: list[SpacyToken], mentions: list[Mention], lex: CueLexicon
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


def is_outlet(token: SpacyToken, lex: CueLexicon) -> bool:
    words = [t.text for t in token.subtree if t.dep_ in ("compound", "det") or t.i == token.i]
    if " ".join(words).lower() in lex.outlets or token.text.lower() in lex.outlets:
        return True
    # "the Financial Ledger": a capitalised name ending in a masthead word
    return token.pos_ == "PROPN" and len(words) > 1 and token.lower_ in lex.mastheads


def told_outlet(
    parsed: ParsedSentence, verb: SpacyToken, mentions: list[Mention], lex: CueLexicon
) -> bool:
    """Whether "told" has a news outlet as its object ("told Reuters"), or the writer
    ("told me", "told this newspaper")."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.lower_ in lex.interviewers:
            return True
        if (
            child.dep_ in ("dobj", "dative")
            and " ".join(t.lower_ for t in child.subtree) in lex.interviewers
        ):
            return True
        if child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN":
            if child.lower_ in lex.audiences:
                return False  # "told the House": a sitting, dated by its day
            return is_outlet(child, lex) or mention_covering(parsed, child, mentions) is None
    return False
