"""A local HTTP server of article pages, for the tests of fetching and adding by URL."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARTICLE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Kremlin names terms for a truce - Test Wire</title>
<meta property="og:title" content="Kremlin names terms for a truce">
<meta property="og:site_name" content="Test Wire">
<meta name="author" content="Jane Reporter">
<meta name="date" content="2025-03-14">
</head><body><nav>Home | World</nav><article><h1>Kremlin names terms for a truce</h1>
<p>Russian President Vladimir Putin said on Thursday that Russia would agree to a ceasefire
only if Ukraine withdrew its troops from the Donetsk region.</p>
<p>Ukrainian President Volodymyr Zelensky said on Thursday that Ukraine would never give up
its land and demanded security guarantees from its allies.</p>
</article><footer>Test Wire</footer></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@contextmanager
def serving(routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[str]:
    """Serve `routes` (path -> status, headers, body) on 127.0.0.1; yields 'host:port'."""
    handler = type("Handler", (_Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def html(body: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def redirect(location: str) -> tuple[int, dict[str, str], bytes]:
    return 302, {"Location": location}, b""
