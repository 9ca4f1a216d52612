"""Errors as the user sees them: JSON with a message on the API, a readable page elsewhere.

A malformed parameter is the user's mistake, so it is a 400 (not FastAPI's 422) with a
message that says which value was wrong.
"""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from app.web.templating import templates


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".csv")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts) or "invalid request"


def error_response(request: Request, status: int, message: str) -> Response:
    """The error in the form the client reads: JSON for the API, a page for people."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    response = templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
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
