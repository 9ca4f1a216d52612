"""The speaker and condition indexes: counts against independent SQL, order, links."""

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.extraction.conditions import condition_labels
from app.models import Speaker, Statement, StatementStatus


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def squash(value: str) -> str:
    return " ".join(value.split())


def cells(row) -> list[str]:
    return [squash(td.get_text()) for td in row.find_all("td")]


SPEAKER_COUNTS = """
SELECT sp.slug,
       (SELECT count(*) FROM statement s WHERE s.speaker_id = sp.id AND s.status != 'rejected'),
       (SELECT count(DISTINCT c.condition) FROM statement s
          JOIN statement_condition c ON c.statement_id = s.id
         WHERE s.speaker_id = sp.id AND s.status != 'rejected')
  FROM speaker sp
"""

CONDITION_COUNTS = """
SELECT c.condition, c.stance, count(DISTINCT s.id)
  FROM statement_condition c JOIN statement s ON s.id = c.statement_id
 WHERE s.status != 'rejected'
 GROUP BY c.condition, c.stance
"""

CONDITION_TOTALS = """
SELECT c.condition, count(DISTINCT s.id), count(DISTINCT s.speaker_id)
  FROM statement_condition c JOIN statement s ON s.id = c.statement_id
 WHERE s.status != 'rejected'
 GROUP BY c.condition
"""


def test_speaker_counts_match_sql(seeded_client: TestClient, seeded_session: Session) -> None:
    expected = {
        slug: (n, conditions)
        for slug, n, conditions in seeded_session.exec(text(SPEAKER_COUNTS)).all()
    }
    page = soup(seeded_client.get("/speakers"))
    rows = page.select("tbody tr[data-slug]")
    assert {r["data-slug"] for r in rows} == set(expected)
    for row in rows:
        statements, conditions = cells(row)[1:3]
        assert (int(statements), int(conditions)) == expected[row["data-slug"]]


def test_speaker_counts_leave_out_rejected_statements(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    speaker = seeded_session.exec(select(Speaker).where(Speaker.slug == "vladimir-putin")).one()
    before = seeded_session.exec(
        select(Statement).where(Statement.speaker_id == speaker.id, Statement.status != "rejected")
    ).all()
    before[0].status = StatementStatus.REJECTED.value
    seeded_session.add(before[0])
    seeded_session.commit()
    row = soup(seeded_client.get("/speakers")).select_one('tr[data-slug="vladimir-putin"]')
    assert int(cells(row)[1]) == len(before) - 1


def test_speakers_are_grouped_by_side_with_links_and_dates(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    page = soup(seeded_client.get("/speakers"))
    groups = page.select("tbody.side-group")
    sides = [g["data-side"] for g in groups]
    assert sides[:2] == ["Russia", "Ukraine"] and sides[-1] == "commentator"
    for group in groups:
        assert group.select_one('th[scope="rowgroup"]') is not None
        for row in group.select("tr[data-slug]"):
            speaker = seeded_session.exec(
                select(Speaker).where(Speaker.slug == row["data-slug"])
            ).one()
            assert speaker.side == group["data-side"]
            assert row.th["scope"] == "row"
            assert row.th.a["href"] == f"/?speaker={speaker.slug}"
            dates = [
                d
                for d in seeded_session.exec(
                    select(Statement.date).where(
                        Statement.speaker_id == speaker.id, col(Statement.date).is_not(None)
                    )
                ).all()
            ]
            if dates:
                # The first date shows at its own precision ("~Nov 2022" for a month).
                first = row.select("td")[3]
                assert first.select_one(".date") is not None
    commentators = page.select('tbody[data-side="commentator"] tr[data-slug]')
    assert commentators and all(r.select_one(".commentator-badge") for r in commentators)


def test_month_precision_dates_are_marked_on_speakers(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    slug = seeded_session.exec(
        select(Speaker.slug)
        .join(Statement, col(Statement.speaker_id) == col(Speaker.id))
        .where(Statement.date_precision == "month")
        .order_by(col(Statement.date))
    ).first()
    row = soup(seeded_client.get("/speakers")).select_one(f'tr[data-slug="{slug}"]')
    assert row.select_one(".precision-marker") is not None


def test_every_taxonomy_condition_is_listed_in_order(seeded_client: TestClient) -> None:
    page = soup(seeded_client.get("/conditions"))
    rows = page.select("tbody tr[data-condition]")
    assert [r["data-condition"] for r in rows] == list(condition_labels())
    assert len(rows) == 17
    for row in rows:
        cid = row["data-condition"]
        assert squash(row.th.a.get_text()) == condition_labels()[cid]
        assert row.th.a["href"] == f"/?condition={cid}&include_commentators=1"


def test_condition_counts_match_sql(seeded_client: TestClient, seeded_session: Session) -> None:
    by_stance = {
        (c, stance): n for c, stance, n in seeded_session.exec(text(CONDITION_COUNTS)).all()
    }
    totals = {c: (n, s) for c, n, s in seeded_session.exec(text(CONDITION_TOTALS)).all()}
    page = soup(seeded_client.get("/conditions"))
    zero = 0
    for row in page.select("tbody tr[data-condition]"):
        cid = row["data-condition"]
        total = int(squash(row.select_one('td[data-count="total"]').get_text()))
        speakers = int(squash(row.select_one('td[data-count="speakers"]').get_text()))
        assert (total, speakers) == totals.get(cid, (0, 0))
        zero += total == 0
        for stance in ("demand", "reject", "support", "offer"):
            shown = int(squash(row.select_one(f'td[data-stance="{stance}"]').get_text()))
            assert shown == by_stance.get((cid, stance), 0)
    assert zero, "the seeds leave some condition unstated, and it is still listed"


def test_empty_database_lists_the_taxonomy_with_zeros(client: TestClient) -> None:
    page = soup(client.get("/conditions"))
    rows = page.select("tbody tr[data-condition]")
    assert len(rows) == len(condition_labels())
    assert all(squash(r.select_one('td[data-count="total"]').get_text()) == "0" for r in rows)
    assert "No speakers yet" in client.get("/speakers").text


def test_index_tables_have_header_scopes(seeded_client: TestClient) -> None:
    for path in ("/speakers", "/conditions"):
        page = soup(seeded_client.get(path))
        assert page.select("table caption")
        assert all(th.get("scope") in {"col", "row", "rowgroup"} for th in page.select("th"))


def test_dates_taken_from_publication_say_reported_on_the_index_pages(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    reported = seeded_session.exec(
        select(Statement).where(Statement.date_basis == "publication")
    ).all()
    assert reported
    for url in ("/speakers", "/conditions", "/compare", "/compare?by=speaker"):
        assert 'class="reported-on"' in seeded_client.get(url).text, url
