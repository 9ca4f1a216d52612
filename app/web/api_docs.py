"""`/docs`: Swagger UI for the JSON API, from the vendored copy in static/vendor/swagger-ui/.

FastAPI's own /docs loads Swagger UI from a CDN and starts it with an inline script; the
app must work offline under a Content-Security-Policy that refuses inline scripts, so the
app is created with docs_url=None and this router serves a page of its own that loads
Swagger UI and starts it (static/api_docs.js) from our static files.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.web.security_headers import DOCS_POLICY
from app.web.templating import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """The interactive API documentation, with no request leaving this server."""
    root = request.scope.get("root_path", "").rstrip("/")
    app = request.app
    context = {
        "title": f"{app.title} - API",
        "root": root,
        "openapi_url": f"{root}{app.openapi_url}",
    }
    response = templates.TemplateResponse(request, "api_docs.html", context)
    assert isinstance(response, HTMLResponse)
    response.headers["Content-Security-Policy"] = DOCS_POLICY
    return response


@router.get("/favicon.ico", include_in_schema=False)
def favicon(request: Request) -> RedirectResponse:
    """Browsers ask for /favicon.ico on their own: the icon is the static SVG."""
    root = request.scope.get("root_path", "").rstrip("/")
    return RedirectResponse(f"{root}/static/favicon.svg", status_code=301)
