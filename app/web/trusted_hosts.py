"""Answer only requests for the hosts of the trusted_hosts setting (400 for any other).

Links the app builds from the request (the feed's and the CSV export's site address, a
redirect's location) name the Host header the client sent; refusing unknown hosts keeps a
forged one out of them, and out of any cache that keys pages by host.
"""

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import get_settings


class TrustedHosts:
    """Starlette's TrustedHostMiddleware on the hosts the settings name when the request
    comes (so a test, or a reloaded setting, changes them without rebuilding the app)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._guards: dict[tuple[str, ...], TrustedHostMiddleware] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        hosts = tuple(get_settings().trusted_host_list)
        guard = self._guards.get(hosts)
        if guard is None:
            guard = self._guards[hosts] = TrustedHostMiddleware(self.app, allowed_hosts=hosts)
        await guard(scope, receive, send)
