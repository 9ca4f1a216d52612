"""Rendered pages kept for anonymous readers until the data changes (app/web/page_cache.py),
and the data generation the database's triggers move on every write (migration 0017)."""

import re
import zlib

import pytest
from conftest import add_editor, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.config import get_settings
from app.crud.generation import data_generation
from app.main import app
from app.web import page_cache
from app.web.page_stores import PAGES, PageStore, StoredPage

CACHE = "x-page-cache"


@pytest.fixture(autouse=True)
def cache_on(fresh_page_cache: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGE_CACHE_MB", "64")
    get_settings.cache_clear()


def generation(engine: Engine) -> int:
    with Session(engine) as session:
        return data_generation(session)


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_a_page_is_rendered_once_and_served_again_while_the_data_is_unchanged(
    seeded_client: TestClient,
) -> None:
    first = seeded_client.get("/?condition=ceasefire")
    again = seeded_client.get("/?condition=ceasefire")

    assert (first.headers[CACHE], again.headers[CACHE]) == ("miss", "hit")
    assert again.text == first.text
    assert again.headers["content-type"] == first.headers["content-type"]
    assert int(again.headers["content-length"]) == len(again.content)
    assert again.headers["content-security-policy"]  # outer middleware still applies


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/compare",
        "/api/statements",
        "/api/statements?limit=2",
        "/statements/{id}",
        "/export.csv?condition=ceasefire",
    ],
)
def test_each_kept_route_answers_the_same_from_the_cache(
    seeded_client: TestClient, seeded_session: Session, path: str
) -> None:
    first_id = seeded_session.execute(text("SELECT min(id) FROM statement")).scalar_one()
    path = path.format(id=first_id)

    rendered = seeded_client.get(path)
    served = seeded_client.get(path)

    assert rendered.status_code == served.status_code == 200
    assert served.headers[CACHE] == "hit"
    assert served.content == rendered.content


def test_the_fragment_and_the_page_are_kept_apart(seeded_client: TestClient) -> None:
    page = seeded_client.get("/")
    fragment = seeded_client.get("/", headers={"HX-Request": "true"})
    page_again = seeded_client.get("/")

    assert fragment.headers[CACHE] == "miss"
    assert "<html" in page.text and "<html" not in fragment.text
    assert page_again.headers[CACHE] == "hit" and "<html" in page_again.text
    assert fragment.headers["HX-Push-Url"] == "/"


def test_a_page_holding_the_visitors_csrf_token_is_never_kept(
    seeded_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Readers' pages hold no form that writes; the sign-in form is one that does.
    monkeypatch.setattr(page_cache, "CACHED_PATHS", re.compile(r"/login"))
    first = seeded_client.get("/login")
    with TestClient(app) as other_visitor:
        other = other_visitor.get("/login")

    assert [first.headers[CACHE], other.headers[CACHE]] == ["miss", "miss"]
    assert form_token(first.text) != form_token(other.text)
    assert len(PAGES) == 0


@pytest.mark.parametrize(
    "write",
    [
        "UPDATE statement SET quote = 'Changed' WHERE id = (SELECT min(id) FROM statement)",
        "UPDATE speaker SET name = 'A Changed Name'",
        "DELETE FROM source WHERE id = (SELECT min(id) FROM source)",
        "UPDATE article SET title = 'A changed title'",
        "INSERT INTO speaker_alias (slug, name, speaker_id) "
        "SELECT 'alias-x', 'Alias X', min(id) FROM speaker",
    ],
)
def test_any_write_moves_the_generation_and_the_next_request_renders_afresh(
    seeded_client: TestClient, seeded_engine: Engine, write: str
) -> None:
    seeded_client.get("/")
    before = generation(seeded_engine)
    with seeded_engine.begin() as connection:
        connection.execute(text(write))

    after = seeded_client.get("/")

    assert generation(seeded_engine) > before
    assert after.headers[CACHE] == "miss"


def test_a_transaction_of_many_writes_moves_the_generation(seeded_engine: Engine) -> None:
    before = generation(seeded_engine)
    with seeded_engine.begin() as connection:
        for number in range(50):
            connection.execute(
                text(
                    "INSERT INTO speaker (slug, name, side, kind, edited) "
                    "VALUES (:slug, 'Someone', 'Russia', 'person', false)"
                ),
                {"slug": f"someone-{number}"},
            )
    moved = generation(seeded_engine) - before

    # PostgreSQL moves it once per transaction (its one row is not rewritten 50 times);
    # SQLite once per row, in place.
    assert moved == (1 if seeded_engine.dialect.name == "postgresql" else 50)
    with seeded_engine.begin() as connection:
        connection.execute(text("UPDATE speaker SET name = 'Else' WHERE slug = 'someone-0'"))
    assert generation(seeded_engine) == before + moved + 1


def test_an_edit_shows_at_once(seeded_client: TestClient, seeded_engine: Engine) -> None:
    assert "A Changed Name" not in seeded_client.get("/").text
    with seeded_engine.begin() as connection:
        connection.execute(text("UPDATE speaker SET name = 'A Changed Name'"))

    assert "A Changed Name" in seeded_client.get("/").text


def test_a_rolled_back_write_leaves_kept_pages_in_use(
    seeded_client: TestClient, seeded_engine: Engine
) -> None:
    seeded_client.get("/")
    with seeded_engine.connect() as connection:
        connection.execute(text("UPDATE speaker SET name = 'Never Saved'"))
        connection.rollback()

    assert seeded_client.get("/").headers[CACHE] == "hit"


def test_editors_and_token_holders_always_get_fresh_pages(
    seeded_client: TestClient, seeded_engine: Engine
) -> None:
    seeded_client.get("/")
    add_editor(seeded_engine)
    sign_in(seeded_client)

    signed_in = seeded_client.get("/")

    assert CACHE not in signed_in.headers
    assert "Sign out" in signed_in.text or "sign out" in signed_in.text.lower()
    with TestClient(app) as reader:
        tokened = reader.get("/api/statements", headers={"Authorization": "Bearer x"})
    assert CACHE not in tokened.headers


def test_a_hard_reload_renders_afresh(seeded_client: TestClient) -> None:
    seeded_client.get("/compare")

    reloaded = seeded_client.get("/compare", headers={"Cache-Control": "no-cache"})

    assert reloaded.headers[CACHE] == "miss"
    assert seeded_client.get("/compare").headers[CACHE] == "hit"


def test_errors_other_routes_and_large_answers_are_not_kept(
    seeded_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = [seeded_client.get("/?date_from=not-a-date") for _ in range(2)]
    feed = seeded_client.get("/feed.atom")
    monkeypatch.setattr(page_cache, "MAX_ENTRY_BYTES", 1000)
    exports = [seeded_client.get("/export.csv") for _ in range(2)]

    assert [r.status_code for r in bad] == [400, 400]
    assert bad[1].headers.get(CACHE) == "miss"
    assert feed.status_code == 200 and CACHE not in feed.headers
    assert [e.headers[CACHE] for e in exports] == ["miss", "miss"]
    assert len(exports[1].content) > 1000 and exports[1].content == exports[0].content
    assert len(PAGES) == 0


def test_private_reading_and_a_zero_size_turn_it_off(
    seeded_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGE_CACHE_MB", "0")
    get_settings.cache_clear()
    assert [CACHE in seeded_client.get("/").headers for _ in range(2)] == [False, False]

    monkeypatch.setenv("PAGE_CACHE_MB", "64")
    monkeypatch.setenv("PRIVATE_READING", "1")
    get_settings.cache_clear()
    assert CACHE not in seeded_client.get("/healthz").headers
    assert seeded_client.get("/", follow_redirects=False).status_code != 200
    assert len(PAGES) == 0
    get_settings.cache_clear()


def _page(generation: int, size: int) -> StoredPage:
    return StoredPage(generation, 200, (), zlib.compress(bytes(size), 0)[:size])


def test_the_store_keeps_at_most_its_size_dropping_the_least_recently_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAGE_CACHE_MB", "1")
    get_settings.cache_clear()
    store = PageStore()
    quarter = 256 * 1024
    for name in "abcd":
        store.put((name,), _page(1, quarter))
    assert store.get(("a",), 1) is not None  # a is now the most recently used

    store.put(("e",), _page(1, quarter))

    assert store.get(("b",), 1) is None
    assert all(store.get((k,), 1) for k in "acde")
    assert store.bytes <= 1024 * 1024 and len(store) == 4
    get_settings.cache_clear()


def test_the_store_serves_no_page_older_than_the_data() -> None:
    store = PageStore()
    store.put(("p",), _page(5, 10))

    assert store.get(("p",), 5) is not None
    assert store.get(("p",), 4) is not None  # rendered from newer data: as good
    store.put(("p",), _page(3, 10))  # a slow older render does not replace it
    assert store.get(("p",), 5) is not None
    assert store.get(("p",), 6) is None
    assert len(store) == 0 and store.bytes == 0
