"""The article's publication date, read from the article's own text.

Three places, most credible first: metadata lines at the top ("Published: 13 March 2025",
YAML front matter), a dateline ("July 5, 2024" alone on a line, "KYIV, Feb 24, 2025
(Reuters) -"), and a date inside a URL printed in the text. Nothing found gives None: the
clock is never a publication date.
"""

from __future__ import annotations

import re
from datetime import date

import dateparser

from app.extraction.dates import MONTHS, find_dates
from app.extraction.lexicon import load_data
from app.extraction.records import DatePrecision, PublicationDate

_LEXICON = load_data("dates.toml")["published"]
_TOP_LINES = 15  # metadata sits in the first lines, after a headline and a byline at most
_DATELINE_LINES = 10  # non-blank lines in which a dateline may stand
_DATELINE_REACH = 80  # a dateline's date stands this near the start of its line
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}


def _keys(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[\s_-]*") for w in sorted(words, key=len)[::-1])


# "Published: 13 March 2025", "date: 2024-07-05", "Updated March 13, 2025 10:02 GMT".
_META = re.compile(
    rf"^\s*[\"']?(?:(?P<key>{_keys(_LEXICON['front_matter_keys'])})"
    rf"|(?P<update>{_keys(_LEXICON['update_keys'])}))\b[\"']?\s*[:=|–—-]?\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
# What may stand beside a dateline's date on its line: times, zones, separators.
_DATELINE_RESIDUE = re.compile(
    r"^(?:[\s|,·•–—-]|at\b|\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|\(?(?:[A-Z]{2,5}|UTC|GMT)"
    r"(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)*$"
)
# A wire dateline's place before the date: "KYIV,", "WASHINGTON, D.C.,", "MOSCOW, Russia,".
_WIRE_PLACE = re.compile(r"^[A-Z][A-Z .'’-]*[A-Z.](?:,\s*[A-Z][\w .'’-]*)*,$")
# The same place at the head of a long line, which is body text otherwise.
_WIRE_START = re.compile(r"[A-Z][A-Z .'’-]*[A-Z.],")
# And after it: an optional agency in brackets, then a dash: "(Reuters) -".
_WIRE_TAIL = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?[–—-]")
# A short label before a dateline's date: "Politics | July 5, 2024", "Jane Doe · July 5, 2024".
_LABEL = re.compile(r"^[^\n|·•]{1,60}[|·•]$")

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


def find_publication_date(text: str) -> PublicationDate | None:
    """The article's publication date from its own text: dateline, front matter, or a dated URL."""
    lines = _top_lines(text)
    return _from_front_matter(lines) or _from_dateline(lines) or _from_url(text)


def _top_lines(text: str) -> list[str]:
    """The first lines of the text, with a whole YAML front matter block however long."""
    lines = text.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        return lines[: max(end, _TOP_LINES)]
    return lines[:_TOP_LINES]


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


def _from_dateline(lines: list[str]) -> PublicationDate | None:
    for line in [line.strip() for line in lines if line.strip()][:_DATELINE_LINES]:
        if len(line) > _DATELINE_REACH and not _WIRE_START.match(line):
            continue  # a long line is body text unless it opens with a wire dateline's place
        for mention in find_dates(line[:_DATELINE_REACH], None):
            if mention.precision != DatePrecision.DAY or mention.value is None:
                continue  # only a full date can be a dateline
            value = date.fromisoformat(mention.value)
            before, after = line[: mention.start].strip(), line[mention.end :]
            tail = _WIRE_TAIL.match(after)
            if tail and _WIRE_PLACE.match(before):  # evidence up to the dash: "... (Reuters) -"
                return PublicationDate(value, "dateline", line[: mention.end + tail.end()])
            if (not before or _LABEL.match(before)) and _DATELINE_RESIDUE.match(after):
                return PublicationDate(value, "dateline", line)
    return None


def _from_url(text: str) -> PublicationDate | None:
    if "://" not in text and "www." not in text:  # a quick no before a scan of the whole text
        return None
    for url in _URL.finditer(text):
        evidence = url.group().rstrip(".,;:!?)]}’”")
        for pattern in _URL_DATES:
            found = pattern.search(evidence)
            if found is None:
                continue
            parts = found.groupdict()
            month = MONTHS[parts["mon"].lower()] if parts.get("mon") else int(parts["m"])
            try:
                return PublicationDate(
                    date(int(parts["y"]), month, int(parts["d"])), "url", evidence
                )
            except ValueError:
                continue
    return None


def _full_date(value: str) -> date | None:
    """A date with day, month and year from a metadata value, else None."""
    for mention in find_dates(value, None):
        if mention.precision == DatePrecision.DAY and mention.value:
            return date.fromisoformat(mention.value)
    # Numeric and other forms ("13.03.2025", "2025/03/13") go to dateparser, which is slow
    # and reads "2 days ago" against the clock: it is asked only about values naming a year.
    year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", value)
    if year is None:
        return None
    parsed = dateparser.parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or parsed.year != int(year.group()):
        return None
    return parsed.date()
