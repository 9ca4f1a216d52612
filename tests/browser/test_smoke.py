"""Smoke test: the live server answers and Chromium renders the home page."""

from collections.abc import Callable
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import Page

from .conftest import PageLog


def test_healthz_answers(live_server: str) -> None:
    with urlopen(f"{live_server}/healthz", timeout=10) as response:
        assert response.status == 200


def test_home_page_renders(
    live_server: str,
    page: Page,
    page_log: PageLog,
    save_screenshot: Callable[[Page, str], Path],
) -> None:
    response = page.goto(f"{live_server}/healthz")
    assert response is not None and response.status == 200

    response = page.goto(f"{live_server}/")
    assert response is not None and response.status == 200
    assert "Peace Terms Tracker" in page.title()
    assert save_screenshot(page, "smoke-home").stat().st_size > 0
    assert page_log.blocked_requests == []
