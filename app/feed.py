"""Atom feeds of statements (RFC 4287), pure: rows in, XML bytes out.

Each statement is one entry: its speaker and conditions as the title, its quote or
evidence as the summary, a category per condition, and a link to its page. Entries are
identified by their permanent URL, so a feed reader shows a statement once, and again
only when it changes (its `updated`).
"""

import datetime as dt
import re
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from app.crud.statements import StatementRow

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)
# Characters XML 1.0 does not allow even escaped (control characters but tab and line
# ends, lone surrogates, U+FFFE/U+FFFF): ElementTree writes them as they are, and one
# stray escape character in an article made the whole feed unreadable to a feed reader.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _stamp(value: dt.datetime | None) -> str:
    moment = value or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # stored in UTC
    return moment.isoformat(timespec="seconds")


def _xml_text(value: str) -> str:
    """`value` with each character XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def entry_title(row: StatementRow, labels: dict[str, str]) -> str:
    """ "Vladimir Putin: Territory (demand), Ceasefire (reject)"."""
    conditions = ", ".join(
        f"{labels.get(c.condition, c.condition)} ({c.stance})" for c in row.conditions
    )
    return f"{row.speaker}: {conditions}"


def _said(row: StatementRow) -> str:
    if not row.date:
        return "Date unknown."
    if row.date_basis == "publication":
        return f"Reported on {row.date}."
    return f"Said {'in' if row.date_precision != 'day' else 'on'} {row.date}."


def atom_feed(
    rows: Iterable[StatementRow],
    *,
    title: str,
    site: str,
    self_url: str,
    page_url: str,
    labels: dict[str, str],
) -> bytes:
    """The feed: `site` is the base URL without a trailing slash, `self_url` the feed's own
    address and `page_url` the timeline view it follows."""
    rows = list(rows)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", title)
    _add(feed, "id", self_url)
    _add(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _add(feed, "link", rel="alternate", href=page_url, type="text/html")
    _add(feed, "updated", _stamp(max((r.updated_at for r in rows if r.updated_at), default=None)))
    author = _add(feed, "author")
    _add(author, "name", "Peace Terms Tracker")
    _add(feed, "generator", "Peace Terms Tracker")
    for row in rows:
        url = f"{site}/statements/{row.id}"
        entry = _add(feed, "entry")
        _add(entry, "title", entry_title(row, labels))
        _add(entry, "id", url)
        _add(entry, "link", rel="alternate", href=url, type="text/html")
        _add(entry, "published", _stamp(row.created_at))
        _add(entry, "updated", _stamp(row.updated_at))
        speaker = _add(entry, "author")
        _add(speaker, "name", f"{row.speaker} ({row.side})")
        for condition in row.conditions:
            _add(
                entry,
                "category",
                term=condition.condition,
                label=f"{labels.get(condition.condition, condition.condition)}: {condition.stance}",
            )
        words = f"“{row.quote}”" if row.quote else row.evidence
        sources = "; ".join(dict.fromkeys(s.title or "untitled article" for s in row.sources))
        _add(entry, "summary", f"{_said(row)} {words} Reported by: {sources}.", type="text")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
