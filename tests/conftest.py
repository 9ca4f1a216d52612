"""Shared fixtures: an isolated database per test, a session and a web client."""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import get_settings
from app.db import create_db_engine, get_engine, get_session, upgrade_database


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point DATABASE_URL at a per-test file, so no test touches data/tracker.db."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database built by the migrations (so with the full-text index), copied per test."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture
def engine(tmp_path: Path, migrated_template: Path) -> Iterator[Engine]:
    """A fresh SQLite file with the schema of the migrations' head."""
    yield from _engine_on_copy(migrated_template, tmp_path / "test.db")


def _engine_on_copy(template: Path, path: Path) -> Iterator[Engine]:
    """An engine on a fresh copy of a template database, disposed afterwards."""
    shutil.copyfile(template, path)
    engine = create_db_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the fresh database."""
    with Session(engine) as session:
        yield session


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    """A web client whose requests use the fresh database."""
    yield from _client_on(engine)


def _client_on(engine: Engine) -> Iterator[TestClient]:
    # Imported here so the engine's own tests don't need the web app to import.
    from app.main import app

    def override() -> Iterator[Session]:
        with Session(engine) as session:
            yield session

    app.dependency_overrides[get_session] = override
    # Background ingest jobs work on the same database as the requests.
    from app.jobs import RUNNER

    RUNNER.engine_provider = lambda: engine
    try:
        with TestClient(app) as client:
            yield client
    finally:
        app.dependency_overrides.clear()
        RUNNER.engine_provider = get_engine


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    """A migrated database with the five seed articles ingested, copied per test."""
    from app.cli import article_meta, load_document

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    shutil.copyfile(migrated_template, path)
    engine = create_db_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        for seed in sorted(SEEDS.glob("*.txt")):
            document = load_document(seed)
            crud.ingest_article(
                session, text=document.text, file_name=seed.name, meta=article_meta(seed, document)
            )
    engine.dispose()
    return path


@pytest.fixture
def seeded_engine(tmp_path: Path, seeded_template: Path) -> Iterator[Engine]:
    """A fresh copy of the seeded database."""
    yield from _engine_on_copy(seeded_template, tmp_path / "seeded.db")


@pytest.fixture
def seeded_session(seeded_engine: Engine) -> Iterator[Session]:
    with Session(seeded_engine) as session:
        yield session


@pytest.fixture
def seeded_client(seeded_engine: Engine) -> Iterator[TestClient]:
    """A web client on a fresh copy of the seeded database."""
    yield from _client_on(seeded_engine)


EDITOR_NAME = "editor"
EDITOR_PASSWORD = "a long editor password"


def add_editor(engine: Engine, name: str = EDITOR_NAME) -> None:
    """An editor account in the test database."""
    from app.crud.users import create_user

    with Session(engine) as session:
        create_user(session, name=name, password=EDITOR_PASSWORD)


def sign_in(client: TestClient, name: str = EDITOR_NAME, password: str = EDITOR_PASSWORD) -> str:
    """Sign the client in through the form, as a browser does; the session's CSRF token."""
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    response = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    page = client.get("/")
    csrf = re.search(r'"X-CSRF-Token": "([^"]+)"', page.text)
    assert csrf is not None
    return csrf.group(1)


@pytest.fixture(autouse=True)
def fresh_login_throttle() -> Iterator[None]:
    """Failed sign-ins of one test must not throttle the next."""
    from app.web.auth import LOGIN_THROTTLE

    LOGIN_THROTTLE.clear()
    yield


@pytest.fixture
def editor_csrf(seeded_engine: Engine, seeded_client: TestClient) -> str:
    """The seeded client signed in as an editor; its CSRF token."""
    add_editor(seeded_engine)
    return sign_in(seeded_client)
