"""The Jinja2 environment shared by all pages (autoescaping on for .html), and the small
display helpers every template uses: condition labels, side colours, dates at precision."""

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlencode

from jinja2 import pass_context
from jinja2.runtime import Context
from jinja2_fragments.fastapi import Jinja2Blocks
from markupsafe import Markup, escape

from app.codebook import explain
from app.config import ROOT
from app.extraction.conditions import condition_labels
from app.extraction.doubts import DOUBTS
from app.search_query import SearchError, parse_search
from app.web.auth import csrf_token, signed_in_admin, signed_in_name

templates = Jinja2Blocks(directory=str(ROOT / "templates"))

# Fixed colours for the principal sides; other sides get one from FALLBACK by hash, so a
# side keeps its colour across pages and reloads. All have >= 4.5:1 contrast on white.
SIDE_COLOURS = {
    "Russia": "#b3261e",
    "Ukraine": "#1f5fa8",
    "United States": "#6a3fa0",
    "European Union": "#0b6e69",
    "NATO": "#34495e",
    "Belarus": "#a0522d",
    "China": "#8a6d00",
    "Hungary": "#2e7d32",
    "commentator": "#616161",
}
FALLBACK = ("#7b1fa2", "#00695c", "#5d4037", "#455a64", "#ad1457", "#283593", "#558b2f")
# Pages mark a side by a class per colour (static/style.css sets --side for each), not by
# a style attribute: the Content-Security-Policy allows no inline style.
PALETTE = tuple(dict.fromkeys((*SIDE_COLOURS.values(), *FALLBACK)))
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def side_colour(side: str) -> str:
    """The colour that marks a side everywhere (chips, chart marks, matrix headers)."""
    if side in SIDE_COLOURS:
        return SIDE_COLOURS[side]
    digest = hashlib.sha1(side.encode()).digest()
    return FALLBACK[digest[0] % len(FALLBACK)]


def side_class(side: str) -> str:
    """The CSS class that gives an element its side's colour as `--side`: "side-colour-3"."""
    return f"side-colour-{PALETTE.index(side_colour(side))}"


def format_date(value: str | None) -> str:
    """A stored date at its own precision: "5 Jul 2024", "Jul 2024", "2024" or "undated"."""
    if not value:
        return "undated"
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def query_string(items: list[tuple[str, str]], **extra: object) -> str:
    """ "?a=1&b=2" from (name, value) pairs plus keyword overrides (None drops a key, a
    list gives the key once per value)."""
    pairs = [(k, v) for k, v in items if k not in extra]
    for k, v in extra.items():
        values = v if isinstance(v, list | tuple) else [] if v is None else [v]
        pairs += [(k, str(value)) for value in values]
    return "?" + urlencode(pairs) if pairs else ""


def without(items: list[tuple[str, str]], name: str, value: str | None = None) -> str:
    """The query string of `items` less one filter value (or all values of `name`)."""
    kept = [(k, v) for k, v in items if not (k == name and (value is None or v == value))]
    return query_string(kept)


def filter_summary(
    items: list[tuple[str, str]], labels: Mapping[tuple[str, str], str] | None = None
) -> str:
    """The active filters in words, for a page's heading and title: "Vladimir Putin,
    Territory (Russian demands), demand, from 2022-01-01, “ceasefire”". `labels` names
    values by (parameter, value), e.g. a speaker slug by the speaker's name."""
    labels = labels or {}
    conditions = condition_labels()
    words = {
        "date_from": "from {}",
        "date_to": "to {}",
        "q": "“{}”",
        "source": "article {}",
        "status": "status {}",
        "kind": "kind {}",
    }
    parts = []
    for name, value in items:
        if name == "include_commentators":
            parts.append("with commentators")
        elif (name, value) in labels and name not in ("date_from", "date_to", "q"):
            parts.append(labels[(name, value)])
        elif name == "condition":
            parts.append(conditions.get(value, value))
        else:
            parts.append(words.get(name, "{}").format(value))
    return ", ".join(parts)


@lru_cache(maxsize=256)
def _hit_pattern(q: str) -> re.Pattern[str] | None:
    """The words a search seeks (each a prefix) as one pattern; cached, as every card of
    a page highlights the same search."""
    try:
        words = sorted(set(parse_search(q).words), key=len, reverse=True)
    except SearchError:
        return None
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def highlight(text: str | None, q: str | None) -> Markup:
    """The text, escaped, with the words the search found marked (<mark>): each sought
    word and its spellings, as a prefix, case-insensitively."""
    if not text:
        return Markup("")
    pattern = _hit_pattern(q) if q else None
    if pattern is None:
        return escape(text)
    parts, last = [], 0
    for hit in pattern.finditer(text):
        parts.append(escape(text[last : hit.start()]))
        parts.append(Markup('<mark class="hit">') + escape(hit.group(0)) + Markup("</mark>"))
        last = hit.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@pass_context
def static_path(context: Context, path: str) -> str:
    """The URL of a file in static/ as a path on this site: never built from the request's
    Host header (as url_for's absolute URLs are), so a spoofed Host cannot move a script."""
    root = context["request"].scope.get("root_path", "").rstrip("/")
    return f"{root}/static/{path}"


def iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


templates.env.globals.update(
    condition_labels=condition_labels(),
    explain=explain,
    doubt_labels=DOUBTS,
    csrf_token=csrf_token,
    signed_in_name=signed_in_name,
    signed_in_admin=signed_in_admin,
    side_class=side_class,
    static_path=static_path,
    side_colour=side_colour,
    query_string=query_string,
    without=without,
)
templates.env.filters.update(format_date=format_date, iso=iso, highlight=highlight)
