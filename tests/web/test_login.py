"""Signing in and out: sessions, CSRF, throttling, private reading."""

import re

import pytest
from conftest import EDITOR_PASSWORD, add_editor, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import get_settings
from app.web.auth import LoginThrottle


def _form_token(client: TestClient) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert match is not None
    return match.group(1)


def test_signing_in_sets_a_signed_httponly_samesite_cookie_and_shows_the_name(
    client: TestClient, engine: Engine
) -> None:
    add_editor(engine)
    token = _form_token(client)

    response = client.post(
        "/login",
        data={
            "name": "editor",
            "password": EDITOR_PASSWORD,
            "csrf_token": token,
            "next": "/compare",
        },
        follow_redirects=False,
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/compare"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie  # plain HTTP here; see the HTTPS test
    page = client.get("/")
    assert 'class="account-name">editor<' in page.text
    assert "Sign out" in page.text


def test_a_wrong_password_is_refused_without_a_session(client: TestClient, engine: Engine) -> None:
    add_editor(engine)

    response = client.post(
        "/login",
        data={"name": "editor", "password": "wrong password!", "csrf_token": _form_token(client)},
    )

    assert response.status_code == 401
    assert "do not match" in response.text
    assert "account-name" not in client.get("/").text


def test_the_sign_in_form_needs_its_csrf_token(client: TestClient, engine: Engine) -> None:
    add_editor(engine)
    client.get("/login")

    response = client.post("/login", data={"name": "editor", "password": EDITOR_PASSWORD})

    assert response.status_code == 403
    assert "account-name" not in client.get("/").text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_signing_in_never_redirects_off_the_site(
    client: TestClient, engine: Engine, target: str
) -> None:
    add_editor(engine)
    response = client.post(
        "/login",
        data={
            "name": "editor",
            "password": EDITOR_PASSWORD,
            "csrf_token": _form_token(client),
            "next": target,
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_repeated_failures_are_throttled_even_with_the_right_password(
    client: TestClient, engine: Engine
) -> None:
    add_editor(engine)
    token = _form_token(client)
    for _ in range(5):
        failed = client.post(
            "/login", data={"name": "editor", "password": "wrong password!", "csrf_token": token}
        )
        assert failed.status_code == 401

    blocked = client.post(
        "/login", data={"name": "editor", "password": EDITOR_PASSWORD, "csrf_token": token}
    )

    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "too many failed sign-ins" in blocked.text


def test_the_throttle_forgets_failures_after_its_window() -> None:
    now = [1000.0]
    throttle = LoginThrottle(limit=2, window=60, clock=lambda: now[0])
    throttle.failed("1.2.3.4", "Anna")
    throttle.failed("1.2.3.4", "anna")
    assert throttle.retry_after("1.2.3.4", "anna") == 61
    assert throttle.retry_after("5.6.7.8", "anna") == 0  # another address
    now[0] += 61
    assert throttle.retry_after("1.2.3.4", "anna") == 0


def test_signing_out_needs_the_csrf_token_and_ends_the_session(
    seeded_client: TestClient, editor_csrf: str
) -> None:
    refused = seeded_client.post("/logout")
    assert refused.status_code == 403
    assert "account-name" in seeded_client.get("/").text

    done = seeded_client.post(
        "/logout", headers={"X-CSRF-Token": editor_csrf}, follow_redirects=False
    )
    assert done.status_code == 303
    assert "account-name" not in seeded_client.get("/").text


def test_cookies_are_secure_when_the_request_came_over_https(
    engine: Engine, client: TestClient
) -> None:
    add_editor(engine)
    secure = TestClient(client.app, base_url="https://testserver")
    token = _form_token(secure)
    response = secure.post(
        "/login",
        data={"name": "editor", "password": EDITOR_PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert "secure" in response.headers["set-cookie"].lower()


def test_cookies_are_secure_on_plain_http_too_when_the_server_is_https_only(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind a proxy that ends TLS without saying so, requests look like plain HTTP."""
    monkeypatch.setenv("HTTPS_ONLY", "1")
    get_settings.cache_clear()

    form = client.get("/login")  # the session cookie that carries the form's CSRF token

    cookie = form.headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_private_reading_asks_anonymous_readers_to_sign_in(
    seeded_client: TestClient, seeded_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRIVATE_READING", "1")
    get_settings.cache_clear()

    page = seeded_client.get("/")
    assert page.status_code == 401
    assert 'href="/login?next=/"' in page.text
    queued = seeded_client.get("/statements/1?queue=1")
    assert 'href="/login?next=/statements/1%3Fqueue%3D1"' in queued.text
    api = seeded_client.get("/api/statements")
    assert api.status_code == 401
    assert api.json() == {"detail": "this tracker is private: sign in to read it"}
    assert seeded_client.get("/login").status_code == 200

    add_editor(seeded_engine)
    sign_in(seeded_client)
    assert seeded_client.get("/").status_code == 200


def test_the_throttle_forgets_stale_names_when_it_tracks_too_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import app.web.auth as auth

    monkeypatch.setattr(auth, "_MAX_TRACKED", 10)
    now = [0.0]
    throttle = LoginThrottle(limit=5, window=60, clock=lambda: now[0])
    for n in range(20):
        throttle.failed("1.2.3.4", f"guess{n}")
    now[0] += 61
    throttle.failed("1.2.3.4", "fresh")
    assert len(throttle._failures) == 2  # the fresh name and its address


def test_signing_out_ends_a_copy_of_the_session_cookie_too(
    seeded_client: TestClient, editor_csrf: str
) -> None:
    copied = dict(seeded_client.cookies)
    seeded_client.post("/logout", headers={"X-CSRF-Token": editor_csrf})

    replay = TestClient(seeded_client.app, cookies=copied)
    page = replay.get("/")
    refused = replay.post(
        "/statements/1/review", data={"action": "verify"}, headers={"X-CSRF-Token": editor_csrf}
    )

    assert "account-name" not in page.text
    assert refused.status_code == 401
