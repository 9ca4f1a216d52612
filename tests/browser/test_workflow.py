"""The analyst's workflow in a real browser, on a server of its own: sign in, add articles
by URL (from a local test server) and by upload, fix a wrong speaker and a wrong date,
verify the rest with the keyboard, add a missed statement by selecting its evidence, run
re-extraction, and find every edit intact with its history."""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pages import ARTICLE_HTML, html, serving
from playwright.sync_api import Page, expect

from .conftest import SEEDS, LiveServer, PageLog, add_user

Screenshot = Callable[[Page, str], Path]
PASSWORD = "a long editor password"
UPLOADED = (
    "Zelensky rules out a freeze\n\n"
    "Ukrainian President Volodymyr Zelensky said on Monday that Ukraine would never "
    "recognise the occupied territories as Russian and demanded security guarantees.\n"
)


@pytest.fixture(scope="module")
def article_site() -> Iterator[str]:
    """A local 'news site' the server may fetch from (it is on the allow-list)."""
    with serving({"/truce": html(ARTICLE_HTML)}) as address:
        yield address


@pytest.fixture(scope="module")
def workflow_server(
    server_database: Callable[[], str],
    start_server: Callable[..., LiveServer],
    article_site: str,
) -> LiveServer:
    """A server with the seeds, an editor account, and the article site allowed."""
    db_url = server_database()
    previous = os.environ.get("FETCH_ALLOWED_HOSTS")
    os.environ["FETCH_ALLOWED_HOSTS"] = article_site
    try:
        server = start_server(db_url, ingest=[SEEDS])
    finally:
        if previous is None:
            os.environ.pop("FETCH_ALLOWED_HOSTS", None)
        else:
            os.environ["FETCH_ALLOWED_HOSTS"] = previous
    add_user(db_url, "editor", PASSWORD)
    return server


def sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Name").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".account-name")).to_have_text("editor")


def test_the_whole_review_workflow(
    workflow_server: LiveServer,
    article_site: str,
    page: Page,
    page_log: PageLog,
    save_screenshot: Screenshot,
    tmp_path: Path,
) -> None:
    base = workflow_server.url
    sign_in(page, base)

    # Add an article by URL: the job page polls, then lands on the new article.
    page.goto(f"{base}/articles/new")
    save_screenshot(page, "add-articles")
    page.get_by_label("Web addresses of articles").fill(f"http://{article_site}/truce")
    page.get_by_role("button", name="Add and extract").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+$"), timeout=60_000)
    expect(page.get_by_role("heading", name="Kremlin names terms for a truce")).to_be_visible()

    # Add one by upload.
    upload = tmp_path / "zelensky.txt"
    upload.write_text(UPLOADED, encoding="utf-8")
    page.goto(f"{base}/articles/new")
    page.get_by_label("Article files").set_input_files(str(upload))
    page.get_by_label("Publication date").fill("2025-03-17")
    page.get_by_role("button", name="Add and extract").click()
    expect(page).to_have_url(re.compile(r"/articles/\d+$"), timeout=60_000)
    expect(page.locator("mark").first).to_be_visible()
    save_screenshot(page, "added-article")

    # Fix a wrong speaker and a wrong date, inline.
    page.locator(".compact-statements a.permalink").first.click()
    statement_url = page.url
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Speaker").fill("Andriy Yermak")
    page.get_by_label("Side").fill("Ukraine")
    page.locator("#edit-date").fill("2025-03-16")
    page.get_by_label("Date precision").select_option("day")
    page.get_by_label("Comment (why, for the history)").fill("the chief of staff said it")
    save_screenshot(page, "statement-edit")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator("h1")).to_contain_text("Andriy Yermak")
    expect(page.locator(".statement-history")).to_contain_text("the chief of staff said it")

    # Verify the rest from the queue with the keyboard: v verifies, n goes to the next.
    page.goto(f"{base}/review")
    save_screenshot(page, "review-queue")
    page.locator(".queue-item a.button").first.click()
    page.wait_for_url(re.compile(r"/statements/\d+\?queue=1$"))
    for _ in range(3):
        page.wait_for_load_state("load")  # the shortcuts' script is listening
        expect(page.get_by_text("Keys:")).to_be_visible()
        page.keyboard.press("v")
        expect(page.locator("#review-heading .status")).to_have_text("verified")
        following = page.locator('[data-key="n"]').get_attribute("href")
        page.keyboard.press("n")
        page.wait_for_url(f"{base}{following}")
    verified = page.url

    # Add a statement the engine missed by selecting its evidence in the article.
    page.goto(f"{base}/articles/1")
    paragraph = page.locator(".article-text p").nth(1)
    paragraph.evaluate(
        """p => { const range = document.createRange(); range.selectNodeContents(p);
                  const s = document.getSelection(); s.removeAllRanges(); s.addRange(range); }"""
    )
    expect(page.locator("#add-evidence")).not_to_have_text("No text selected yet.")
    page.locator("#add-speaker").fill("Hand Added Speaker")
    page.locator("#add-side").fill("commentator")
    page.get_by_label("Condition 1").select_option("negotiations")
    page.get_by_label("Stance 1").select_option("support")
    page.get_by_role("button", name="Add statement").click()
    expect(page.locator("h1")).to_contain_text("Hand Added Speaker")
    added_url = page.url

    # Re-extract everything; every edit is still there, with its history.
    page.goto(f"{base}/articles")
    page.get_by_role("button", name="Re-extract all").click()
    expect(page.locator("#job-progress")).to_have_attribute("data-state", "done", timeout=120_000)
    save_screenshot(page, "reextract-job")

    page.goto(statement_url)
    expect(page.locator("h1")).to_contain_text("Andriy Yermak")
    expect(page.locator(".fields")).to_contain_text("2025-03-16")
    expect(page.locator(".statement-history")).to_contain_text("the chief of staff said it")
    save_screenshot(page, "statement-history")
    page.goto(verified)
    page.goto(added_url)
    expect(page.locator("#review-heading .status")).to_have_text("added")
    assert page_log.problems == []


def test_writes_are_refused_to_a_visitor_who_is_not_signed_in(
    workflow_server: LiveServer, page: Page
) -> None:
    page.goto(f"{workflow_server.url}/statements/1")
    expect(page.get_by_text("to verify, reject or correct this statement")).to_be_visible()
    expect(page.get_by_role("button", name="Verify")).to_have_count(0)
    response = page.request.post(
        f"{workflow_server.url}/statements/1/review", form={"action": "verify"}
    )
    assert response.status == 401


def test_a_refused_action_says_why_instead_of_doing_nothing(
    workflow_server: LiveServer, page: Page
) -> None:
    base = workflow_server.url
    sign_in(page, base)
    page.goto(f"{base}/statements/2")
    page.context.clear_cookies()  # as if signed out in another tab

    page.get_by_role("button", name="Verify").click()

    flash = page.locator("#flash")
    expect(flash).to_be_visible()
    expect(flash).to_contain_text("sign in as an editor to make changes")
    expect(flash).to_contain_text("Sign in again")


def test_escape_in_a_field_keeps_the_edit_and_outside_it_cancels(
    workflow_server: LiveServer, page: Page
) -> None:
    base = workflow_server.url
    sign_in(page, base)
    page.goto(f"{base}/statements/4/edit")
    speaker = page.get_by_label("Speaker")
    speaker.fill("Somebody Typed")

    speaker.press("Escape")
    expect(page.get_by_label("Speaker")).to_have_value("Somebody Typed")

    page.locator("#review-heading").click()  # focus leaves the fields
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Save corrections")).to_have_count(0)
