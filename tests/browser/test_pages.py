"""Every page in a real browser: it renders, works from the keyboard and is screenshotted.

The screenshots land in test-artifacts/screenshots/ for a person to look at.
"""

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.request import urlopen

from factories import IMG, SCRIPT, ingest_hostile_article
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from app.db import create_db_engine, upgrade_database
from app.models import Statement

from .conftest import PageLog

Screenshot = Callable[[Page, str], Path]


def first_id(live_server: str, path: str) -> int:
    with urlopen(f"{live_server}{path}", timeout=10) as response:
        return json.load(response)["items"][0]["id"]


def test_compare_renders_the_matrix_and_the_period_diff(
    live_server: str, page: Page, page_log: PageLog, save_screenshot: Screenshot
) -> None:
    page.goto(f"{live_server}/compare?who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025")

    matrix = page.locator("table.matrix")
    expect(matrix).to_be_visible()
    expect(matrix.get_by_role("columnheader", name="Russia")).to_be_visible()
    territory = matrix.get_by_role("row").filter(has_text="Territory (Russian demands)")
    cell = territory.locator('td a[href*="side=Russia"][href*="condition=territory"]')
    expect(cell).to_have_count(1)
    for section in ("added", "dropped", "held", "changed"):
        expect(page.locator(f"#diff-{section}")).to_be_visible()
    added = page.locator("#diff-added li").evaluate_all("xs => xs.map(x => x.dataset.condition)")
    assert added, "Russia stated new conditions in 2025 that it had not in 2022"
    expect(page.locator("table.strip")).to_be_visible()
    save_screenshot(page, "compare")

    page.get_by_role("radio", name="by speaker").check()
    with page.expect_response(lambda r: "by=speaker" in r.url):
        page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"by=speaker"))
    expect(
        page.locator("table.matrix").get_by_role("columnheader", name="Vladimir Putin")
    ).to_be_visible()
    save_screenshot(page, "compare-by-speaker")
    assert page_log.problems == []


def test_choosing_by_speaker_applies_at_once_and_the_condition_column_stays_in_view(
    live_server: str, page: Page, page_log: PageLog, save_screenshot: Screenshot
) -> None:
    page.goto(f"{live_server}/compare")
    matrix = page.locator("table.matrix")
    expect(matrix.get_by_role("columnheader", name="Russia")).to_be_visible()
    page.evaluate("window.notReloaded = true")

    # No click on Compare: the choice alone swaps the matrix and makes the URL a permalink.
    page.get_by_role("radio", name="by speaker").check()
    expect(page).to_have_url(re.compile(r"/compare\?(.*&)?by=speaker(&|$)"))
    expect(page.locator("#matrix-title")).to_have_text("Conditions by speaker")
    expect(matrix.get_by_role("columnheader", name="Vladimir Putin")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True, "the page was reloaded, not swapped"

    # The matrix by speaker is wider than the page: its wrapper scrolls, the first column stays.
    wrapper = page.locator("#compare-results .table-scroll").first
    overflow = wrapper.evaluate("w => w.scrollWidth - w.clientWidth")
    assert overflow > 100, "the matrix by speaker should be wider than its wrapper"
    first_column = [
        matrix.locator("thead th").first,
        matrix.locator("tbody th[scope=row]").first,
        matrix.locator("tbody th[scope=row]").last,
    ]
    first_cell = matrix.locator("tbody td").first
    cell_before = first_cell.bounding_box()
    wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    assert wrapper.evaluate("w => w.scrollLeft") >= overflow - 1
    edge = wrapper.evaluate("w => w.getBoundingClientRect().left + w.clientLeft")
    for header in first_column:
        box = header.bounding_box()
        assert box is not None and abs(box["x"] - edge) <= 1, (box, edge)
    cell_after = first_cell.bounding_box()
    assert cell_before and cell_after and cell_after["x"] < cell_before["x"] - 100
    save_screenshot(page, "compare-by-speaker-scrolled")

    # Back to by side, still without the button.
    page.get_by_role("radio", name="by side").check()
    expect(page).to_have_url(re.compile(r"by=side"))
    expect(page.locator("#matrix-title")).to_have_text("Conditions by side")
    assert page_log.problems == []


def test_the_compare_form_works_without_javascript(live_server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server}/compare")
        page.get_by_role("radio", name="by speaker").check()
        page.get_by_role("button", name="Compare").click()
        expect(page).to_have_url(re.compile(r"/compare\?(.*&)?by=speaker(&|$)"))
        expect(page.locator("#matrix-title")).to_have_text("Conditions by speaker")
    finally:
        context.close()


def test_statement_article_and_index_pages_render(
    live_server: str, page: Page, page_log: PageLog, save_screenshot: Screenshot
) -> None:
    statement = first_id(live_server, "/api/statements?speaker=vladimir-putin&condition=territory")
    page.goto(f"{live_server}/statements/{statement}")
    expect(page.locator("mark").first).to_be_visible()
    save_screenshot(page, "statement")

    page.goto(f"{live_server}/articles")
    expect(page.get_by_role("table")).to_be_visible()
    save_screenshot(page, "articles")
    page.locator('table a[href^="/articles/"]').first.click()
    expect(page.locator("mark").first).to_be_visible()
    save_screenshot(page, "article")

    for path, name in (("/speakers", "speakers"), ("/conditions", "conditions")):
        page.goto(f"{live_server}{path}")
        expect(page.get_by_role("table").first).to_be_visible()
        save_screenshot(page, name)

    page.goto(f"{live_server}/docs")
    expect(page.locator(".swagger-ui")).to_be_visible()
    expect(page.get_by_text("/api/statements", exact=True).first).to_be_visible()
    save_screenshot(page, "api-docs")
    assert page_log.problems == []


def test_the_timeline_answers_what_putin_demanded_on_territory_and_when(
    live_server: str, page: Page
) -> None:
    page.goto(f"{live_server}/?speaker=vladimir-putin&condition=territory&stance=demand")
    dates = page.locator("#results li.statement .date").all_inner_texts()
    assert dates and all(d != "undated" for d in dates[:1])
    for chips in page.locator("#results li.statement .chips").all_inner_texts():
        assert "Territory" in chips


def test_the_filter_form_works_from_the_keyboard(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/")
    page.locator("#q").focus()
    page.keyboard.type("NATO")
    expect(page).to_have_url(f"{live_server}/?q=NATO", timeout=5000)
    expect(page.locator("#q")).to_be_focused()  # the swap left the search box alone
    for speakers in page.locator("#results li.statement").all_inner_texts():
        assert "nato" in speakers.lower() or "NATO" in speakers


def test_hostile_text_stays_inert_in_the_browser_including_chart_tooltips(
    start_server, server_database, page: Page, save_screenshot: Screenshot
) -> None:
    url = server_database()
    upgrade_database(url)
    engine = create_db_engine(url)
    with Session(engine) as session:
        ingest_hostile_article(session)
        statement_id = session.exec(select(Statement.id)).first()
    engine.dispose()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    with start_server(url) as server:
        for target in (
            "/",
            f"/statements/{statement_id}",
            "/articles/1",
            "/compare?by=speaker",
            "/speakers",
        ):
            page.goto(f"{server.url}{target}")
            page.wait_for_load_state("networkidle")
            assert page.locator("img[src=x]").count() == 0, target
            assert page.locator("script:text('alert(1)')").count() == 0, target
        page.goto(f"{server.url}/")
        expect(page.locator("#chart svg")).to_be_visible()
        point = page.evaluate(
            "() => { const c = echarts.getInstanceByDom(document.getElementById('chart'));"
            " const p = c.getOption().series[0].data[0];"
            " return c.convertToPixel({seriesIndex: 0}, p.value); }"
        )
        box = page.locator("#chart").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + point[0], box["y"] + point[1])
        expect(page.locator("#chart")).to_contain_text(f"Ivan {SCRIPT} Petrov{IMG}")
        assert page.locator("#chart img").count() == 0
        save_screenshot(page, "hostile-tooltip")
    assert dialogs == []
