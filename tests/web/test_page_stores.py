"""Where the page cache keeps pages (app/web/page_stores.py): the store that the worker
processes of one server share, and the choice of store."""

import multiprocessing
import os
from pathlib import Path

import pytest

from app.web import page_stores
from app.web.page_stores import SharedPageStore, StoredPage, remove_other_servers

HEADERS = ((b"content-type", b"text/html; charset=utf-8"), (b"vary", b"HX-Request"))


def page(generation: int, body: bytes = b"compressed") -> StoredPage:
    return StoredPage(generation, 200, HEADERS, body)


def test_a_page_reads_back_as_it_was_stored(tmp_path: Path) -> None:
    store = SharedPageStore(tmp_path, 1024 * 1024)
    key = ("sqlite:///t.db", "", "/", b"speaker=a&q=\xff\x00", b"true")
    store.put(key, page(4, bytes(range(256))))
    assert store.get(key, 4) == page(4, bytes(range(256)))
    assert store.get(key, 3) == page(4, bytes(range(256)))  # newer than asked: as good
    assert store.get(key, 5) is None  # the data changed since
    assert store.get(("sqlite:///t.db", "", "/", b"speaker=a", b"true"), 4) is None


def test_keys_that_would_run_together_stay_apart(tmp_path: Path) -> None:
    store = SharedPageStore(tmp_path, 1024 * 1024)
    store.put(("db", "/", b"q=a\x1f", b"true"), page(1, b"one"))
    store.put(("db", "/", b"q=a", b"\x1ftrue"), page(1, b"two"))
    assert store.get(("db", "/", b"q=a\x1f", b"true"), 1) == page(1, b"one")
    assert store.get(("db", "/", b"q=a", b"\x1ftrue"), 1) == page(1, b"two")


def test_a_slower_render_of_older_data_does_not_replace_a_newer_page(tmp_path: Path) -> None:
    store = SharedPageStore(tmp_path, 1024 * 1024)
    store.put(("k",), page(7, b"new"))
    store.put(("k",), page(6, b"old"))
    assert store.get(("k",), 7) == page(7, b"new")
    store.put(("k",), page(8, b"newer"))
    assert store.get(("k",), 8) == page(8, b"newer")


def test_the_store_stays_within_its_size_dropping_the_oldest(tmp_path: Path) -> None:
    store = SharedPageStore(tmp_path, 512 * 1024)
    for n in range(30):
        store.put((f"page {n}",), page(1, os.urandom(64 * 1024)))
    assert len(store) < 30
    assert store.get(("page 29",), 1) is not None
    assert store.get(("page 0",), 1) is None
    assert store.cache.volume() <= 2 * 512 * 1024


def _worker(folder: str, action: str, results) -> None:
    """What a uvicorn worker does: open the server's shared store, then put or get."""
    page_stores.FOLDER = Path(folder)
    store = page_stores.shared_store(1024 * 1024)
    if store is None:
        results.put("no shared store")
    elif action == "put":
        store.put(("/statements/1",), page(2, b"rendered once"))
        results.put("stored")
    else:
        results.put(store.get(("/statements/1",), 2))


def test_worker_processes_of_one_server_share_their_pages(tmp_path: Path) -> None:
    spawn = multiprocessing.get_context("spawn")  # as uvicorn starts its workers
    results = spawn.Queue()
    for action in ("put", "get"):
        worker = spawn.Process(target=_worker, args=(str(tmp_path), action, results))
        worker.start()
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert results.get(timeout=5) == "stored"
    assert results.get(timeout=5) == page(2, b"rendered once")
    # One folder, named for this (their parent) process, when it started and its code.
    (folder,) = tmp_path.iterdir()
    started = page_stores._start_time(os.getpid())
    assert folder.name == f"{os.getpid()}-{started}-{page_stores.code_fingerprint()}"


def test_a_process_serving_alone_keeps_its_pages_in_memory() -> None:
    assert page_stores.shared_store(1024 * 1024) is None


def test_the_folders_of_stopped_servers_and_of_older_code_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_stores, "FOLDER", tmp_path)
    started = page_stores._start_time(os.getppid())  # a server still running
    running = tmp_path / f"{os.getppid()}-{started}-abc"
    reused = tmp_path / f"{os.getppid()}-1-abc"  # its pid, not its start: a stopped one
    gone = tmp_path / "999999999-5-abc"
    ours = page_stores._start_time(os.getpid())
    mine = tmp_path / f"{os.getpid()}-{ours}-new"
    before_a_change = tmp_path / f"{os.getpid()}-{ours}-old"  # this server, older code
    for folder in (running, reused, gone, mine, before_a_change):
        folder.mkdir()

    remove_other_servers(keep=mine)

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, mine.name])


def test_the_code_fingerprint_changes_with_any_file_of_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(page_stores, "ROOT", tmp_path)
    template = tmp_path / "app" / "templates" / "timeline.html"
    template.parent.mkdir(parents=True)
    (tmp_path / "static").mkdir()
    template.write_text("<p>{{ one }}</p>")
    first = page_stores.code_fingerprint()
    assert page_stores.code_fingerprint() == first  # the same code, the same folder
    template.write_text("<p>{{ two }}</p>!")
    assert page_stores.code_fingerprint() != first
