"""The chart's marks: nothing drawn on top of anything else, nothing lost."""

from app.chart import chart_marks
from app.crud.search import ChartPoint


def point(id_: int, date: str = "2024-07-05", *, side: str = "Russia", **fields) -> ChartPoint:
    values = {
        "precision": "day",
        "condition": "territory",
        "label": "Territory",
        "stance": "demand",
        "speaker": f"Speaker {id_}",
        "text": f"words {id_}",
    }
    values.update(fields)
    return ChartPoint(id=id_, date=date, side=side, **values)


def test_points_sharing_everything_become_one_mark_with_a_count() -> None:
    [mark] = chart_marks([point(1), point(2), point(3, speaker="Speaker 1")])
    assert (mark.count, mark.ids, mark.speakers) == (3, (1, 2, 3), ("Speaker 1", "Speaker 2"))
    assert mark.text == ""  # several statements: the tooltip names them, quotes none
    assert chart_marks([point(1)])[0].text == "words 1"


def test_marks_sharing_a_day_and_condition_get_distinct_slots() -> None:
    points = [
        point(1),
        point(2, side="Ukraine"),
        point(3, stance="reject"),
        point(4, precision="month"),
        point(5, date="2024-07-06"),
        point(6, condition="ceasefire", label="Ceasefire"),
    ]
    marks = chart_marks(points)
    assert sum(m.count for m in marks) == len(points)
    spot = [m for m in marks if (m.date, m.condition) == ("2024-07-05", "territory")]
    assert sorted(m.slot for m in spot) == [0, 1, 2, 3]
    assert {m.slots for m in spot} == {4}
    drawn = {(m.date, m.condition, m.slot) for m in marks}
    assert len(drawn) == len(marks)  # no two marks on the same spot
    alone = [m for m in marks if (m.date, m.condition) != ("2024-07-05", "territory")]
    assert all((m.slot, m.slots) == (0, 1) for m in alone)


def test_marks_come_in_date_order() -> None:
    marks = chart_marks([point(1, "2025-01-01"), point(2, "2023-05-01"), point(3, "2024-02-01")])
    assert [m.date for m in marks] == ["2023-05-01", "2024-02-01", "2025-01-01"]
