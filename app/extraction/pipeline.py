"""The extraction engine: article text in, dated statements by speaker out.

Stages, each a module of pure functions: clean -> sentences (and the publication date
and dateline, published.py) -> speakers -> parser (only the sentences that can matter)
-> attribution (a sieve: passes over the parse in structure.py, word patterns as
fallback) -> dates -> conditions and stance -> (here) assembly, with dating in
occasions.py, continuation in continuation.py and merging of repeats in merging.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Token as SpacyToken

from app.extraction.attribution import Anchor, find_anchors
from app.extraction.clean import clean_article
from app.extraction.conditions import about_the_war, load_taxonomy, stance_of, tag_conditions
from app.extraction.continuation import continued_anchor
from app.extraction.dates import WRITTEN_YEAR, find_dates
from app.extraction.doubts import attribution_doubts, statement_doubts
from app.extraction.item_sources import ItemSource, item_line, item_source
from app.extraction.leads import name_the_leads_source
from app.extraction.lexicon import Token, tokenize
from app.extraction.merging import merge_duplicates
from app.extraction.occasions import (
    When,
    at_a_dated_place,
    copy_date,
    dated_by_later_reports,
    dated_events,
    dated_interview,
    event_places,
    interview_day,
    statement_date,
    story_day_after,
    undated_occasions,
    writers_encounter,
)
from app.extraction.parser import parse
from app.extraction.parsing import (
    Context,
    ParsedSentence,
    clause_verb,
    cue_lexicon,
    is_speech_verb,
    main_subjects,
    mention_covering,
    span_of,
)
from app.extraction.participants import principal_people, two_participants
from app.extraction.proposals import Proposal, names_a_proposal, proposal_of, referenced_terms
from app.extraction.published import find_dateline, find_publication_date
from app.extraction.quotes import QuoteMap, find_quotes
from app.extraction.reading import ReadSentence
from app.extraction.records import (
    ArticleExtraction,
    DateBasis,
    DateMention,
    DatePrecision,
    Kind,
    Segment,
    Sentence,
    SpeakerEntry,
    Statement,
)
from app.extraction.sentences import MAX_SENTENCE_CHARS, bounded, split_sentences, without_dateline
from app.extraction.sources import document_issuer, document_words, reissued_document
from app.extraction.speakers import (
    Mention,
    description_fits,
    find_mentions,
    house_holder,
    pronoun_fits,
    slugify,
)
from app.extraction.transcripts import (
    LABEL,
    LabelNames,
    dialogue_answers,
    label_speaker,
    opens_a_turn,
    transcript_label,
    transcript_speaker,
)

_PERSONAL_PRONOUNS = frozenset({"he", "she"})
_SINCE = re.compile(r"\b(?:since|ever since)\b", re.IGNORECASE)
_SINCE_REACH = 40  # characters before a date where "since" makes it a period's start
_OPENING_REACH = 4  # characters before a date that still opens its sentence ("On ")
_INTRODUCTION_REACH = 2  # sentences back where the person a pronoun names was introduced
# "This was stated by X", "He said this on Monday": the sentence before was X's words.
_POINTS_BACK = re.compile(r"^(?:This|That) (?:was|is|has been) |\b(?:said|stated|wrote) this\b")
_RECENT_PEOPLE = 8  # people a description ("the Russian minister") may refer back to
_MIN_QUOTE_WORDS = 4  # shorter quoted bits ("complete", "Donbas") are scare quotes, not a quote
_NOMINAL_REACH = 8  # words a possessive anchor's noun may govern ("demand for X to Y")
# Between a reporting verb and a later anchor, these end the reported clause.
_CLAUSE_BREAK = re.compile(r"[;—–(]|\.\s|,\s*(?:and|while|whereas|although|though|but)\b")
_WORD = re.compile(r"\w+")
_CLAUSE_DATE_GAP = 4  # characters after a restating clause its date may start ("Putin on 14 June")
# Dependencies of the clause a speech verb reports ("..., he said": the words before).
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
_PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})  # entity types of a party
_PREPOSITIONS = frozenset(
    {"of", "with", "to", "by", "for", "from", "on", "at", "after", "before", "against", "in"}
)


@dataclass(slots=True)
class _State:
    """Reading state carried from sentence to sentence."""

    introduced: dict[str, SpeakerEntry] = field(default_factory=dict)
    last_person: SpeakerEntry | None = None
    previous_subject: SpeakerEntry | None = None  # first person named in the previous sentence
    acting: SpeakerEntry | None = None  # the person last the subject of a main verb
    context: DateMention | None = None
    context_paragraph: int = -1  # the paragraph whose time `context` established
    label: tuple[int, SpeakerEntry] | None = None  # (paragraph, speaker) of a transcript label
    issuer: Mention | None = None  # who issued the document the article last spoke of
    group: Mention | None = None  # the government or organisation named last ("it", "they")
    people: list[SpeakerEntry] = field(default_factory=list)  # people named, most recent last
    principals: list[SpeakerEntry] = field(default_factory=list)  # people in main roles
    named_count: Counter[SpeakerEntry] = field(default_factory=Counter)  # for "A:" labels
    story_year: int | None = None  # the narrative's year, when before publication's
    story_day: str | None = None  # the last day the article named, in any paragraph
    section: DateMention | None = None  # the day a heading gives the paragraphs below it
    interview_day: date | None = None  # the day the article's own interview took place
    turn_paragraph: int = -1  # the paragraph of its question or answer being read
    masthead: str = ""  # the article's first line, lower-cased, which names the outlet
    interviewee: SpeakerEntry | None = None  # who answers a dash dialogue's questions
    briefer: SpeakerEntry | None = None  # who a transcript's title says is speaking
    voice: SpeakerEntry | None = None  # the last speaker a transcript label gave a turn
    item_source: ItemSource | None = None  # the source the last list item named at its end


def extract_article(
    text: str, *, published: date | None = None, title: str | None = None
) -> ArticleExtraction:
    """Run the whole engine over one article's text."""
    basis, evidence = ("supplied", None) if published else ("none", None)
    if published is None:
        found = find_publication_date(text)
        if found is not None:
            published, basis, evidence = found.value, found.basis, found.evidence
    cleaned = clean_article(text)
    tokens = tokenize(text)
    quotes = QuoteMap(find_quotes(text))
    introduced: dict[str, SpeakerEntry] = {}  # people the article itself introduces
    dateline = find_dateline(text)
    sentences = bounded(without_dateline(text, split_sentences(cleaned), dateline))
    where = range(dateline.start, dateline.end) if dateline else range(0)
    headings = _section_headings(text, list(cleaned.date_headings), published)
    state = _State(introduced=introduced, briefer=transcript_speaker(cleaned.title))
    state.masthead = _masthead(text)
    parsed = _parse_sentences(text, tokens, sentences, quotes, published, state, where, headings)
    name_the_leads_source(parsed)
    statements = merge_duplicates(
        dated_by_later_reports(_assemble(text, tokens, parsed, quotes, published))
    )
    for statement in statements:
        statement.doubts = statement_doubts(statement)
    return ArticleExtraction(
        title=title or cleaned.title,
        published=published,
        published_basis=basis,
        published_evidence=evidence,
        statements=statements,
        speakers_introduced=list({s.slug: s for s in introduced.values()}.values()),
    )


def _parse_sentences(
    text: str,
    tokens: list[Token],
    sentences: list[Sentence],
    quotes: QuoteMap,
    published: date | None,
    state: _State,
    dateline: range,
    headings: list[Segment],
) -> list[ReadSentence]:
    starts = [t.start for t in tokens]
    parsed: list[ReadSentence] = []
    parses = _parse_relevant(tokens, starts, sentences)
    answers = dialogue_answers(text, sentences)
    label_names = LabelNames()
    # Generic cues ("talks", "a venue") count once the article, up to the sentence, has
    # named the war or its parties: a story about the war keeps its subject across
    # paragraphs ("Minsk is ready to offer its capital as a venue").
    war_so_far, previous_end = False, 0
    for sentence, sentence_parse in zip(sentences, parses, strict=True):
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        war_so_far = war_so_far or about_the_war(tokens, lo, hi)
        mentions = find_mentions(
            tokens, lo, hi, on=published, introduced=state.introduced, text=text
        )
        # Names inside a quotation are the speaker's words, not attributions; the place of
        # a dateline ("MOSCOW, May 2 (Reuters) -") is where the story was filed.
        mentions = [
            m for m in mentions if quotes.span_at(m.start) is None and m.start not in dateline
        ]
        state.voice = label_speaker(sentence, mentions) or state.voice
        mentions = _resolve_references(text, tokens, mentions, state, published, sentence_parse)
        while headings and headings[0].start < sentence.start:
            # "MONDAY, 21 APRIL" over a digest's paragraphs: the day of all that follows,
            # until the next such heading.
            state.section = _heading_day(text, headings.pop(0), published, state.section)
        if opens_a_turn(text, sentence):
            # "Q: You said yesterday ...": a turn of the interview counts from its day
            state.turn_paragraph = sentence.paragraph
        in_a_turn = state.turn_paragraph == sentence.paragraph
        reference = state.interview_day if in_a_turn and state.interview_day else published
        heading_day = _day_of(state.section)
        if not in_a_turn and published is not None and heading_day is not None:
            # "2 May 2021 - 10:00" over a readout: its "today" is that day
            reference = min(published, heading_day)
        found_dates = find_dates(
            sentence.text, reference, offset=sentence.start, story_year=state.story_year
        )
        dates = [
            d
            for d in found_dates
            if d.utterance and quotes.span_at(d.start) is None and d.start not in dateline
        ]
        state.story_year = _story_year(dates, published, state.story_year, sentence.start)
        if state.turn_paragraph < 0:
            day = interview_day(sentence.text, dates, state.masthead)
            state.interview_day = day or state.interview_day
        issued = document_issuer(sentence_parse, mentions) if sentence_parse else None
        if issued is None and state.issuer is not None and sentence_parse is not None:
            # "The draft was circulated on Monday": the document introduced before
            verb = reissued_document(sentence_parse)
            issued = (state.issuer, verb) if verb is not None else None
        if issued is not None:
            # "The memorandum, which Moscow published, demands ...": issued and quoted at once.
            state.issuer = issued[0]
        # A short label that opens a list ("Moscow's demands:", "What Russia wants:") names
        # the list's speaker, though it reads like a heading.
        leads_a_list = sentence.text.rstrip().endswith(":")
        anchors = (
            []
            if sentence.is_headline and not leads_a_list
            else find_anchors(text, tokens, lo, hi, mentions, sentence_parse, _context(state))
        )
        if leads_a_list and not anchors and _names_document(tokens, lo, hi):
            # "Key points of the plan:" after "Moscow presented its plan": the document's
            # points, its issuer's terms
            issuer = issued[0] if issued is not None else state.issuer
            if issuer is not None and issuer.speaker is not None:
                anchors = [_document_lead(lo, issuer.speaker)]
        if sentence.is_bullet:
            anchors = _sourced_item(text, starts, sentence, lo, mentions, dates, anchors, state)
            if state.item_source is not None and state.item_source.start >= sentence.start:
                _give_the_item_its_source(parsed, text, sentence, state.item_source)
        for mention in mentions:
            if mention.speaker is not None and mention.speaker.kind == "person":
                _move_to_end(state.people, mention.speaker)
                state.named_count[mention.speaker] += 1
        if sentence_parse is not None:
            # who met whom, for "the two leaders" later on
            for person in principal_people(sentence_parse, mentions):
                _move_to_end(state.principals, person)
        groups = [m for m in mentions if m.speaker is not None and m.speaker.kind != "person"]
        if sentence_parse is not None:
            state.group = _subject_group(sentence_parse, groups, state.group)
        else:
            state.group = groups[-1] if groups else state.group
        if not groups and issued is None and _names_document(tokens, lo, hi):
            # "The summit declaration is out. ... it says": "it" is the declaration, whose
            # issuer this sentence does not give; not a government named paragraphs ago.
            state.group = None
        for anchor in anchors:
            # A person first met here ("Alexander Fomin, the deputy minister") is known
            # by surname from now on.
            if anchor.speaker.kind == "person":
                surname = anchor.speaker.name.split()[-1].lower()
                state.introduced.setdefault(surname, anchor.speaker)
                if anchor.speaker not in state.people:
                    # and is who "he" or "she" in the next sentence may be
                    state.people.append(anchor.speaker)
                    if not any(m.speaker and m.speaker.kind == "person" for m in mentions):
                        state.previous_subject = anchor.speaker
        if sentence.paragraph in answers and state.interviewee is None and state.named_count:
            # A dialogue's answers are the interviewee's: the person named most before them.
            state.interviewee = state.named_count.most_common(1)[0][0]
        answerer = state.interviewee if sentence.paragraph in answers else None
        state.label = transcript_label(
            text,
            sentence,
            mentions,
            state.label,
            state.introduced,
            state.named_count,
            answerer,
            state.briefer,
            runs_on=not anchors
            and not sentence.is_headline
            and not (parsed and parsed[-1].sentence.is_headline),
            names=label_names,
        )
        label = state.label[1] if state.label is not None else None
        state.voice = label or state.voice
        subject = mentions[0].speaker if mentions else None
        if state.context_paragraph != sentence.paragraph and label is None:
            state.context = state.section  # a paragraph's established time ends with it
        if sentence.is_bullet and "\n" in text[previous_end : sentence.start]:
            state.context = state.section  # and each item of a list is its own
        parsed.append(
            ReadSentence(
                sentence,
                lo,
                hi,
                anchors,
                dates,
                state.context,
                subject,
                label,
                sentence_parse,
                issued[0].speaker if issued and issued[1] is not None else None,
                war_so_far,
                issued is not None and issued[1] is not None and _off_the_story(issued[1]),
                state.story_day,
                [d for d in found_dates if _a_year_in(d) and quotes.span_at(d.start) is None],
            )
        )
        if dates:
            state.context, state.context_paragraph = dates[-1], sentence.paragraph
        days = [d.value for d in dates if d.value and d.precision is DatePrecision.DAY]
        moved = story_day_after(sentence.text, state.story_day)
        state.story_day = days[-1] if days else moved or state.story_day
        previous_end = sentence.end
    return parsed


def _masthead(text: str) -> str:
    """The article's first line, lower-cased, where an outlet names itself; a line longer
    than a sentence may be is body text, not a masthead (and would be searched again and
    again, once for each interview a sentence mentions)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start, start + MAX_SENTENCE_CHARS + 1)
    if end < 0 and len(text) - start > MAX_SENTENCE_CHARS:
        return ""
    return text[start : end if end >= 0 else len(text)].lower()


def _sourced_item(
    text: str,
    starts: list[int],
    sentence: Sentence,
    lo: int,
    mentions: list[Mention],
    dates: list[DateMention],
    anchors: list[Anchor],
    state: _State,
) -> list[Anchor]:
    """A list item that names its source in a closing parenthesis ("... (Putin, news
    conference, March 13)."): that source speaks the item, unless the item says who."""
    line_start, line_end = item_line(text, sentence)
    if text[sentence.end : line_end].strip():
        return anchors  # not the item's last sentence
    source = item_source(
        text[line_start:line_end],
        line_start,
        mentions,
        dates,
        cue_lexicon().nationalities,
        state.item_source,
    )
    if source is None:
        return anchors
    state.item_source = source
    if any(a.first < bisect_left(starts, source.start) for a in anchors):
        return anchors  # "- Vance said on April 23 that ... (interview)": the item says who
    return [Anchor(lo, lo, source.speaker, "(", "position", "past", pass_name="item_source")]


def _give_the_item_its_source(
    parsed: list[ReadSentence], text: str, sentence: Sentence, source: ItemSource
) -> None:
    """The item's earlier sentences, with no speaker of their own, are the source's too,
    on the parenthesis's date."""
    line_start, _ = item_line(text, sentence)
    for item in reversed(parsed):
        if item.sentence.start < line_start:
            break
        if not item.anchors:
            anchor = Anchor(
                item.lo, item.lo, source.speaker, "(", "position", "past", "item_source"
            )
            item.anchors.append(anchor)
            item.context = source.date or item.context


def _move_to_end(people: list[SpeakerEntry], person: SpeakerEntry) -> None:
    """Keep a most-recent-last list of people: the person named again moves to the end."""
    if person in people:
        people.remove(person)
    people.append(person)


def _section_headings(text: str, headings: list[Segment], published: date | None) -> list[Segment]:
    """The date headings that open dated sections. A lone heading giving the publication
    day is the article's date line ("By NAME / Saturday 6 May 2017"): the day it was
    printed, not the time of what its paragraphs report."""
    if len(headings) != 1 or published is None:
        return headings
    day = _day_of(_heading_day(text, headings[0], published, None))
    return [] if day == published else headings


def _heading_day(
    text: str, heading: Segment, published: date | None, current: DateMention | None
) -> DateMention | None:
    """The day a date heading names, with offsets into the whole text; none after a rule."""
    if not any(c.isalnum() for c in text[heading.start : heading.end]):
        return None  # "---": the dated section is over
    days = [
        d
        for d in find_dates(text[heading.start : heading.end], published, offset=heading.start)
        if d.value and d.precision is DatePrecision.DAY
    ]
    return days[-1] if days else current


def _day_of(mention: DateMention | None) -> date | None:
    """The day a date mention names, if it names a whole day."""
    if mention is None or mention.precision is not DatePrecision.DAY or not mention.value:
        return None
    return date.fromisoformat(mention.value)


def _a_year_in(mention: DateMention) -> bool:
    """A year given alone after "in": "in 2022", "in the spring of 2022"."""
    explicit = mention.basis is DateBasis.EXPLICIT and mention.precision is DatePrecision.YEAR
    return explicit and mention.text.lower().startswith("in ")


def _asked(item: ReadSentence, quotes: QuoteMap) -> bool:
    """A question the writer or an interviewer puts, outside any quotation or answer."""
    sentence = item.sentence
    return (
        sentence.text.rstrip().endswith("?")
        and item.label is None
        and quotes.span_at(sentence.start) is None
        and quotes.span_at(sentence.end - 1) is None
    )


def _an_occasion(text: str, item: ReadSentence) -> bool:
    """Whether the sentence's first date is a day something happened, not the start of a
    period ("Since she took the job in June 2023 she has become ...")."""
    if not item.dates:
        return False
    before = text[
        max(item.sentence.start, item.dates[0].start - _SINCE_REACH) : item.dates[0].start
    ]
    return not _SINCE.search(before)


def _document_lead(lo: int, issuer: SpeakerEntry) -> Anchor:
    """The anchor of a list lead that names a document: its issuer speaks, as of the
    document's day."""
    return Anchor(lo, lo, issuer, ":", "position", "past", source_how="document")


def _names_document(tokens: list[Token], lo: int, hi: int) -> bool:
    words = document_words()
    return any(t.norm in words for t in tokens[lo:hi])


def _off_the_story(verb: SpacyToken) -> bool:
    """ "has published" (an undated earlier occasion) or "promote" (the present): a
    document issued on no day the story has named."""
    perfect = any(c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return perfect or verb.tag_ in ("VBZ", "VBP")


def _context(state: _State) -> Context:
    """What the article has established so far, for the parse passes to resolve references."""
    return Context(
        issuer=state.issuer,
        group=state.group,
        participants=two_participants(state.principals, state.people),
        topic=state.previous_subject,
        acting=state.acting,
        recent=tuple(state.people[-_RECENT_PEOPLE:]),
    )


def _parse_relevant(
    tokens: list[Token], starts: list[int], sentences: list[Sentence]
) -> list[ParsedSentence | None]:
    """Parse the sentences that can matter: those with a condition cue, those that name a
    document ("Moscow handed over a memorandum"), whose issuer later sentences need, and
    those that open a list."""
    cues = load_taxonomy().cues
    documents = document_words()
    wanted: set[int] = set()
    for k, sentence in enumerate(sentences):
        lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        if len(sentence.text) > MAX_SENTENCE_CHARS:
            continue
        if cues.scan(tokens, lo, hi) or any(t.norm in documents for t in tokens[lo:hi]):
            wanted.add(k)
        elif names_a_proposal(tokens, lo, hi):
            wanted.add(k)  # "Kyiv rejected the plan": a position on terms set out before
        elif _POINTS_BACK.search(sentence.text):
            wanted.add(k)  # "This was stated by X": names the speaker of the sentence before
        elif sentence.text.rstrip().endswith(":") and k + 1 < len(sentences):
            # A list's lead, and the sentence before a speakerless one ("Among them:"):
            # their speaker and date are the list's.
            if sentences[k + 1].is_bullet:
                wanted.update((k, k - 1))
    # A sentence whose speaker is "he" or "she" needs the one before parsed too: that is
    # where a person the gazetteer lacks is introduced ("The representative of the United
    # States, NAME, said ... She said ...").
    for k in list(wanted):
        lo, hi = bisect_left(starts, sentences[k].start), bisect_left(starts, sentences[k].end)
        if any(t.norm in _PERSONAL_PRONOUNS for t in tokens[lo:hi]):
            wanted.update(
                j
                for j in range(max(0, k - _INTRODUCTION_REACH), k)
                if sentences[j].paragraph == sentences[k].paragraph or j == k - 1
            )
    chosen = [
        k
        for k in sorted(wanted)
        if 0 <= k < len(sentences) and len(sentences[k].text) <= MAX_SENTENCE_CHARS
    ]
    docs = parse([sentences[k].text for k in chosen])
    found: list[ParsedSentence | None] = [None] * len(sentences)
    for k, doc in zip(chosen, docs, strict=True):
        found[k] = ParsedSentence.of(doc, sentences[k].start)
    return found


def _named_in_apposition(text: str, mention: Mention, following: Mention | None) -> bool:
    """Whether a name follows a description after a comma ("the foreign minister, NAME")."""
    if following is None or following.speaker is None or following.speaker.kind != "person":
        return False
    return text[mention.end : following.start].strip() == ","


def _story_year(
    dates: list[DateMention], published: date | None, current: int | None, opening: int
) -> int | None:
    """The year the narrative has reached, if earlier than publication's (a fact-check
    retelling 2022 in 2025): set by a day written with its year that opens a sentence
    ("On March 29, 2022, ..."), kept through days without one, ended by a day or month of
    the publication's year. A day recalled inside a sentence ("he set them out on June 14,
    2024") sets no narrative's time."""
    dated = [
        d for d in dates if d.value and d.precision in (DatePrecision.DAY, DatePrecision.MONTH)
    ]
    if not dated or published is None:
        return current
    latest = dated[-1]
    year = int(latest.value[:4])
    if year >= published.year:
        return None
    opens = latest.start - opening <= _OPENING_REACH
    if latest.precision is DatePrecision.DAY and WRITTEN_YEAR.search(latest.text) and opens:
        return year
    return current


def _house_title_holder(
    text: str, mention: Mention, state: _State, on: date | None
) -> SpeakerEntry | None:
    """The holder of "the President" or "the Secretary", written as an office's own title
    (capitalized) in a transcript whose speakers talk for a government: that government's
    holder on the day (in a State Department briefing "the President" is the US
    president, even where Putin and Zelensky were named last, in its questions too)."""
    words = text[mention.start : mention.end]
    if not words.split()[-1][:1].isupper():
        return None  # "the president": a description, referring back
    voice = state.voice or state.briefer
    if voice is None or voice.side == "commentator":
        return None
    return house_holder(words, voice.side, on)


def _resolve_references(
    text: str,
    tokens: list[Token],
    mentions: list[Mention],
    state: _State,
    on: date | None,
    parsed: ParsedSentence | None = None,
) -> list[Mention]:
    """Give pronouns and bare descriptions the person they refer to; drop the unresolvable."""
    resolved: list[Mention] = []
    first_person: SpeakerEntry | None = None
    for mention, following in zip(mentions, [*mentions[1:], None], strict=False):
        speaker = mention.speaker
        if speaker is None and _named_in_apposition(text, mention, following):
            continue  # "The foreign minister, Andrii Sybiha,": the name says who
        if speaker is None and mention.how == "description":
            speaker = _house_title_holder(text, mention, state, on)
            if speaker is not None:
                mention = Mention(
                    mention.first, mention.last, mention.start, mention.end, speaker, "title"
                )
        if speaker is None:
            # A pronoun refers to the subject: the first person named in its sentence (not
            # one after a preposition: "In front of Putin, he said"), or the previous
            # sentence's.
            # "She" skips a man the gazetteer knows, and "he" a woman, back to the last
            # person named who fits.
            pronoun = tokens[mention.first].norm
            reported = _reported_by_pronoun(parsed, mention) if parsed is not None else []
            inside = [
                m.speaker
                for m in resolved
                if m.speaker
                and m.speaker.kind == "person"
                and not (m.first > 0 and tokens[m.first - 1].norm in _PREPOSITIONS)
                and not any(start <= m.start < end for start, end in reported)
            ]
            candidates = [
                *inside,
                state.previous_subject,
                state.last_person,
                *reversed(state.people),
            ]
            words = text[mention.start : mention.end]
            fitting = [
                c
                for c in candidates
                if c is not None
                and pronoun_fits(pronoun, c)
                and (mention.how != "description" or description_fits(words, c) is not False)
            ]
            # "the secretary": someone who held such an office on the day first (not the
            # president who was prime minister years before), then anyone who ever held
            # it, else anyone
            holders: list[SpeakerEntry] = []
            if mention.how == "description":
                holders = [c for c in fitting if description_fits(words, c, on)]
                holders = holders or [c for c in fitting if description_fits(words, c)]
            speaker = next(iter(holders or fitting), None)
            if speaker is None:
                continue
            mention = Mention(
                mention.first, mention.last, mention.start, mention.end, speaker, mention.how
            )
        if speaker.kind == "person":
            state.last_person = speaker
            first_person = first_person or speaker
        resolved.append(mention)
    if first_person is not None:
        main = _main_subject(parsed, resolved) if parsed is not None else None
        state.previous_subject = main or first_person
        state.acting = main
    return resolved


def _main_subject(parsed: ParsedSentence, mentions: list[Mention]) -> SpeakerEntry | None:
    """The person who is the subject of the sentence's main verb: the one a "he" in the
    next sentence most likely continues ("In a call with Erdogan, Putin said ... He
    added ..." is Putin; "Putin has said ..., Peskov told reporters. He added" is Peskov),
    whoever was named first."""
    for subject in main_subjects(parsed, ("nsubj",)):
        mention = mention_covering(parsed, subject, mentions)
        if mention is not None and mention.speaker is not None:
            return mention.speaker if mention.speaker.kind == "person" else None
    return None


def _subject_group(
    parsed: ParsedSentence, groups: list[Mention], before: Mention | None
) -> Mention | None:
    """What "it" in the next sentence stands for, given what it stood for `before`: the
    government or body this sentence's subject names ("Russia's foreign ministry said
    ..."); still the same when the subject is "it" again ("It also says ..."); no known
    speaker when the subject is a thing ("The declaration says ... It adds ...", "The
    message was passed ... It said ..."), not the last country the words happened to
    name. A person or a sentence without subject leave the last body named."""
    lex = cue_lexicon()
    latest = groups[-1] if groups else before
    subjects = main_subjects(parsed)
    if not subjects:
        return latest
    subject = subjects[0]
    if subject.lower_ in ("it", "they"):
        return before
    start, end = span_of(parsed, subject)
    inside = [g for g in groups if start <= g.start < end]
    if inside:
        return inside[0]
    if subject.pos_ != "NOUN":
        return latest
    lemma = subject.lemma_.lower()
    if lemma in lex.person_roles or lemma in lex.institutions:
        return latest  # "the minister", "the ministry": someone's, named before
    return None


def _reported_by_pronoun(parsed: ParsedSentence, pronoun: Mention) -> list[tuple[int, int]]:
    """Article offsets of the words a pronoun's own speech verb reports: in "A truce would
    only help Putin, he said" the words "he" says. A name there is what the pronoun's
    speaker talks about, never the pronoun itself (a pronoun does not refer to a name in
    the clause it is subject over), so "he" is someone named before the sentence."""
    token = parsed.at(pronoun.start)
    if token is None or token.dep_ != "nsubj" or not is_speech_verb(token.head):
        return []
    verb = token.head
    spans = [span_of(parsed, c) for c in verb.children if c.dep_ in _REPORTED_DEPS]
    if verb.dep_ in _REPORTED_DEPS and verb.i > verb.head.i:
        # "Putin would never accept it, he said, and ...": the frame hangs on the words
        before = [t for t in verb.head.subtree if t.i < verb.left_edge.i]
        if before:
            start, end = parsed.offset + before[0].idx, parsed.offset + before[-1].idx
            spans.append((start, end + len(before[-1].text)))
    return spans


def _assemble(
    text: str,
    tokens: list[Token],
    parsed: list[ReadSentence],
    quotes: QuoteMap,
    published: date | None,
) -> list[Statement]:
    statements: list[Statement] = []
    occasions: dict[str, When] = {}  # the last dated occasion of each speaker
    proposal: Proposal | None = None  # the latest terms set out, for "the plan" later on
    places: dict[str, When] = {}  # where dated events were held: "talks in Istanbul"
    events: dict[str, When] = {}  # the latest dated occasion of each kind: "talks"
    encounter: When | None = None  # the writer's meeting with an interviewee not yet named
    paragraph_start = 0  # the index of the first sentence of the paragraph being read
    for index, item in enumerate(parsed):
        if index and parsed[index - 1].sentence.paragraph != item.sentence.paragraph:
            paragraph_start = index
        if events_here := dated_events(item):
            events |= events_here
            for name in event_places(item):
                places[name] = events_here[""]
        events |= undated_occasions(item)
        if (interview := dated_interview(item)) is not None:
            occasions.setdefault("interview", interview)
        encounter = writers_encounter(item) or encounter  # "when we met last week": whom, ...
        if encounter is not None and _a_person(item.subject):
            # ... the next sentences say: "NAME was not on holiday." The interviewee's words
            # are dated by the encounter.
            occasions.setdefault(item.subject.slug, encounter)
            occasions.setdefault(f"encounter:{item.subject.slug}", encounter)
            encounter = None
        if item.issued_by is not None and not item.dates and item.issued_earlier:
            # "China has published a paper": the latest document has no known day. (In
            # "Kyiv handed over its own", narrative past, the day is the story's.)
            occasions.pop(f"document:{item.issued_by.slug}", None)
            occasions.pop("document:*", None)
        if item.dates and item.issued_by is not None:
            # "On Monday Moscow handed over its memorandum": the document's own date.
            first = item.dates[0]
            occasions[f"document:{item.issued_by.slug}"] = (
                first.value,
                first.precision,
                first.basis,
                first.text,
            )
            # "The delegations swapped memorandums on Monday": the day papers changed hands
            # also dates a document whose issuer the sentence did not single out.
            occasions["document:*"] = occasions[f"document:{item.issued_by.slug}"]
        own_dates = _main_clause_dates(item)
        if _an_occasion(text, item) and item.subject is not None and not item.anchors and own_dates:
            # "On 3 March, Peskov held a call": the date of that speaker's next words. The
            # first such sentence ("X received us on Friday") also dates the answers of a
            # transcript that follows.
            first = own_dates[0]
            occasions[item.subject.slug] = (first.value, first.precision, first.basis, first.text)
            occasions.setdefault(f"encounter:{item.subject.slug}", occasions[item.subject.slug])
        restated = [a for a in item.anchors if a.pass_name == "restated"]
        others = [a for a in item.anchors if a.pass_name != "restated"]
        anchors = sorted(
            [*_independent(text, tokens, others), *_own_dated(item, restated)],
            key=lambda a: a.first,
        )
        if _asked(item, quotes):
            # "Could Kyiv accept a ceasefire if ...?": a question about a party, not its view
            anchors = [a for a in anchors if a.verb_class == "reporting"]
        if index > 0 and any(a.pass_name == "refers_back" for a in anchors):
            _give_back(
                statements, parsed[index - 1], item, anchors, text, tokens, quotes, published
            )
        labelled = item.label
        if labelled is not None and labelled.kind != "person":
            # "Washington: The State Department said on Monday that ...": a digest's place
            # heading, whose sentence names its own speaker and date.
            if any(a.speaker.side == labelled.side for a in anchors):
                labelled = None
        if labelled is not None:
            # In a transcript answer the label speaks; the speaker's own name or title in
            # the answer ("as I said") is no second attribution.
            # Nor is the speaker's own government ("Mao Ning: China opposes ...").
            label = labelled
            anchors = [
                a
                for a in anchors
                if a.speaker.slug != label.slug
                and not (
                    a.speaker.kind != "person"
                    and a.speaker.side == label.side
                    and a.source_how != "document"  # a paper it issued still speaks
                    and a.pass_name != "tokens"  # as does one only the word patterns found
                )
            ]
        # "I will quote him: ...": in an answer, the words quoted are the quoted one's
        quoting = any(a.pass_name == "quoted" for a in anchors)
        if labelled is not None and not item.sentence.is_headline and not quoting:
            label = Anchor(item.lo, item.lo, labelled, "label", "label", "past")
            statement = _statement(text, tokens, item, label, item.lo, item.hi, quotes)
            if statement is not None:
                span = (item.sentence.start, item.sentence.end)
                # A quote dated elsewhere in the introduction ("he told his party in
                # September") does not date the interview's answers; the encounter does.
                slug = labelled.slug
                occasion = occasions.get(f"encounter:{slug}") or occasions.get("interview")
                occasion = occasion or occasions.get(slug)
                copy_date(
                    statement, statement_date(tokens, item, label, *span, published, occasion)
                )
                statements.append(statement)
        source = item
        if not anchors and not item.sentence.is_headline and labelled is None:
            anchors, source = continued_anchor(item, parsed, index, quotes, paragraph_start)
        continued = source is not item
        for k, anchor in enumerate(anchors):
            # A possessive anchor ("Moscow's red lines") owns nothing before it.
            opens_sentence = k == 0 and anchor.verb_class != "nominal"
            opens_sentence = opens_sentence or (k > 0 and anchors[k - 1].first == anchor.first)
            lo = item.lo if opens_sentence or continued else anchor.first
            # Coordinated speakers ("Putin and the Kremlin") share one anchor span.
            # Terms restated in passing ("the conditions Putin set out on June 14") do not
            # end the reporter's words, nor do later words end them.
            later = [
                a.first
                for a in anchors[k + 1 :]
                if a.first > anchor.first and a.pass_name != "restated"
            ]
            hi = later[0] if later and not continued else item.hi
            if anchor.pass_name == "restated":
                lo, hi = _restated_span(tokens, item, anchor)
            if anchor.verb_class == "nominal" and not continued:
                hi = _phrase_end(text, tokens, anchor.last, hi)
            if continued:
                span = (source.sentence.start, source.sentence.end)
            else:
                span = (tokens[lo].start, tokens[hi - 1].end)
            occasion = occasions.get(anchor.speaker.slug)
            if anchor.reported_by:
                occasion = occasions.get(anchor.reported_by, occasion)
            if anchor.source_how == "document":
                issued = occasions.get(f"document:{anchor.speaker.slug}")
                occasion = issued or occasions.get("document:*", occasion)
            if anchor.verb_class == "nominal":
                # "Putin's proposal", "his promise": the terms his side set out in the
                # document or plan the article dated
                issued = occasions.get(f"document:{slugify(anchor.speaker.side)}")
                occasion = issued or occasion
            place = at_a_dated_place(source, places, anchor)
            when = statement_date(tokens, source, anchor, *span, published, occasion, events, place)
            if anchor.pass_name == "restated":
                when = _date_of(_clause_date(item, anchor))  # type: ignore[arg-type]
            if when[2] in (DateBasis.EXPLICIT, DateBasis.RELATIVE) or anchor.tense == "interview":
                # An interview ("told Reuters") is the occasion of the speaker's later words.
                occasions[anchor.speaker.slug] = when
            elif (named := _date_named_here(source, when)) is not None:
                # "Recall that on June 14, ... the leader set out ...": a day this sentence
                # gave the words is their speaker's occasion ("He also noted ...") too.
                occasions[anchor.speaker.slug] = _date_of(named)
            statement = _statement(text, tokens, item, anchor, lo, hi, quotes, (proposal, index))
            if statement is None:
                continue
            proposal = proposal_of(statement, index) or proposal
            copy_date(statement, when)
            if continued and quotes.span_at(item.sentence.start) is not None:
                statement.kind = Kind.QUOTE  # a quotation running on; a list item stays as is
            statements.append(statement)
    return statements


def _date_named_here(item: ReadSentence, when: When) -> DateMention | None:
    """The date of this sentence that an inferred date was taken from, if any."""
    if when[2] is not DateBasis.INFERRED or not when[3]:
        return None
    return next((d for d in item.dates if d.value == when[0] and f"“{d.text}”" in when[3]), None)


def _main_clause_dates(item: ReadSentence) -> list[DateMention]:
    """The sentence's dates but those of a clause on a noun: in "X discussed the plan that
    Y presented on Thursday", Thursday is the plan's day, not X's occasion."""
    if item.parsed is None:
        return item.dates
    doc = item.parsed.doc
    return [
        d
        for d in item.dates
        if (verb := clause_verb(item.parsed, d.start)) is None
        or doc[verb].dep_ not in ("relcl", "acl")
    ]


def _a_person(speaker: SpeakerEntry | None) -> bool:
    return speaker is not None and speaker.kind == "person"


def _give_back(
    statements: list[Statement],
    before: ReadSentence,
    item: ReadSentence,
    anchors: list[Anchor],
    text: str,
    tokens: list[Token],
    quotes: QuoteMap,
    published: date | None,
) -> None:
    """ "Russia will not agree to a freeze. This was stated by X ...": the sentence before
    was X's words, reported; it takes X as its speaker and this sentence's date (or, said
    "in a comment to" an outlet, the month of an interview)."""
    anchor = next(a for a in anchors if a.pass_name == "refers_back")
    span = (before.sentence.start, before.sentence.end)
    given = _statements_within(statements, *span)
    if not given and not _party_as_subject(before):
        # The words before name no speaker of their own ("A freeze would only help the
        # aggressor."): this sentence is what makes them a statement at all.
        statement = _statement(text, tokens, before, anchor, before.lo, before.hi, quotes)
        if statement is not None:
            here = (item.sentence.start, item.sentence.end)
            copy_date(statement, statement_date(tokens, item, anchor, *here, published, None))
            statements.append(statement)
            given = [statement]
    for statement in given:
        statement.speaker = anchor.speaker
        statement.kind = Kind.REPORTED
        if item.dates:
            copy_date(statement, _date_of(item.dates[0]))
        elif anchor.tense == "interview":
            here = (item.sentence.start, item.sentence.end)
            copy_date(statement, statement_date(tokens, item, anchor, *here, published, None))


def _statements_within(statements: list[Statement], start: int, end: int) -> list[Statement]:
    """The statements whose evidence lies in start..end, among those made so far: they are
    in the order of their sentences, so only the last few are looked at, not them all."""
    k = len(statements)
    while k > 0 and statements[k - 1].start >= start:
        k -= 1
    return [s for s in statements[k:] if s.end <= end]


def _party_as_subject(item: ReadSentence) -> bool:
    """Whether the main clause's subject is a country, body or person ("Kyiv has set out
    its readiness to ..."): that party's position, which the next sentence's source only
    reports, not the source's own words."""
    if item.parsed is None:
        return True
    return any(
        s.pos_ == "PROPN" or s.ent_type_ in _PARTY_ENTITIES for s in main_subjects(item.parsed)
    )


def _clause_date(item: ReadSentence, anchor: Anchor) -> DateMention | None:
    """The date standing in or just after a restating clause ("set out on June 14")."""
    start, end = anchor.clause
    return next((d for d in item.dates if start <= d.start <= end + _CLAUSE_DATE_GAP), None)


def _own_dated(item: ReadSentence, restated: list[Anchor]) -> list[Anchor]:
    """Restated terms count as their setter's statement only with the setter's own date."""
    return [a for a in restated if _clause_date(item, a) is not None]


def _restated_span(tokens: list[Token], item: ReadSentence, anchor: Anchor) -> tuple[int, int]:
    """The words a restating clause covers: what follows it ("the conditions Putin set out
    in June: ..."), or what precedes it ("..., as Putin demanded at the summit")."""
    if anchor.source_how == "restates_before":
        end = bisect_left(tokens, anchor.clause[1], item.lo, item.hi, key=lambda t: t.start)
        return item.lo, max(end, anchor.last + 1)
    return anchor.first, item.hi


def _date_of(mention: DateMention) -> When:
    return mention.value, mention.precision, mention.basis, mention.text


def _phrase_end(text: str, tokens: list[Token], last: int, hi: int) -> int:
    """End of the noun phrase a possessive anchor opens ("Putin's demand for X," ends at ",")."""
    # Without a parser the complement is bounded by punctuation or a few words, whichever
    # comes first: "Putin's rejection of any ceasefire" is not followed by more of his terms.
    # A conditional opening inside that reach ("his offer of a truce if Ukraine withdraws,
    # renounces NATO and disarms") runs on: the terms it lists are the offer's.
    reach = min(hi, last + 1 + _NOMINAL_REACH)
    if any(h.first < reach for h in load_taxonomy().conditionals.scan(tokens, last + 1, hi)):
        return hi
    hi_sentence, hi = hi, reach
    for i in range(last + 1, hi):
        between = text[tokens[i - 1].end : tokens[i].start]
        if ":" in between:
            return hi_sentence  # "Russia's position has not changed: Ukraine must ..."
        if any(ch in between for ch in ",;—–"):
            return i
    return hi


def _independent(text: str, tokens: list[Token], anchors: list[Anchor]) -> list[Anchor]:
    """Drop anchors nested in a reported clause ("Lavrov said Russia insists": Lavrov speaks)."""
    kept: list[Anchor] = []
    for anchor in anchors:
        shared = kept and kept[-1].first == anchor.first  # coordinated subjects
        settled = kept and kept[-1].pass_name != "tokens" and anchor.pass_name != "tokens"
        if (
            not shared
            and not settled
            and kept
            and kept[-1].verb_class != "nominal"
            and anchor.verb_class != "nominal"
        ):
            between = text[tokens[kept[-1].last].end : tokens[anchor.first].start]
            if not _CLAUSE_BREAK.search(between):
                continue
        kept.append(anchor)
    return kept


def _statement(
    text: str,
    tokens: list[Token],
    item: ReadSentence,
    anchor: Anchor,
    lo: int,
    hi: int,
    quotes: QuoteMap,
    latest: tuple[Proposal | None, int] = (None, 0),
) -> Statement | None:
    speaker = anchor.speaker
    tags = tag_conditions(
        text,
        tokens,
        lo,
        hi,
        side=speaker.side,
        verb_stance=stance_of(anchor.verb),
        parsed=item.parsed,
        outside=anchor.outside,
        story_about_war=item.story_about_war,
        # A list item speaks through the sentence that opened the list.
        lead_stance=stance_of(anchor.verb) if item.sentence.is_bullet else None,
    )
    if not tags:
        # "Kyiv rejected the plan": no cue of its own, a position on terms set out before
        proposal, index = latest
        span = (tokens[lo].start, tokens[hi - 1].end)
        tags = referenced_terms(item.parsed, *span, speaker, proposal, index)
    if not tags:
        return None
    sentence = item.sentence
    start, end = tokens[lo].start, tokens[hi - 1].end
    quoted = [
        text[s.inner[0] : s.inner[1]].strip()
        for s in quotes.within(start, end)
        if len(_WORD.findall(text[s.inner[0] : s.inner[1]])) >= _MIN_QUOTE_WORDS
        and any(s.start <= t.cue_start < s.end for t in tags)
    ]
    if anchor.verb_class == "label":
        kind = Kind.QUOTE  # a transcript paragraph is the speaker's own words
        quoted = [LABEL.sub("", sentence.text, count=1)]
    elif speaker.side == "commentator" or anchor.verb_class == "nominal":
        kind = Kind.CHARACTERIZATION  # a third party's account of a position
    elif quoted:
        kind = Kind.QUOTE
    elif anchor.verb_class == "reporting":
        kind = Kind.REPORTED
    else:
        kind = Kind.CHARACTERIZATION
    statement = Statement(
        speaker=speaker,
        conditions=tags,
        kind=kind,
        evidence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        quote=" … ".join(quoted) if quoted else None,
        doubts=attribution_doubts(anchor.source_how, anchor.pass_name, anchor.reported_by),
    )
    return statement
