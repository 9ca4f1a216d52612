"""Managing users in the browser: admins only."""

from conftest import EDITOR_PASSWORD, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.crud.users import authenticate, create_user


def test_an_admin_adds_an_editor_who_can_then_sign_in(client: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        create_user(session, name="boss", password=EDITOR_PASSWORD, is_admin=True)
    csrf = sign_in(client, "boss")
    page = client.get("/users")
    assert page.status_code == 200 and 'href="/users"' in page.text

    added = client.post(
        "/users",
        data={"csrf_token": csrf, "name": "newcomer", "password": "another long password"},
        follow_redirects=False,
    )
    short = client.post("/users", data={"csrf_token": csrf, "name": "x", "password": "short"})

    assert added.status_code == 303
    assert short.status_code == 400 and "at least 10 characters" in short.text
    with Session(engine) as session:
        user = authenticate(session, name="newcomer", password="another long password")
        assert user is not None and not user.is_admin


def test_editors_and_visitors_cannot_manage_users(client: TestClient, engine: Engine) -> None:
    assert client.get("/users").status_code == 401
    with Session(engine) as session:
        create_user(session, name="editor", password=EDITOR_PASSWORD)
    csrf = sign_in(client)

    assert client.get("/users").status_code == 403
    assert 'href="/users"' not in client.get("/").text
    refused = client.post(
        "/users", data={"csrf_token": csrf, "name": "sneaky", "password": "a long password!"}
    )
    assert refused.status_code == 403
