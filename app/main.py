"""The FastAPI application: pages, export, JSON API, static files and the health check."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from anyio import to_thread
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session
from starlette.middleware.sessions import SessionMiddleware

from app.config import ROOT, get_settings
from app.db import get_session
from app.jobs import RUNNER
from app.web import (
    adding,
    api,
    api_docs,
    api_writes,
    article_edits,
    articles,
    catalog,
    compare,
    export,
    feed,
    login,
    merges,
    review,
    statement_page,
    timeline,
    users,
)
from app.web.auth import (
    SESSION_MAX_AGE,
    SecureCookiesOverHttps,
    require_reader,
    session_secret,
)
from app.web.errors import install_error_handlers
from app.web.head_requests import HeadAsGet
from app.web.limits import BodySizeLimit, StatementTimeLimit
from app.web.page_cache import PageCache
from app.web.params import checked_query
from app.web.security_headers import SecurityHeaders
from app.web.trusted_hosts import TrustedHosts


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    """Run ingest jobs in the background while the app serves (resuming unfinished ones),
    and render pages in WEB_THREADS threads (app/config.py says why so few)."""
    to_thread.current_default_thread_limiter().total_tokens = get_settings().web_threads
    RUNNER.start()
    yield
    RUNNER.stop()


app = FastAPI(
    lifespan=lifespan,
    title="Peace Terms Tracker",
    summary="Dated statements of conditions for ending the Russia-Ukraine war, by speaker.",
    docs_url=None,  # served from vendored assets by app.web.api_docs, not from a CDN
    redoc_url=None,
    dependencies=[
        Depends(require_reader),  # open unless the private_reading setting is on
        Depends(checked_query),
    ],
)
# Inside the session middleware: it reads who is asking, and fills in their CSRF token.
app.add_middleware(PageCache)
# Signed, HttpOnly, SameSite=Lax session cookies; Secure when the request came over HTTPS.
app.add_middleware(
    SessionMiddleware, secret_key=session_secret(), max_age=SESSION_MAX_AGE, same_site="lax"
)
app.add_middleware(SecureCookiesOverHttps)
app.add_middleware(HeadAsGet)
app.add_middleware(StatementTimeLimit)  # a request's SQL statements stop past a limit
app.add_middleware(BodySizeLimit)  # before any route: a body over the cap is never read
app.add_middleware(TrustedHosts)  # a request for another host is refused first
app.add_middleware(SecurityHeaders)  # outermost: refusals carry the headers too
app.mount("/static", StaticFiles(directory=ROOT / "static"), name="static")
install_error_handlers(app)
app.include_router(timeline.router)
app.include_router(statement_page.router)
app.include_router(login.router)
app.include_router(review.router)
app.include_router(merges.router)
app.include_router(adding.router)  # before /articles/{id}: "new" is not an id
app.include_router(article_edits.router)
app.include_router(articles.router)
app.include_router(compare.router)
app.include_router(catalog.router)
app.include_router(export.router)
app.include_router(feed.router)
app.include_router(api.router)
app.include_router(api_writes.router)
app.include_router(api_docs.router)
app.include_router(users.router)


@app.api_route("/healthz", methods=["GET", "HEAD"], include_in_schema=False)
def healthz(session: Annotated[Session, Depends(get_session)]) -> dict[str, str]:
    """Liveness and database reachability, for load balancers and `serve` checks."""
    session.connection().exec_driver_sql("SELECT 1")
    return {"status": "ok"}
