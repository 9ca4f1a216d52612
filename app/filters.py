"""The statement filters shared by the timeline, the CSV export and the JSON API.

One typed object, read from query parameters (app/filter_query.py) and checked against
what the database knows, so a permalink, a script and a test all mean the same thing by
`?speaker=vladimir-putin&condition=territory&stance=demand`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field, replace

from app.extraction.conditions import region_name
from app.models import StatementStatus
from app.validation import quoted

MAX_QUERY_LENGTH = 200
MAX_REGION_LENGTH = 80
# `status=reviewed`: what an editor vouched for (verified, edited or added by hand).
REVIEWED = "reviewed"
REVIEWED_STATUSES = (
    StatementStatus.VERIFIED.value,
    StatementStatus.EDITED.value,
    StatementStatus.ADDED.value,
)
_ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
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


def parse_date(value: str | None, name: str, *, first: bool) -> dt.date | None:
    """A date parameter (YYYY-MM-DD; YYYY-MM or YYYY: its first or last day), else FilterError."""
    if value is None:
        return None
    # ASCII digits only: int() would also read "²" or "٢٠٢٤" (or fail on the first).
    if _ISO_DATE.fullmatch(value):
        parts = [int(p) for p in value.split("-")]
        try:
            if len(parts) == 3:
                return dt.date(*parts)
            if len(parts) == 2:
                year, month = parts
                day = 1 if first else calendar.monthrange(year, month)[1]
                return dt.date(year, month, day)
            return dt.date(parts[0], 1, 1) if first else dt.date(parts[0], 12, 31)
        except ValueError:  # month 13, 30 February, year 0
            pass
    raise FilterError(
        f"{name} must be an ISO date (YYYY-MM-DD, YYYY-MM or YYYY), got {quoted(value)}"
    )
