"""The timeline in a real browser: HTMX filtering, the chart, history and the CSV export."""

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from .conftest import PageLog

Screenshot = Callable[[Page, str], Path]


def listed_ids(page: Page) -> list[str]:
    return page.locator("#results li.statement").evaluate_all(
        "items => items.map(li => li.dataset.id)"
    )


def chart_marks(page: Page) -> int:
    """How many marks the chart holds (the legend's empty series add none)."""
    return page.evaluate(
        "() => { const c = echarts.getInstanceByDom(document.getElementById('chart'));"
        " return c ? c.getOption().series.reduce((n, s) => n + s.data.length, 0) : 0; }"
    )


# Every mark where it is drawn: the point of its value, moved by its stacking offset.
MARK_PIXELS = (
    "() => { const c = echarts.getInstanceByDom(document.getElementById('chart'));"
    " return c.getOption().series.flatMap((s, i) => s.data.map(p => {"
    "   const xy = c.convertToPixel({seriesIndex: i}, p.value);"
    "   return {x: xy[0] + p.symbolOffset[0], y: xy[1] + p.symbolOffset[1],"
    "           ids: p.mark.ids, speakers: p.mark.speakers, count: p.mark.count}; })); }"
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

    assert [r["statement_id"] for r in rows] == on_screen  # a row per statement
    assert {(r["condition"], r["stance"]) for r in rows} == {("territory", "demand")}
    assert page_log.problems == []


def test_a_chart_mark_shows_speaker_and_quote_and_opens_the_statement(
    live_server: str, page: Page
) -> None:
    page.goto(f"{live_server}/?speaker=vladimir-putin&condition=territory")
    expect(page.locator("#chart svg")).to_be_visible()
    # The mark furthest from any other, so that the click lands on it alone.
    marks = [m for m in page.evaluate(MARK_PIXELS) if m["count"] == 1]

    def room(mark: dict) -> float:
        others = [o for o in marks if o is not mark]
        return min((abs(o["x"] - mark["x"]) + abs(o["y"] - mark["y"]) for o in others), default=1e9)

    point = max(marks, key=room)
    box = page.locator("#chart").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    expect(page.locator("#chart")).to_contain_text("Vladimir Putin")

    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(page).to_have_url(f"{live_server}/statements/{point['ids'][0]}")


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


def open_chart(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#chart svg")).to_be_visible()


def test_the_legend_says_side_colour_stance_shape_and_date_precision(
    live_server: str, page: Page, page_log: PageLog
) -> None:
    open_chart(page, f"{live_server}/")
    legend = page.locator("#chart svg text")
    for words in ("Russia", "Ukraine", "demand", "reject", "support", "offer"):
        expect(legend.filter(has_text=words).first).to_be_visible()
    expect(legend.filter(has_text="exact day")).to_have_count(1)
    expect(legend.filter(has_text="month or year only (~)")).to_have_count(1)
    # The legend's stance and precision entries add no marks, and cannot hide any.
    assert chart_marks(page) == len(page.evaluate(MARK_PIXELS))
    assert page_log.problems == []


def test_no_mark_is_drawn_on_top_of_another_and_none_is_lost(live_server: str, page: Page) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        open_chart(page, f"{live_server}/?include_commentators=1")
        marks = page.evaluate(MARK_PIXELS)
        for a, b in itertools.combinations(marks, 2):
            apart = max(abs(a["x"] - b["x"]), abs(a["y"] - b["y"]))
            assert apart >= 8, f"statements {a['ids']} and {b['ids']} at {width}px"
        data = page.evaluate("() => JSON.parse(document.getElementById('chart-data').textContent)")
        assert sum(m["count"] for m in marks) == data["points"]
        assert any(m["count"] > 1 for m in marks)  # the seeds have statements sharing a spot


def test_dragging_a_slider_handle_sets_its_date_filter_and_the_permalink(
    live_server: str, page: Page, page_log: PageLog
) -> None:
    open_chart(page, f"{live_server}/?date_from=2022-01-01&date_to=2025-06-30")
    everything = listed_ids(page)
    page.evaluate("() => document.getElementById('chart').scrollIntoView({block: 'end'})")
    scrolled = page.evaluate("() => window.scrollY")
    box = page.locator("#chart").bounding_box()
    assert box is not None
    # The slider's left handle sits at the plot's left edge, 19 px above the chart's bottom.
    left = page.evaluate(
        "() => { const c = echarts.getInstanceByDom(document.getElementById('chart'));"
        " return c.convertToPixel({xAxisIndex: 0}, c.getOption().xAxis[0].min); }"
    )
    y = box["y"] + box["height"] - 19
    with page.expect_response(lambda r: "date_from=2022-01-01" not in r.url and "date_" in r.url):
        page.mouse.move(box["x"] + left, y)
        page.mouse.down()
        page.mouse.move(box["x"] + left + (box["width"] - left) * 0.6, y, steps=8)
        page.mouse.up()
    # The moved handle sets its filter; the other keeps its own (never a padded date).
    expect(page).to_have_url(re.compile(r"date_from=\d{4}-\d\d-\d\d&date_to=2025-06-30$"))
    date_from = parse_qs(urlsplit(page.url).query)["date_from"][0]
    assert date_from > "2023-06-01"  # moved inward: the range narrowed
    expect(page.locator("#date_from")).to_have_value(date_from)
    narrowed = listed_ids(page)
    assert narrowed and set(narrowed) < set(everything)
    assert abs(page.evaluate("() => window.scrollY") - scrolled) < 5  # the page did not jump
    # The permalink reproduces the view, and its time axis starts at the filter.
    page.goto(page.url)
    assert listed_ids(page) == narrowed
    axis_start = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart')).getOption().xAxis[0].min"
    )
    filter_start = dt.datetime.fromisoformat(f"{date_from}T00:00:00+00:00").timestamp() * 1000
    assert 0 <= filter_start - axis_start < 30 * 86_400_000
    assert page_log.problems == []


def test_the_chart_is_reachable_and_usable_from_the_keyboard(live_server: str, page: Page) -> None:
    open_chart(page, f"{live_server}/")
    page.locator(".feed-link").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "chart"
    status = page.locator("#chart-status")
    expect(status).to_contain_text("Mark 1 of")
    page.keyboard.press("ArrowRight")
    expect(status).to_contain_text("Mark 2 of")
    page.keyboard.press("End")
    total = chart_marks(page)
    expect(status).to_contain_text(f"Mark {total} of {total}")
    expect(page.locator("#chart")).to_contain_text("Click to")  # the tooltip is shown
    page.keyboard.press("Home")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/statements/\d+$|/\?.*condition=", page.url)


DATE_LABEL = re.compile(r"^(\d{1,2} )?([A-Z][a-z]{2} )?\d{4}$")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("query", ["", "?date_from=2024-07-01&date_to=2024-07-31"])
def test_axis_labels_say_the_year_never_a_clock_time_and_do_not_collide(
    live_server: str, page: Page, width: int, query: str
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_chart(page, f"{live_server}/{query}")
    texts = page.locator("#chart svg text").evaluate_all(
        "ts => ts.map(t => { const r = t.getBoundingClientRect();"
        " return {text: t.textContent, left: r.left, right: r.right, top: Math.round(r.top)}; })"
    )
    assert not [t for t in texts if re.search(r"\d:\d\d", t["text"])]
    labels = [t for t in texts if DATE_LABEL.match(t["text"])]
    assert len(labels) >= 2
    row = sorted((t for t in labels if t["top"] == labels[0]["top"]), key=lambda t: t["left"])
    assert all(a["right"] <= b["left"] for a, b in itertools.pairwise(row))
    chart_box = page.locator("#chart").bounding_box()
    assert chart_box is not None and chart_box["width"] <= width


def test_on_a_phone_the_filters_fold_behind_a_button_and_results_come_first(
    live_server: str, page: Page, page_log: PageLog, save_screenshot: Screenshot
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/?side=Russia")
    toggle = page.get_by_role("button", name="Filters (1 active)")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#filters-body")).to_be_hidden()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Statements: Russia")
    box = heading.bounding_box()
    assert box is not None and box["y"] < 400  # the results start on the first screen
    save_screenshot(page, "timeline-phone")

    toggle.click()
    expect(page.locator("#filters-body")).to_be_visible()
    with page.expect_response(lambda r: "condition=territory" in r.url):
        page.get_by_role("checkbox", name="Territory (Russian demands)").check()
    expect(page.get_by_role("button", name="Filters (2 active)")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Russia, Territory \(Russian demands\) · Timeline"))
    assert page_log.problems == []

    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator(".filters-toggle")).to_be_hidden()
    expect(page.locator("#filters-body")).to_be_visible()


@pytest.mark.parametrize("zone", ["Europe/Kyiv", "Asia/Tokyo", "America/New_York"])
def test_axis_labels_are_the_same_in_every_time_zone(live_server: str, browser, zone: str) -> None:
    context = browser.new_context(timezone_id=zone, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_chart(page, f"{live_server}/?date_from=2024-07-01&date_to=2024-07-31")
        texts = page.locator("#chart svg text").evaluate_all("ts => ts.map(t => t.textContent)")
        labels = [t for t in texts if DATE_LABEL.match(t)]
        assert labels and all(t.endswith("2024") for t in labels)
        assert not [t for t in labels if "Jun" in t]  # no tick before the range's first day
    finally:
        context.close()


def test_arrow_down_follows_the_rows_as_drawn(live_server: str, page: Page) -> None:
    open_chart(page, f"{live_server}/")
    rows = page.evaluate(
        "() => JSON.parse(document.getElementById('chart-data').textContent).conditions"
    )
    page.locator("#chart").focus()
    status = page.locator("#chart-status")
    seen = []
    for _ in range(len(rows)):
        text = status.inner_text()
        seen.append(next(r for r in rows if f" · {r}: " in text))
        page.keyboard.press("ArrowDown")
    order = [rows.index(r) for r in dict.fromkeys(seen)]
    assert order == sorted(order) and len(order) > 2
