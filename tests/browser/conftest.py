"""Browser tests: a real uvicorn server on its own SQLite file, driven by Debian's Chromium.

Fixtures:

- `live_server` (session): base URL of a server whose database holds the ingested seeds.
- `server_database` (session): factory `server_database() -> db_url` of a new empty
  database on the backend of `--db` (an SQLite file, or a PostgreSQL database).
- `start_server` (session): factory `start_server(db_url, ingest=(paths...)) -> LiveServer`
  for a test module that needs its own database; every server it starts is stopped at the
  end of the session, or earlier with `server.stop()` / `with start_server(...) as server:`.
- `browser` (session): Chromium launched from CHROMIUM_PATH (default /usr/bin/chromium).
- `page` (function): a fresh context (1280x900, downloads accepted) and page. Requests that
  leave the machine are aborted and recorded, so a page cannot quietly depend on a CDN.
- `page_log` (function): what the page did wrong: console errors, uncaught exceptions,
  Content-Security-Policy violations and the aborted external requests.
- `admin_server` (session): a server with the seeds and an admin (ADMIN, ADMIN_PASSWORD)
  who may see every page; `sign_in_admin(page, base)` signs a page in as the admin.
- `save_screenshot` (session): `save_screenshot(page, name) -> Path`, a full-page PNG in
  test-artifacts/screenshots/.

Under pytest-xdist each worker has its own session, hence its own server, database and browser.
The top-level autouse fixture's DATABASE_URL is never relied upon: servers get an explicit env.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from backends import Databases
from playwright.sync_api import (
    Browser,
    Page,
    Playwright,
    Request,
    Route,
    expect,
    sync_playwright,
)

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"

DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}

STARTUP_TIMEOUT = 30.0  # seconds for a server to answer /healthz
COMMAND_TIMEOUT = 120.0  # seconds for a migration or an ingest
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def server_env(db_url: str) -> dict[str, str]:
    """The environment of a server or CLI subprocess working on `db_url`."""
    env = dict(os.environ)
    env["DATABASE_URL"] = db_url
    env["PYTHONUNBUFFERED"] = "1"
    # As served: readers' pages from the page cache (the unit tests' default turns it off).
    env.pop("PAGE_CACHE_MB", None)
    return env


def run_app(db_url: str, *args: str) -> None:
    """Run `python -m app ARGS` on `db_url`; fail the test with its output if it fails."""
    _run([sys.executable, "-m", "app", *args], db_url)


def migrate(db_url: str) -> None:
    """Bring `db_url` to the latest migration, in a subprocess like the server's."""
    code = "from app.db import upgrade_database; upgrade_database()"
    _run([sys.executable, "-c", code], db_url)


def add_user(db_url: str, name: str, password: str, *, admin: bool = False) -> None:
    """Add an editor (or an admin) to `db_url` with the CLI, the password on stdin."""
    command = ["users", "add", name, "--password-stdin", *(["--admin"] if admin else [])]
    _run([sys.executable, "-m", "app", *command], db_url, stdin=password + "\n")


def _run(command: list[str], db_url: str, stdin: str | None = None) -> None:
    result = subprocess.run(
        command,
        input=stdin,
        cwd=REPO,
        env=server_env(db_url),
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command[1:])} exited with {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}",
            pytrace=False,
        )


def free_port() -> int:
    """A TCP port nothing listens on right now (the server retries if it is taken meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """A uvicorn subprocess serving the app on `url` from the database `db_url`."""

    url: str
    db_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """Terminate the server (idempotent); kill it if it ignores SIGTERM for 10 s."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> "LiveServer":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_server(
    db_url: str, *, ingest: Sequence[Path] = (), log_dir: Path | None = None
) -> LiveServer:
    """Migrate `db_url`, ingest `ingest` into it, then serve it; return once /healthz is 200.

    With `ingest` empty, the database is only migrated: fill it beforehand or afterwards.
    The server's output goes to a file in `log_dir` (default: a new temporary folder).
    """
    if ingest:
        run_app(db_url, "ingest", *(str(path) for path in ingest))  # migrates first
    else:
        migrate(db_url)
    if log_dir is None:
        log_dir = Path(tempfile.mkdtemp(prefix="live-server-"))
    # A free port can be taken between our probe and uvicorn's bind: retry on a new one.
    last: LiveServer | None = None
    for _attempt in range(3):
        last = _launch(db_url, free_port(), log_dir)
        if _wait_healthy(last):
            return last
        last.stop()
        if "address already in use" not in last.log().lower():
            break
    assert last is not None
    pytest.fail(
        f"the server on {last.url} did not answer /healthz with 200 within "
        f"{STARTUP_TIMEOUT:.0f} s (exit code {last.process.poll()}); its output:\n{last.log()}",
        pytrace=False,
    )


def _launch(db_url: str, port: int, log_dir: Path) -> LiveServer:
    log_path = log_dir / f"uvicorn-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            env=server_env(db_url),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return LiveServer(f"http://127.0.0.1:{port}", db_url, process, log_path)


def _wait_healthy(server: LiveServer) -> bool:
    """Poll /healthz until it answers 200 (True), the server exits or time runs out (False)."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    return False


@pytest.fixture(scope="session")
def server_database(databases: Databases) -> Iterator[Callable[[], str]]:
    """A factory of empty databases for servers, dropped at the end of the session."""
    yield from databases.factory()


@pytest.fixture(scope="session", name="start_server")
def start_server_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., LiveServer]]:
    """`start_server(db_url, ingest=(paths...))`; every server started is stopped at the end."""
    started: list[LiveServer] = []
    log_dir = tmp_path_factory.mktemp("server-logs")

    def start(db_url: str, *, ingest: Sequence[Path] = ()) -> LiveServer:
        server = start_server(db_url, ingest=ingest, log_dir=log_dir)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def live_server(server_database: Callable[[], str], start_server: Callable[..., LiveServer]) -> str:
    """Base URL (no trailing slash) of a server whose fresh database holds the seeds."""
    return start_server(server_database(), ingest=[SEEDS]).url


ADMIN = "admin"
ADMIN_PASSWORD = "a long admin password"


@pytest.fixture(scope="session")
def admin_server(
    server_database: Callable[[], str], start_server: Callable[..., LiveServer]
) -> LiveServer:
    """A server with the seeds and an admin, who may see every page including /users; its
    tests only read, so they share it."""
    db_url = server_database()
    server = start_server(db_url, ingest=[SEEDS])
    add_user(db_url, ADMIN, ADMIN_PASSWORD, admin=True)
    return server


def sign_in_admin(page: Page, base: str) -> None:
    """Sign the page in as the admin of `admin_server` through the sign-in form."""
    page.goto(f"{base}/login")
    page.get_by_label("Name").fill(ADMIN)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".account-name")).to_have_text(ADMIN)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver, started once per session (per xdist worker)."""
    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium from CHROMIUM_PATH; missing, it fails under CI and skips elsewhere."""
    executable = os.environ.get("CHROMIUM_PATH", DEFAULT_CHROMIUM)
    if not os.access(executable, os.X_OK):
        message = (
            f"Chromium not found at {executable}: install it (Debian: apt-get install chromium, "
            "or run scripts/test.sh) or set CHROMIUM_PATH; `playwright install` is not used"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class PageLog:
    """What went wrong in a page: assert these are empty when a page must load cleanly."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """Every problem, prefixed with its kind."""
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"exception: {m}" for m in self.page_errors]
            + [f"content security policy: {m}" for m in self.csp_violations]
            + [f"blocked external request: {u}" for u in self.blocked_requests]
        )


@pytest.fixture
def page_log() -> PageLog:
    """The problems of this test's `page`, filled in as it runs."""
    return PageLog()


@pytest.fixture
def page(browser: Browser, page_log: PageLog) -> Iterator[Page]:
    """A page in a fresh context; requests to other hosts than this machine are aborted."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)

    def keep_local(route: Route, request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.hostname not in LOCAL_HOSTS:
            page_log.blocked_requests.append(request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    context.route("**/*", keep_local)
    context.expose_function("reportCspViolation", lambda text: page_log.csp_violations.append(text))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda msg: _log_console(page_log, msg))
    page.on("pageerror", lambda error: page_log.page_errors.append(str(error)))
    yield page
    context.close()


# Runs before the page's own scripts: whatever the policy blocks, inline or from a script.
REPORT_CSP_VIOLATIONS = """
window.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation(
        `${event.effectiveDirective} refused ${event.blockedURI || "?"} ` +
        `(${event.sourceFile || "the page"}:${event.lineNumber}) ${event.sample || ""}`
    );
}, true);
"""


def _log_console(log: PageLog, message: Any) -> None:
    if message.type == "error":
        log.console_errors.append(f"{message.text} ({message.location.get('url', '')})")


def save_screenshot(page: Page, name: str) -> Path:
    """Write a full-page PNG of `page` to test-artifacts/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    # caret="initial": hiding the caret leaves empty style attributes on the inputs, which
    # the page's Content-Security-Policy refuses when HTMX restores the page from history.
    page.screenshot(path=str(path), full_page=True, caret="initial")
    return path


@pytest.fixture(scope="session", name="save_screenshot")
def save_screenshot_fixture() -> Callable[[Page, str], Path]:
    """`save_screenshot(page, name) -> Path`, as a fixture so tests need not import conftest."""
    return save_screenshot
