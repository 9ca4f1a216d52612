"""Who is asking, and what a write needs: an editor's signed session cookie with the
form's CSRF token, or an editor's personal API token (`Authorization: Bearer ...`).

Reading is open unless the `private_reading` setting says otherwise. Sessions are
Starlette's signed cookies (HttpOnly, SameSite=Lax, and Secure when the request came over
HTTPS); failed sign-ins are throttled per client address and name.
"""

import secrets
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import ROOT, get_settings
from app.crud.users import get_user, user_by_token
from app.models import User
from app.web.params import SessionDep

SESSION_USER = "user_id"
SESSION_NAME = "user_name"  # shown in the header without a query per page
SESSION_CSRF = "csrf"
SESSION_EPOCH = "epoch"  # must equal the user's session_epoch (signing out bumps it)
SESSION_ADMIN = "is_admin"  # shows the Users link; every admin write is checked anew
CSRF_HEADER = "X-CSRF-Token"  # sent by HTMX (hx-headers on <body>)
CSRF_FIELD = "csrf_token"  # sent by plain forms
SESSION_MAX_AGE = 14 * 24 * 3600
_OPEN_PATHS = ("/login", "/healthz")  # reachable without signing in when reading is private
_MAX_TRACKED = 10_000  # (address, name) pairs the sign-in throttle remembers before pruning


def session_secret(folder: Path = ROOT / "data") -> str:
    """The key signing session cookies: the setting, else one made once and kept on disk."""
    configured = get_settings().secret_key
    if configured:
        return configured
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use; every form and HTMX request sends it."""
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return str(token)


def signed_in_name(request: Request) -> str | None:
    """The signed-in editor's name, for the page header."""
    return request.session.get(SESSION_NAME) if "session" in request.scope else None


def signed_in_admin(request: Request) -> bool:
    """Whether the signed-in editor is an admin, for the page header."""
    return bool(request.session.get(SESSION_ADMIN)) if "session" in request.scope else False


def sign_in(request: Request, user: User) -> None:
    """Start a fresh session for the user (a new CSRF token too: no fixation)."""
    request.session.clear()
    request.session[SESSION_USER] = user.id
    request.session[SESSION_NAME] = user.name
    request.session[SESSION_ADMIN] = user.is_admin
    request.session[SESSION_EPOCH] = user.session_epoch
    csrf_token(request)


def sign_out(request: Request, session: SessionDep, user: User) -> None:
    """End this session and every other one of the user (a copied cookie stops working)."""
    user.session_epoch += 1
    session.add(user)
    session.commit()
    request.session.clear()


def session_user(request: Request, session: SessionDep) -> User | None:
    """The user of the session cookie, if it is still valid (user exists, not signed out)."""
    user_id = request.session.get(SESSION_USER)
    user = get_user(session, user_id) if isinstance(user_id, int) else None
    if user is None or request.session.get(SESSION_EPOCH) != user.session_epoch:
        return None
    return user


async def _csrf_ok(request: Request) -> bool:
    expected = request.session.get(SESSION_CSRF)
    if not expected:
        return False
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = (await request.form()).get(CSRF_FIELD)
    return isinstance(sent, str) and secrets.compare_digest(sent, str(expected))


def _bearer_user(request: Request, session: SessionDep) -> User | None:
    """The user of a Bearer token, None without one, 401 for a bad one."""
    authorization = request.headers.get("Authorization")
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    user = user_by_token(session, token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise HTTPException(
            401, "the API token is not valid", headers={"WWW-Authenticate": "Bearer"}
        )
    return user


async def require_editor(request: Request, session: SessionDep) -> User:
    """The editor making this write; 401 when nobody is signed in, 403 without the CSRF token."""
    user = _bearer_user(request, session)
    if user is not None:
        return user  # a token is sent by a script, never by a browser on its own: no CSRF
    user = session_user(request, session)
    if user is None:
        raise HTTPException(
            401, "sign in as an editor to make changes", headers={"WWW-Authenticate": "Bearer"}
        )
    if not await _csrf_ok(request):
        raise HTTPException(
            403, "the form's security token is missing or out of date: reload the page and retry"
        )
    return user


EditorDep = Annotated[User, Depends(require_editor)]


def require_admin(editor: EditorDep) -> User:
    """The editor making this write, who must be an admin (403 otherwise)."""
    if not editor.is_admin:
        raise HTTPException(403, "only an admin may manage users")
    return editor


AdminDep = Annotated[User, Depends(require_admin)]


async def require_reader(request: Request, session: SessionDep) -> None:
    """Forget a session that is no longer valid (signed out elsewhere, user gone), so pages
    do not show a signed-in editor who cannot write; with private reading on, every route
    but sign-in needs an editor (session or token)."""
    # On the event loop: an anonymous reader of an open tracker needs no query, and a wait
    # for one of the few page threads (WEB_THREADS) before the page's own wait doubled it.
    signed_in = SESSION_USER in request.session and (
        await run_in_threadpool(session_user, request, session) is not None
    )
    if SESSION_USER in request.session and not signed_in:
        request.session.clear()
    if not get_settings().private_reading or request.url.path in _OPEN_PATHS:
        return
    if signed_in or await run_in_threadpool(_bearer_user, request, session) is not None:
        return
    raise HTTPException(401, "this tracker is private: sign in to read it")


class LoginThrottle:
    """At most `limit` failed sign-ins per (client address, name) within `window` seconds,
    and four times that per address, so a password cannot be guessed by brute force."""

    def __init__(
        self, limit: int = 5, window: float = 900.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def _keys(self, address: str, name: str) -> list[tuple[tuple[str, str], int]]:
        return [((address, name.lower()), self.limit), ((address, "*"), self.limit * 4)]

    def retry_after(self, address: str, name: str) -> int:
        """Seconds to wait before trying again, 0 when a try is allowed now."""
        now = self.clock()
        wait = 0.0
        for key, limit in self._keys(address, name):
            times = self._failures.get(key, deque())
            while times and times[0] <= now - self.window:
                times.popleft()
            if len(times) >= limit:
                wait = max(wait, times[0] + self.window - now)
        return int(wait) + 1 if wait else 0

    def failed(self, address: str, name: str) -> None:
        now = self.clock()
        if len(self._failures) > _MAX_TRACKED:
            # Forget the stale: guessing at random names must not grow memory without end.
            stale = [k for k, t in self._failures.items() if not t or t[-1] <= now - self.window]
            for key in stale:
                del self._failures[key]
        for key, _limit in self._keys(address, name):
            self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, address: str, name: str) -> None:
        self._failures.pop((address, name.lower()), None)

    def clear(self) -> None:
        self._failures.clear()


LOGIN_THROTTLE = LoginThrottle()  # per process: each worker counts its own failures


class SecureCookiesOverHttps:
    """Marks every cookie Secure on requests that came over HTTPS, or on all of them when
    the https_only setting says the server is reached only that way (SessionMiddleware's
    own flag is fixed at start-up, and the same app may serve plain HTTP on localhost).
    Behind a proxy, uvicorn's --proxy-headers takes the scheme from X-Forwarded-Proto when
    the proxy's address is in --forwarded-allow-ips."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not (
            scope.get("scheme") == "https" or get_settings().https_only
        ):
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [_secure(h) for h in message["headers"]]}
            await send(message)

        await self.app(scope, receive, send_secure)


def _secure(header: tuple[bytes, bytes]) -> Any:
    name, value = header
    if name.lower() == b"set-cookie" and b"secure" not in value.lower():
        return (name, value + b"; secure")
    return header
