"""The Compare page on the seed database: matrix, period diff, strip, fragments, errors."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.models import Speaker, Statement, StatementCondition, StatementStatus

PERIODS = "who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def link_params(href: str) -> dict[str, list[str]]:
    parts = urlsplit(href)
    assert parts.path == "/", href
    return parse_qs(parts.query)


def column_keys(page: BeautifulSoup) -> list[str]:
    return [" ".join(th.a.get_text().split()) for th in page.select("table.matrix th.matrix-col")]


def stated_by_side(session: Session, side: str, year: str) -> dict[str, set[str]]:
    """Per condition, the stances the side's speakers stated in `year` (not rejected)."""
    rows = session.exec(
        select(StatementCondition.condition, StatementCondition.stance)
        .join(Statement, col(Statement.id) == col(StatementCondition.statement_id))
        .join(Speaker, col(Speaker.id) == col(Statement.speaker_id))
        .where(
            Speaker.side == side,
            Statement.status != StatementStatus.REJECTED.value,
            col(Statement.date).startswith(year),
        )
    ).all()
    stated: dict[str, set[str]] = {}
    for condition, stance in rows:
        stated.setdefault(condition, set()).add(stance)
    return stated


def listed(page: BeautifulSoup, section: str) -> set[str]:
    return {li["data-condition"] for li in page.select(f"#diff-{section} li[data-condition]")}


def test_matrix_by_side_has_a_russia_column_and_a_territory_row_linking_to_the_timeline(
    seeded_client: TestClient,
):
    page = soup(seeded_client.get("/compare"))

    table = page.select_one("table.matrix")
    assert table is not None
    assert "Russia" in column_keys(page) and "Ukraine" in column_keys(page)
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    row = next(
        tr
        for tr in table.select("tbody tr")
        if tr.th.get_text(strip=True).startswith("Territory (")
    )
    assert row.th["scope"] == "row"
    russia = column_keys(page).index("Russia")
    cell = row.select("td")[russia]
    params = link_params(cell.a["href"])
    assert params == {"side": ["Russia"], "condition": ["territory"]}
    assert "demand" in cell.get_text()


def test_matrix_by_speaker_has_speaker_columns_linking_by_slug(seeded_client: TestClient):
    page = soup(seeded_client.get("/compare?by=speaker"))

    assert {"Vladimir Putin", "Sergei Lavrov"} <= set(column_keys(page))
    headers = [link_params(a["href"]) for a in page.select("table.matrix th.matrix-col a")]
    assert all(list(params) == ["speaker"] for params in headers)
    hrefs = [a["href"] for a in page.select("table.matrix td a")]
    assert any(
        link_params(h) == {"speaker": ["vladimir-putin"], "condition": ["territory"]} for h in hrefs
    )


def test_matrix_links_keep_the_active_filters(seeded_client: TestClient):
    page = soup(seeded_client.get("/compare?date_from=2024&include_commentators=1"))

    href = page.select_one("table.matrix td a")["href"]
    params = link_params(href)
    assert params["date_from"] == ["2024-01-01"] and params["include_commentators"] == ["1"]
    assert "commentator" in column_keys(page)


def test_commentators_are_left_out_of_the_matrix_by_default(seeded_client: TestClient):
    assert "commentator" not in column_keys(soup(seeded_client.get("/compare")))


def test_period_diff_for_russia_2022_against_2025_matches_the_database(
    seeded_client: TestClient, seeded_session: Session
):
    a = stated_by_side(seeded_session, "Russia", "2022")
    b = stated_by_side(seeded_session, "Russia", "2025")
    assert a and b, "the seeds should hold Russian statements from both years"

    page = soup(seeded_client.get(f"/compare?{PERIODS}"))

    assert listed(page, "added") == b.keys() - a.keys()
    assert listed(page, "dropped") == a.keys() - b.keys()
    assert listed(page, "held") == {c for c in a.keys() & b.keys() if a[c] == b[c]}
    assert listed(page, "changed") == {c for c in a.keys() & b.keys() if a[c] != b[c]}


def test_period_diff_says_how_many_undated_statements_are_left_out(
    seeded_client: TestClient, seeded_session: Session
):
    undated = len(
        seeded_session.exec(
            select(Statement.id)
            .join(Speaker, col(Speaker.id) == col(Statement.speaker_id))
            .where(Speaker.side == "Russia", col(Statement.date).is_(None))
            .where(Statement.status != StatementStatus.REJECTED.value)
        ).all()
    )

    text = " ".join(soup(seeded_client.get(f"/compare?{PERIODS}")).get_text(" ").split())

    assert f"{undated} undated statements are in neither period" in text


def test_period_diff_links_to_statements_and_the_filtered_timeline(seeded_client: TestClient):
    page = soup(seeded_client.get(f"/compare?{PERIODS}"))

    item = page.select_one("#diff-held li[data-condition=territory]")
    assert item is not None
    assert any(a["href"].startswith("/statements/") for a in item.select("a"))
    timeline = [a["href"] for a in item.select("a") if a["href"].startswith("/?")]
    assert {"side": ["Russia"], "condition": ["territory"]} in map(link_params, timeline)
    assert {
        "side": ["Russia"],
        "condition": ["territory"],
        "date_from": ["2025-01-01"],
        "date_to": ["2025-12-31"],
    } in map(link_params, timeline)


def test_defaults_compare_russia_from_its_first_dated_year_to_its_last(
    seeded_client: TestClient, seeded_session: Session
):
    dates = seeded_session.exec(
        select(Statement.date)
        .join(Speaker, col(Speaker.id) == col(Statement.speaker_id))
        .where(Speaker.side == "Russia", col(Statement.date).is_not(None))
    ).all()

    page = soup(seeded_client.get("/compare"))

    assert page.select_one("#who option[selected]")["value"] == "Russia"
    assert page.select_one("#a_from")["value"] == min(dates)[:4]
    assert page.select_one("#b_to")["value"] == max(dates)[:4]
    assert page.select("#diff-added li")


def test_period_view_for_one_speaker(seeded_client: TestClient):
    page = soup(seeded_client.get("/compare?who=vladimir-putin&a_from=2022-12&b_from=2025-03-13"))

    heading = " ".join(page.select_one("#periods-title").get_text(" ").split())
    assert heading.startswith("Vladimir Putin (Russia)")
    assert "Dec 2022 against 13 Mar 2025" in heading
    hrefs = [a["href"] for a in page.select("#periods a") if a["href"].startswith("/?")]
    assert all(link_params(h)["speaker"] == ["vladimir-putin"] for h in hrefs)


def test_strip_marks_the_months_a_condition_was_stated(
    seeded_client: TestClient, seeded_session: Session
):
    months = {
        d[:7]
        for d in seeded_session.exec(
            select(Statement.date)
            .join(Speaker, col(Speaker.id) == col(Statement.speaker_id))
            .join(StatementCondition, col(StatementCondition.statement_id) == col(Statement.id))
            .where(Speaker.side == "Russia", StatementCondition.condition == "territory")
            .where(col(Statement.date).is_not(None))
            .where(Statement.status != StatementStatus.REJECTED.value)
        )
    }

    page = soup(seeded_client.get(f"/compare?{PERIODS}"))

    strip = page.select_one("table.strip")
    assert strip is not None
    row = next(tr for tr in strip.select("tbody tr") if tr.th.get_text().startswith("Territory ("))
    marked = {
        link_params(a["href"])["date_from"][0][:7]
        for a in row.select("td a")
        if a.select(".strip-mark")
    }
    assert marked == months
    assert all(a["title"] for a in row.select("td a"))


def test_htmx_request_gets_only_the_results_block(seeded_client: TestClient):
    response = seeded_client.get(f"/compare?{PERIODS}", headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "HX-Request" in [v.strip() for v in response.headers["Vary"].split(",")]
    fragment = BeautifulSoup(response.text, "html.parser")
    assert fragment.select_one("#compare-results table.matrix") is not None
    assert fragment.select_one("#compare-form") is None


def test_full_page_varies_on_hx_request(seeded_client: TestClient):
    response = seeded_client.get("/compare")

    vary = [v.strip() for v in response.headers["Vary"].split(",")]
    assert "<html" in response.text and "HX-Request" in vary


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("who=Narnia", "unknown who 'Narnia'"),
        ("by=month", "unknown by 'month': one of 'side' or 'speaker'"),
        ("a_from=2022-13", "a_from must be an ISO date"),
        ("b_to=last-year", "b_to must be an ISO date"),
        ("a_from=2023&a_to=2022", "a_from is after a_to"),
        ("b_from=2025-03-02&b_to=2025-03-01", "b_from is after b_to"),
        ("condition=peace", "unknown condition 'peace'"),
        ("date_from=2025&date_to=2024", "date_from is after date_to"),
    ],
)
def test_bad_parameters_are_a_400_saying_what_was_wrong(
    seeded_client: TestClient, query: str, message: str
):
    response = seeded_client.get(f"/compare?{query}")

    assert response.status_code == 400
    assert message in BeautifulSoup(response.text, "html.parser").get_text()


def test_speaker_names_are_escaped(seeded_client: TestClient, seeded_session: Session):
    speaker = Speaker(slug="evil", name="<script>alert(1)</script>", side="Russia", kind="person")
    seeded_session.add(speaker)
    seeded_session.flush()
    statement = Statement(
        speaker_id=speaker.id, date="2025-01", date_precision="month", kind="reported", evidence="x"
    )
    seeded_session.add(statement)
    seeded_session.flush()
    seeded_session.add(
        StatementCondition(statement_id=statement.id, condition="territory", stance="demand")
    )
    seeded_session.commit()

    response = seeded_client.get("/compare?by=speaker&who=evil")

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


@pytest.mark.parametrize("who", ["Ukraine", "Russia"])
def test_every_strip_cell_counts_what_its_link_lists(seeded_client: TestClient, who: str):
    url = f"/compare?who={who}&a_from=2022&a_to=2022&b_from=2024&b_to=2025"
    cells = soup(seeded_client.get(url)).select("td.strip-cell a")
    assert cells
    for cell in cells:
        counted = int(re.search(r": (\d+) statements?", cell["title"]).group(1))
        listed = seeded_client.get("/api/statements", params=link_params(cell["href"])).json()
        assert listed["total"] == counted, cell["title"]
