"""Errors as the user sees them: JSON with a message on the API, a readable page elsewhere.

A malformed parameter is the user's mistake, so it is a 400 (not FastAPI's 422) with a
message that says which value was wrong; /openapi.json documents these 400s (and the
other errors) as the app gives them, with the error body's model.
"""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.config import get_settings
from app.statement_limits import timed_out
from app.validation import plain_message
from app.web.templating import templates


class ErrorOut(BaseModel):
    """The body of every error the JSON API (and the CSV export) answers."""

    detail: str = Field(description="What was wrong, naming the value that was")


def errors_are_json(path: str) -> bool:
    """Whether errors at `path` are JSON (`ErrorOut`) for programs, or a page for people."""
    return path.startswith("/api/") or path.endswith(".csv")


def _wants_json(request: Request) -> bool:
    return errors_are_json(request.url.path)


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
        if exc.status_code == 405:
            response.headers["Allow"] = ", ".join(_allowed_methods(app, request))
        return response

    @app.exception_handler(StaleDataError)
    async def _saved_meanwhile(request: Request, exc: StaleDataError) -> Response:
        # A statement this request changes was saved by someone else since it was read
        # (its version moved): nothing of this request was stored.
        message = (
            "a statement this changes was saved by someone else meanwhile, so nothing was "
            "stored; reload the page and make the change again"
        )
        return error_response(request, 409, message)

    @app.exception_handler(OperationalError)
    async def _database(request: Request, exc: OperationalError) -> Response:
        if not timed_out(exc):
            raise exc  # the server error it is, answered as any other
        seconds = get_settings().web_statement_timeout
        message = (
            f"the database took longer than {seconds:g} s to answer, so the request was "
            "stopped; ask for less (fewer values or a shorter period) and try again"
        )
        return error_response(request, 503, message)

    document_errors(app)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route takes at this path. Starlette's 405 names only the first
    route's: GET /api/statements/{id} and its PATCH are routes of two routers."""
    allowed = []
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in app.router.routes):
            allowed.append(method)
    return allowed


_TOO_LONG = (
    "A database statement ran longer than the web_statement_timeout setting allows and was "
    "stopped; detail says to ask for less"
)
_BAD_REQUEST = (
    "A parameter or the body is malformed, out of range, or names something unknown; "
    "detail says which"
)


def document_errors(app: FastAPI) -> None:
    """Make /openapi.json say what the handlers above do. FastAPI documents a 422 with its
    own error model wherever there are parameters; the app answers 400 with `ErrorOut`,
    and JSON or a page by path. A body over the size cap is a 413 (app/web/limits.py), a
    statement past the time limit a 503 (app/statement_limits.py), and every route needs
    an editor when the private_reading setting is on (401)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for path, operations in schema["paths"].items():
                for operation in operations.values():
                    _document(operation, path)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
            components["ErrorOut"] = ErrorOut.model_json_schema()
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def _document(operation: dict[str, Any], path: str) -> None:
    responses = operation["responses"]
    if responses.pop("422", None) is not None:
        responses.setdefault("400", {"description": _BAD_REQUEST})
    if "requestBody" in operation:
        responses.setdefault("413", {"description": "The body is larger than the cap"})
    if get_settings().private_reading:
        responses.setdefault("401", {"description": "This tracker is private: sign in"})
    if get_settings().web_statement_timeout:
        responses.setdefault("503", {"description": _TOO_LONG})
    if errors_are_json(path):
        content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    else:
        content = {"text/html": {"schema": {"type": "string"}}}
    for status, response in responses.items():
        if status.startswith(("4", "503")) and "content" not in response:
            response["content"] = content
