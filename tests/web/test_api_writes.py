"""The API's writes: tokens, statuses, corrections, hand-added statements, articles, jobs."""

import time

import pytest
from conftest import add_editor, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from app.config import get_settings
from app.crud.review import list_changes
from app.crud.users import create_user, issue_token
from app.models import Article, IngestJob, Statement


@pytest.fixture
def token(seeded_engine: Engine) -> dict[str, str]:
    with Session(seeded_engine) as session:
        create_user(session, name="script", password="a long script password")
        return {"Authorization": f"Bearer {issue_token(session, name='script')}"}


def _first(session: Session) -> Statement:
    return session.exec(select(Statement).order_by(Statement.id)).first()


def test_writes_without_a_valid_token_get_401_with_a_json_message(
    seeded_client: TestClient, seeded_session: Session
) -> None:
    statement_id = _first(seeded_session).id
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}):
        response = seeded_client.patch(
            f"/api/statements/{statement_id}", json={"status": "verified"}, headers=headers
        )
        assert response.status_code == 401
        assert response.json()["detail"]
    assert seeded_client.post("/api/articles", json={"text": "x"}).status_code == 401


def test_a_browser_session_without_the_csrf_token_cannot_write_to_the_api(
    seeded_client: TestClient, seeded_session: Session, seeded_engine: Engine
) -> None:
    add_editor(seeded_engine)
    csrf = sign_in(seeded_client)
    statement_id = _first(seeded_session).id

    refused = seeded_client.patch(f"/api/statements/{statement_id}", json={"status": "rejected"})
    allowed = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={"status": "rejected"},
        headers={"X-CSRF-Token": csrf},
    )

    assert refused.status_code == 403
    assert allowed.status_code == 200 and allowed.json()["status"] == "rejected"


def test_patch_corrects_fields_and_records_them_under_the_tokens_editor(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str]
) -> None:
    statement_id = _first(seeded_session).id

    response = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={
            "date": "2024-07",
            "date_precision": "month",
            "conditions": [{"condition": "ceasefire", "stance": "reject"}],
            "comment": "the month only is sure",
        },
        headers=token,
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["date"], body["date_precision"], body["status"]) == ("2024-07", "month", "edited")
    assert [c["condition"] for c in body["conditions"]] == ["ceasefire"]
    changes = list_changes(seeded_session, statement_id)
    assert {c.editor for c in changes} == {"script"}
    assert {c.comment for c in changes} == {"the month only is sure"}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"date": "2024-02-30", "date_precision": "day"}, 400, "not a real date"),
        ({"status": "approved"}, 400, "status"),
        ({"expected_updated_at": "2000-01-01T00:00:00Z", "status": "verified"}, 409, "changed by"),
        ({"version": 7, "status": "verified"}, 409, "send its version"),
        ({"version": 0, "status": "verified"}, 400, "version"),
    ],
)
def test_patch_refuses_bad_values_and_stale_versions(
    seeded_client: TestClient,
    seeded_session: Session,
    token: dict[str, str],
    body: dict[str, str],
    status: int,
    message: str,
) -> None:
    statement = _first(seeded_session)
    response = seeded_client.patch(f"/api/statements/{statement.id}", json=body, headers=token)

    assert response.status_code == status
    assert message in response.json()["detail"]
    seeded_session.refresh(statement)
    assert statement.status == "extracted"


def test_patch_of_a_missing_statement_is_404(
    seeded_client: TestClient, token: dict[str, str]
) -> None:
    response = seeded_client.patch(
        "/api/statements/999999", json={"status": "verified"}, headers=token
    )
    assert response.status_code == 404


def test_post_statement_adds_one_from_offsets_in_an_article(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str]
) -> None:
    article = seeded_session.exec(select(Article).order_by(Article.id)).first()
    start = article.text.index("Putin")
    end = article.text.index(".", start) + 1

    response = seeded_client.post(
        "/api/statements",
        json={
            "article_id": article.id,
            "start": start - 1 if article.text[start - 1].isspace() else start,
            "end": end,
            "speaker": "Vladimir Putin",
            "side": "Russia",
            "date": "2024-07-05",
            "date_precision": "day",
            "conditions": [{"condition": "ceasefire", "stance": "reject"}],
        },
        headers=token,
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "added"
    assert body["evidence"] == article.text[start:end]  # leading space trimmed
    assert body["sources"][0]["start"] == start

    beyond = seeded_client.post(
        "/api/statements",
        json={
            "article_id": article.id,
            "start": len(article.text) - 5,
            "end": len(article.text) + 10,
            "speaker": "X",
            "side": "Russia",
            "conditions": [{"condition": "ceasefire", "stance": "reject"}],
        },
        headers=token,
    )
    assert beyond.status_code == 400
    assert "past the article" in beyond.json()["detail"]


def _wait(client: TestClient, url: str) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["state"] == "done":
            return job
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_post_article_queues_a_job_that_stores_the_text(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str]
) -> None:
    text = (
        "Zelensky rejects a freeze of the war\n\n"
        "Ukrainian President Volodymyr Zelensky said on Monday that Ukraine would never "
        "recognise the occupied territories as Russian.\n"
    )
    response = seeded_client.post(
        "/api/articles",
        json={"text": text, "publisher": "API Wire", "published": "2025-02-03"},
        headers=token,
    )

    assert response.status_code == 202
    assert response.headers["location"] == response.json()["url"]
    job = _wait(seeded_client, response.json()["url"])
    [item] = job["items"]
    assert item["state"] == "done" and item["statements_new"] >= 1
    article = seeded_session.get(Article, item["article_id"])
    assert (article.publisher, str(article.published)) == ("API Wire", "2025-02-03")


def test_post_article_by_url_fails_its_item_for_an_inward_address(
    seeded_client: TestClient, token: dict[str, str]
) -> None:
    response = seeded_client.post(
        "/api/articles", json={"url": "http://169.254.169.254/latest/"}, headers=token
    )
    job = _wait(seeded_client, response.json()["url"])
    assert job["failed"] == 1
    assert "link-local address" in job["items"][0]["message"]


def test_post_article_needs_text_or_url(seeded_client: TestClient, token: dict[str, str]) -> None:
    response = seeded_client.post("/api/articles", json={"title": "nothing"}, headers=token)
    assert response.status_code == 400
    assert "give the article's text or its url" in response.json()["detail"]
    assert seeded_client.get("/api/jobs/999999").status_code == 404


def test_post_article_over_the_article_size_is_413_and_queues_nothing(
    seeded_client: TestClient,
    seeded_session: Session,
    token: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ARTICLE_MAX_BYTES", "2048")
    get_settings.cache_clear()

    response = seeded_client.post("/api/articles", json={"text": "word " * 500}, headers=token)

    assert response.status_code == 413
    assert response.json() == {"detail": "the text is larger than 2 KB, the most an article may be"}
    assert seeded_session.exec(select(IngestJob)).first() is None


def test_a_client_sends_back_the_version_it_read_and_a_stale_one_is_refused(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str]
) -> None:
    statement_id = _first(seeded_session).id
    read = seeded_client.get(f"/api/statements/{statement_id}").json()["version"]

    first = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={"status": "verified", "version": read},
        headers=token,
    )
    second = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={"date": "2023", "version": read},
        headers=token,
    )

    assert first.status_code == 200 and first.json()["version"] == read + 1
    assert second.status_code == 409
    assert second.json()["detail"] == (
        "this statement was changed by someone else since you opened it: "
        "get it again to see the change, and send its version"
    )
    stored = seeded_client.get(f"/api/statements/{statement_id}").json()
    assert (stored["status"], stored["version"]) == ("verified", read + 1)
    assert stored["date"] != "2023"
    again = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={"date": "2023", "version": read + 1},
        headers=token,
    )
    assert again.status_code == 200 and again.json()["version"] == read + 2


def test_the_openapi_schema_documents_the_version_and_the_conflict(
    seeded_client: TestClient,
) -> None:
    schema = seeded_client.get("/openapi.json").json()
    patch = schema["paths"]["/api/statements/{statement_id}"]["patch"]
    assert "version" in patch["responses"]["409"]["description"]
    fields = schema["components"]["schemas"]["StatementPatch"]["properties"]
    assert "409" in fields["version"]["description"]
    assert fields["expected_updated_at"]["deprecated"] is True
    assert "version" in schema["components"]["schemas"]["StatementOut"]["required"]


def test_a_client_sends_back_updated_at_to_guard_against_overwriting(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str]
) -> None:
    statement_id = _first(seeded_session).id
    version = seeded_client.get(f"/api/statements/{statement_id}").json()["updated_at"]

    first = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={"status": "verified", "expected_updated_at": version},
        headers=token,
    )
    second = seeded_client.patch(
        f"/api/statements/{statement_id}",
        json={"status": "rejected", "expected_updated_at": version},
        headers=token,
    )

    assert first.status_code == 200 and first.json()["updated_at"] != version
    assert second.status_code == 409


def test_a_body_that_is_not_json_gets_a_plain_message(
    seeded_client: TestClient, token: dict[str, str]
) -> None:
    response = seeded_client.patch(
        "/api/statements/1",
        content=b"status=verified",
        headers={**token, "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "the body is not valid JSON"}


@pytest.mark.parametrize("status", ["edited", "added"])
def test_a_status_that_records_an_edit_cannot_be_set_by_itself(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str], status: str
) -> None:
    statement = _first(seeded_session)
    response = seeded_client.patch(
        f"/api/statements/{statement.id}", json={"status": status}, headers=token
    )
    assert response.status_code == 400
    assert "set verified, rejected or extracted" in response.json()["detail"]
    seeded_session.refresh(statement)
    assert statement.status == "extracted"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/statements/9223372036854775808"),
        ("PATCH", "/api/statements/9223372036854775808"),
        ("GET", "/api/jobs/9223372036854775808"),
    ],
)
def test_ids_beyond_the_database_range_are_a_400(
    seeded_client: TestClient, token: dict[str, str], method: str, path: str
) -> None:
    response = seeded_client.request(method, path, json={"status": "verified"}, headers=token)
    assert response.status_code == 400


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_a_publication_date_the_engine_cannot_reckon_from_is_a_400(
    seeded_client: TestClient, seeded_session: Session, token: dict[str, str], published: str
) -> None:
    body = {"text": "Lavrov said last week that Russia demands a ceasefire."}
    body["published"] = published

    response = seeded_client.post("/api/articles", json=body, headers=token)

    assert response.status_code == 400
    assert f"the publication date {published} is out of range" in response.json()["detail"]
    assert seeded_session.exec(select(IngestJob)).all() == []
