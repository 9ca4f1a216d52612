"""HEAD wherever GET (app/web/head_requests.py): the GET's status and headers, no body."""

import anyio
import pytest
from app_routes import get_urls, sample_ids, sign_in_admin
from fastapi.testclient import TestClient
from own_thread import in_own_thread
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message

# Made anew per response: the date, and the session cookie's signature (it holds a time).
VARYING = {"date", "set-cookie"}


def test_head_answers_every_get_route_as_get_does_without_the_body(
    seeded_client: TestClient, seeded_engine: Engine
) -> None:
    sign_in_admin(seeded_client, seeded_engine)
    problems = []
    for url in get_urls(seeded_client.app, sample_ids(seeded_engine)):
        head = seeded_client.head(url, follow_redirects=False)
        get = seeded_client.get(url, follow_redirects=False)
        head_headers = {k: v for k, v in head.headers.items() if k not in VARYING}
        get_headers = {k: v for k, v in get.headers.items() if k not in VARYING}
        if head.status_code != get.status_code:
            problems.append(f"HEAD {url}: {head.status_code}, GET: {get.status_code}")
        elif head_headers != get_headers:
            problems.append(f"HEAD {url}: headers {head_headers}, GET: {get_headers}")
        if head.content:
            problems.append(f"HEAD {url}: a body of {len(head.content)} bytes")
    assert not problems, "\n".join(problems)


def call(app: ASGIApp, method: str, url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body bytes the app sends, straight from ASGI (the test client's
    HEAD would drop a body it was sent, so it cannot tell whether one was)."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[Message] = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> Message:
        if requests:
            return requests.pop()
        await anyio.sleep_forever()  # the client stays connected until the response ends
        raise AssertionError("unreachable")

    async def send(message: Message) -> None:
        sent.append(message)

    in_own_thread(anyio.run, app, scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers, body


@pytest.mark.parametrize(
    "url", ["/login", "/api/statements?limit=2", "/static/style.css", "/export.csv"]
)
def test_head_sends_no_body_but_the_length_of_the_get(seeded_client: TestClient, url: str) -> None:
    get_status, get_headers, body = call(seeded_client.app, "GET", url)
    head_status, head_headers, head_body = call(seeded_client.app, "HEAD", url)

    assert head_status == get_status == 200
    assert body and head_body == b""
    assert head_headers.get("content-length") == get_headers.get("content-length")


def test_head_is_refused_where_get_is(client: TestClient) -> None:
    only_post = client.head("/logout")  # POST only: no GET to stand for

    assert only_post.status_code == 405
