"""Signing in and out (`/login`, `/logout`)."""

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.crud.users import authenticate
from app.web.auth import (
    LOGIN_THROTTLE,
    SESSION_CSRF,
    EditorDep,
    csrf_token,
    sign_in,
    sign_out,
)
from app.web.params import SessionDep
from app.web.templating import templates

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (no open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def _form(
    request: Request, *, next_url: str, name: str = "", error: str | None = None, status: int = 200
) -> HTMLResponse:
    csrf_token(request)  # the form needs one before anybody is signed in
    return templates.TemplateResponse(
        request,
        "login.html",
        {"next_url": next_url, "name": name, "error": error},
        status_code=status,
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    """The sign-in form."""
    return _form(request, next_url=_safe_next(next))


@router.post("/login")
async def login(
    request: Request,
    session: SessionDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    csrf: Annotated[str, Form(alias="csrf_token")] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the name and password; on success start a session and go where asked."""
    expected = request.session.get(SESSION_CSRF)
    if not expected or not secrets.compare_digest(csrf, str(expected)):
        raise HTTPException(403, "the sign-in form is out of date: reload the page and retry")
    address = request.client.host if request.client else "unknown"
    wait = LOGIN_THROTTLE.retry_after(address, name)
    if wait:
        raise HTTPException(
            429,
            f"too many failed sign-ins: try again in {wait // 60 + 1} minutes",
            headers={"Retry-After": str(wait)},
        )
    user = authenticate(session, name=name, password=password)
    if user is None:
        LOGIN_THROTTLE.failed(address, name)
        return _form(
            request,
            next_url=_safe_next(next),
            name=name,
            error="That name and password do not match an editor.",
            status=401,
        )
    LOGIN_THROTTLE.succeeded(address, name)
    sign_in(request, user)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, session: SessionDep, editor: EditorDep) -> Response:
    """End the editor's sessions (the CSRF check keeps other sites from signing you out)."""
    sign_out(request, session, editor)
    return RedirectResponse("/", status_code=303)
