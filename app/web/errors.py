"""Errors as the user sees them: JSON with a message on the API, a readable page elsewhere.

A malformed parameter is the user's mistake, so it is a 400 (not FastAPI's 422) with a
message that says which value was wrong.
"""

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from app.web.templating import templates


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".csv")


# Pydantic's wording for the errors an editor meets, said the way an analyst would.
_PLAIN = {
    "too_short": "{field} is empty",
    "string_too_short": "{field} is empty",
    "missing": "{field} is missing",
    "json_invalid": "the body is not valid JSON",
    "enum": "{field} must be one of {expected}",
    "extra_forbidden": "{field} is not a field of this form",
}
_ABOUT = {"conditions": "give at least one condition"}


def plain_message(error: Mapping[str, Any]) -> str:
    """One validation error as a sentence: "give at least one condition", "speaker is
    empty", "date: 2024-02-30 is not a real date"."""
    where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body")]
    field = where[-1] if where and not where[-1].isdigit() else ".".join(where) or "the value"
    kind = str(error.get("type", ""))
    if kind == "too_short" and field in _ABOUT:
        return _ABOUT[field]
    if kind in _PLAIN:
        expected = (error.get("ctx") or {}).get("expected", "")
        return _PLAIN[kind].format(field=field, expected=expected)
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{'.'.join(where)}: {message}" if where else message


def _validation_message(exc: RequestValidationError) -> str:
    return "; ".join(plain_message(error) for error in exc.errors()) or "invalid request"


def _back(request: Request) -> str | None:
    """The page a refused form was sent from, when it is on this site: the way back."""
    referer = request.headers.get("referer", "")
    origin = f"{request.url.scheme}://{request.url.netloc}"
    if request.method == "POST" and referer.startswith(origin + "/"):
        return referer[len(origin) :]
    return None


def error_response(request: Request, status: int, message: str) -> Response:
    """The error in the form the client reads: JSON for the API, a page for people."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    context = {"status": status, "message": message, "back": _back(request)}
    response = templates.TemplateResponse(request, "error.html", context, status_code=status)
    assert isinstance(response, HTMLResponse)
    return response


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        response = error_response(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response
