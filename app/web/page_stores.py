"""Where the page cache (app/web/page_cache.py) keeps pages: in the process's memory, or,
when uvicorn runs several worker processes, in one store for all of them.

Each worker keeping its own pages renders every page once per worker; under load those
renders are most of the work (at 100k statements, 50 clients and 2 workers, the pages
rendered a second time were a third of all renders). Here the workers of one server share
a diskcache store (SQLite, made for several processes) in data/page-cache/, in a folder
named for the server's master process, its start time and the code it runs: a restarted
server, or a reloaded one, starts empty, so no page outlives the server and code that
rendered it (a database replaced by a new one between runs starts its data generation
afresh, and its pages must not be served from the old).

Keys and values are text and bytes, never pickles: nothing read from the folder runs code.
"""

import hashlib
import json
import multiprocessing
import shutil
import struct
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import diskcache

from app.config import ROOT, get_settings

FOLDER = ROOT / "data" / "page-cache"
# A worker waits at most this long for another's write to the store (on the event loop);
# past it the request is answered as if the page were not kept.
_WAIT = 0.1
_HEAD = struct.Struct("!qHI")  # generation, status, length of the headers' JSON


@dataclass(frozen=True)
class StoredPage:
    generation: int
    status: int
    headers: tuple[tuple[bytes, bytes], ...]  # without content-length
    compressed_body: bytes


class PageStore:
    """A least-recently-used map of pages, bounded by the bytes of their compressed bodies
    (PAGE_CACHE_MB)."""

    def __init__(self) -> None:
        self.bytes = 0
        self._pages: OrderedDict[tuple, StoredPage] = OrderedDict()

    @property
    def max_bytes(self) -> int:
        return get_settings().page_cache_mb * 1024 * 1024

    def get(self, key: tuple, generation: int) -> StoredPage | None:
        """The page stored for `key` unless the data changed since (one rendered from newer
        data than `generation`, by a request that started later, is as good)."""
        page = self._pages.get(key)
        if page is None:
            return None
        if page.generation < generation:
            self._drop(key)
            return None
        self._pages.move_to_end(key)
        return page

    def put(self, key: tuple, page: StoredPage) -> None:
        size = len(page.compressed_body)
        stored = self._pages.get(key)
        if size > self.max_bytes or (stored and stored.generation > page.generation):
            return
        if stored:
            self._drop(key)
        self._pages[key] = page
        self.bytes += size
        while self.bytes > self.max_bytes:
            self._drop(next(iter(self._pages)))

    def clear(self) -> None:
        self._pages.clear()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._pages)

    def _drop(self, key: tuple) -> None:
        self.bytes -= len(self._pages.pop(key).compressed_body)


PAGES = PageStore()  # the pages of a process that serves alone


def server_folder() -> Path | None:
    """The folder the workers of this server share, or None when this process is not a
    worker that uvicorn started (a single process keeps its pages in memory)."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.pid is None:
        return None
    started = _start_time(parent.pid)
    if started is None:
        return None
    return FOLDER / f"{parent.pid}-{started}-{code_fingerprint()}"


def _start_time(pid: int) -> str | None:
    """When process `pid` started (clock ticks since boot), from Linux's /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[19]  # field 22 of proc(5), counted after the name


def code_fingerprint() -> str:
    """A digest of the names, sizes and times of the app's code, templates and static
    files: `serve --reload` starts a new worker under the same parent on every change, and
    pages rendered by the old code must not be served by the new."""
    digest = hashlib.sha256()
    for top in (ROOT / "app", ROOT / "templates", ROOT / "static"):
        for path in sorted(top.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def remove_other_servers(keep: Path) -> None:
    """Remove every folder but `keep` and those of other servers still running (best
    effort): a stopped server's, and this server's from before a code change."""
    if not FOLDER.is_dir():
        return
    for folder in FOLDER.iterdir():
        pid, started = _server_of(folder)
        running = pid.isdigit() and _start_time(int(pid)) == started
        another_server = running and (pid, started) != _server_of(keep)
        if folder != keep and not another_server:
            shutil.rmtree(folder, ignore_errors=True)


def _server_of(folder: Path) -> tuple[str, str]:
    """(pid, start time) of the server a folder was named for."""
    pid, _, rest = folder.name.partition("-")
    return pid, rest.partition("-")[0]


class SharedPageStore:
    """PageStore's interface over a diskcache store of `size_limit` bytes, the oldest
    stored dropped first."""

    def __init__(self, folder: Path, size_limit: int) -> None:
        self.cache = diskcache.Cache(
            str(folder),
            size_limit=size_limit,
            timeout=_WAIT,
            # Pages stay in SQLite rows rather than files of their own: one read a hit.
            disk_min_file_size=8 * 1024 * 1024,
        )

    def get(self, key: tuple, generation: int) -> StoredPage | None:
        try:
            stored = self.cache.get(_text(key))
        except diskcache.Timeout:
            return None
        if stored is None:
            return None
        page_generation, status, size = _HEAD.unpack_from(stored)
        if page_generation < generation:
            return None  # replaced when the page is rendered again
        start = _HEAD.size
        headers = json.loads(stored[start : start + size])
        return StoredPage(
            page_generation,
            status,
            tuple((name.encode("latin-1"), value.encode("latin-1")) for name, value in headers),
            stored[start + size :],
        )

    def put(self, key: tuple, page: StoredPage) -> None:
        headers = json.dumps(
            [(name.decode("latin-1"), value.decode("latin-1")) for name, value in page.headers]
        ).encode()
        head = _HEAD.pack(page.generation, page.status, len(headers))
        try:
            stored = self.cache.get(_text(key))
            if stored is not None and _HEAD.unpack_from(stored)[0] > page.generation:
                return  # a slower render of older data does not replace a newer one
            self.cache.set(_text(key), head + headers + page.compressed_body)
        except diskcache.Timeout:
            return

    def clear(self) -> None:
        self.cache.clear()

    def __len__(self) -> int:
        return len(self.cache)


def _text(key: tuple) -> str:
    """A key of text and bytes as one string, no two keys alike (bytes read as Latin-1, one
    character each; JSON quotes any separator a query string could hold)."""
    return json.dumps(
        [part.decode("latin-1") if isinstance(part, bytes) else str(part) for part in key]
    )


def shared_store(size_limit: int) -> SharedPageStore | None:
    """The store this server's workers share, or None (not a worker; no folder)."""
    folder = server_folder()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_other_servers(keep=folder)
        return SharedPageStore(folder, size_limit)
    except (OSError, diskcache.Timeout):
        return None
