"""Speakers: who is named in the text, from the gazetteer or introduced by the article.

The gazetteer (data/speakers.toml) holds canonical names, aliases and titles
with the dates an office was held; the role lexicon (data/roles.toml) holds the
pronouns and bare descriptions that refer back to a person, the honorifics and
the nationality and role words that introduce people the gazetteer does not
know ("Former Russian diplomat Boris X").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from app.extraction.lexicon import Hit, PhraseIndex, Token, load_data, tokenize
from app.extraction.records import SpeakerEntry

# Capitalized words that start a sentence or a name-like run but are not names.
_NOT_NAME = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and"}
)
# Capitalized words that may follow a title without being a name ("the Russian leader Monday").
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december".split()
)
_NAME_WORDS = (2, 3)  # an introduced person is named by two or three capitalized words
# Office words a bare description may name ("the chancellor"); others ("the official",
# "the aide") describe anyone.
_OFFICE_WORDS = frozenset(
    {"president", "minister", "secretary", "chancellor", "premier", "secretary-general"}
)
_PRONOUN_FORMS = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she", "hers": "she"}
_SPEAKER_KEYS = frozenset(
    "name side kind aliases surnames honorifics titles exclude case_sensitive pronoun".split()
)
# Words after a title that make it part of a longer office: "Secretary of State *for*
# Defence", "Kremlin chief *of* staff".
_OFFICE_GOES_ON = frozenset({"of", "for"})
_PLACEHOLDER = re.compile(r"\{([^}]+)\}")


_ARTICLES = frozenset({"a", "an", "the"})
_WHO = "who"  # "A B, who ...,": a relative clause that only a person takes
_DESCRIPTION_WORDS = 5  # words of a description after its article ("a former Ukrainian deputy")
_AGE = re.compile(r"\d{2,3}-year-old")


@dataclass(frozen=True, slots=True)
class _Title:
    speaker: SpeakerEntry
    valid_from: date | None
    valid_to: date | None  # exclusive: the day the next holder took over

    def held_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker named in text: by name, title, description, or a pronoun (speaker None)."""

    first: int  # token indexes, inclusive
    last: int
    start: int
    end: int
    speaker: SpeakerEntry | None
    how: str  # "name", "title", "introduced", "pronoun", "description"


@dataclass(frozen=True, slots=True)
class Gazetteer:
    names: PhraseIndex  # payload: SpeakerEntry
    titles: PhraseIndex  # payload: tuple[_Title, ...] for one title wording
    referring: PhraseIndex  # pronouns and bare descriptions; payload: "pronoun" | "description"
    roles: PhraseIndex  # payload: "official" | "commentator" | side name (nationality)
    exclusions: PhraseIndex  # names that are not the speaker ("Washington Post"); payload: None
    surnames: dict[str, tuple[str, ...]]  # slug -> surnames that resolve once named in full
    not_current: frozenset[str]  # "*former* US president": not the holder on the date
    pronouns: dict[str, str]  # slug -> "he" or "she", for the people the gazetteer knows
    offices: dict[str, frozenset[str]]  # slug -> office nouns of the titles a person has held
    # slug -> (office noun, term) of each title, to tell who held an office on a day
    terms: dict[str, tuple[tuple[str, _Title], ...]]
    # bare descriptions that name an office by another word: "the head of state" -> president
    description_offices: dict[str, str]
    office_holders: dict[str, tuple[_Title, ...]]  # office of [offices] -> its terms
    # side -> bare title ("president") -> the office it names in that side's own words
    house_offices: dict[str, dict[str, str]]
    leaders: frozenset[str]  # slugs of people who have led a government or body
    governments: dict[str, SpeakerEntry]  # side -> the entry of that side's government


def slugify(name: str) -> str:
    """URL-safe id of a speaker name: "Viktor Orbán" -> "viktor-orban"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@cache
def load_gazetteer() -> Gazetteer:
    """Read the speaker gazetteer and the role lexicon once."""
    data = load_data("speakers.toml")
    lexicon = load_data("roles.toml")
    prefixes: dict[str, list[str]] = data.get("prefixes", {})
    offices: dict[str, list[str]] = data.get("offices", {})
    compounds: list[str] = lexicon.get("compounds", [])
    honorifics: list[str] = lexicon.get("honorifics", [])

    names, titles, exclusions = PhraseIndex(), PhraseIndex(), PhraseIndex()
    surnames: dict[str, tuple[str, ...]] = {}
    by_wording: dict[str, list[_Title]] = {}
    by_office: dict[str, list[_Title]] = {}
    seen: set[str] = set()
    pronouns: dict[str, str] = {}
    governments: dict[str, SpeakerEntry] = {}
    for row in data["speaker"]:
        entry = _entry(row, seen)
        if entry.kind != "person" and entry.name == entry.side:
            governments[entry.side] = entry
        if entry.kind == "person":
            pronouns[entry.slug] = row.get("pronoun", "he")
        for alias in {row["name"], *row.get("aliases", ())}:
            names.add(alias, entry, case_sensitive=_case_sensitive(alias, row))
        own_surnames = tuple(row.get("surnames", ()))
        for surname in own_surnames:
            if len(tokenize(surname)) != 1:
                raise ValueError(f"{row['name']}: a surname must be one word: {surname!r}")
            # "Mr Sullivan" names him even before the article gives the full name.
            own_honorifics = row.get("honorifics", honorifics)
            names.add_all((f"{h} {surname}" for h in own_honorifics), entry, case_sensitive=True)
        if own_surnames:
            surnames[entry.slug] = tuple(tokenize(s)[0].norm for s in own_surnames)
        exclusions.add_all(row.get("exclude", ()), None, case_sensitive=True)
        for title in row.get("titles", ()):
            span = (_parse_day(title.get("from")), _parse_day(title.get("to")))
            if span[0] and span[1] and span[0] >= span[1]:
                raise ValueError(f"{row['name']}: title ends before it starts: {title}")
            for wording in _wordings(title, offices, prefixes, compounds, row["name"]):
                by_wording.setdefault(wording, []).append(_Title(entry, *span))
            for office in _as_list(title.get("office")):
                by_office.setdefault(office, []).append(_Title(entry, *span))
    office_words: dict[str, set[str]] = {}
    terms: dict[str, set[tuple[str, _Title]]] = {}
    for wording, holders in by_wording.items():
        titles.add(wording, tuple(holders))
        for holder in holders:
            office_words.setdefault(holder.speaker.slug, set()).add(_office_of(wording))
            terms.setdefault(holder.speaker.slug, set()).add((_office_of(wording), holder))

    referring, roles = PhraseIndex(), PhraseIndex()
    referring.add_all(lexicon["pronouns"], "pronoun")
    referring.add_all(lexicon["descriptions"], "description")
    roles.add_all(lexicon["official_roles"], "official")
    roles.add_all(lexicon["commentator_roles"], "commentator")
    for nationality in lexicon["nationalities"]:
        roles.add(nationality["word"], nationality["side"], case_sensitive=True)
    not_current = frozenset(lexicon.get("not_current", ()))
    offices = {slug: frozenset(words) for slug, words in office_words.items()}
    return Gazetteer(
        names,
        titles,
        referring,
        roles,
        exclusions,
        surnames,
        not_current,
        pronouns,
        offices,
        {slug: tuple(held) for slug, held in terms.items()},
        {k.lower(): v for k, v in lexicon.get("description_offices", {}).items()},
        {office: tuple(terms) for office, terms in by_office.items()},
        _house_offices(data.get("house_offices", {}), data.get("offices", {})),
        _leaders(by_wording, lexicon.get("leader_titles", [])),
        governments,
    )


def _leaders(by_wording: dict[str, list[_Title]], leader_titles: list[str]) -> frozenset[str]:
    """People with a title that heads a government or body ("Ukrainian president", "German
    chancellor"), not a deputy's ("US vice president")."""
    heads = [tuple(t.lower().split()) for t in leader_titles]
    found: set[str] = set()
    for wording, holders in by_wording.items():
        words = wording.split()
        cut = next((i for i, word in enumerate(words) if word in _OFFICE_GOES_ON), len(words))
        head = tuple(words[:cut])
        if any(head[-len(t) :] == t and head[: -len(t)][-1:] != ("vice",) for t in heads):
            found.update(holder.speaker.slug for holder in holders)
    return frozenset(found)


def delegated_to(speaker: SpeakerEntry) -> SpeakerEntry:
    """Whose document a person presents: a leader's own ("Zelensky's peace formula"), else
    the government an envoy or minister delivers it for (a draft an envoy handed over is
    the United States' terms)."""
    gaz = load_gazetteer()
    if speaker.kind != "person" or speaker.slug in gaz.leaders:
        return speaker
    return gaz.governments.get(speaker.side, speaker)


def _house_offices(
    table: dict[str, dict[str, str]], offices: dict[str, list[str]]
) -> dict[str, dict[str, str]]:
    for side, titles in table.items():
        for office in titles.values():
            if office not in offices:
                raise ValueError(f"house_offices of {side}: unknown office {office!r}")
    return {side: {t.lower(): o for t, o in titles.items()} for side, titles in table.items()}


def house_holder(description: str, side: str, on: date | None) -> SpeakerEntry | None:
    """Who a bare title names in the words of a government's own voice: "the President"
    in a State Department briefing is the US president on the day, "the Secretary" the
    secretary of state (the office for each title is in speakers.toml [house_offices]).
    None when the side has no such office or the day has no single holder."""
    gaz = load_gazetteer()
    words = " ".join(description.lower().split())
    words = words.removeprefix("the ")
    office = gaz.house_offices.get(side, {}).get(words)
    if office is None:
        return None
    return _holder_on(gaz.office_holders.get(office, ()), on)


def _office_of(wording: str) -> str:
    """The office noun of a title: "president" of "Ukrainian president" and of "President
    of Ukraine", "head" of "head of the presidential office", "spokesman" of "spokesman
    for the Secretary-General"."""
    words = wording.lower().split()
    cut = next((i for i, word in enumerate(words) if word in _OFFICE_GOES_ON), len(words))
    return words[cut - 1] if cut else words[-1]


def description_fits(
    description: str, speaker: SpeakerEntry, on: date | None = None
) -> bool | None:
    """Whether a bare description ("the secretary", "the president") names a person's
    office: True when one of the titles the gazetteer knows them by has its office word
    (held on the day `on`, when given), False when their titles lack it ("the secretary"
    is not the Ukrainian president), None when the gazetteer knows no title of theirs.
    Descriptions naming no office fit anyone."""
    gaz = load_gazetteer()
    words = " ".join(description.lower().split())
    office = gaz.description_offices.get(words, words.split()[-1])
    if office not in _OFFICE_WORDS:
        return True
    known = gaz.offices.get(speaker.slug)
    if known is None:
        return None
    if on is None:
        return office in known
    return any(word == office and term.held_on(on) for word, term in gaz.terms[speaker.slug])


def pronoun_fits(pronoun: str, speaker: SpeakerEntry) -> bool:
    """Whether a personal pronoun can stand for a person: "she" or "her" not for a man
    the gazetteer knows, "he", "his" or "him" not for a woman it knows. A person the
    article introduced may be either."""
    known = load_gazetteer().pronouns.get(speaker.slug)
    wanted = _PRONOUN_FORMS.get(pronoun.lower())
    return known is None or wanted is None or known == wanted


def _entry(row: dict[str, Any], seen: set[str]) -> SpeakerEntry:
    unknown = set(row) - _SPEAKER_KEYS
    if unknown:
        raise ValueError(f"{row.get('name')}: unknown keys {sorted(unknown)} in speakers.toml")
    entry = SpeakerEntry(slugify(row["name"]), row["name"], row["side"], row["kind"])
    if entry.slug in seen:
        raise ValueError(f"speaker listed twice in speakers.toml: {row['name']}")
    seen.add(entry.slug)
    return entry


def _case_sensitive(alias: str, row: dict[str, Any]) -> bool:
    """One capitalized word must be capitalized in text ("Trump", not "trump card"); names
    of two or more words match in any case, unless the entry says otherwise."""
    if "case_sensitive" in row:
        return bool(row["case_sensitive"])
    return len(alias.split()) == 1 and alias.lower() != alias


def _wordings(
    title: dict[str, Any],
    offices: dict[str, list[str]],
    prefixes: dict[str, list[str]],
    compounds: list[str],
    who: str,
) -> set[str]:
    """Every lower-case wording of one title row: its own words plus its office's."""
    wordings = _as_list(title.get("title"))
    for office in _as_list(title.get("office")):
        if office not in offices:
            raise ValueError(f"{who}: unknown office {office!r} in speakers.toml")
        wordings.extend(offices[office])
    if not wordings:
        raise ValueError(f"{who}: a title needs `title` or `office`: {title}")
    expanded: set[str] = set()
    for wording in wordings:
        for text in _expand(wording, prefixes, who):
            expanded |= _hyphen_variants(text.lower(), compounds)
    return expanded


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _expand(wording: str, prefixes: dict[str, list[str]], who: str) -> list[str]:
    """ "{US} secretary of state" -> "US secretary of state", "U.S. secretary of state", ..."""
    match = _PLACEHOLDER.search(wording)
    if match is None:
        return [wording]
    words = prefixes.get(match.group(1))
    if words is None:
        raise ValueError(f"{who}: unknown prefix {match.group(0)} in {wording!r}")
    return [
        text
        for word in words
        for text in _expand(wording[: match.start()] + word + wording[match.end() :], prefixes, who)
    ]


def _hyphen_variants(wording: str, compounds: list[str]) -> set[str]:
    """ "secretary-general" and "secretary general" are one title (the tokenizer keeps a
    hyphenated word whole, so both spellings must be indexed)."""
    variants = {wording}
    for compound in compounds:
        spaced, hyphenated = compound.lower(), compound.lower().replace(" ", "-")
        for variant in list(variants):
            variants.add(variant.replace(spaced, hyphenated))
            variants.add(variant.replace(hyphenated, spaced))
    return variants


@cache
def known_sides() -> frozenset[str]:
    """Every side the gazetteer and the role lexicon name ("Russia", "NATO", ...)."""
    sides = {row["side"] for row in load_data("speakers.toml")["speaker"]}
    sides |= {n["side"] for n in load_data("roles.toml")["nationalities"]}
    return frozenset(sides | {"commentator"})


def _parse_day(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def find_mentions(
    tokens: list[Token],
    lo: int,
    hi: int,
    *,
    on: date | None,
    introduced: dict[str, SpeakerEntry],
    text: str = "",
) -> list[Mention]:
    """Speakers named in tokens[lo:hi] as of the day `on`; `introduced` maps surnames of
    people met earlier in the article; `text`, the text the tokens index, shows where
    commas set a description off.

    New people introduced with a title are added to `introduced` (the article's own
    extension of the gazetteer) so that later surname mentions resolve; so are the
    ambiguous surnames of gazetteer people the article has named in full ("Jake
    Sullivan ... Sullivan said").
    """
    gaz = load_gazetteer()
    excluded = {i for h in gaz.exclusions.scan(tokens, lo, hi) for i in range(h.first, h.last + 1)}
    mentions = [
        Mention(h.first, h.last, h.start, h.end, h.payload, "name")
        for h in gaz.names.scan(tokens, lo, hi)
        if not excluded.issuperset(range(h.first, h.last + 1))
    ]
    title_hits = _outermost(gaz.titles.scan(tokens, lo, hi))
    for hit in gaz.referring.scan(tokens, lo, hi):
        mentions.append(Mention(hit.first, hit.last, hit.start, hit.end, None, hit.payload))
    for i in range(lo + 1, hi):
        # "the 72-year-old": a description by age refers back to the person named before.
        if tokens[i - 1].norm == "the" and _AGE.fullmatch(tokens[i].norm):
            first, last = tokens[i - 1], tokens[i]
            mentions.append(Mention(i - 1, i, first.start, last.end, None, "description"))
    known = {i for m in mentions for i in range(m.first, m.last + 1)}
    known |= {i for h in title_hits for i in range(h.first, h.last + 1)}
    mentions.extend(_introduced_people(tokens, lo, hi, gaz.roles, known, introduced, mentions))
    if text:
        role_hits = gaz.roles.scan(tokens, lo, hi)
        mentions.extend(_described_after(text, tokens, lo, hi, role_hits, known, introduced))
    for mention in mentions:
        if mention.how == "name" and mention.speaker is not None:
            for surname in gaz.surnames.get(mention.speaker.slug, ()):
                introduced[surname] = mention.speaker
    for i in range(lo, hi):
        token = tokens[i]
        if i not in known and token.capitalized and token.norm in introduced:
            mentions.append(Mention(i, i, token.start, token.end, introduced[token.norm], "name"))
    people = [m for m in mentions if m.speaker is not None and m.speaker.kind == "person"]
    unknown: set[int] = set()  # tokens of titles whose holder is unknown
    for hit in title_hits:
        holder = _title_holder(hit, tokens, lo, hi, people, on, gaz.not_current)
        if holder is None:
            unknown.update(range(hit.first, hit.last + 1))
        else:
            mentions.append(Mention(hit.first, hit.last, hit.start, hit.end, holder, "title"))
    # "Kremlin aide" (which one?) is an unknown person, not the Kremlin.
    mentions = [m for m in mentions if m.how != "name" or m.last not in unknown]
    return _longest_first(mentions)


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Title hits not inside a longer one: "Chinese Foreign Ministry spokeswoman" hides
    "Foreign Ministry spokeswoman" even when it names no one."""
    return [
        hit
        for hit in hits
        if not any(
            o.first <= hit.first and hit.last <= o.last and o.last - o.first > hit.last - hit.first
            for o in hits
        )
    ]


def _title_holder(
    hit: Hit,
    tokens: list[Token],
    lo: int,
    hi: int,
    people: list[Mention],
    on: date | None,
    not_current: frozenset[str],
) -> SpeakerEntry | None:
    """Who a title names: the person named beside it, else the holder on the day."""
    holders: tuple[_Title, ...] = hit.payload
    ever = {t.speaker for t in holders}
    # "US Secretary of State Marco Rubio": the name decides, whatever the day.
    after = next((m for m in people if m.first == hit.last + 1), None)
    if after is not None:
        return after.speaker if after.speaker in ever else None
    # "NATO chief Jens Stoltenberg" in 2025, "Pope Benedict": someone we cannot date.
    following = hit.last + 1
    if following < hi and _namelike(tokens[following]) and tokens[following].norm not in _CALENDAR:
        return None
    if following < hi and tokens[following].norm in _OFFICE_GOES_ON:
        return None
    # "Dmytro Kuleba, Ukraine's foreign minister," (a comma or dash between them).
    before = next((m for m in people if m.last == hit.first - 1), None)
    if before is not None and before.speaker in ever:
        if tokens[hit.first].start - tokens[before.last].end > 1:
            return before.speaker
    if hit.first > lo and tokens[hit.first - 1].norm in not_current:
        return None  # "the former US secretary of state": not the holder on the day
    return _holder_on(holders, on)


def _holder_on(holders: tuple[_Title, ...], on: date | None) -> SpeakerEntry | None:
    """Who held a title on a date; without a date, the current holder. Two holders at once
    ("Kremlin aide": Ushakov and Medinsky) leave it unknown."""
    if on is None:
        current = {t.speaker for t in holders if t.valid_to is None}
    else:
        current = {t.speaker for t in holders if t.held_on(on)}
    return next(iter(current)) if len(current) == 1 else None


def _introduced_people(
    tokens: list[Token],
    lo: int,
    hi: int,
    roles: PhraseIndex,
    known: set[int],
    introduced: dict[str, SpeakerEntry],
    named: list[Mention],
) -> list[Mention]:
    """People the gazetteer lacks, introduced by a description: "Former Russian diplomat A B",
    "Finland's foreign minister, A B,"."""
    found: list[Mention] = []
    role_hits = roles.scan(tokens, lo, hi)
    for hit in role_hits:
        if hit.payload not in ("official", "commentator"):
            continue
        name_first = hit.last + 1
        if name_first < hi and tokens[name_first].norm == ",":
            name_first += 1  # "the foreign minister, A B,": the name in apposition
        name_last = _name_run_end(tokens, name_first, hi, known)
        if name_last is None:
            continue
        if any(h.first == name_last + 1 for h in role_hits):
            continue  # "a former State Department official": the words name an employer
        # The description is the role word and the words just before it.
        described = [h.payload for h in role_hits if hit.first - 4 <= h.first <= hit.last]
        side = "commentator" if "commentator" in described else _side_of(described)
        if side is None:
            side = _government_before(named, hit.first)  # "Finland's foreign minister"
        if side is None:
            continue  # an official of an unknown party: no honest side to give
        name = " ".join(tokens[i].norm.title() for i in range(name_first, name_last + 1))
        entry = SpeakerEntry(slugify(name), name, side, "person")
        introduced[tokens[name_last].norm] = entry
        start, end = tokens[name_first].start, tokens[name_last].end
        found.append(Mention(name_first, name_last, start, end, entry, "introduced"))
        known.update(range(name_first, name_last + 1))
    return found


def _described_after(
    text: str,
    tokens: list[Token],
    lo: int,
    hi: int,
    role_hits: list[Hit],
    known: set[int],
    introduced: dict[str, SpeakerEntry],
) -> list[Mention]:
    """People introduced by a description after their name, the commonest way news
    introduces someone: "A B, a former Ukrainian deputy foreign minister,", "A B, an
    analyst at ...". The description's words give the side, as before a name."""
    found: list[Mention] = []
    for article in range(lo + 2, hi - 1):
        gap = text[tokens[article - 1].end : tokens[article].start]
        who = tokens[article].norm == _WHO
        if gap.strip() != "," or (tokens[article].norm not in _ARTICLES and not who):
            continue
        name_first = _name_before(text, tokens, lo, article, known)
        if name_first is None:
            continue
        if any(h.first < article and h.last >= name_first for h in role_hits):
            continue  # "High Representative, the ...": a title, not a name
        reach = article + _DESCRIPTION_WORDS
        described = [h.payload for h in role_hits if article < h.first <= reach]
        if who and "official" not in described:
            # "A B, who studies Russian policy at an institute,": only a person is a "who";
            # with no office named, one who speaks for themselves (a country in the clause
            # is what they study, not whom they speak for)
            described = ["commentator"]
        if not any(p in ("official", "commentator") for p in described):
            continue  # "A B, a neighbour,": no role, no guess
        side = "commentator" if "commentator" in described else _side_of(described)
        if side is None:
            continue  # an official of an unknown party: no honest side to give
        name_last = article - 1
        name = " ".join(tokens[i].norm.title() for i in range(name_first, article))
        entry = SpeakerEntry(slugify(name), name, side, "person")
        introduced[tokens[name_last].norm] = entry
        start, end = tokens[name_first].start, tokens[name_last].end
        found.append(Mention(name_first, name_last, start, end, entry, "introduced"))
        known.update(range(name_first, article))
    return found


def _name_before(text: str, tokens: list[Token], lo: int, end: int, known: set[int]) -> int | None:
    """First token of a person's name of two or three words ending before `end`."""
    first = end
    while first - 1 >= lo and end - first < _NAME_WORDS[1]:
        word = first - 1
        if not _namelike(tokens[word]) or word in known:
            break
        if first < end and not _joined(text, tokens, word):
            break
        first = word
    if end - first < _NAME_WORDS[0]:
        return None
    if first > lo and _namelike(tokens[first - 1]) and _joined(text, tokens, first - 1):
        return None  # a longer run of capitals: a body's or a place's name
    if first == lo and end - first == _NAME_WORDS[1]:
        first += 1  # "Then A B, a ...": a sentence's first word is capitalized anyway
    if any(tokens[i].norm in _CALENDAR for i in range(first, end)):
        return None  # "on Monday A B, ..."
    if first > lo and tokens[first - 1].norm in _ARTICLES:
        return None  # "the Danube Institute, a think tank,": a body, not a person
    return first


def _joined(text: str, tokens: list[Token], i: int) -> bool:
    """Whether token i and the next are words of one name: a single space between."""
    return i + 1 < len(tokens) and text[tokens[i].end : tokens[i + 1].start] == " "


def _government_before(named: list[Mention], first: int) -> str | None:
    """The side of a government named just before a role ("Finland's foreign minister")."""
    for mention in named:
        speaker = mention.speaker
        if speaker is not None and speaker.kind != "person" and first - 3 <= mention.last < first:
            return speaker.side
    return None


def _name_run_end(tokens: list[Token], first: int, hi: int, known: set[int]) -> int | None:
    """Last token of a run of two or three capitalized words starting at `first`."""
    last = first - 1
    while last + 1 < hi and last + 1 - first < _NAME_WORDS[1] and _namelike(tokens[last + 1]):
        if last + 1 in known:
            return None
        last += 1
    return last if last - first + 1 >= _NAME_WORDS[0] else None


def _namelike(token: Token) -> bool:
    return token.capitalized and token.norm not in _NOT_NAME and "." not in token.norm


def _side_of(described: list[str]) -> str | None:
    sides = [p for p in described if p not in ("official", "commentator")]
    return sides[-1] if sides else None


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order, dropping any inside a longer one ("Putin" in "Vladimir Putin").

    Of two overlapping mentions the longer wins; of two as long, the later one, since an
    English noun phrase ends in its head ("the US" + "US president" is the president).
    """
    ordered = sorted(mentions, key=lambda m: (m.first, -m.last))
    kept: list[Mention] = []
    for mention in ordered:
        if kept and mention.first >= kept[-1].first and mention.last <= kept[-1].last:
            continue
        if kept and mention.first <= kept[-1].last:  # partial overlap: keep the longer one
            if mention.last - mention.first >= kept[-1].last - kept[-1].first:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept
