"""The protective headers on every response (app/web/security_headers.py), pages free of
inline script and style so that their strict policy holds, and links a forged Host header
cannot move (app/web/trusted_hosts.py, relative asset URLs and API `next` links)."""

import json

import pytest
from app_routes import get_urls, sample_ids, sign_in_admin
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from app.config import get_settings

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
SPOOFED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: sources}."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def policy_problems(url: str, response: Response) -> list[str]:
    """What is missing from the response's headers, one line each."""
    headers = response.headers
    problems = [
        f"{url}: {name} is {headers.get(name)!r}, not {value!r}"
        for name, value in (
            ("x-frame-options", "DENY"),
            ("x-content-type-options", "nosniff"),
            ("referrer-policy", "same-origin"),
        )
        if headers.get(name) != value
    ]
    policy = directives(headers.get("content-security-policy", ""))
    if headers.get("content-type", "").startswith("text/html"):
        for name, sources in STRICT.items():
            if policy.get(name) != sources:
                problems.append(f"{url}: {name} is {policy.get(name)}, not {sources}")
        allowed_images = ["'self'", "data:"] if url == "/docs" else ["'self'"]
        if policy.get("img-src") != allowed_images:
            problems.append(f"{url}: img-src is {policy.get('img-src')}")
    elif policy.get("default-src") != ["'none'"] or policy.get("frame-ancestors") != ["'none'"]:
        problems.append(f"{url} ({headers.get('content-type')}): policy {policy}")
    return problems


@pytest.fixture
def urls(seeded_client: TestClient, seeded_engine: Engine) -> list[str]:
    """Every GET route's URL, the client signed in as an admin so every page answers."""
    sign_in_admin(seeded_client, seeded_engine)
    return get_urls(seeded_client.app, sample_ids(seeded_engine))


def test_every_response_carries_the_headers_and_every_page_the_strict_policy(
    seeded_client: TestClient, urls: list[str]
) -> None:
    problems, statuses = [], set()
    for url in urls:
        response = seeded_client.get(url, follow_redirects=False)
        statuses.add(response.status_code)
        problems += policy_problems(url, response)
        if url.startswith("/api/") and not url.startswith("/api/jobs"):
            assert response.headers["content-type"] == "application/json", url

    assert not problems, "\n".join(problems)
    assert {200, 400, 404} <= statuses  # pages, refusals and errors alike


def test_refusals_before_the_app_carry_the_headers_too(client: TestClient) -> None:
    untrusted = client.get("/", headers={"Host": "evil.example"})
    too_large = client.post(
        "/login", content=b"x", headers={"Content-Length": str(10**12)}
    )  # app/web/limits.py refuses it before reading

    assert untrusted.status_code == 400 and too_large.status_code == 413
    assert policy_problems("/", untrusted) == []
    assert policy_problems("/login", too_large) == []


def test_pages_and_fragments_hold_no_inline_script_style_or_handler(
    seeded_client: TestClient, urls: list[str]
) -> None:
    """What the strict policy would block (and report) in a browser, found on the server."""
    fragments = [("/", {"HX-Request": "true"}), ("/compare", {"HX-Request": "true"})]
    problems = []
    for url, headers in [*((u, {}) for u in urls), *fragments]:
        response = seeded_client.get(url, headers=headers)
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue
        page = BeautifulSoup(response.text, "html.parser")
        for element in page.find_all(True):
            inline = [a for a in element.attrs if a == "style" or a.startswith(("on", "hx-on"))]
            if inline:
                problems.append(f"{url}: <{element.name} {' '.join(inline)}=...>")
        problems += [f"{url}: a <style> element" for _ in page.find_all("style")]
        for script in page.find_all("script"):
            if not script.get("src") and script.get("type") != "application/json":
                problems.append(f"{url}: an inline <script>")
        for element in page.find_all(attrs={"hx-trigger": True}):
            if "[" in element["hx-trigger"]:  # a trigger filter is evaluated JavaScript
                problems.append(f"{url}: hx-trigger {element['hx-trigger']!r}")
        config = page.select_one('meta[name="htmx-config"]')
        if page.head is not None and url != "/docs":
            settings = json.loads(config["content"]) if config else {}
            if settings.get("includeIndicatorStyles") is not False:
                problems.append(f"{url}: HTMX would inject its indicator <style>")
            if "style" in settings.get("attributesToSettle", ["style"]):
                problems.append(f"{url}: HTMX would copy style attributes as it settles")
    assert not problems, "\n".join(problems)


def test_only_the_api_docs_allow_data_images(client: TestClient) -> None:
    docs = directives(client.get("/docs").headers["content-security-policy"])
    timeline = directives(client.get("/").headers["content-security-policy"])

    assert docs["img-src"] == ["'self'", "data:"]
    assert timeline["img-src"] == ["'self'"]
    assert {k: v for k, v in docs.items() if k != "img-src"} == {
        k: v for k, v in timeline.items() if k != "img-src"
    }


def asset_urls(html: str) -> list[str]:
    """The scripts, stylesheets and icons a page loads."""
    page = BeautifulSoup(html, "html.parser")
    links = page.select('link[rel~="stylesheet"], link[rel~="icon"]')
    return [t["src"] for t in page.select("script[src]")] + [t["href"] for t in links]


def test_a_spoofed_host_changes_no_asset_url_and_no_next_link(
    seeded_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRUSTED_HOSTS", "*")  # so the forged Host gets through to the pages
    get_settings.cache_clear()
    for url in ("/", "/compare", "/statements/1", "/docs", "/no-such-page"):
        honest = seeded_client.get(url)
        forged = seeded_client.get(url, headers=SPOOFED)

        assert forged.status_code == honest.status_code, url
        assert asset_urls(forged.text) == asset_urls(honest.text), url
        assert all(u.startswith("/static/") for u in asset_urls(forged.text)), url
        assert "evil.example" not in forged.text, url
    for url in ("/api/statements?limit=2", "/api/speakers?limit=1"):
        honest_next = seeded_client.get(url).json()["next"]
        forged_next = seeded_client.get(url, headers=SPOOFED).json()["next"]

        assert forged_next == honest_next and forged_next.startswith("/api/"), url


def test_a_request_for_an_untrusted_host_is_refused(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/healthz").status_code == 200  # the test client's own "testserver"
    assert client.get("/healthz", headers={"Host": "localhost:8000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    # Starlette never reads X-Forwarded-Host: the Host header is what is checked and used.
    assert client.get("/healthz", headers={"X-Forwarded-Host": "evil.example"}).status_code == 200

    monkeypatch.setenv("TRUSTED_HOSTS", "tracker.example.org, *.example.net")
    get_settings.cache_clear()

    assert client.get("/", headers={"Host": "tracker.example.org"}).status_code == 200
    assert client.get("/", headers={"Host": "a.example.net"}).status_code == 200
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400
