"""The pages work in Chromium under their strict Content-Security-Policy
(app/web/security_headers.py): nothing they do is refused, the chart, HTMX swaps, the
compare form and Swagger UI included.

Every `page` reports the policy's violations into `page_log.csp_violations` (conftest's
listener for `securitypolicyviolation`); the first test checks the listener hears one.
"""

import re
import time

import pytest
from playwright.sync_api import Page, Response, expect

from app.web.templating import side_colour

from .conftest import LiveServer, PageLog, sign_in_admin
from .test_accessibility import PAGES, AppPage, page_ids


def assert_strict_policy(response: Response | None) -> None:
    """The page came with the policy (else a clean run would prove nothing)."""
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self';" in policy and "style-src 'self';" in policy, policy


def test_the_listener_hears_a_refused_inline_style(
    admin_server: LiveServer, page: Page, page_log: PageLog
) -> None:
    assert_strict_policy(page.goto(f"{admin_server.url}/codebook"))
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")

    deadline = time.monotonic() + 5
    while not page_log.csp_violations and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # the report comes back from the page asynchronously
    assert page_log.csp_violations and "style-src" in page_log.csp_violations[0]


@pytest.mark.parametrize("app_page", PAGES, ids=[p.name for p in PAGES])
def test_no_page_breaks_its_policy(
    admin_server: LiveServer, page: Page, page_log: PageLog, app_page: AppPage
) -> None:
    base = admin_server.url
    if app_page.signed_in:
        sign_in_admin(page, base)
    response = page.goto(base + app_page.path.format(**page_ids(admin_server)))

    assert_strict_policy(response)
    expect(page.locator(app_page.ready).first).to_be_visible()
    page.wait_for_load_state("networkidle")  # chart drawn, Swagger UI rendered
    assert page_log.csp_violations == [] and page_log.page_errors == []


def test_chart_tooltips_htmx_swaps_and_history_keep_to_the_policy(
    admin_server: LiveServer, page: Page, page_log: PageLog
) -> None:
    assert_strict_policy(page.goto(admin_server.url + "/"))
    expect(page.locator("#chart svg").first).to_be_visible()
    # The chart styles its tooltip and canvas through the DOM's style objects, which the
    # policy allows; a style attribute in the tooltip's HTML would be refused.
    page.evaluate(
        "echarts.getInstanceByDom(document.getElementById('chart'))"
        ".dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})"
    )
    expect(page.locator("#chart .chart-hint")).to_be_visible()
    side = page.locator("#facets input[name='side']").first
    name = side.get_attribute("value") or ""
    side.check()  # an HTMX swap of the results, the facets out of band
    expect(page).to_have_url(re.compile(r"[?&]side="))
    expect(page.locator("#facets input[name='side']:checked")).to_have_count(1)
    red, green, blue = (int(side_colour(name)[i : i + 2], 16) for i in (1, 3, 5))
    # The side's dot has its colour from its class: no style attribute carries it.
    dot = page.locator("#facets label", has=page.locator(f"input[value='{name}']")).locator(
        ".side-dot"
    )
    expect(dot).to_have_css("background-color", f"rgb({red}, {green}, {blue})")
    # HTMX restores the page from its copy: with no chart styles in it (static/timeline.js).
    page.go_back()
    expect(page.locator("#facets input[name='side']:checked")).to_have_count(0)
    expect(page.locator("#chart svg").first).to_be_visible()

    assert page_log.problems == []


def test_the_compare_form_and_swagger_ui_keep_to_the_policy(
    admin_server: LiveServer, page: Page, page_log: PageLog
) -> None:
    assert_strict_policy(page.goto(admin_server.url + "/compare"))
    page.evaluate("window.notReloaded = true")
    page.get_by_role("radio", name="by speaker").check()  # applies at once (static/compare.js)
    expect(page).to_have_url(re.compile(r"[?&]by=speaker"))
    expect(page.locator("#matrix-title")).to_have_text("Conditions by speaker")
    assert page.evaluate("window.notReloaded") is True, "reloaded, not swapped by HTMX"
    # An HTMX error is not swapped in: compare.js loads its URL, whose page says what is wrong.
    page.locator("#date_from").fill("2024-13-01")
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("main h1")).to_have_text("Something is wrong with this request")
    assert page_log.csp_violations == [] and page_log.page_errors == []
    page_log.console_errors.clear()  # the browser's own line about the 400

    assert_strict_policy(page.goto(admin_server.url + "/docs"))
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    expect(page.locator(".live-responses-table .response-col_status").first).to_be_visible()

    assert page_log.problems == []
