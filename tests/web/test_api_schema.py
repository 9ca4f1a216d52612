"""Schemathesis against the app's own /openapi.json: every operation is called with
requests made from its schema (valid ones, and ones that break it), in process, and fails
on any server error, any undocumented status, content type or header, and any response
body its schema does not describe.

Bounded and repeatable: a fixed seed, derandomized generation, a few dozen examples per
operation and no example database. The coverage phase (each parameter's boundaries and
wrong types, some 300 requests an operation) runs on the operations with parameters of
their own; the four other filtered lists read the very same FilterQuery, so they are
only fuzzed.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.python import asgi
from sqlalchemy import Engine
from sqlmodel import Session

from app.config import get_settings
from app.crud.users import create_user, issue_token
from app.main import app

SHARED_FILTERS = ["/api/speakers", "/api/conditions", "/export.csv", "/feed.atom"]

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20220224,
        "generation": {
            "mode": "all",  # schema-valid requests and schema-breaking ones
            "max-examples": 25,
            "deterministic": True,
            "database": "none",
        },
        "phases": {"stateful": {"enabled": False}},
        # A schema-valid request may still be a 400, and the schema says so: speakers,
        # sides, article ids and a body's condition are checked against the database or
        # the taxonomy, and 2024-02-30 has the shape of a date without being one.
        "checks": {"positive_data_acceptance": {"enabled": False}},
        "operations": [
            {"include-path": SHARED_FILTERS, "phases": {"coverage": {"enabled": False}}}
        ],
    }
)

# The document /openapi.json serves, read without starting the app's lifespan: that
# would start the job runner on the default database while the tests are collected.
schema = schemathesis.openapi.from_dict(TestClient(app).get("/openapi.json").json(), config=CONFIG)
schema.app = app  # requests go to the app in process (schemathesis' ASGI transport)


@pytest.fixture
def queued_jobs_stay_queued(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Articles the fuzzer posts are queued, not extracted in a background thread."""
    monkeypatch.setenv("JOBS_IN_PROCESS", "0")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def api_session(
    queued_jobs_stay_queued: None, seeded_client: TestClient, seeded_engine: Engine
) -> asgi.ASGIClient:
    """A client of the app on the seeded database (seeded_client's overrides), with an
    editor's token so the writes are tried too, not only refused."""
    with Session(seeded_engine) as session:
        create_user(session, name="schemathesis", password="a long editor password")
        token = issue_token(session, name="schemathesis")
    client = asgi.get_client(app)  # not entered: the app's lifespan is seeded_client's
    client.headers["Authorization"] = f"Bearer {token}"
    return client


@schema.parametrize()
# The database is the operation's, shared by its examples: they only add to it.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_api_answers_as_its_schema_says(
    case: schemathesis.Case, api_session: asgi.ASGIClient
) -> None:
    case.call_and_validate(session=api_session)
