"""Date expressions in a sentence, resolved against the article's publication date.

One compiled regex finds the core of every date ("July 5", "Thursday", "last month"); a
second, run only just before each core, reads the words that shape it: a preposition
("since" makes it no utterance date), a modifier ("mid-", "the end of"), a determiner, or an
event participle ("annexed by Russia in 2014"). Small resolvers then give each kind a value
at the precision its words allow. Nothing here guesses: without a publication date a
relative or year-less expression is still reported, with precision UNKNOWN and no value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import NamedTuple

from app.extraction.lexicon import load_data
from app.extraction.records import DateBasis, DateMention, DatePrecision

LEXICON = load_data("dates.toml")
_W = LEXICON["words"]

MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(LEXICON["months"], 1)}
MONTHS |= {abbr.lower(): n for abbr, n in LEXICON["month_abbreviations"].items()}
_WEEKDAYS = {name.lower(): i for i, name in enumerate(_W["weekdays"])}
_NUMBERS: dict[str, int] = LEXICON["numbers"]
_SHIFTS: dict[str, int] = LEXICON["shifts"]
_RELATIVE_DAYS: dict[str, int] = LEXICON["relative_days"]
_SEASONS: dict[str, list[int]] = LEXICON["seasons"]
_CUES = frozenset(_W["non_utterance_cues"])
_FUTURE_MODIFIERS = frozenset(_W["future_modifiers"])
_YEARLESS_DAYS = frozenset({"md", "dm"})  # "June 2", "2 June": a day given without its year
_UPCOMING = timedelta(days=60)  # how far after publication a year-less day is still to come
_UNITS = ["day", "week", "weekend", "month", "year"]  # the units the arithmetic below knows
_DET_KINDS = frozenset({"rel", "se", "dm"})  # kinds whose words include "the": "the weekend"


def _words(words: Iterable[str], *, cased: bool = False) -> str:
    """A regex for any of the words, as a trie so it costs one pass whatever their number.

    Cased words match only as written or in UPPER case; others in any case.
    """
    trie: dict[str, dict] = {}
    for word in {f for w in words for f in ((w, w.upper()) if cased else (w,))}:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie(trie) if cased else f"(?i:{_trie(trie)})"


def _trie(node: dict[str, dict]) -> str:
    alts = [(r"\s+" if c == " " else re.escape(c)) + _trie(child) for c, child in node.items() if c]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"
    if "" in node:  # a word may end here or go on
        body = f"(?:{body})?" if len(alts) == 1 else f"{body}?"
    return body


def _day(name: str) -> str:
    # A day of the month, not the start of "5:30", "14,000" or "5.5".
    return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)?(?!\w|:\d|[.,]\d)"


def _year(name: str) -> str:
    # A year of the last or present century, not "2020s", "40%" or the start of "2022-23".
    return rf"(?P<{name}>(?:19|20)\d\d)(?![\w%]|[-–/]\d)"


_MONTH_FULL = _words(LEXICON["months"], cased=True) + r"\b"
_UPCOMING_MARKERS = re.compile(rf"\b{_words(_W['upcoming_markers'])}\b")
# Abbreviations ("Jul.", "Sept") only where a day or year follows.
_MONTH = rf"(?:{_MONTH_FULL}|{_words(LEXICON['month_abbreviations'], cased=True)}\b\.?)"
_WEEKDAY = _words(_W["weekdays"], cased=True) + r"\b"
_SHIFT = _words(_SHIFTS)
_DAY_PART = rf"(?:\s+{_words(_W['day_parts'])}\b)?"
# Words a date can begin with. Other words are passed over after one lookup in this trie,
# which makes the scan about four times faster than trying every kind at every word.
_HEAD_WORDS = [*_SHIFTS, *_SEASONS, *_NUMBERS, *_UNITS, *(w.split()[0] for w in _RELATIVE_DAYS)]
_HEADS = _words(
    [
        *LEXICON["months"],
        *LEXICON["month_abbreviations"],
        *_W["weekdays"],
        *_HEAD_WORDS,
        *(w.capitalize() for w in _HEAD_WORDS),
    ],
    cased=True,
)

_PATTERN = re.compile(
    rf"\b(?=\d|{_HEADS}\b)(?:"
    # ISO dates: "2024-07-05", also at the head of a timestamp.
    r"(?P<iso>(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01]))"
    r"(?!\d)"
    # Month first: "July 5, 2024", "Jul. 5", "Thursday, March 13", "March 3rd".
    rf"|(?P<md>(?:{_WEEKDAY},?\s+)?(?P<md_m>{_MONTH})\s+{_day('md_d')}"
    rf"(?:,?\s+{_year('md_y')})?)"
    # Day first: "17 August", "5 July 2024", "17th of August".
    rf"|(?P<dm>(?:{_WEEKDAY},?\s+)?{_day('dm_d')}(?:\s+of)?\s+"
    rf"(?P<dm_m>{_MONTH})(?:,?\s+{_year('dm_y')})?)"
    # Month and year: "September 2022", "Sept. 2022", "March of 2022".
    rf"|(?P<my>(?P<my_m>{_MONTH}),?\s+(?:of\s+)?{_year('my_y')})"
    # A bare month name, kept only after a preposition or modifier: "in November", "last March".
    # ... and its year named after it: "in February last year", "March of this year".
    rf"|(?P<mm>(?:(?P<mm_shift>{_SHIFT})\s+)?(?P<mm_m>{_MONTH_FULL})"
    rf"(?:,?\s+(?:of\s+)?(?P<mm_year>{_SHIFT})\s+year\b)?)"
    # Seasons: "last summer", "autumn 2022", "summer of this year".
    rf"|(?P<se>(?:(?P<se_shift>{_SHIFT})\s+)?(?P<se_name>{_words(_SEASONS)})\b"
    rf"(?:,?\s+(?:of\s+)?(?:{_year('se_y')}|(?P<se_shift2>{_SHIFT})\s+year\b))?)"
    # Calendar periods: "this week", "last month", "next year"; "weekend" after "the".
    rf"|(?P<rel>(?:(?P<rel_shift>{_SHIFT})\s+)?(?P<rel_unit>{_words(_UNITS[1:])})\b)"
    # Counted back: "three days ago", "a month ago", "2 weeks ago".
    rf"|(?P<ago>(?P<ago_n>\d{{1,3}}|{_words(_NUMBERS)})\s+"
    rf"(?P<ago_unit>{_words(_UNITS)})s?\s+(?i:ago)\b)"
    # Days named from publication: "yesterday", "last night", "this morning".
    rf"|(?P<rday>(?P<rday_word>{_words(_RELATIVE_DAYS)})\b{_DAY_PART})"
    # Weekdays: "Thursday", "Thursday night", "last Friday".
    rf"|(?P<wd>(?:(?P<wd_shift>{_SHIFT})\s+)?(?P<wd_name>{_WEEKDAY}){_DAY_PART})"
    # Bare years, kept only after a preposition or determiner: "in 2014", "the 2022 invasion".
    rf"|(?P<yr>{_year('yr_y')})"
    r")"
)

# The words just before a core, all optional, ending where the core begins.
_CONTEXT = re.compile(
    r"(?<![\w'’])"
    # An event the date belongs to, perhaps with its agent: "annexed by Russia in 2014".
    rf"(?:(?P<event>{_words(_W['event_participles'])})"
    r"(?:\s+by\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})?\s+)?"
    rf"(?:(?P<lead>{_words(_W['prepositions'] + _W['non_utterance_cues'])})\s+)?"
    rf"(?:(?P<mod>{_words(_W['modifiers'])})(?:\s+|-))?"
    rf"(?:(?P<det>{_words(_W['determiners'])})\s+)?$"
)
_CONTEXT_REACH = 100  # characters looked back: participle, agent, preposition, modifier
_POSSESSIVE = re.compile(r"\w['’]s\s+$")
_OF = re.compile(r"\s+of\b")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# "told reporters after Tuesday's talks", "at Monday's news conference": the day of the
# occasion the words were spoken at
_OCCASION_AFTER = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|summit|conference|briefing|session|call)\b"
)
# "in April, when the envoy laid out a plan": the date is the time of the clause it opens
_WHEN_AFTER = re.compile(r",\s+when\b")
_AT_OCCASION = frozenset({"at", "after", "during", "following"})
_OF_BEFORE = re.compile(r"\b(?i:of)\s+$")
_MONTH_LIST = re.compile(rf"{_MONTH_FULL},?\s+(?i:and|or)\s+$")
# URLs are skipped whole, so that "/2024/07/05/" or "july-5-2024" in them is never a date.
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)+/\S*")


class _Context(NamedTuple):
    """The words before a core: preposition, modifier, determiner, all lower-cased."""

    start: int  # where the date's words begin
    lead: str = ""
    mod: str = ""
    det: str = ""
    event: bool = False


class _Resolved(NamedTuple):
    basis: DateBasis
    precision: DatePrecision
    value: str | None = None
    future: bool = False  # points past publication: dates a plan, not an utterance


_Resolver = Callable[[re.Match[str], _Context, date | None], _Resolved | None]
_EXPLICIT, _RELATIVE = DateBasis.EXPLICIT, DateBasis.RELATIVE
_UNRESOLVED = _Resolved(_RELATIVE, DatePrecision.UNKNOWN)


def _norm(words: str | None) -> str:
    return " ".join(words.lower().split()) if words else ""


def _at_day(d: date, basis: DateBasis = _RELATIVE, future: bool = False) -> _Resolved:
    return _Resolved(basis, DatePrecision.DAY, d.isoformat(), future)


def _at_month(y: int, m: int, basis: DateBasis = _RELATIVE, future: bool = False) -> _Resolved:
    return _Resolved(basis, DatePrecision.MONTH, f"{y:04d}-{m:02d}", future)


def _at_year(y: int, basis: DateBasis = _RELATIVE, future: bool = False) -> _Resolved:
    return _Resolved(basis, DatePrecision.YEAR, f"{y:04d}", future)


def _span(first: date, last: date, future: bool = False) -> _Resolved:
    """The finest of month or year that holds both ends of a span, else UNKNOWN."""
    if (first.year, first.month) == (last.year, last.month):
        return _at_month(first.year, first.month, future=future)
    if first.year == last.year:
        return _at_year(first.year, future=future)
    return _Resolved(_RELATIVE, DatePrecision.UNKNOWN, None, future)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    y, m0 = divmod(y * 12 + m - 1 + n, 12)
    return y, m0 + 1


def _month_day(m: re.Match[str], pub: date | None, k: str) -> _Resolved | None:
    month, day, year = MONTHS[m[f"{k}_m"].rstrip(".").lower()], int(m[f"{k}_d"]), m[f"{k}_y"]
    # A year-less day with no publication is checked in a leap year: "February 30" is no date.
    for y in [int(year)] if year else range(pub.year, pub.year - 8, -1) if pub else [2000]:
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if year:
            return _at_day(d, _EXPLICIT)
        if pub is None:
            return _Resolved(_EXPLICIT, DatePrecision.UNKNOWN)
        if d <= pub:  # a year-less date is the latest one on or before publication
            return _at_day(d, _EXPLICIT)
    return None


def _upcoming(m: re.Match[str], k: str, pub: date) -> _Resolved | None:
    """A day without a year in the weeks just after publication ("talks in Istanbul on
    June 2" in a story of May 30): the coming one, a plan's date, rather than the one
    nearly a year before."""
    if m[f"{k}_y"]:
        return None
    try:
        d = date(pub.year, MONTHS[m[f"{k}_m"].rstrip(".").lower()], int(m[f"{k}_d"]))
    except ValueError:
        return None
    if pub < d <= pub + _UPCOMING:
        return _at_day(d, _EXPLICIT, future=True)
    return None


def _iso(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    try:
        return _at_day(date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"])), _EXPLICIT)
    except ValueError:
        return None


def _month_year(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved:
    return _at_month(int(m["my_y"]), MONTHS[m["my_m"].rstrip(".").lower()], _EXPLICIT)


def _bare_month(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    word = _norm(m["mm_shift"])
    # "May" and "March" alone are verbs as often as months: require a preposition or modifier,
    # another month joined to it ("in June and July"), or "of" after a noun ("the plan of
    # February", the month it dates).
    if not (
        ctx.lead
        or ctx.mod
        or word
        or _MONTH_LIST.search(m.string, max(0, m.start() - 20), m.start())
        or _OF_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    ):
        return None
    if pub is None:
        return _UNRESOLVED
    month, shift = MONTHS[m["mm_m"].lower()], _SHIFTS.get(word)
    if m["mm_year"]:  # "in February last year": that year's February, wherever it falls
        year = pub.year + _SHIFTS[_norm(m["mm_year"])]
        return _at_month(year, month, future=(year, month) > (pub.year, pub.month))
    if shift == 0:
        return _at_month(pub.year, month, future=month > pub.month)
    if shift == 1:
        return _at_month(pub.year + (month <= pub.month), month, future=True)
    # Bare: the latest such month on or before publication; "last": strictly before it.
    back = month > pub.month or (shift == -1 and month == pub.month)
    return _at_month(pub.year - back, month)


def _season(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    if m["se_y"]:
        return _at_year(int(m["se_y"]), _EXPLICIT)
    word = _norm(m["se_shift"])
    # "the fall of Bakhmut", "the Arab Spring": a season needs "in", "last", "this" or a year.
    if _OF.match(m.string, m.end()) or not (ctx.lead or ctx.mod or word or m["se_shift2"]):
        return None
    if pub is None:
        return _UNRESOLVED
    if m["se_shift2"]:
        return _at_year(pub.year + _SHIFTS[_norm(m["se_shift2"])])
    months = _SEASONS[m["se_name"].lower()]
    first, last = months[0], months[-1]
    if first > last:  # winter straddles the new year: no single year to give
        return _UNRESOLVED
    shift = _SHIFTS.get(word)
    if shift == 0:
        return _at_year(pub.year, future=pub.month < first)
    if shift == 1:
        return _at_year(pub.year + (pub.month >= first), future=True)
    if shift == -1:  # the latest one over before publication
        return _at_year(pub.year - (pub.month <= last))
    return _at_year(pub.year - (pub.month < first))  # the latest one begun by publication


def _period(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    word, unit = _norm(m["rel_shift"]), m["rel_unit"].lower()
    # "the week" is no date, but "the end of the year" and "over the weekend" are.
    if not word and not (ctx.det == "the" and (ctx.mod or unit == "weekend")):
        return None
    if pub is None:
        return _UNRESOLVED
    shift = _SHIFTS.get(word, 0)
    future = shift > 0 or (shift == 0 and ctx.mod in _FUTURE_MODIFIERS)
    if unit == "year":
        return _at_year(pub.year + shift, future=future)
    if unit == "month":
        return _at_month(*_add_months(pub.year, pub.month, shift), future=future)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=shift)
        return _span(monday, min(monday + timedelta(days=6), pub), future)
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # latest one by publication
    at_weekend = pub.weekday() >= 5
    if word == "last" and at_weekend:  # said at a weekend, "last weekend" is the one before
        saturday -= timedelta(weeks=1)
    elif word == "next" or (word == "this" and not at_weekend):  # said on a weekday: ahead
        saturday += timedelta(weeks=1)
    sunday = saturday + timedelta(days=1)
    if saturday > pub:
        return _span(saturday, sunday, future=True)
    return _span(saturday, min(sunday, pub))


def _ago(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    word, unit = m["ago_n"].lower(), m["ago_unit"].lower()
    if unit == "weekend":
        return None
    if pub is None:
        return _UNRESOLVED
    n = int(word) if word.isdigit() else _NUMBERS[word]
    if unit == "day":
        return _at_day(pub - timedelta(days=n))
    if unit == "week":  # "a week ago": the same weekday n weeks back, as news copy uses it
        return _at_day(pub - timedelta(weeks=n))
    if unit == "month":
        return _at_month(*_add_months(pub.year, pub.month, -n))
    return _at_year(pub.year - n)


def _relative_day(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    if _OF_BEFORE.search(
        m.string, max(0, m.start() - 8), m.start()
    ):  # "the issues of today" names no day
        return None
    if pub is None:
        return _UNRESOLVED
    shift = _RELATIVE_DAYS[_norm(m["rday_word"])]
    future = shift > 0 or (shift == 0 and ctx.mod in _FUTURE_MODIFIERS)  # "later today"
    return _at_day(pub + timedelta(days=shift), future=future)


def _weekday(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved:
    if pub is None:
        return _UNRESOLVED
    word = _norm(m["wd_shift"])
    back = (pub.weekday() - _WEEKDAYS[m["wd_name"].lower()]) % 7
    if word == "next":
        return _at_day(pub + timedelta(days=(-back) % 7 or 7), future=True)
    if word == "last":  # "last Thursday" said on a Thursday is a week back
        back = back or 7
    return _at_day(pub - timedelta(days=back))  # the latest such day on or before publication


def _bare_year(m: re.Match[str], ctx: _Context, pub: date | None) -> _Resolved | None:
    # A lone four-digit number may be a count; a possessive makes it a year: "Russia's 2022 war".
    if not (
        ctx.lead
        or ctx.mod
        or ctx.det
        or _POSSESSIVE.search(m.string, max(0, m.start() - 8), m.start())
    ):
        return None
    return _at_year(int(m["yr_y"]), _EXPLICIT)


# A year written out ("March 29, 2022"), as opposed to one a resolver supplied.
WRITTEN_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEARLESS = frozenset({"md", "dm", "mm"})  # "April 9", "9 April", "in April": no year given
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _iso,
    "md": lambda m, ctx, pub: _month_day(m, pub, "md"),
    "dm": lambda m, ctx, pub: _month_day(m, pub, "dm"),
    "my": _month_year,
    "mm": _bare_month,
    "se": _season,
    "rel": _period,
    "ago": _ago,
    "rday": _relative_day,
    "wd": _weekday,
    "yr": _bare_year,
}


def _context(text: str, start: int, kind: str, floor: int) -> _Context:
    """The words before the core at start, not reaching back past floor."""
    found = _CONTEXT.search(text, max(floor, start - _CONTEXT_REACH), start)
    if found is None or found.start() == start:
        return _Context(start)
    det = _norm(found["det"])
    if det and kind not in _DET_KINDS:  # "in the 2022 invasion": the words belong to the noun
        return _Context(start, det=det)
    words = next((found.start(g) for g in ("lead", "mod", "det") if found[g]), start)
    lead, mod = _norm(found["lead"]), _norm(found["mod"])
    return _Context(words, lead, mod, det, found["event"] is not None)


def find_dates(
    text: str, published: date | None, offset: int = 0, story_year: int | None = None
) -> list[DateMention]:
    """All date expressions in text (one sentence usually), resolved against publication.

    story_year is the year the article's narrative has reached, when that is before the
    year of publication ("On March 29, 2022, ... On April 9, ..."): a day or month given
    without a year falls in it."""
    urls = [u.span() for u in _URL.finditer(text)] if "/" in text else []
    mentions: list[DateMention] = []
    pos = floor = 0  # floor: where the last mention ended, so that none overlap
    while core := _PATTERN.search(text, pos):
        pos = core.end()
        url_end = next((e for s, e in urls if s <= core.start() < e), None)
        if url_end is not None:
            pos = url_end
            continue
        kind = core.lastgroup or ""
        ctx = _context(text, core.start(), kind, floor)
        reference = published
        if kind in _YEARLESS and published is not None and story_year is not None:
            reference = min(published, date(story_year, 12, 31))
        resolved = _RESOLVERS[kind](core, ctx, reference)
        if kind in _YEARLESS_DAYS and reference is not None and reference == published:
            if _UPCOMING_MARKERS.search(text, 0, core.start()):
                resolved = _upcoming(core, kind, reference) or resolved
        if resolved is None:  # not a date after all ("Russia May Want"): look on from here
            pos = core.start() + 1
            continue
        utterance = not (
            resolved.future
            # A year alone dates background: "the 2022 invasion", "a referendum in autumn 2022".
            or (resolved.basis == _EXPLICIT and resolved.precision == DatePrecision.YEAR)
            # ("since March, when Y warned donors": the time of the clause after it)
            or (ctx.lead in _CUES and not _WHEN_AFTER.match(text, core.end()))
            or ctx.event
            # "last week's attacks", "Monday's talks": the date of an event the noun names
            or _POSSESSIVE_AFTER.match(text, core.end()) is not None
        )
        if ctx.lead in _AT_OCCASION and _OCCASION_AFTER.match(text, core.end()):
            utterance = not resolved.future  # "said after Tuesday's talks": said that day
        mentions.append(
            DateMention(
                start=offset + ctx.start,
                end=offset + core.end(),
                text=text[ctx.start : core.end()],
                basis=resolved.basis,
                precision=resolved.precision,
                value=resolved.value,
                utterance=utterance,
            )
        )
        floor = core.end()
    return mentions
