"""The timeline chart's marks: what `static/timeline.js` draws, decided here so it is tested.

Pure: chart points (one per dated statement and condition) in, marks out. Points that
would be drawn on the same spot (same day, same condition) never hide one another:
those that also share side, stance and precision become one mark with a count, and the
marks left in one spot are given slots, which the browser stacks one above the other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.crud.search import ChartPoint

STANCE_ORDER = ("demand", "reject", "support", "offer")


@dataclass(frozen=True, slots=True)
class ChartMark:
    date: str  # first day of the period, placed on the time axis
    precision: str  # day, month or year: anything but day is drawn hollow
    condition: str  # taxonomy id (for the link behind a mark of several statements)
    label: str  # the condition's label (the y axis category)
    side: str
    stance: str
    count: int  # statements this mark stands for
    ids: tuple[int, ...]
    speakers: tuple[str, ...]  # distinct, in date order
    text: str  # the quote or evidence when the mark is one statement
    slot: int  # its place among the marks sharing its day and condition, 0 first
    slots: int  # how many marks share its day and condition


def chart_marks(points: list[ChartPoint]) -> list[ChartMark]:
    """One mark per (day, precision, condition, side, stance), stacked within a spot."""
    groups: dict[tuple[str, str, str, str, str], list[ChartPoint]] = defaultdict(list)
    for point in points:
        key = (point.date, point.precision, point.condition, point.side, point.stance)
        groups[key].append(point)
    spots: dict[tuple[str, str], list[tuple[str, str, str, str, str]]] = defaultdict(list)
    for key in groups:
        spots[(key[0], key[2])].append(key)
    marks = []
    for keys in spots.values():
        keys.sort(key=lambda k: (k[3], _stance_rank(k[4]), k[1]))
        for slot, key in enumerate(keys):
            members = groups[key]
            first = members[0]
            marks.append(
                ChartMark(
                    date=first.date,
                    precision=first.precision,
                    condition=first.condition,
                    label=first.label,
                    side=first.side,
                    stance=first.stance,
                    count=len(members),
                    ids=tuple(p.id for p in members),
                    speakers=tuple(dict.fromkeys(p.speaker for p in members)),
                    text=first.text if len(members) == 1 else "",
                    slot=slot,
                    slots=len(keys),
                )
            )
    marks.sort(key=lambda m: (m.date, m.label, m.slot))
    return marks


def _stance_rank(stance: str) -> int:
    return STANCE_ORDER.index(stance) if stance in STANCE_ORDER else len(STANCE_ORDER)
