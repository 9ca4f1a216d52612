"""Bounds on every request: a cap on its body, enforced before the app reads it (a
declared length over the cap is refused at once, and a chunked body is cut off when it
passes the cap: 413 with a message either way), so no route can be made to buffer an
unbounded upload; and a time limit on each of its SQL statements (503 past it)."""

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import get_settings
from app.statement_limits import statement_time_limit


def request_cap() -> int:
    """The largest request body accepted: a job of ten of the largest files."""
    return get_settings().article_max_bytes * 10


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = request_cap()
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            await _refuse(scope, send, cap)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _refuse(scope, send, cap)


class StatementTimeLimit:
    """Every SQL statement an HTTP request runs stops after the web_statement_timeout
    setting's seconds (app/statement_limits.py; app/web/errors.py answers 503)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with statement_time_limit(get_settings().web_statement_timeout):
            await self.app(scope, receive, send)


async def _refuse(scope: Scope, send: Send, cap: int) -> None:
    size = f"{cap / 1024 / 1024:g} MB" if cap >= 1024 * 1024 else f"{cap // 1024} KB"
    message = f"the request is larger than {size}"
    path = scope.get("path", "")
    if path.startswith("/api/"):
        body, kind = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body, kind = f"413: {message}".encode(), b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
