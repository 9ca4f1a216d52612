"""The timeline in a real browser: HTMX filtering, the chart, history and the CSV export."""

import csv
import io
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from .conftest import PageLog

Screenshot = Callable[[Page, str], Path]


def listed_ids(page: Page) -> list[str]:
    return page.locator("#results li.statement").evaluate_all(
        "items => items.map(li => li.dataset.id)"
    )


def chart_marks(page: Page) -> int:
    """How many marks ECharts drew (its SVG renderer draws one path per mark)."""
    return page.evaluate(
        "() => { const c = echarts.getInstanceByDom(document.getElementById('chart'));"
        " return c ? c.getOption().series.reduce((n, s) => n + s.data.length, 0) : 0; }"
    )


def test_filtering_by_speaker_updates_list_chart_and_url_and_back_restores(
    live_server: str, page: Page, page_log: PageLog, save_screenshot: Screenshot
) -> None:
    page.goto(f"{live_server}/")
    expect(page.locator("#chart svg")).to_be_visible()
    all_ids, all_marks = listed_ids(page), chart_marks(page)
    save_screenshot(page, "timeline")

    with page.expect_response(lambda r: "speaker=vladimir-putin" in r.url):
        page.get_by_role("checkbox", name="Vladimir Putin").check()
    expect(page).to_have_url(f"{live_server}/?speaker=vladimir-putin")
    expect(page.locator(".active-filters")).to_contain_text("Vladimir Putin")
    putin_ids = listed_ids(page)
    assert putin_ids and set(putin_ids) < set(all_ids)
    speakers = page.locator("#results li.statement .speaker").all_inner_texts()
    assert set(speakers) == {"Vladimir Putin"}
    assert 0 < chart_marks(page) < all_marks
    # The facet counts were swapped out of band: Putin's own count is unchanged, checked.
    expect(page.get_by_role("checkbox", name="Vladimir Putin")).to_be_checked()
    save_screenshot(page, "timeline-putin")

    page.go_back()
    expect(page).to_have_url(f"{live_server}/")
    expect(page.locator("#results li.statement")).to_have_count(len(all_ids))
    assert listed_ids(page) == all_ids
    assert chart_marks(page) == all_marks
    assert page_log.problems == []


def test_the_export_link_downloads_the_rows_on_screen(
    live_server: str, page: Page, page_log: PageLog
) -> None:
    page.goto(f"{live_server}/?condition=territory&stance=demand")
    on_screen = listed_ids(page)
    assert on_screen

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    assert "territory" in download.suggested_filename
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))

    assert list(dict.fromkeys(r["statement_id"] for r in rows)) == on_screen
    assert {(r["condition"], r["stance"]) for r in rows} == {("territory", "demand")}
    assert page_log.problems == []


def test_a_chart_mark_shows_speaker_and_quote_and_opens_the_statement(
    live_server: str, page: Page
) -> None:
    page.goto(f"{live_server}/?speaker=vladimir-putin&condition=territory")
    expect(page.locator("#chart svg")).to_be_visible()
    # The mark furthest from any other, so that the click lands on it alone.
    point = page.evaluate(
        "() => { const c = echarts.getInstanceByDom(document.getElementById('chart'));"
        " const marks = c.getOption().series[0].data.map(p => {"
        "   const xy = c.convertToPixel({seriesIndex: 0}, p.value);"
        "   return {x: xy[0], y: xy[1], id: p.point.id, speaker: p.point.speaker}; });"
        " const room = m => Math.min(Infinity, ...marks.filter(o => o !== m)"
        "   .map(o => Math.hypot(o.x - m.x, o.y - m.y)));"
        " return marks.reduce((a, b) => room(b) > room(a) ? b : a); }"
    )
    box = page.locator("#chart").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    expect(page.locator("#chart")).to_contain_text("Vladimir Putin")

    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(page).to_have_url(f"{live_server}/statements/{point['id']}")


def test_without_javascript_the_form_still_filters(live_server: str, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server}/")
        page.get_by_role("checkbox", name="Vladimir Putin").check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_load_state()
        assert parse_qs(urlsplit(page.url).query)["speaker"] == ["vladimir-putin"]
        speakers = page.locator("#results li.statement .speaker").all_inner_texts()
        assert speakers and set(speakers) == {"Vladimir Putin"}
    finally:
        context.close()
