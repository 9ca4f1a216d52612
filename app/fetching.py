"""Fetching an article page from a URL without letting the URL reach inside our network.

Only http and https; the host's addresses must all be public (not private, loopback,
link-local, multicast or reserved), checked when resolved and again on the address the
connection actually reached, at every redirect (at most five). Timeouts on connect and
read, a cap on the body, a real User-Agent, no proxies from the environment (a proxy
would hide where the request goes). Hosts named in the `fetch_allowed_hosts` setting are
exempt from the address check (an intranet archive, a test server).
"""

import ipaddress
import socket
from dataclasses import dataclass

import httpx

from app.config import get_settings
from app.loading import LoadedDocument, document_from_bytes, size_text
from app.sources_meta import ArticleMeta

MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; PeaceTermsTracker/0.1; article import for analysts)"
TIMEOUT = httpx.Timeout(connect=5.0, read=15.0, write=5.0, pool=5.0)
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})


class FetchError(ValueError):
    """A URL that cannot or may not be fetched; the message says why."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str  # after redirects
    content: bytes
    charset: str | None  # as the Content-Type header declared it
    html: bool


def allowed_hosts() -> frozenset[str]:
    """The exempt hosts of the setting, lower-cased ("127.0.0.1:8765", "archive.local")."""
    raw = get_settings().fetch_allowed_hosts
    return frozenset(h.strip().lower() for h in raw.split(",") if h.strip())


def _exempt(url: httpx.URL, allowed: frozenset[str]) -> bool:
    host = (url.host or "").lower()
    return host in allowed or f"{host}:{url.port or _default_port(url)}" in allowed


def _default_port(url: httpx.URL) -> int:
    return 443 if url.scheme == "https" else 80


def _refusal(address: str) -> str | None:
    """Why an address may not be reached, or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # Most specific first: Python counts link-local and reserved ranges as private too.
    for kind, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved or ip.is_unspecified),
        ("private", ip.is_private),
    ):
        if flag:
            return kind
    return None if ip.is_global else "non-public"


def _check_target(url: httpx.URL, allowed: frozenset[str]) -> None:
    """Refuse a URL of another scheme, without a host, or whose host resolves inward."""
    if url.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not url.host:
        raise FetchError(f"{url}: the URL has no host")
    if _exempt(url, allowed):
        return
    try:
        infos = socket.getaddrinfo(
            url.host, url.port or _default_port(url), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: the host {url.host} cannot be resolved") from exc
    for info in infos:
        address = str(info[4][0])
        why = _refusal(address)
        if why:
            raise FetchError(f"{url}: {url.host} is a {why} address ({address}); refused")


def _check_peer(response: httpx.Response, allowed: frozenset[str]) -> None:
    """Refuse a connection that reached an inward address after all (DNS changed between
    our lookup and the connection)."""
    if _exempt(response.url, allowed):
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer:
        why = _refusal(str(peer[0]))
        if why:
            raise FetchError(f"{response.url}: connected to a {why} address ({peer[0]}); refused")


def fetch_page(
    url: str, *, max_bytes: int | None = None, transport: httpx.BaseTransport | None = None
) -> FetchedPage:
    """The page at `url`, following at most five redirects, each checked; FetchError if not."""
    limit = max_bytes or get_settings().article_max_bytes
    allowed = allowed_hosts()
    try:
        current = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url!r} is not a URL") from exc
    with httpx.Client(
        timeout=TIMEOUT,
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.8"},
        trust_env=False,
        transport=transport,
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_target(current, allowed)
            try:
                with client.stream("GET", current) as response:
                    _check_peer(response, allowed)
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"{current}: a redirect without a Location")
                        current = current.join(location)
                        continue
                    return _read_page(response, limit)
            except httpx.TimeoutException as exc:
                raise FetchError(f"{current}: no answer in time ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from exc
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read_page(response: httpx.Response, limit: int) -> FetchedPage:
    if response.status_code >= 400:
        raise FetchError(
            f"{response.url}: the server answered {response.status_code} "
            f"{response.reason_phrase}".rstrip()
        )
    media = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if media not in PAGE_TYPES:
        raise FetchError(f"{response.url}: not an article page ({media})")
    too_large = (
        f"{response.url}: the page is larger than {size_text(limit)}, the most an article "
        "may be (setting ARTICLE_MAX_BYTES)"
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(too_large)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise FetchError(too_large)
    return FetchedPage(
        str(response.url), bytes(body), response.charset_encoding, media != "text/plain"
    )


def load_url(url: str) -> tuple[LoadedDocument, ArticleMeta]:
    """The article at `url` and its page's metadata, with `url` as its address."""
    page = fetch_page(url)
    document = document_from_bytes(page.content, name=url, html=page.html, charset=page.charset)
    # The page's own canonical URL may differ; the address asked for is what dedupes.
    return document, (document.meta or ArticleMeta()).model_copy(update={"url": url})
