"""The statement filters shared by the timeline, the CSV export and the JSON API.

One typed object, parsed from query parameters and checked against what the
database knows, so a permalink, a script and a test all mean the same thing by
`?speaker=vladimir-putin&condition=territory&stance=demand`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field, replace

from app.extraction.conditions import condition_labels, region_name
from app.extraction.records import DatePrecision, Kind, Stance
from app.models import StatementStatus
from app.search_query import SearchError, parse_search

MAX_QUERY_LENGTH = 200
MAX_REGION_LENGTH = 80
# `status=reviewed`: what an editor vouched for (verified, edited or added by hand).
REVIEWED = "reviewed"
REVIEWED_STATUSES = (
    StatementStatus.VERIFIED.value,
    StatementStatus.EDITED.value,
    StatementStatus.ADDED.value,
)
_TRUE = frozenset({"1", "true", "on", "yes"})
_FALSE = frozenset({"0", "false", "off", "no"})
# Parameters that pages add beside the filters; they are not filter values.
VIEW_PARAMETERS = frozenset({"page", "order", "cursor", "limit", "by", "view"})
FILTER_PARAMETERS = (
    "speaker",
    "side",
    "condition",
    "stance",
    "region",
    "precision",
    "kind",
    "date_from",
    "date_to",
    "q",
    "status",
    "source",
    "include_commentators",
)


class FilterError(ValueError):
    """A filter value that is unknown or malformed; the message is shown to the user."""


# Repeatable parameters and the StatementFilters field holding their values.
MULTIPLE = {
    "speaker": "speakers",
    "side": "sides",
    "condition": "conditions",
    "stance": "stances",
    "region": "regions",
    "precision": "precisions",
}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The values the database knows, against which filter values are checked."""

    speakers: Mapping[str, str]  # slug -> side
    sides: frozenset[str]
    article_ids: Container[int]  # tested one id at a time: there may be a million
    # slugs of speakers merged into others -> the slug they now go by (old links keep working)
    aliases: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StatementFilters:
    """Which statements to show. Empty means no constraint.

    Several values of one parameter mean any of them (`side=Russia&side=Ukraine`); different
    parameters must all hold. Condition, stance and region are read on one condition of the
    statement: `condition=territory&stance=demand` keeps a statement that demands territory,
    not one that demands a ceasefire and rejects a territorial deal.
    """

    speakers: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # canonical names ("Donbas" for "Donbass")
    precisions: tuple[str, ...] = ()
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str | None = None
    status: str | None = None
    source: int | None = None
    include_commentators: bool = False
    # Speakers named in `speakers` who are commentators: shown even when commentators are not.
    named_commentators: tuple[str, ...] = field(default=(), compare=False)

    @property
    def excludes_commentators(self) -> bool:
        """Commentators are hidden unless asked for by flag, by side, or by name."""
        return not self.include_commentators and "commentator" not in self.sides

    @property
    def is_empty(self) -> bool:
        return self == StatementFilters()

    def without(self, name: str) -> StatementFilters:
        """The same filters less one parameter (for facet counts and "remove" links)."""
        cleared = {
            "speaker": {"speakers": (), "named_commentators": ()},
            "include_commentators": {"include_commentators": False},
        }.get(name)
        if cleared is None:
            field_name = MULTIPLE.get(name, name)
            cleared = {field_name: () if name in MULTIPLE else None}
        return replace(self, **cleared)

    def selected(self, name: str) -> tuple[str, ...]:
        """The values chosen for one parameter, as text ("source" gives the article id)."""
        if name in MULTIPLE:
            return getattr(self, MULTIPLE[name])
        value = getattr(self, name)
        if value is None or value is False:
            return ()
        return ("1",) if value is True else (str(value),)

    def keeps_condition(self, condition: str, stance: str, regions: Iterable[str]) -> bool:
        """Whether one condition of a statement meets the condition, stance and region
        filters (the export lists only these rows, the chart draws only these marks)."""
        return (
            (not self.conditions or condition in self.conditions)
            and (not self.stances or stance in self.stances)
            and (not self.regions or any(region_name(r) in self.regions for r in regions))
        )

    def query_items(self) -> list[tuple[str, str]]:
        """The filters as (parameter, value) pairs, in the contract's order, for URLs."""
        items: list[tuple[str, str]] = []
        for name in ("speaker", "side", "condition", "stance", "region", "precision"):
            items += [(name, value) for value in self.selected(name)]
        if self.kind:
            items.append(("kind", self.kind))
        if self.date_from:
            items.append(("date_from", self.date_from.isoformat()))
        if self.date_to:
            items.append(("date_to", self.date_to.isoformat()))
        if self.q:
            items.append(("q", self.q))
        if self.status:
            items.append(("status", self.status))
        if self.source is not None:
            items.append(("source", str(self.source)))
        if self.include_commentators:
            items.append(("include_commentators", "1"))
        return items

    def describe(self) -> str:
        """A short slug of what is filtered, for file names: "vladimir-putin_territory"."""
        parts = [*self.speakers, *self.sides, *self.conditions, *self.stances, *self.regions]
        parts += [*self.precisions, self.kind or "", self.status or ""]
        if self.date_from or self.date_to:
            parts.append(
                f"{self.date_from.isoformat() if self.date_from else ''}"
                f"--{self.date_to.isoformat() if self.date_to else ''}"
            )
        if self.q:
            parts.append("q-" + "".join(ch if ch.isalnum() else "-" for ch in self.q.lower()))
        if self.source is not None:
            parts.append(f"article-{self.source}")
        slug = "_".join(p.replace(" ", "-").lower() for p in parts if p)
        return slug[:80].strip("-_") or "all"


def parse_filters(params: Iterable[tuple[str, str]], vocabulary: Vocabulary) -> StatementFilters:
    """Read filters from query parameters; raise FilterError naming the first bad value."""
    values: dict[str, list[str]] = {}
    for name, value in params:
        if name in FILTER_PARAMETERS and value.strip():
            values.setdefault(name, []).append(value.strip())

    def single(name: str) -> str | None:
        given = values.get(name, [])
        if len(given) > 1:
            raise FilterError(f"{name} takes one value, got {len(given)}")
        return given[0] if given else None

    given = (vocabulary.aliases.get(slug, slug) for slug in values.get("speaker", []))
    speakers = tuple(dict.fromkeys(given))
    for slug in speakers:
        if slug not in vocabulary.speakers:
            raise FilterError(
                f"unknown speaker {slug!r}: use a speaker slug such as 'vladimir-putin'"
            )
    sides = _members(values, "side", sorted(vocabulary.sides))
    conditions = tuple(dict.fromkeys(values.get("condition", [])))
    known_conditions = condition_labels()
    for condition in conditions:
        if condition not in known_conditions:
            raise FilterError(f"unknown condition {condition!r}: use a taxonomy id")
    stances = _members(values, "stance", [s.value for s in Stance])
    if any(len(r) > MAX_REGION_LENGTH for r in values.get("region", [])):
        raise FilterError(f"region is longer than {MAX_REGION_LENGTH} characters")
    regions = tuple(dict.fromkeys(region_name(r) for r in values.get("region", [])))
    precisions = _members(values, "precision", [p.value for p in DatePrecision])
    kind = _member(single("kind"), "kind", [k.value for k in Kind])
    status = _member(single("status"), "status", [REVIEWED, *(s.value for s in StatementStatus)])
    date_from = parse_date(single("date_from"), "date_from", first=True)
    date_to = parse_date(single("date_to"), "date_to", first=False)
    if date_from and date_to and date_from > date_to:
        raise FilterError("date_from is after date_to")
    q = single("q")
    if q is not None and len(q) > MAX_QUERY_LENGTH:
        raise FilterError(f"q is longer than {MAX_QUERY_LENGTH} characters")
    if q is not None:
        try:
            parse_search(q)
        except SearchError as error:
            raise FilterError(f"q: {error}") from None
    source = _article(single("source"), vocabulary)
    include = single("include_commentators")
    if include is not None and include.lower() not in _TRUE | _FALSE:
        raise FilterError("include_commentators must be 1 or 0")
    return StatementFilters(
        speakers=speakers,
        sides=sides,
        conditions=conditions,
        stances=stances,
        regions=regions,
        precisions=precisions,
        kind=kind,
        date_from=date_from,
        date_to=date_to,
        q=q,
        status=status,
        source=source,
        include_commentators=include is not None and include.lower() in _TRUE,
        named_commentators=tuple(s for s in speakers if vocabulary.speakers[s] == "commentator"),
    )


def _members(values: Mapping[str, list[str]], name: str, allowed: list[str]) -> tuple[str, ...]:
    """The distinct values given for a repeatable parameter, each checked."""
    chosen = tuple(dict.fromkeys(values.get(name, [])))
    for value in chosen:
        _member(value, name, allowed)
    return chosen


def _member(value: str | None, name: str, allowed: list[str]) -> str | None:
    if value is not None and value not in allowed:
        raise FilterError(f"unknown {name} {value!r}: one of {', '.join(allowed)}")
    return value


def parse_date(value: str | None, name: str, *, first: bool) -> dt.date | None:
    """A date parameter (YYYY-MM-DD; YYYY-MM or YYYY: its first or last day), else FilterError."""
    if value is None:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3 and len(value) == 10:
            return dt.date(*parts)
        if len(parts) == 2 and len(value) == 7:
            year, month = parts
            day = 1 if first else calendar.monthrange(year, month)[1]
            return dt.date(year, month, day)
        if len(parts) == 1 and len(value) == 4:
            return dt.date(parts[0], 1, 1) if first else dt.date(parts[0], 12, 31)
    except ValueError:
        pass
    raise FilterError(f"{name} must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got {value!r}")


def _article(value: str | None, vocabulary: Vocabulary) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or int(value) not in vocabulary.article_ids:
        raise FilterError(f"unknown source {value!r}: use an article id")
    return int(value)
