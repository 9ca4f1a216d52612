"""The chart's marks: statements sharing a spot and a look are one counted mark, none lost."""

from app.chart import ChartPoint, chart_marks


def point(id_: int, date: str = "2024-07-05", *, side: str = "Russia", **fields) -> ChartPoint:
    values = {
        "precision": "day",
        "basis": "explicit",
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


def test_a_different_side_stance_precision_day_or_condition_is_its_own_mark() -> None:
    points = [
        point(1),
        point(2, side="Ukraine"),
        point(3, stance="reject"),
        point(4, precision="month"),
        point(6, date="2024-07-06"),
        point(7, condition="ceasefire", label="Ceasefire"),
        point(8),
    ]
    marks = chart_marks(points)
    assert len(marks) == 6
    assert sum(m.count for m in marks) == len(points)
    assert sorted(i for m in marks for i in m.ids) == [1, 2, 3, 4, 6, 7, 8]


def test_a_mark_says_reported_only_when_all_its_dates_come_from_publication() -> None:
    # A click on a mark lists its day, condition, side and stance: the basis cannot split it.
    [mixed] = chart_marks([point(1), point(2, basis="publication")])
    assert (mixed.count, mixed.basis) == (2, "mixed")
    [reported] = chart_marks([point(1, basis="publication"), point(2, basis="publication")])
    assert reported.basis == "publication"


def test_marks_come_in_date_order() -> None:
    marks = chart_marks([point(1, "2025-01-01"), point(2, "2023-05-01"), point(3, "2024-02-01")])
    assert [m.date for m in marks] == ["2023-05-01", "2024-02-01", "2025-01-01"]


def test_binned_by_month_days_share_a_mark_and_approximate_dates_stay_apart() -> None:
    points = [
        point(1, "2024-07-05"),
        point(2, "2024-07-28"),
        point(3, "2024-07", precision="month"),
        point(4, "2024-08-01"),
    ]
    marks = chart_marks(points, by_month=True)
    july = [m for m in marks if m.date == "2024-07-01" and m.span == "month"]
    assert [m.ids for m in july] == [(1, 2)]
    assert [m.ids for m in marks if m.precision == "month"] == [(3,)]
    assert sum(m.count for m in marks) == 4
    assert all(m.span == "day" for m in chart_marks(points))


def test_a_binned_chart_does_not_carry_quotes() -> None:
    assert chart_marks([point(1)], by_month=True)[0].text == ""
    assert chart_marks([point(1)])[0].text == "words 1"
