"""The timeline chart's marks: what `static/timeline.js` draws, decided here so it is tested.

Pure: chart points (one per dated statement and condition) in, marks out. Points that
share day, date precision, condition, side and stance become one mark with a count (the
statements a click on it lists), so none hides behind another; the browser then stacks
marks that would touch on screen (on the same day or on nearby days, which depends on the
zoom). When there are more points than a chart can show one by one, days are binned into
months: a mark then stands for its statements of that month (`span` says so), and the
caption says the chart is binned.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One mark on the timeline chart: a statement's condition on its date."""

    id: int
    date: str  # first day of the statement's date, for placing it on a time axis
    precision: str
    basis: str  # how the date was found (DateBasis)
    condition: str
    label: str
    stance: str
    speaker: str
    side: str
    text: str


STANCE_ORDER = ("demand", "reject", "support", "offer")
BIN_ABOVE = 600  # points: beyond this, days are binned into months


@dataclass(frozen=True, slots=True)
class ChartMark:
    date: str  # first day of the period, placed on the time axis
    precision: str  # day, month or year: anything but day is drawn hollow
    basis: str  # how the dates were found, if all alike ("publication": reported), else "mixed"
    condition: str  # taxonomy id (for the link behind a mark of several statements)
    label: str  # the condition's label (the y axis category)
    side: str
    stance: str
    count: int  # statements this mark stands for
    ids: tuple[int, ...]
    speakers: tuple[str, ...]  # distinct, in date order
    text: str  # the quote or evidence when the mark is one statement
    span: str = "day"  # "month" when days were binned into months: `date` is the 1st


def chart_marks(points: list[ChartPoint], *, by_month: bool = False) -> list[ChartMark]:
    """One mark per (day, or month when `by_month`; precision, condition, side, stance), in
    date order (then side and stance, the order the browser stacks them)."""
    groups: dict[tuple[str, ...], list[ChartPoint]] = defaultdict(list)
    for p in points:
        day = p.date[:8] + "01" if by_month and p.precision == "day" else p.date
        groups[(day, p.precision, p.condition, p.side, p.stance)].append(p)
    marks = []
    for members in groups.values():
        first = members[0]
        binned = by_month and first.precision == "day"
        marks.append(
            ChartMark(
                date=first.date[:8] + "01" if binned else first.date,
                precision=first.precision,
                basis=first.basis if len({p.basis for p in members}) == 1 else "mixed",
                condition=first.condition,
                label=first.label,
                side=first.side,
                stance=first.stance,
                count=len(members),
                ids=tuple(p.id for p in members),
                speakers=tuple(dict.fromkeys(p.speaker for p in members)),
                # A binned chart is a view of many: its tooltips name, they do not quote.
                text=first.text if len(members) == 1 and not by_month else "",
                span="month" if binned else "day",
            )
        )
    marks.sort(key=lambda m: (m.date, m.label, m.side, stance_rank(m.stance), m.precision))
    return marks


def stance_rank(stance: str) -> int:
    """The taxonomy's order of stances (demand first); unknown ones last."""
    return STANCE_ORDER.index(stance) if stance in STANCE_ORDER else len(STANCE_ORDER)


@dataclass(frozen=True, slots=True)
class Chart:
    """The marks the timeline draws, and what they stand for (for the caption)."""

    marks: list[ChartMark]
    binned: bool  # days are binned into months or years
    points: int  # statement-condition pairs the marks show
    limited: bool  # the filters keep more points than the chart's limit: these are the latest
    statements: int  # statements the marks stand for
    bin: str = "day"  # the period one mark spans: "day" or "month"


def chart_of_points(points: list[ChartPoint], *, limited: bool) -> Chart:
    """The chart of these points, binned by month when there are more than BIN_ABOVE."""
    binned = len(points) > BIN_ABOVE
    return Chart(
        marks=chart_marks(points, by_month=binned),
        binned=binned,
        points=len(points),
        limited=limited,
        statements=len({p.id for p in points}),
        bin="month" if binned else "day",
    )
