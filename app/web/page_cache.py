"""Rendered pages kept for readers until the data changes.

Most requests are anonymous readers asking for the same timeline, compare and statement
views; rendering one again costs tens of milliseconds of Python (hundreds at a million
statements) for identical bytes. This middleware keeps the answers of a few read-only
routes, compressed, in a bounded store (app/web/page_stores.py: the process's memory, or
one store for all the workers of a server), keyed on the request and on the database's data
generation (migration 0017: triggers move it on every write to what the pages show, whoever
writes), so a stored page is served only while nothing it could show has changed.

Served from the cache only: GET requests of anonymous readers while reading is open (a
signed-in editor, a bearer token or private reading renders every page afresh: their pages
hold forms and depend on checks made per request), for the paths in CACHED_PATHS, 200
answers of HTML, JSON or CSV that hold no CSRF token of the visitor's (readers' pages have no
forms that write). A request saying `Cache-Control: no-cache` (a hard reload) is rendered
afresh and refreshes the entry.
"""

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import anyio.to_thread
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import get_settings
from app.crud.generation import data_generation as crud_generation
from app.crud.generation import file_generation
from app.db import get_engine, get_session
from app.web.auth import SESSION_CSRF, SESSION_USER
from app.web.page_stores import PAGES, PageStore, SharedPageStore, StoredPage, shared_store

# The read-only routes whose answers are kept: the timeline and its fragments, Compare, a
# statement's page, the statements API, and CSV exports of up to MAX_ENTRY_BYTES (a larger
# one streams through, and is not kept).
CACHED_PATHS = re.compile(r"/|/compare|/statements/\d+|/api/statements(/\d+)?|/export\.csv")
# A larger answer is not kept (a page that size is rare and cheap to lose).
MAX_ENTRY_BYTES = 4 * 1024 * 1024
_CACHEABLE_TYPES = (b"text/html", b"application/json", b"text/csv")
_HIT_HEADER = b"x-page-cache"


@contextmanager
def app_session(app: ASGIApp) -> Iterator[Session]:
    """A session on the database the app's requests read: a test's own where it overrides
    the session dependency, else the configured one."""
    override = getattr(app, "dependency_overrides", {}).get(get_session)
    if override is None:
        with Session(get_engine()) as session:
            yield session
        return
    sessions = override()
    try:
        yield next(sessions)
    finally:
        sessions.close()


def database_url(app: ASGIApp) -> str:
    """Which database the app's requests read (no query: a session reaches the database
    only when it runs one)."""
    with app_session(app) as session:
        return str(session.get_bind().url)


def session_generation(app: ASGIApp) -> int:
    """The data generation, read through a session of the app's (blocking: in a thread)."""
    with app_session(app) as session:
        return crud_generation(session)


class PageCache:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._store: PageStore | SharedPageStore | None = None
        # Keys being rendered now, so a burst of the same request renders it once.
        self._rendering: dict[tuple, anyio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        key = self._key(scope, headers)
        if key is None:
            await self.app(scope, receive, send)
            return
        database = database_url(scope["app"])
        # A SQLite file answers on the spot; any other database through a session, in a
        # thread (a round trip must not hold up the event loop).
        generation = file_generation(database)
        if generation is None:
            try:
                generation = await anyio.to_thread.run_sync(session_generation, scope["app"])
            except DBAPIError:  # no data_generation (a database before 0017): nothing kept
                await self.app(scope, receive, send)
                return
        key = (database, *key)
        fresh = b"no-cache" in headers.get(b"cache-control", b"")
        if not fresh and key in self._rendering:
            await self._rendering[key].wait()
        page = None if fresh else self.store.get(key, generation)
        if page is not None:
            await self._send_stored(scope, page, send)
            return
        if key in self._rendering:  # a hard reload while the same page renders
            await self._render_and_keep(scope, receive, send, key, generation)
            return
        self._rendering[key] = rendered = anyio.Event()
        try:
            await self._render_and_keep(scope, receive, send, key, generation)
        finally:
            del self._rendering[key]
            rendered.set()

    def _key(self, scope: Scope, headers: dict[bytes, bytes]) -> tuple | None:
        """What a page's bytes depend on, or None when this request is not served from the
        cache."""
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not get_settings().page_cache_mb
            or not CACHED_PATHS.fullmatch(scope["path"])
        ):
            return None
        session = scope.get("session") or {}
        if session.get(SESSION_USER) or b"authorization" in headers:
            return None
        if get_settings().private_reading:
            return None
        return (
            scope.get("root_path", ""),
            scope["path"],
            scope["query_string"],
            headers.get(b"hx-request", b""),
        )

    @property
    def store(self) -> PageStore | SharedPageStore:
        """The workers' shared store under `uvicorn --workers`, else this process's own
        (chosen at the first request, in the process that serves it)."""
        if self._store is None:
            size = get_settings().page_cache_mb * 1024 * 1024
            shared = shared_store(size)
            self._store = PAGES if shared is None else shared
        return self._store

    async def _send_stored(self, scope: Scope, page: StoredPage, send: Send) -> None:
        body = zlib.decompress(page.compressed_body)
        headers = [
            *page.headers,
            (b"content-length", str(len(body)).encode()),
            (_HIT_HEADER, b"hit"),
        ]
        await send({"type": "http.response.start", "status": page.status, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _render_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple, generation: int
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                headers = dict(message.get("headers") or [])
                kind = headers.get(b"content-type", b"")
                keep = (
                    message["status"] == 200
                    and kind.startswith(_CACHEABLE_TYPES)
                    and b"set-cookie" not in headers
                )
                message = {
                    **message,
                    "headers": [*(message.get("headers") or []), (_HIT_HEADER, b"miss")],
                }
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                keep = size <= MAX_ENTRY_BYTES
                chunks.append(message.get("body", b"")) if keep else chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if not keep or start is None:
            return
        body = b"".join(chunks)
        token = (scope.get("session") or {}).get(SESSION_CSRF)
        if token and str(token).encode() in body:
            return  # a form of this visitor's: never shown to another
        headers = tuple(
            (name, value)
            for name, value in start.get("headers") or []
            if name.lower() != b"content-length"
        )
        compressed = zlib.compress(body, 1)
        self.store.put(key, StoredPage(generation, start["status"], headers, compressed))
