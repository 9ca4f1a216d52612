"""Fetching pages: redirects, caps and types, and every inward address refused."""

from collections.abc import Iterator

import pytest
from pages import ARTICLE_HTML, html, redirect, serving

from app.config import get_settings
from app.fetching import USER_AGENT, FetchError, fetch_page


@pytest.fixture
def other() -> Iterator[str]:
    """A second local server, not on the allow-list."""
    with serving({"/secret": html("<p>internal admin page</p>")}) as address:
        yield address


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch, other: str) -> Iterator[str]:
    """A local server on the allow-list, with pages and redirects."""
    routes = {
        "/article": html(ARTICLE_HTML),
        "/plain": (
            200,
            {"Content-Type": "text/plain; charset=cp1252"},
            "“Peace” now".encode("cp1252"),
        ),
        "/moved": redirect("/article"),
        "/loop": redirect("/loop"),
        "/inward": redirect(f"http://{other}/secret"),
        "/metadata": redirect("http://169.254.169.254/latest/meta-data/"),
        "/big": html("<p>" + "x" * 5000 + "</p>"),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
        "/gone": (410, {}, b"gone"),
    }
    with serving(routes) as address:
        monkeypatch.setenv("FETCH_ALLOWED_HOSTS", address)
        get_settings.cache_clear()
        yield address


def test_a_page_is_fetched_after_a_redirect_with_its_charset(site: str) -> None:
    page = fetch_page(f"http://{site}/moved")
    assert page.url == f"http://{site}/article"
    assert page.html and b"Kremlin names terms" in page.content
    plain = fetch_page(f"http://{site}/plain")
    assert (plain.html, plain.charset) == (False, "cp1252")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "more than 5 redirects"),
        ("/report.pdf", r"not an article page \(application/pdf\)"),
        ("/gone", "the server answered 410"),
        ("/big", "larger than 4 KB"),
    ],
)
def test_pages_that_cannot_be_articles_are_refused(site: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_page(f"http://{site}{path}", max_bytes=4096)


def test_a_redirect_to_loopback_outside_the_allow_list_is_refused(site: str, other: str) -> None:
    with pytest.raises(FetchError, match=r"is a loopback address \(127\.0\.0\.1\); refused"):
        fetch_page(f"http://{site}/inward")


def test_a_redirect_to_the_cloud_metadata_address_is_refused(site: str) -> None:
    with pytest.raises(FetchError, match="is a link-local address"):
        fetch_page(f"http://{site}/metadata")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost:8000/admin", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/router", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "reserved"),
        ("http://224.0.0.1/", "multicast"),
        ("http://240.0.0.1/", "reserved"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.com/a", "only http and https"),
        ("not a url at all", "only http and https"),
    ],
)
def test_inward_and_odd_urls_are_refused_before_any_request(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_page(url)


def test_requests_carry_a_real_user_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=b"<p>x</p>")

    monkeypatch.setenv("FETCH_ALLOWED_HOSTS", "news.example")
    get_settings.cache_clear()
    fetch_page("https://news.example/a", transport=httpx.MockTransport(answer))
    assert seen == [USER_AGENT]


def test_the_article_size_setting_caps_a_fetched_page(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert b"x" * 5000 in fetch_page(f"http://{site}/big").content  # 5 MB by default
    monkeypatch.setenv("ARTICLE_MAX_BYTES", "4096")
    get_settings.cache_clear()
    with pytest.raises(FetchError, match=r"larger than 4 KB, .*setting ARTICLE_MAX_BYTES"):
        fetch_page(f"http://{site}/big")
