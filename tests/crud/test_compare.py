"""The Compare page's reads on a tiny database built row by row."""

import datetime as dt

import pytest
from sqlmodel import Session

from app import crud
from app.crud.compare_types import Axis, CompareQuery, Period, Who
from app.extraction.conditions import condition_labels
from app.filters import StatementFilters
from app.models import Article, Source, Speaker, Statement, StatementCondition

RUSSIA = Who("Russia", "Russia", "Russia", True)
Y2022, Y2025 = Period.year(2022), Period.year(2025)


def add_statement(
    session: Session,
    speaker: Speaker,
    date: str | None,
    conditions: list[tuple[str, str]],
    articles: list[Article],
    *,
    status: str = "extracted",
) -> int:
    precision = {10: "day", 7: "month", 4: "year"}.get(len(date or ""), "unknown")
    row = Statement(
        speaker_id=speaker.id,
        date=date,
        date_precision=precision,
        kind="reported",
        evidence=f"{speaker.name} said something on {date}.",
        status=status,
    )
    session.add(row)
    session.flush()
    for condition, stance in conditions:
        session.add(StatementCondition(statement_id=row.id, condition=condition, stance=stance))
    for article in articles:
        session.add(
            Source(
                statement_id=row.id, article_id=article.id, evidence=row.evidence, start=0, end=5
            )
        )
    assert row.id is not None
    return row.id


@pytest.fixture
def ids(session: Session) -> dict[str, int]:
    """Russia: 2022 (a day, a month, a year) against 2025, one rejected, one undated;
    Ukraine and a commentator besides."""
    people = {
        slug: Speaker(slug=slug, name=name, side=side, kind="person")
        for slug, name, side in [
            ("vladimir-putin", "Vladimir Putin", "Russia"),
            ("sergei-lavrov", "Sergei Lavrov", "Russia"),
            ("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine"),
            ("boris-bondarev", "Boris Bondarev", "commentator"),
        ]
    }
    articles = [
        Article(content_hash=str(n) * 64, file_name=f"{n}.txt", text="Words.") for n in (1, 2)
    ]
    session.add_all([*people.values(), *articles])
    session.flush()
    putin, lavrov = people["vladimir-putin"], people["sergei-lavrov"]
    made = {
        "territory_day": add_statement(
            session, putin, "2022-12-25", [("territory", "demand")], articles
        ),
        "nato_month": add_statement(
            session, putin, "2022-06", [("nato-non-membership", "demand")], articles[:1]
        ),
        "talks_year": add_statement(
            session, lavrov, "2022", [("negotiations", "reject")], articles[1:]
        ),
        "territory_2025": add_statement(
            session,
            putin,
            "2025-03-13",
            [("territory", "demand"), ("ceasefire", "support")],
            articles[:1],
        ),
        "talks_2025": add_statement(
            session, lavrov, "2025-02", [("negotiations", "support")], articles[:1]
        ),
        "rejected": add_statement(
            session,
            putin,
            "2025-03-14",
            [("nato-non-membership", "demand"), ("territory", "reject")],
            articles[:1],
            status="rejected",
        ),
        "undated": add_statement(session, putin, None, [("denazification", "demand")], articles),
        "ukraine": add_statement(
            session,
            people["volodymyr-zelensky"],
            "2022-11-30",
            [("territorial-integrity", "demand")],
            articles[:1],
        ),
        "commentator": add_statement(
            session, people["boris-bondarev"], "2025-03", [("ceasefire", "reject")], articles[:1]
        ),
    }
    session.commit()
    return made


def cell(matrix: crud.Matrix, column: str, condition: str) -> crud.Tally | None:
    keys = [c.key for c in matrix.columns]
    row = next(r for r in matrix.rows if r.condition == condition)
    return row.cells[keys.index(column)]


def test_matrix_cell_counts_statements_and_dates_at_their_precision(session, ids):
    matrix = crud.condition_matrix(session, StatementFilters())

    territory = cell(matrix, "Russia", "territory")
    assert territory is not None
    assert (territory.statements, territory.undated) == (2, 0)
    assert (territory.first, territory.first_precision) == ("2022-12-25", "day")
    assert (territory.last, territory.last_precision) == ("2025-03-13", "day")
    # The month-precision statement is the earliest of its row, shown as a month.
    nato = cell(matrix, "Russia", "nato-non-membership")
    assert nato is not None and (nato.first, nato.first_precision) == ("2022-06", "month")
    talks = cell(matrix, "Russia", "negotiations")
    assert talks is not None and (talks.first, talks.first_precision) == ("2022", "year")


def test_matrix_ignores_rejected_statements(session, ids):
    matrix = crud.condition_matrix(session, StatementFilters())

    territory = cell(matrix, "Russia", "territory")
    assert territory is not None
    assert [(s.stance, s.count) for s in territory.stances] == [("demand", 2)]
    nato = cell(matrix, "Russia", "nato-non-membership")
    assert nato is not None and nato.statements == 1 and nato.last == "2022-06"
    russia = next(c for c in matrix.columns if c.key == "Russia")
    assert russia.statements == 6


def test_matrix_cell_lists_both_stances_of_a_speaker_with_counts(session, ids):
    matrix = crud.condition_matrix(session, StatementFilters(), by=Axis.SPEAKER)

    talks = cell(matrix, "sergei-lavrov", "negotiations")
    assert talks is not None
    assert {(s.stance, s.count) for s in talks.stances} == {("reject", 1), ("support", 1)}
    assert cell(matrix, "sergei-lavrov", "territory") is None


def test_matrix_counts_undated_statements_but_takes_no_date_from_them(session, ids):
    denazification = cell(
        crud.condition_matrix(session, StatementFilters()), "Russia", "denazification"
    )

    assert denazification is not None
    assert (denazification.statements, denazification.undated) == (1, 1)
    assert denazification.first is None


def test_matrix_columns_by_speaker_most_statements_first(session, ids):
    matrix = crud.condition_matrix(session, StatementFilters(), by=Axis.SPEAKER)

    assert [(c.key, c.name, c.side, c.statements) for c in matrix.columns] == [
        ("vladimir-putin", "Vladimir Putin", "Russia", 4),
        ("sergei-lavrov", "Sergei Lavrov", "Russia", 2),
        ("volodymyr-zelensky", "Volodymyr Zelensky", "Ukraine", 1),
    ]


def test_matrix_rows_follow_the_taxonomy_and_keep_unstated_conditions(session, ids):
    matrix = crud.condition_matrix(session, StatementFilters())

    assert [r.condition for r in matrix.rows] == list(condition_labels())
    accountability = next(r for r in matrix.rows if r.condition == "accountability")
    assert all(c is None for c in accountability.cells)


def test_matrix_hides_commentators_unless_asked(session, ids):
    hidden = crud.condition_matrix(session, StatementFilters())
    shown = crud.condition_matrix(session, StatementFilters(include_commentators=True))

    assert "commentator" not in [c.key for c in hidden.columns]
    assert "commentator" in [c.key for c in shown.columns]


def test_matrix_narrowed_by_dates_conditions_and_stance(session, ids):
    since_2025 = crud.condition_matrix(session, StatementFilters(date_from=dt.date(2025, 1, 1)))
    territory = cell(since_2025, "Russia", "territory")
    assert territory is not None and territory.first == "2025-03-13"
    assert cell(since_2025, "Russia", "nato-non-membership") is None

    only = crud.condition_matrix(
        session, StatementFilters(conditions=("territory",), stances=("demand",))
    )
    assert [r.condition for r in only.rows] == ["territory"]
    # Putin's 2025 statement also supports a ceasefire; the matrix keeps to territory.
    assert [c.key for c in only.columns] == ["Russia"]


def test_matrix_limits_columns_and_says_how_many_are_left_out(session, ids):
    matrix = crud.condition_matrix(session, StatementFilters(), by=Axis.SPEAKER, max_columns=2)

    assert [c.key for c in matrix.columns] == ["vladimir-putin", "sergei-lavrov"]
    assert matrix.more_columns == 1
    assert all(len(r.cells) == 2 for r in matrix.rows)


def test_period_diff_sorts_conditions_into_added_dropped_held_and_changed(session, ids):
    diff = crud.period_diff(session, StatementFilters(), who=RUSSIA, a=Y2022, b=Y2025)

    assert [c.condition for c in diff.added] == ["ceasefire"]
    assert [c.condition for c in diff.dropped] == ["nato-non-membership"]  # 2025 one rejected
    assert [c.condition for c in diff.held] == ["territory"]
    [talks] = diff.changed
    assert talks.condition == "negotiations"
    assert talks.a is not None and talks.b is not None
    assert (talks.a.stance_set, talks.b.stance_set) == ({"reject"}, {"support"})
    assert (diff.a_statements, diff.b_statements, diff.undated) == (3, 2, 1)


def test_period_diff_lists_statements_in_date_order_with_their_precision(session, ids):
    diff = crud.period_diff(session, StatementFilters(), who=RUSSIA, a=Y2022, b=Y2025)

    [talks] = diff.changed
    assert talks.a is not None
    [ref] = talks.a.statements
    assert (ref.id, ref.date, ref.precision, ref.stances) == (
        ids["talks_year"],
        "2022",
        "year",
        ("reject",),
    )
    [territory] = diff.held
    assert territory.a is not None
    assert [r.id for r in territory.a.statements] == [ids["territory_day"]]


def test_month_and_year_dates_count_in_a_period_they_overlap(session, ids):
    mid_june = Period(dt.date(2022, 6, 15), dt.date(2022, 6, 15))

    diff = crud.period_diff(session, StatementFilters(), who=RUSSIA, a=mid_june, b=Y2025)

    assert {c.condition for c in diff.dropped} == {"nato-non-membership"}
    assert {c.condition for c in diff.changed} == {"negotiations"}  # the "2022" statement
    assert diff.a_statements == 2


def test_period_diff_for_one_speaker(session, ids):
    lavrov = crud.find_who(session, "sergei-lavrov")
    assert lavrov is not None and not lavrov.is_side

    diff = crud.period_diff(session, StatementFilters(), who=lavrov, a=Y2022, b=Y2025)

    assert [c.condition for c in diff.changed] == ["negotiations"]
    assert not (diff.added or diff.dropped or diff.held)


def test_period_diff_for_a_commentator_named_as_who(session, ids):
    bondarev = crud.find_who(session, "boris-bondarev")
    assert bondarev is not None

    diff = crud.period_diff(session, StatementFilters(), who=bondarev, a=Y2022, b=Y2025)

    assert [c.condition for c in diff.added] == ["ceasefire"]


def test_strip_has_a_column_per_month_and_one_for_year_only_dates(session, ids):
    strip = crud.condition_strip(session, StatementFilters(), who=RUSSIA, a=Y2022, b=Y2025)

    keys = [c.key for c in strip.columns]
    assert keys[0] == "2022-06" and keys[-1] == "2025-03"
    assert keys.index("2022") == keys.index("2022-12") + 1  # after that year's months
    assert "2023" not in keys and len(keys) == 7 + 12 + 12 + 3 + 1
    assert [c.key for c in strip.columns if c.in_b] == ["2025-01", "2025-02", "2025-03"]


def test_strip_cells_hold_counts_and_stances_by_month(session, ids):
    strip = crud.condition_strip(session, StatementFilters(), who=RUSSIA, a=Y2022, b=Y2025)

    keys = [c.key for c in strip.columns]
    rows = {r.condition: r.cells for r in strip.rows}
    assert list(rows) == ["ceasefire", "territory", "nato-non-membership", "negotiations"]
    talks_2022 = rows["negotiations"][keys.index("2022")]
    assert talks_2022 is not None and [s.stance for s in talks_2022.stances] == ["reject"]
    assert rows["negotiations"][keys.index("2022-12")] is None
    territory = rows["territory"][keys.index("2025-03")]
    assert territory is not None and territory.statements == 1  # the rejected one is left out
    assert [s.stance for s in territory.stances] == ["demand"]


def test_find_who_knows_speakers_and_sides(session, ids):
    putin = crud.find_who(session, "vladimir-putin")

    assert putin == Who("vladimir-putin", "Vladimir Putin", "Russia", False)
    assert crud.find_who(session, "Russia") == RUSSIA
    assert crud.find_who(session, "Narnia") is None


def test_comparison_defaults_to_russia_from_its_first_year_to_its_last(session, ids):
    page = crud.comparison(session, CompareQuery())

    assert page.who is not None and page.who.value == "Russia"
    assert (page.a, page.b) == (Y2022, Y2025)
    assert page.diff is not None and page.strip is not None
    assert page.choices[0].value == "Russia" and page.choices[0].statements == 6


def test_comparison_defaults_who_to_the_filtered_side(session, ids):
    page = crud.comparison(session, CompareQuery(filters=StatementFilters(sides=("Ukraine",))))

    assert page.who is not None and page.who.value == "Ukraine"
    assert page.a == page.b == Y2022


def test_comparison_without_dated_statements_has_no_diff(session):
    page = crud.comparison(session, CompareQuery())

    assert page.who is None and page.diff is None and page.strip is None
    assert page.matrix.columns == ()


def test_period_bounds_are_the_shortest_parameters():
    assert Y2022.bounds == ("2022", "2022")
    assert Period(dt.date(2022, 12, 1), dt.date(2023, 2, 28)).bounds == ("2022-12", "2023-02")
    assert Period(dt.date(2022, 12, 2), dt.date(2022, 12, 2)).bounds == ("2022-12-02",) * 2
