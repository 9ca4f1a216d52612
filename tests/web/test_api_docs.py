"""/docs: Swagger UI from vendored files, started without inline script (app/web/api_docs.py)."""

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient


def test_docs_page_loads_only_vendored_assets(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "cdn" not in response.text.lower()
    assert "https://" not in response.text and "http://" not in response.text
    page = BeautifulSoup(response.text, "html.parser")
    assets = [t["src"] for t in page.select("script[src]")]
    assets += [t["href"] for t in page.select("link[href]")]
    assert sorted(assets) == [
        "/static/api_docs.css",
        "/static/api_docs.js",
        "/static/vendor/swagger-ui/favicon-32x32.png",
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
    ]
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    holder = page.select_one("#swagger-ui")
    assert holder is not None and holder["data-openapi-url"] == "/openapi.json"


def test_swagger_ui_starts_without_the_validator_badge(client: TestClient) -> None:
    starter = client.get("/static/api_docs.js").text

    assert "validatorUrl: null" in starter  # no badge fetched from validator.swagger.io
    assert "holder.dataset.openapiUrl" in starter


def test_the_api_docs_lead_back_and_the_favicon_is_served(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert '<a href="/">← Peace Terms Tracker</a>' in docs
    assert '<html lang="en">' in docs
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg")
