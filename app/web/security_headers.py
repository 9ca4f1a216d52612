"""Headers that protect every response, pages, errors, the JSON API and static files alike.

Pages get a strict Content-Security-Policy: scripts, styles, images and requests from this
site only, and no inline script or style (templates carry none; the side colours are CSS
classes, and HTMX is told not to inject its indicator style), so text that slipped past
escaping still could not run. Responses that are not HTML get a policy that allows nothing,
as none of them is a document that loads anything. No response may be framed by another
site (a framed page could be clicked into changing data), sniffed into another type, or
send its full URL to other sites as a referrer.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAGE_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Swagger UI on /docs draws its icons as data: SVG images (from its script and stylesheet);
# only that page allows them (app/web/api_docs.py sends this policy).
DOCS_POLICY = PAGE_POLICY.replace("img-src 'self'", "img-src 'self' data:")
NOTHING_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

ALWAYS = (
    (b"x-frame-options", b"DENY"),  # frame-ancestors for browsers that predate it
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


def policy_for(content_type: bytes) -> bytes:
    """The Content-Security-Policy of a response of this type."""
    is_page = content_type.split(b";")[0].strip().lower() == b"text/html"
    return (PAGE_POLICY if is_page else NOTHING_POLICY).encode()


class SecurityHeaders:
    """Adds the ALWAYS headers to every HTTP response, and its type's policy unless the
    route chose one (only /docs does)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": _protected(message.get("headers", []))}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_REPLACED = {name for name, _value in ALWAYS}


def _protected(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() not in _REPLACED]
    names = {name.lower() for name, _value in headers}
    if b"content-security-policy" not in names:
        content_type = next((v for n, v in headers if n.lower() == b"content-type"), b"")
        kept.append((b"content-security-policy", policy_for(content_type)))
    return [*kept, *ALWAYS]
