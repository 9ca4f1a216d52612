"""Every page of the app checked by axe-core at desktop and phone width, and screenshotted.

axe-core is vendored in static/vendor/axe.min.js (scripts/vendor_assets.sh) for these tests
only: no template loads it, each test adds it to the page it has loaded. A violation of
WCAG 2.0/2.1 A or AA with impact "serious" or "critical" fails the test, with the rule, the
elements and a pointer to the fix in the message. The full-page screenshots land in
test-artifacts/screenshots/<page>-<width>.png for a person to look at.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Page, expect

from .conftest import LiveServer, sign_in_admin

Screenshot = Callable[[Page, str], Path]

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
FAILING_IMPACTS = {"serious", "critical"}
WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}


@dataclass(frozen=True)
class AppPage:
    """A page to check: `path` may name `{statement}` and `{article}`, filled in from the API."""

    name: str
    path: str
    signed_in: bool = False
    status: int = 200
    ready: str = "main"  # a selector visible once the page has rendered
    axe: bool = True


PAGES = [
    AppPage("timeline", "/", ready="#results"),
    AppPage("timeline-filtered", "/?speaker=vladimir-putin&condition=territory", ready="#results"),
    AppPage("statement", "/statements/{statement}"),
    AppPage("statement-signed-in", "/statements/{statement}", signed_in=True),
    AppPage("articles", "/articles", ready="main table"),
    AppPage("article", "/articles/{article}"),
    AppPage("compare", "/compare", ready="table.matrix"),
    AppPage("compare-by-speaker", "/compare?by=speaker", ready="table.matrix"),
    AppPage(
        "compare-periods",
        "/compare?who=Russia&a_from=2022&a_to=2022&b_from=2025&b_to=2025",
        ready="table.strip",
    ),
    AppPage("speakers", "/speakers", ready="main table"),
    AppPage("conditions", "/conditions", ready="main table"),
    AppPage("codebook", "/codebook"),
    AppPage("login", "/login"),
    AppPage("review", "/review", signed_in=True),
    AppPage("add-articles", "/articles/new", signed_in=True),
    AppPage("users", "/users", signed_in=True),
    AppPage("not-found", "/no-such-page", status=404),
    # /docs is Swagger UI, third-party markup served as it comes (app/web/api_docs.py): its
    # violations are Swagger UI's own (method badges' contrast, buttons nested in buttons),
    # plus FastAPI's page shell without <html lang>, so axe does not judge it; the screenshot
    # and the reflow check still apply.
    AppPage("docs", "/docs", ready=".swagger-ui .opblock", axe=False),
]


def cases() -> list[Any]:
    params = []
    for app_page in PAGES:
        for width in WIDTHS:
            params.append(pytest.param(app_page, width, id=f"{app_page.name}-{width}"))
    return params


def page_ids(server: LiveServer) -> dict[str, int]:
    """A statement of Putin's on territory and its first source article, to fill page paths."""
    query = "/api/statements?speaker=vladimir-putin&condition=territory&limit=1"
    with urlopen(f"{server.url}{query}", timeout=10) as response:
        statement = json.load(response)["items"][0]
    return {"statement": statement["id"], "article": statement["sources"][0]["article_id"]}


@pytest.fixture(scope="module")
def ids(admin_server: LiveServer) -> dict[str, int]:
    return page_ids(admin_server)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe's violations on the page as loaded, each with its elements' selectors."""
    assert page.evaluate("typeof window.axe") == "undefined", "a page of the app loads axe"
    # From the server, as the page's Content-Security-Policy refuses an inline copy.
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    page.add_script_tag(url=f"{origin}/static/vendor/axe.min.js")
    return page.evaluate(
        """async options => {
            const results = await axe.run(document, options);
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target, impact: n.impact, summary: n.failureSummary,
                })),
            }));
        }""",
        AXE_OPTIONS,
    )


def describe(violations: list[dict[str, Any]]) -> str:
    """One paragraph a violation: rule, impact, help, and each element with what to fix."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}: {summary}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize(("app_page", "width"), cases())
def test_page_has_no_serious_accessibility_violations(
    admin_server: LiveServer,
    ids: dict[str, int],
    page: Page,
    save_screenshot: Screenshot,
    app_page: AppPage,
    width: int,
) -> None:
    base = admin_server.url
    page.set_viewport_size(WIDTHS[width])
    if app_page.signed_in:
        sign_in_admin(page, base)
    response = page.goto(base + app_page.path.format(**ids))
    assert response is not None and response.status == app_page.status, app_page.path
    expect(page.locator(app_page.ready).first).to_be_visible()
    page.wait_for_load_state("networkidle")  # charts drawn, HTMX settled
    save_screenshot(page, f"{app_page.name}-{width}")

    problems = []
    # WCAG 1.4.10 Reflow: the page itself never scrolls sideways (a wide table scrolls inside
    # its own wrapper). axe does not check this.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    if page_width > width:
        problems.append(f"the page is {page_width}px wide in a {width}px viewport")
    if app_page.axe:
        violations = run_axe(page)
        serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
        if serious:
            problems.append(
                f"{len(serious)} serious or critical axe violations\n" + describe(serious)
            )
    assert not problems, f"{app_page.path} at {width}px: " + "\n".join(problems)
