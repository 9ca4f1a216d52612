"""What /openapi.json says about errors is what the app answers: 400 (never FastAPI's
422) with the ErrorOut body, JSON on the API and a page elsewhere; and a 405 names every
method the path takes."""

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from app.models import MAX_ID


def _operations(spec: dict) -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    return [
        (path, method, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]


def test_no_operation_documents_a_422_and_each_with_parameters_documents_its_400(
    client: TestClient,
) -> None:
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, method, operation in _operations(spec):
        responses = operation["responses"]
        assert "422" not in responses, (method, path)
        if operation.get("parameters") or operation.get("requestBody"):
            content = responses["400"]["content"]
            if path.startswith("/api/") or path.endswith(".csv"):
                assert content == {"application/json": {"schema": error}}, (method, path)
            else:
                assert set(content) == {"text/html"}, (method, path)
    assert spec["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    assert "413" in spec["paths"]["/api/articles"]["post"]["responses"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/statements", {"stance": "maybe"}, 400),
        ("/api/statements", {"limit": "0"}, 400),
        ("/api/statements/0", {}, 400),
        ("/api/statements/999999", {}, 404),
        ("/export.csv", {"kind": "rumour"}, 400),
    ],
)
def test_an_error_body_is_the_documented_model(
    client: TestClient, path: str, params: dict[str, str], status: int
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"detail"} and isinstance(body["detail"], str)


def test_filters_are_typed_in_the_schema(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    parameters = {
        p["name"]: p["schema"] for p in spec["paths"]["/api/statements"]["get"]["parameters"]
    }
    status = parameters["status"]["anyOf"]
    assert status[0]["enum"] == ["reviewed", "extracted", "verified", "rejected", "edited", "added"]
    assert status[1] == {"type": "string", "maxLength": 0, "description": "Empty: no constraint"}
    # Sides and speakers are data, not enums: bounded strings, unknown ones a 400.
    for name in ("side", "speaker"):
        item = parameters[name]["items"]["anyOf"][0]
        assert item["type"] == "string" and item["maxLength"] == 200, name
        assert "unknown is a 400" in parameters[name]["description"]
    assert parameters[name]["maxItems"] == 50
    assert parameters["source"]["anyOf"][0] == {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_ID,
    }
    condition = parameters["condition"]["items"]["anyOf"][0]
    assert "territory" in condition["enum"]
    assert parameters["date_from"]["anyOf"][0]["pattern"] == "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
    path_id = spec["paths"]["/api/statements/{statement_id}"]["get"]["parameters"][0]["schema"]
    assert path_id["maximum"] == MAX_ID


def test_a_private_tracker_documents_its_401s(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.main import app

    monkeypatch.setenv("PRIVATE_READING", "1")
    get_settings.cache_clear()
    app.openapi_schema = None
    try:
        spec = client.get("/openapi.json").json()
        assert all("401" in op["responses"] for _, _, op in _operations(spec))
    finally:
        app.openapi_schema = None
        monkeypatch.delenv("PRIVATE_READING")
        get_settings.cache_clear()


def test_a_405_names_every_method_of_the_path(client: TestClient) -> None:
    response = client.delete("/api/statements/1")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PATCH"
