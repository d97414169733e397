"""Shared test helpers: the server under test comes from BATON_URL (a real one, never a mock)."""

import logging
import os
import time
import unittest
import uuid
from typing import Any, Callable, Optional

from baton import Client

# The workers under test log every failed attempt with its stack, and some tests fail attempts on
# purpose: keep unittest's report readable unless BATON_TEST_LOG asks for the log (e.g. DEBUG).
logging.basicConfig(level=os.environ.get("BATON_TEST_LOG", "CRITICAL").upper(),
                    format="%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")


def client() -> Client:
    """A client of the server under test; skips the test when BATON_URL is not set."""
    if not os.environ.get("BATON_URL"):
        raise unittest.SkipTest("BATON_URL is not set: these tests need a running baton server")
    return Client(timeout=10)


def unique(prefix: str) -> str:
    """A name no other test run uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def eventually(check: Callable[[], Any], timeout: float = 30.0, what: str = "the condition") -> Any:
    """Polls ``check`` until it returns something truthy, and returns that; fails after ``timeout``."""
    deadline = time.monotonic() + timeout
    last: Optional[Any] = None
    while True:
        last = check()
        if last:
            return last
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout:g} s (last: {last!r})")
        time.sleep(0.02)
