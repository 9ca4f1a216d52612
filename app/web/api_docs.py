"""`/docs`: Swagger UI for the JSON API, from the vendored copy in static/vendor/swagger-ui/.

FastAPI's own /docs loads Swagger UI from a CDN; the app must work offline, so the app is
created with docs_url=None and this router serves the same page from our static files.
"""

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse

router = APIRouter(include_in_schema=False)

ASSETS = "/static/vendor/swagger-ui"


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    """The interactive API documentation, with no request leaving this server."""
    root = request.scope.get("root_path", "").rstrip("/")
    app = request.app
    page = get_swagger_ui_html(
        openapi_url=f"{root}{app.openapi_url}",
        title=f"{app.title} - API",
        swagger_js_url=f"{root}{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS}/favicon-32x32.png",
        # The default validator badge fetches an image from validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None},
    )
    # A way back to the dashboard above Swagger UI's own page.
    back = (
        f'<nav style="font: 16px sans-serif; padding: 0.75rem 1.5rem; border-bottom: 1px solid '
        f'#ddd"><a href="{root}/">← Peace Terms Tracker</a> · <a href="{root}/codebook">Codebook'
        "</a></nav>"
    )
    html = bytes(page.body).decode().replace("<body>", "<body>" + back, 1)
    return HTMLResponse(html.replace("<html>", '<html lang="en">', 1))  # for screen readers


@router.get("/favicon.ico", include_in_schema=False)
def favicon(request: Request) -> RedirectResponse:
    """Browsers ask for /favicon.ico on their own: the icon is the static SVG."""
    root = request.scope.get("root_path", "").rstrip("/")
    return RedirectResponse(f"{root}/static/favicon.svg", status_code=301)
