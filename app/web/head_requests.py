"""HEAD wherever GET: a HEAD request is answered as its GET would be, status and headers
(Content-Length included), without the body.

FastAPI routes answer only the methods they declare, so HEAD got 405 on every page; adding
HEAD to each route would also add it to /openapi.json. The GET runs in full (a CSV export
is still generated), as its headers depend on it.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        # A copy: the server keeps its own scope, so it still knows this was a HEAD.
        await self.app({**scope, "method": "GET"}, receive, send_without_body)
