"""Calls that start an event loop of their own, made in a thread of their own: a browser
test earlier in the same xdist worker leaves Playwright's event loop running in this
thread, and no other loop may start in it then."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def in_own_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(function, *args, **kwargs).result()
