"""When a statement was made: its own date, the occasion around it, else the article's.

The dating policy of statements.md, in order: a date phrase on the statement's own verb
(on the parse, one hanging from the cue's verbs), a date the sentence before gives the
same occasion, the speaker's last dated occasion, the paragraph's established time, and
last the publication date (basis `publication`, shown as "reported on"). Present-perfect
words with no date of their own are an undated earlier occasion; words given to an
outlet ("told Reuters") fall in the month of publication; words spoken "after the talks"
take the day the article gave the talks. Once all statements are assembled, a report
dated only by the article takes the day a later report of the same speaker gives the
occasion (`dated_by_later_reports`: a lead, or a summary above the body).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from app.extraction.attribution import Anchor
from app.extraction.dates import MONTHS, WRITTEN_YEAR
from app.extraction.lexicon import Token, load_data
from app.extraction.parsing import ParsedSentence, clause_verb
from app.extraction.reading import ReadSentence, When
from app.extraction.records import DateBasis, DateMention, DatePrecision, Statement

# "two days later", "a week later", "the next day", "the following day"; and back:
# "a day earlier", "two days before", "the previous day", "the day before"; and no count:
# "the same day", "that evening".
_LATER = re.compile(
    r"\b(?:(?P<count>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
    r"\s+(?P<unit>days?|weeks?)"
    r"\s+(?P<way>later|earlier|before(?!\s+(?!that\b)\w))|the\s+(?P<next>next|following|previous)\s+day"
    # "the day before" alone counts back; "the day before leaders met" names its own event
    r"|the\s+day\s+(?P<side>before|after)(?!\s+(?!that\b)\w)"
    # and the day itself: "said the same day", "later that day", "in an address that evening"
    # ("the same day as the ceremony" names its own event)
    r"|(?P<same>(?:the\s+same|that(?:\s+same)?)\s+(?:day|morning|afternoon|evening|night)"
    r"(?!\s+as\b)))\b",
    re.IGNORECASE,
)
_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# Events a statement can be made at, named with a date ("talks in Istanbul on Tuesday",
# "the General Assembly voted on Thursday"), and a later reference back to them ("after
# the talks", "at the summit", "before the vote", "outside the committee room"), by kind.
_EVENT_KINDS: dict[str, str] = load_data("dates.toml")["event_kinds"]
_EVENT_NOUNS = "|".join(re.escape(w) for w in _EVENT_KINDS)
_EVENT = re.compile(rf"\b(?:{_EVENT_NOUNS})\b", re.IGNORECASE)
_AT_EVENT = re.compile(
    # ("told the same news conference": the event is the verb's object)
    rf"(?:\b(?:at|after|during|following|before)\s+|^)the\s+(?:[\w'-]+\s+){{0,3}}?"
    rf"(?P<noun>{_EVENT_NOUNS})\b"
    # doorstep remarks: "arriving at the summit", "as he arrived", "on his way in",
    # "doorstepped outside the venue"
    r"|\barriv(?:ing|ed)\b|\bon\s+(?:his|her|their)\s+way\s+in\b|\bdoorstep\w*"
    rf"|\boutside\s+the\s+(?:venue|(?P<outside>{_EVENT_NOUNS}))\b|\bafterwards?\b",
    re.IGNORECASE,
)
# An occasion words are spoken at: "At a ministerial meeting of the council, X said".
_SPOKEN_AT_EVENT = re.compile(
    # ("at the same meeting" refers back to one named before, so only "a" or "an" here)
    rf"\b(?:[Aa]t|[Dd]uring)\s+(?:a|an)\s+(?:[\w'-]+\s+){{0,3}}?"
    rf"(?P<noun>{_EVENT_NOUNS})\b"
)
# A place after "in": "talks in Istanbul", "met in Riyadh".
_PLACE = re.compile(r"\bin\s+([A-Z][a-z]{2,})\b")
# "in May", "in Monday's talks": capitalised, but a time, not a place
_NOT_PLACES = frozenset(MONTHS) | {w.lower() for w in load_data("dates.toml")["words"]["weekdays"]}
# Words placed at a place: "in Istanbul", "at the Istanbul meeting".
_PLACE_MENTION = re.compile(
    r"\b(?:in|In)\s+([A-Z][a-z]{2,})\b|\b(?:at|At)\s+the\s+([A-Z][a-z]{2,})\s+"
    r"(?:talks|meeting|summit|conference)\b"
)
_IN_A_NOUN_PHRASE = frozenset({"pobj", "prep", "compound", "conj"})  # up to the phrase's head
_ASIDE_CLAUSES = frozenset({"relcl", "acl", "advcl"})  # clauses beside the act, not the act
_SUMMARY_SPAN = timedelta(days=14)  # a daily assessment sums up about a fortnight
_SUMMARY_REACH = 40  # statements after an undated summary searched for its dated report
_REPORTING_REACH = 4  # tokens after a reporting verb that may still date it ("said on Monday")
_TRANSCRIPT_DAY = "transcript answer, dated by the article"


def statement_date(
    tokens: list[Token],
    item: ReadSentence,
    anchor: Anchor,
    start: int,
    end: int,
    published: date | None,
    occasion: When | None,
    events: dict[str, When] | None = None,
    place: When | None = None,
) -> When:
    """When the statement was made: its own date, else tense, else the occasion in context.

    Words said before the time in context ("the efforts came after Zelensky indicated
    ...", in a paragraph set in November) keep only that time's year: how long before is
    not said."""
    when = _statement_date(tokens, item, anchor, start, end, published, occasion, events, place)
    value, _, basis, text = when
    if anchor.tense != "preceding" or value is None:
        return when
    if basis in (DateBasis.EXPLICIT, DateBasis.RELATIVE):
        return when
    return value[:4], DatePrecision.YEAR, DateBasis.INFERRED, f"before “{text}”"


def _statement_date(
    tokens: list[Token],
    item: ReadSentence,
    anchor: Anchor,
    start: int,
    end: int,
    published: date | None,
    occasion: When | None,
    events: dict[str, When] | None = None,
    place: When | None = None,
) -> When:
    if anchor.verb_class == "reporting":
        # In "said that Russia presented its plan last month" the date is the plan's:
        # a reporting verb is dated only by words near it.
        near = item.sentence.start + len(item.sentence.text)
        if anchor.last + _REPORTING_REACH < len(tokens):
            near = tokens[anchor.last + _REPORTING_REACH].end
        end = min(end, near)
    # Its own date, else one opening the sentence before it ("On Monday, X told ... that he").
    own = [d for d in item.dates if start <= d.start < end] or [
        d for d in item.dates if d.start < start
    ][-1:]
    if anchor.own_verbs and item.parsed is not None:
        # On the parse, a date is the anchor's only if it hangs from the anchor's own verbs:
        # in "X recalled that Y on 14 June demanded", 14 June is Y's, not X's.
        own = [d for d in item.dates if clause_verb(item.parsed, d.start) in anchor.own_verbs]
        # A relative clause on the speaker ("X, who met Y on Tuesday, said") dates the
        # words only when their own verbs do not.
        doc = item.parsed.doc
        own = [d for d in own if doc[clause_verb(item.parsed, d.start)].dep_ != "relcl"] or own
        own = own or _when_clause_date(item, anchor)
        own = own or _year_of_the_act(item, anchor)
    if anchor.pass_name == "refers_back":
        own = item.dates  # "This was stated by X ... on Tuesday": the sentence is the occasion
    if own and anchor.verb_class != "label":  # dates in a transcript answer are its content
        d = _finest(own)
        return d.value, d.precision, d.basis, d.text
    later = _later(item, occasion)
    if later is not None:
        return later
    if anchor.verb_class == "nominal" and occasion is not None and anchor.tense != "present":
        # "his promise to ...", "Moscow's plan": dated as the terms it names were set out
        return occasion[0], occasion[1], occasion[2], f"the occasion of “{occasion[3]}”"
    if anchor.source_how == "document" and occasion is not None:
        # What a document says, it says from the day it was issued.
        return occasion[0], occasion[1], DateBasis.INFERRED, f"document of “{occasion[3]}”"
    event = _event_referred_to(item, anchor, events) if anchor.tense == "past" else None
    if event is not None:
        # "Speaking after the talks, X said": the talks the article dated earlier.
        return event[0], event[1], DateBasis.INFERRED, f"the occasion named earlier: “{event[3]}”"
    if place is not None and anchor.tense == "past":
        # "In Istanbul, Kyiv's delegation pressed for ...": the talks held there that day.
        return place[0], place[1], DateBasis.INFERRED, f"the event there: “{place[3]}”"
    if anchor.reported_by and occasion is not None:
        # "According to Lavrov, Kyiv wants ...": the position as of the day it was reported.
        return occasion[0], occasion[1], DateBasis.INFERRED, f"as reported on “{occasion[3]}”"
    if anchor.tense == "present" and _historical_present(item, published):
        # "March 29, 2022: ... Medinsky says ...": a timeline's entry tells the past in the
        # present tense.
        ctx = item.context
        return ctx.value, ctx.precision, DateBasis.INFERRED, f"entry of “{ctx.text}”"
    sourced = _anonymous_sources().search(item.sentence.text)
    if sourced and published is not None and anchor.tense == "present":
        # "the Kremlin regards ..., two sources said": a position as of about then
        return _month_of(published, f"anonymous sources: “{sourced.group()}”")
    if anchor.tense == "present" and published is not None:
        return (
            published.isoformat(),
            DatePrecision.DAY,
            DateBasis.PUBLICATION,
            f"present tense: “{anchor.verb}”",
        )
    if anchor.tense == "perfect":
        return (
            None,
            DatePrecision.UNKNOWN,
            DateBasis.INFERRED,
            f"undated earlier occasion: “{anchor.verb}”",
        )
    if anchor.tense == "interview" and occasion is None and published is not None:
        # "told POLITICO" with no day: an interview shortly before publication.
        return (
            published.isoformat()[:7],
            DatePrecision.MONTH,
            DateBasis.INFERRED,
            f"undated interview: “{anchor.verb}”, placed in the month of publication",
        )
    if occasion is not None:
        # Undated past-tense words of a speaker already dated here: the same occasion.
        return occasion[0], occasion[1], DateBasis.INFERRED, f"same occasion as “{occasion[3]}”"
    # A transcript answer is dated by its speaker's occasion, never by dates in the questions.
    earlier = _earlier_in_the_sentence(tokens, item, anchor)
    if anchor.verb_class != "label" and earlier is not None:
        # "The ministry replied on Friday: its spokesman said ...": the time the sentence
        # has set before the words, as the paragraph's would be
        ctx = earlier
        return ctx.value, ctx.precision, DateBasis.INFERRED, f"occasion named earlier: “{ctx.text}”"
    if anchor.verb_class != "label" and item.context is not None and item.context.value:
        ctx = item.context
        return ctx.value, ctx.precision, DateBasis.INFERRED, f"occasion named earlier: “{ctx.text}”"
    if sourced and published is not None:
        return _month_of(published, f"anonymous sources: “{sourced.group()}”")
    if published is not None and anchor.verb_class == "label":
        # A transcript answer is spoken on the transcript's own day: a later report of the
        # same speaker (a question quoting them, a recap) is another occasion.
        return published.isoformat(), DatePrecision.DAY, DateBasis.PUBLICATION, _TRANSCRIPT_DAY
    if published is not None:
        # Words the article reports without a date of their own: "reported on", not "said on".
        return (
            published.isoformat(),
            DatePrecision.DAY,
            DateBasis.PUBLICATION,
            f"undated report: “{anchor.verb}”, dated by the article",
        )
    return None, DatePrecision.UNKNOWN, DateBasis.INFERRED, None


def _month_of(published: date, why: str) -> When:
    return (
        published.isoformat()[:7],
        DatePrecision.MONTH,
        DateBasis.INFERRED,
        f"{why}, placed in the month of publication",
    )


@cache
def _anonymous_sources() -> re.Pattern[str]:
    patterns = load_data("attribution.toml")["anonymous_sources"]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def dated_events(item: ReadSentence) -> dict[str, When]:
    """The day of talks, a summit or a call this sentence names, for later "after the talks":
    under each kind of occasion it names, and under "" as the latest of any kind."""
    found = list(_EVENT.finditer(item.sentence.text))
    if not item.dates or not found:
        return {}
    first, nouns = item.dates[0], [m.group().lower() for m in found]
    if item.parsed is not None:
        # On the parse, the event's own day: one in the clause that names it, or in the
        # noun's own phrase ("talks, held in Istanbul on July 23"). In "X said on Thursday
        # that a meeting could come only at the end", Thursday is the saying's.
        at = item.sentence.start
        own = [
            [d for d in item.dates if _dates_event(item.parsed, at + m.start(), d)] for m in found
        ]
        dated = sorted({d.start: d for ds in own for d in ds}.values(), key=lambda d: d.start)
        if not dated:
            return {}
        first = dated[0]
        nouns = [n for n, ds in zip(nouns, own, strict=True) if first in ds]
    when = (first.value, first.precision, first.basis, first.text)
    return {"": when} | {_EVENT_KINDS[noun]: when for noun in nouns}


def _dates_event(parsed: ParsedSentence, noun_at: int, day: DateMention) -> bool:
    """Whether a date is the day of the event a noun names: both in one clause, or the
    date within the noun's phrase."""
    noun, when = parsed.at(noun_at), parsed.at(day.start)
    if noun is None or when is None:
        return False
    while noun.dep_ in _IN_A_NOUN_PHRASE and noun.head.pos_ in ("NOUN", "PROPN", "ADP"):
        noun = noun.head  # "the third round of talks, held on July 23": the whole phrase
    if noun.left_edge.i <= when.i <= noun.right_edge.i:
        return True
    return clause_verb(parsed, noun_at) == clause_verb(parsed, day.start)


def _historical_present(item: ReadSentence, published: date | None) -> bool:
    """Whether the paragraph is set on a day written with its year in an earlier year than
    publication's ("Feb 12, 2015 — Merkel says ..."), so that its present tense is past."""
    ctx = item.context
    if ctx is None or not ctx.value or ctx.basis is not DateBasis.EXPLICIT or published is None:
        return False
    return bool(WRITTEN_YEAR.search(ctx.text)) and int(ctx.value[:4]) < published.year


def event_places(item: ReadSentence) -> list[str]:
    """The places a dated event sentence names ("talks in Istanbul on March 29"), for later
    words placed there ("said in Istanbul", "At the Istanbul meeting")."""
    names = (m.group(1).lower() for m in _PLACE.finditer(item.sentence.text))
    return [name for name in names if name not in _NOT_PLACES]


def at_a_dated_place(
    item: ReadSentence, places: dict[str, When], anchor: Anchor | None = None
) -> When | None:
    """The day of the event held where this sentence places its words, if the article
    dated one there: "In Istanbul, Kyiv's delegation pressed ...", "said in Istanbul"."""
    for match in _PLACE_MENTION.finditer(item.sentence.text):
        name = (match.group(1) or match.group(2)).lower()
        if name in places and _places_the_act(item, anchor, match.start()):
            return places[name]
    return None


def _places_the_act(item: ReadSentence, anchor: Anchor | None, at: int) -> bool:
    """Whether the place hangs from the speaker's own verbs ("In Riyadh, X stated", "said
    in Istanbul") or is the place a "where" clause of them follows ("at the summit in
    Bali, where he called for"); not a place in the words' content ("ready to host talks
    in Istanbul", "the talks that resumed in Istanbul")."""
    if anchor is None or not anchor.own_verbs or item.parsed is None:
        return True
    place = item.parsed.at(item.sentence.start + at)
    if (
        place is None
        or clause_verb(item.parsed, place.idx + item.parsed.offset) in anchor.own_verbs
    ):
        return True
    doc = item.parsed.doc
    return any(
        doc[v].dep_ == "relcl"
        and doc[v].i > place.i
        and any(c.lower_ == "where" for c in doc[v].children)
        for v in anchor.own_verbs
    )


def dated_interview(item: ReadSentence) -> When | None:
    """The day an interview took place, from a sentence of its introduction ("The
    interview took place in Kyiv on Friday", "recorded on Monday"): its answers' day."""
    if (
        not item.dates
        or item.label is not None
        or not _interview_words().search(item.sentence.text)
    ):
        return None
    if item.anchors and not _encounter_words().search(item.sentence.text):
        # "X said in an interview aired on Friday": X's own occasion, not ours; but "we
        # spoke to him on Wednesday, a day after Putin declared ..." is the writer's own
        return None
    first = item.dates[0]
    return first.value, first.precision, first.basis, first.text


def writers_encounter(item: ReadSentence) -> When | None:
    """The day or month of the writer's meeting with an interviewee, from a sentence that
    names no person ("when we met there last week"): the words of the person the next
    sentences name are dated by it."""
    if not item.dates or item.anchors or not _encounter_words().search(item.sentence.text):
        return None
    if item.subject is not None and item.subject.kind == "person":
        return None  # "X received us on Friday": that person's occasion already
    first = item.dates[0]
    return first.value, first.precision, first.basis, first.text


@cache
def _interview_words() -> re.Pattern[str]:
    """Words that tell of an interview or the writer's meeting with the interviewee."""
    words = load_data("dates.toml")["words"]
    phrases = ["interview", "conversation", "recorded"]
    phrases += [*words["interview_days"], *words["writer_encounters"]]
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


@cache
def _encounter_words() -> re.Pattern[str]:
    phrases = load_data("dates.toml")["words"]["writer_encounters"]
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def interview_day(text: str, dates: list[DateMention], masthead: str) -> date | None:
    """The day an interview took place, from a sentence of its introduction that says so
    ("we met her at the ministry on Tuesday, 4 May", "X received the Courier on Friday",
    the outlet named in the masthead, the article's first line lower-cased): the day its
    questions and answers count from."""
    days = [d for d in dates if d.precision is DatePrecision.DAY and d.value]
    if not days:
        return None
    phrases, hosts = _interview_intro()
    hosted = any(
        m["whom"].lower() == "us" or m["whom"].lower() in masthead for m in hosts.finditer(text)
    )
    if not hosted and not phrases.search(text):
        return None
    return date.fromisoformat(days[-1].value)  # type: ignore[arg-type]


@cache
def _interview_intro() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words that tell of the interview, and a host's verb with whom it received."""
    words = load_data("dates.toml")["words"]
    phrases = "|".join(re.escape(p) for p in words["interview_days"])
    hosts = "|".join(re.escape(p) for p in words["interview_hosts"])
    return (
        re.compile(rf"\b(?:{phrases})\b", re.IGNORECASE),
        re.compile(
            rf"\b(?i:{hosts})\s+(?:(?i:the)\s+)?"
            r"(?P<whom>us\b|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
        ),
    )


def _event_referred_to(item: ReadSentence, anchor: Anchor, events: dict[str, When]) -> When | None:
    """The dated occasion the words around the speech verb place it at ("after the talks",
    "at the summit", "before the vote"): the latest of the kind they name, else the latest.
    When the latest of that kind had no day ("At a meeting of the council, X said ... Y told
    the same meeting"), none: not the day of another kind of occasion."""
    offset = item.sentence.start
    for a, b in anchor.outside:
        match = _AT_EVENT.search(item.sentence.text[max(0, a - offset) : max(0, b - offset)])
        if match is not None:
            kind = _EVENT_KINDS.get((match["noun"] or match["outside"] or "").lower(), "")
            when = events.get(kind) or events.get("")
            return when if when is not None and when[0] is not None else None
    return None


def undated_occasions(item: ReadSentence) -> dict[str, When]:
    """The kinds of occasion this sentence has words spoken at with no day ("At a meeting
    of the Security Council, X said ..."), as occasions of no known day: a later "told the
    same meeting" is that one, not an earlier dated occasion of another kind."""
    if item.dates:
        return {}
    kinds = (
        _EVENT_KINDS.get((m["noun"] or "").lower())
        for m in _SPOKEN_AT_EVENT.finditer(item.sentence.text)
    )
    undated = (None, DatePrecision.UNKNOWN, DateBasis.INFERRED, None)
    return {kind: undated for kind in kinds if kind}


def _later(item: ReadSentence, occasion: When | None) -> When | None:
    """ "Zakharova said two days later", "the next day", "a day earlier": a count of days or
    weeks after (or before) the last day the paragraph (or the speaker's occasion, or else
    the article before it) named."""
    match = _LATER.search(item.sentence.text)
    if match is None:
        return None
    references = [
        item.context.value if item.context else None,
        occasion[0] if occasion else None,
        item.story_day,
    ]
    if not item.sentence.text[: match.start()].strip():
        # "Two days later, Putin said": opening the sentence, the count goes on from the
        # story told just before, not from the speaker's own earlier occasion
        references[1], references[2] = references[2], references[1]
    day = next((r for r in references if r is not None and len(r) == 10), None)
    if day is None:
        return None
    value = _counted(match, day)
    return value, DatePrecision.DAY, DateBasis.RELATIVE, f"{match.group()} (counted from {day})"


def story_day_after(text: str, story_day: str | None) -> str | None:
    """The day a sentence moves the story to by counting from the last day it named ("Nine
    days later, in Jeddah, ..."), so that the next count goes on from there."""
    match = _LATER.search(text)
    if match is None or story_day is None or len(story_day) != 10:
        return None
    moved = _counted(match, story_day)
    # "Two days earlier, X had told ...": a look back, after which the story resumes
    return moved if moved > story_day else None


def _counted(match: re.Match[str], day: str) -> str:
    word = (match["count"] or "one").lower()
    count = int(word) if word.isdigit() else _COUNTS[word]
    days = count * (7 if (match["unit"] or "day").startswith("week") else 1)
    back = (match["way"] or "").lower() in ("earlier", "before")
    back = back or (match["next"] or "").lower() == "previous"
    back = back or (match["side"] or "").lower() == "before"
    days = -days if back else days
    days = 0 if match["same"] else days
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _earlier_in_the_sentence(
    tokens: list[Token], item: ReadSentence, anchor: Anchor
) -> DateMention | None:
    """The last date before the anchor in its own sentence, but one of a clause on a noun
    ("the plan X presented on Monday")."""
    before = [d for d in item.dates if d.value and d.end <= tokens[anchor.first].start]
    if item.parsed is not None:
        doc = item.parsed.doc
        before = [
            d
            for d in before
            if (verb := clause_verb(item.parsed, d.start)) is None
            or doc[verb].dep_ not in ("relcl", "acl")
        ]
    return before[-1] if before else None


def _year_of_the_act(item: ReadSentence, anchor: Anchor) -> list[DateMention]:
    """A year given alone that hangs from the speaker's own verb ("In 2019, in Minsk,
    the envoys proposed ..."): the time of the act. Not one of a clause about the
    speaker ("X, who moved in 2020, said") or a comparison ("as it did in 2019")."""
    assert item.parsed is not None
    doc = item.parsed.doc
    found = []
    for year in item.years:
        verb = clause_verb(item.parsed, year.start)
        if verb in anchor.own_verbs and doc[verb].dep_ not in _ASIDE_CLAUSES:
            found.append(year)
    return found


def _when_clause_date(item: ReadSentence, anchor: Anchor) -> list[DateMention]:
    """The date a "when" clause of the anchor's own verb follows: in "a shift since
    March, when Y warned donors ...", Y spoke in March."""
    assert item.parsed is not None
    doc = item.parsed.doc
    for verb in anchor.own_verbs:
        when = next((c for c in doc[verb].children if c.lower_ == "when"), None)
        if when is None or when.dep_ != "advmod":
            continue
        if when.i < 2 or doc[when.i - 1].text != ",":
            continue  # "the offer made last week when she hinted": whose time is unsure
        at = item.parsed.offset + doc[when.i - 2].idx
        found = [d for d in item.dates if d.start <= at < d.end]
        if found:
            return found
    return []


def _finest(dates: list[DateMention]) -> DateMention:
    """The first date, or a later one that names a day within it ("earlier this month, on
    Oct. 2"): the same time, said more precisely."""
    first = dates[0]
    for later in dates[1:]:
        finer = first.precision is not DatePrecision.DAY and later.precision is DatePrecision.DAY
        if finer and first.value and later.value and later.value.startswith(first.value):
            return later
    return first


def copy_date(statement: Statement, when) -> None:
    statement.date, statement.date_precision, statement.date_basis, statement.date_evidence = when


def dated_by_later_reports(statements: list[Statement]) -> list[Statement]:
    """A report dated only by the article takes the date a later report of the same
    speaker gives the occasion: the lead ("X rejected a truce. ... X told reporters on
    Thursday"), and a summary of words the body reports in full ("Key takeaways: X stated
    that ...", later "X stated on October 12 that ...", naming a condition of the summary).
    Not a transcript answer: it was spoken on the transcript's day, whatever a later
    question says the speaker said elsewhere."""
    dated = (DateBasis.EXPLICIT, DateBasis.RELATIVE)
    for k, lead in enumerate(statements):
        if lead.date_basis is not DateBasis.PUBLICATION or lead.date_evidence == _TRANSCRIPT_DAY:
            continue
        conditions = {c.condition for c in lead.conditions}
        for later in statements[k + 1 : k + 1 + _SUMMARY_REACH]:
            if later.speaker.slug != lead.speaker.slug or later.date_basis not in dated:
                continue
            next_ones = k == 0 and later in statements[1:3]
            past = (lead.date_evidence or "").startswith("undated report")  # not present tense
            summary = past and _within_the_summary_span(lead, later)
            if next_ones or (summary and conditions & {c.condition for c in later.conditions}):
                lead.date, lead.date_precision = later.date, later.date_precision
                lead.date_basis = DateBasis.INFERRED
                lead.date_evidence = f"same occasion as “{later.date_evidence}”"
                break
    return statements


def _within_the_summary_span(reported: Statement, later: Statement) -> bool:
    """Whether a later report's day lies within the fortnight before the article's date: the
    occasion a summary at the top of the article can stand for."""
    if later.date_precision is not DatePrecision.DAY or not later.date or not reported.date:
        return False
    gap = date.fromisoformat(reported.date) - date.fromisoformat(later.date)
    return timedelta(0) <= gap <= _SUMMARY_SPAN
