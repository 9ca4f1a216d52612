"""The article's publication date, read from the article's own text.

Four places, most credible first: a wire or city dateline opening the body ("MOSCOW, May 2
(Reuters) -", "KYIV, 3 March 2025 -"), metadata lines at the top ("Published: 13 March
2025", YAML front matter), a date line ("July 5, 2024" or "03.03.2025 14:05" alone on a
line), and a date inside a URL printed in the text. A year-less dateline takes its year from
the rest of the page (a date in the header, a copyright line, a dated URL) only when they
agree on one; otherwise the publication date stays unknown. Nothing found gives None: the
clock is never a publication date.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date
from functools import cache
from typing import NamedTuple

import dateparser

from app.extraction.dates import MONTHS, find_dates
from app.extraction.lexicon import load_data
from app.extraction.records import DatePrecision, PublicationDate

_DATE_WORDS = load_data("dates.toml")
_LEXICON = _DATE_WORDS["published"]
_DATELINES = load_data("datelines.toml")
_LIMITS: dict[str, int] = _DATELINES["limits"]
_EDGE_LINES = 3  # lines at the top where a date at a line's edge is the publication date
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
_TOP_LINES = 15  # metadata sits in the first lines, after a headline and a byline at most
_DATE_LINE_REACH = 80  # a date line is no longer than this
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}


def _keys(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[\s_-]*") for w in sorted(words, key=len)[::-1])


# "Published: 13 March 2025", "date: 2024-07-05", "Updated March 13, 2025 10:02 GMT".
_META = re.compile(
    rf"^\s*[\"']?(?:(?P<key>{_keys(_LEXICON['front_matter_keys'])})"
    rf"|(?P<update>{_keys(_LEXICON['update_keys'])}))\b[\"']?\s*[:=|–—-]?\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
# What may stand beside a date line's date on its line: times, zones, separators.
_DATE_LINE_RESIDUE = re.compile(
    r"^(?:[\s|,·•–—-]|at\b|\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|\(?(?:[A-Z]{2,5}|UTC|GMT)"
    r"(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)*$"
)
# A short label before a date line's date: "Politics | July 5, 2024", "Jane Doe · July 5, 2024".
_LABEL = re.compile(r"^[^\n|·•]{1,60}[|·•]$")

_D = _DATELINES["dateline"]
# A date in any order and language the data file knows: "May 2", "12 June 2024", "03.03.2025".
_DATE = re.compile(rf"(?<![\w.])(?:{_D['date']})", re.VERBOSE)
# A dateline at the head of a line: place, qualifiers and date, then an agency and a dash,
# or nothing more on the line ("Kyiv, 23 August 2024" above the body).
_DATELINE = re.compile(
    rf"""^\s*(?:
        (?P<place>{_D["place"]})(?:,\s*{_D["qualifier"]}){{0,2}}?
        (?:,\s*(?P<date>{_D["date"]})\.?)?\s*
    )?
    (?:{_D["agency_slashed"]}(?:\s*{_D["separator"]})?
      |(?:{_D["agency_bracketed"]}\s*)?{_D["separator"]}
      |(?P<alone>$))""",
    re.VERBOSE,
)
# Words that open a line but never name a place: "On May 2, ...", "Friday, July 5, 2024".
_NOT_PLACES = frozenset(
    w.lower() for w in [*_D["not_places"], *_DATE_WORDS["words"]["weekdays"], *MONTHS]
)
_LANGUAGES: list[str] = _DATELINES["languages"]
_COPYRIGHT = re.compile(_DATELINES["year_sources"]["copyright"], re.VERBOSE)
_URL_YEAR = re.compile(_DATELINES["year_sources"]["url_year"], re.VERBOSE)

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”]+")
_URL_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_URL_DATES = [
    # Path segments: "/2024/07/05/".
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)"),
    # ISO in a slug: "-2024-07-05".
    re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
    ),
    # Month name first in a slug: "assessment-july-5-2024".
    re.compile(
        rf"(?<![a-z])(?P<mon>{_URL_MONTH})-(?P<d>\d{{1,2}})-(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # Day first in a slug: "5-july-2024".
    re.compile(
        rf"(?<![\w])(?P<d>\d{{1,2}})-(?P<mon>{_URL_MONTH})-(?P<y>(?:19|20)\d\d)(?!\d)",
        re.IGNORECASE,
    ),
    # Compact: "/20240705/" or "-20240705-".
    re.compile(
        r"[/_-](?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    ),
]


class Dateline(NamedTuple):
    """A dateline opening the article body, with what it says of the date."""

    text: str  # "MOSCOW, May 2 (Reuters) -"
    start: int  # its offsets in the article text
    end: int
    place: str | None  # "MOSCOW"; None in "(TASS) -"
    agency: str | None  # "Reuters"
    year: int | None  # None when the dateline gives none
    month: int | None
    day: int | None


def find_publication_date(text: str) -> PublicationDate | None:
    """The article's publication date from its own text: dateline, front matter, or a dated URL."""
    lines = _top_lines(text)
    head = _head(text, len(lines))
    found = _find_dateline(head)
    if found is not None and found[1].day is not None:
        index, dateline = found
        return _dateline_date(text, [line for _, line in head[:index]], dateline)
    return (
        _from_front_matter(lines)
        or _from_date_line(head)
        or _from_line_edge(head[:_EDGE_LINES])
        or _from_url(text)
    )


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens the article body near the top of the text, dated or not."""
    found = _find_dateline(_head(text, len(_top_lines(text))))
    return found[1] if found else None


def _top_lines(text: str) -> list[str]:
    """The first lines of the text, with a whole YAML front matter block however long."""
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        return lines[: max(end, _TOP_LINES)]
    return lines[:_TOP_LINES]


def _head(text: str, top: int) -> list[tuple[int, str]]:
    """The non-blank lines, stripped and with their offsets, in which a dateline or date line
    may stand: the first few of the top lines, and never past the first body paragraphs."""
    head: list[tuple[int, str]] = []
    paragraphs, end = 0, 0
    for raw in text.splitlines(keepends=True)[:top]:
        end += len(raw)
        body = raw.lstrip("\ufeff").lstrip()
        line = body.rstrip()
        if not line:
            continue
        if len(head) == _LIMITS["lines"] or paragraphs > _LIMITS["paragraphs_before"]:
            break
        head.append((end - len(body), line))
        paragraphs += len(line.split()) >= _LIMITS["paragraph_words"]
    return head


def _find_dateline(head: list[tuple[int, str]]) -> tuple[int, Dateline] | None:
    """The first dated dateline of the head with its index, else the first dateless one."""
    dateless: tuple[int, Dateline] | None = None
    for index, (offset, line) in enumerate(head):
        dateline = _read_dateline(line, offset)
        if dateline is None:
            continue
        if dateline.day is not None:
            return index, dateline
        dateless = dateless or (index, dateline)
    return dateless


def _read_dateline(line: str, offset: int) -> Dateline | None:
    """The dateline opening this line (which starts at offset), if its parts hold together."""
    found = _DATELINE.match(line)
    if found is None:
        return None
    place, agency = found["place"], found["slashed"] or found["bracketed"]
    if place is None and agency is None:
        return None  # a dash opening a line is a list item
    if found["alone"] is not None and found["date"] is None:
        return None  # a place alone on its line is a headline or a label
    if place is not None:
        words = place.split()
        if any(w.rstrip(".").lower() in _NOT_PLACES or not w[0].isupper() for w in words):
            return None
        # "Kyiv, March 3, 2025 —" is a dateline; "Zelensky (left) —" is a caption, and
        # "Daily Campaign Assessment, June 15, 2024" a headline.
        if not place.isupper() and (
            found["date"] is None or len(words) > _LIMITS["title_case_place_words"]
        ):
            return None
    parts = _date_parts(found) if found["date"] else (None, None, None)
    if parts is None:
        return None  # "KYIV, Ukraine 5 -": words in a date's place that are no date
    words = found.group().rstrip()
    return Dateline(words, offset, offset + len(words), place, agency and agency.strip(), *parts)


def _date_parts(
    found: re.Match[str], *, need_year: bool = False
) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a date pattern match, or None when it names no day."""
    if found["num_d"]:
        year, month, day = int(found["num_y"]), int(found["num_m"]), int(found["num_d"])
    else:
        k = "md" if found["md_mon"] else "dm"
        year = int(found[f"{k}_year"]) if found[f"{k}_year"] else None
        if year is None and need_year:
            return None
        month = _month_number(found[f"{k}_mon"]) or 0
        day = int(found[f"{k}_day"])
    try:  # checked in a leap year when there is no year: "February 29" may be a dateline
        date(year or 2000, month, day)
    except ValueError:
        return None
    return year, month, day


@cache
def _month_number(word: str) -> int | None:
    """The month a word names, in English or another language the data file lists."""
    key = word.rstrip(".").lower()
    if key in MONTHS:
        return MONTHS[key]
    parsed = dateparser.parse(f"1 {key} 2000", languages=_LANGUAGES, settings=_DATEPARSER_SETTINGS)
    return parsed.month if parsed else None


def _dateline_date(text: str, header: list[str], dateline: Dateline) -> PublicationDate | None:
    """A dated dateline's day, with its year from the page when it prints none."""
    assert dateline.month is not None and dateline.day is not None
    if dateline.year is not None:
        value = date(dateline.year, dateline.month, dateline.day)
        return PublicationDate(value, "dateline", dateline.text)
    found = _page_year(text, header, dateline.month, dateline.day)
    if found is None:
        return None  # never a guessed year
    year, source = found
    try:
        value = date(year, dateline.month, dateline.day)
    except ValueError:  # "February 29" in a year without one
        return None
    return PublicationDate(value, "dateline", f"{dateline.text} (year from “{source}”)")


def _page_year(text: str, header: list[str], month: int, day: int) -> tuple[int, str] | None:
    """The one year the page gives a year-less dateline, with its words; None if none or two."""
    years: dict[int | None, str] = {}  # None: a date too far from the dateline's day to agree
    for line in header:
        for *_, value in _full_dates(line):
            years.setdefault(_nearest_year(value, month, day), line)
    for notice in _COPYRIGHT.finditer(text):
        years.setdefault(int(notice["year"]), notice.group())
    for url in _urls(text):
        value = _url_date(url)
        year = _URL_YEAR.search(url)
        if value is not None:
            years.setdefault(_nearest_year(value, month, day), url)
        elif year is not None:
            years.setdefault(int(year["year"]), url)
    [(year, source)] = years.items() if len(years) == 1 else [(None, "")]
    return None if year is None else (year, source)


def _nearest_year(ref: date, month: int, day: int) -> int | None:
    """The year that puts month and day near a full date ("Dec 31" by "1 January 2025" is in
    2024), or None when no year puts it near enough to be the same news."""
    for year in (ref.year, ref.year - 1, ref.year + 1):  # the reach is under half a year
        with suppress(ValueError):
            if abs((date(year, month, day) - ref).days) <= _LIMITS["year_reach_days"]:
                return year
    return None


def _full_dates(line: str) -> list[tuple[int, int, date]]:
    """Every date with day, month and year in a line, as (start, end, date)."""
    found = [
        (m.start, m.end, date.fromisoformat(m.value))
        for m in find_dates(line, None)
        if m.precision == DatePrecision.DAY and m.value
    ]
    for m in _DATE.finditer(line):
        parts = _date_parts(m, need_year=True)
        if parts is not None and parts[0] is not None:
            found.append((m.start(), m.end(), date(*parts)))
    return sorted(found, key=lambda f: f[0])


def _from_front_matter(lines: list[str]) -> PublicationDate | None:
    updated: PublicationDate | None = None
    for line in lines:
        meta = _META.match(line)
        if meta is None:
            continue
        value = _full_date(meta["value"])
        if value is None:
            continue
        found = PublicationDate(value, "front-matter", line.strip())
        if meta["key"]:
            return found
        updated = updated or found
    return updated


def _from_date_line(head: list[tuple[int, str]]) -> PublicationDate | None:
    """A line that is a date and little else: "July 5, 2024", "World | 5 July 2024"."""
    for _, line in head:
        if len(line) > _DATE_LINE_REACH:
            continue
        for start, end, value in _full_dates(line):
            before = line[:start].strip()
            if (not before or _LABEL.match(before)) and _DATE_LINE_RESIDUE.match(line[end:]):
                return PublicationDate(value, "dateline", line)
    return None


def _from_line_edge(head: list[tuple[int, str]]) -> PublicationDate | None:
    """A full date opening or closing one of the first lines: "Friday 16 May 2025. All times
    local", "Daily Campaign Assessment, June 15, 2024" (a daily report's title)."""
    for _, line in head:
        for start, end, value in _full_dates(line):
            before = line[:start].strip(" ,|-–—").lower()
            after = line[end:].strip()
            if line[start:end].lower().startswith("on "):
                continue  # "On May 2, 2025 Moscow said": a sentence, not a date line
            opens = (not before or before in _WEEKDAYS) and after[:1] in ("", ".", "|", ",")
            if opens or not after.strip(".,;:|-–—"):
                return PublicationDate(value, "dateline", line)
    return None


def _urls(text: str) -> list[str]:
    if "://" not in text and "www." not in text:  # a quick no before a scan of the whole text
        return []
    return [url.group().rstrip(".,;:!?)]}’”") for url in _URL.finditer(text)]


def _from_url(text: str) -> PublicationDate | None:
    for url in _urls(text):
        value = _url_date(url)
        if value is not None:
            return PublicationDate(value, "url", url)
    return None


def _url_date(url: str) -> date | None:
    for pattern in _URL_DATES:
        found = pattern.search(url)
        if found is None:
            continue
        parts = found.groupdict()
        month = MONTHS[parts["mon"].lower()] if parts.get("mon") else int(parts["m"])
        try:
            return date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:
            continue
    return None


def _full_date(value: str) -> date | None:
    """A date with day, month and year from a metadata value, else None."""
    for *_, found in _full_dates(value):
        return found
    # Other forms ("2025/03/13") go to dateparser, which is slow and reads "2 days ago"
    # against the clock: it is asked only about values naming a year.
    year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", value)
    if year is None:
        return None
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or parsed.year != int(year.group()):
        return None
    return parsed.date()
