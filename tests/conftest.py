"""Shared fixtures: an isolated database per test, a session and a web client.

The database fixtures work on SQLite (the default) or PostgreSQL: `pytest --db=postgresql`
(or TEST_DB=postgresql) with TEST_POSTGRES_URL naming a server the tests may create
databases on (`bash scripts/postgres.sh python -m pytest --db=postgresql ...` starts one).
A test that is about SQLite itself is marked `sqlite_only(reason)`.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from backends import BACKENDS, Databases
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app import crud
from app.config import get_settings
from app.db import create_db_engine, get_engine, get_session, upgrade_database


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=BACKENDS,
        default=os.environ.get("TEST_DB") or "sqlite",
        help="the database of the database fixtures (default: $TEST_DB, else sqlite); "
        "postgresql needs TEST_POSTGRES_URL (scripts/postgres.sh)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a test of SQLite itself, skipped on other databases"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    backend = config.getoption("--db")
    if backend == "sqlite":
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


@pytest.fixture(scope="session")
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Databases]:
    """Makes the tests' throwaway databases on the backend of `--db`."""
    made = Databases(request.config.getoption("--db"), tmp_path_factory)
    yield made
    made.close()


@pytest.fixture
def new_database(databases: Databases) -> Iterator[Callable[[], str]]:
    """A factory of empty databases (their URLs), dropped after the test."""
    yield from databases.factory()


@pytest.fixture(autouse=True)
def isolated_settings(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Point DATABASE_URL at a per-test database, so no test touches data/tracker.db: an
    empty file, or an empty PostgreSQL database under `--db=postgresql`."""
    dropped = None
    if request.config.getoption("--db") == "sqlite":
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    else:
        databases: Databases = request.getfixturevalue("databases")
        dropped = databases.new()
        monkeypatch.setenv("DATABASE_URL", dropped)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()
    if dropped is not None:
        databases.drop(dropped)


@pytest.fixture(scope="session")
def migrated_template(databases: Databases) -> Iterator[str]:
    """One database built by the migrations (so with the full-text index), copied per test."""
    url = databases.new()
    upgrade_database(url)
    yield url
    databases.drop(url)


@pytest.fixture
def engine(databases: Databases, migrated_template: str) -> Iterator[Engine]:
    """A fresh database with the schema of the migrations' head."""
    yield from _engine_on_copy(databases, migrated_template)


def _engine_on_copy(databases: Databases, template: str) -> Iterator[Engine]:
    """An engine on a fresh copy of a template database, disposed (and dropped) afterwards."""
    url = databases.new(template=template)
    engine = create_db_engine(url)
    yield engine
    engine.dispose()
    databases.drop(url)


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
def seeded_template(databases: Databases, migrated_template: str) -> Iterator[str]:
    """A migrated database with the five seed articles ingested, copied per test."""
    from app.cli import article_meta, load_document

    url = databases.new(template=migrated_template)
    engine = create_db_engine(url)
    with Session(engine) as session:
        for seed in sorted(SEEDS.glob("*.txt")):
            document = load_document(seed)
            crud.ingest_article(
                session, text=document.text, file_name=seed.name, meta=article_meta(seed, document)
            )
    engine.dispose()
    yield url
    databases.drop(url)


@pytest.fixture
def seeded_engine(databases: Databases, seeded_template: str) -> Iterator[Engine]:
    """A fresh copy of the seeded database."""
    yield from _engine_on_copy(databases, seeded_template)


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


@pytest.fixture(autouse=True)
def fresh_page_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No page is served from the cache of rendered pages but in its own tests (the others
    change the app's limits mid-test, which a running server never does), and pages one
    test rendered are not served to the next."""
    from app.crud.generation import forget_all
    from app.web.page_cache import PAGES

    monkeypatch.setenv("PAGE_CACHE_MB", "0")
    get_settings.cache_clear()
    PAGES.clear()
    forget_all()
    yield
    PAGES.clear()


@pytest.fixture
def editor_csrf(seeded_engine: Engine, seeded_client: TestClient) -> str:
    """The seeded client signed in as an editor; its CSRF token."""
    add_editor(seeded_engine)
    return sign_in(seeded_client)
