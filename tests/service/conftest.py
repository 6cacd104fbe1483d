"""Each test leaves the root logger as it found it: a command run in one test sets up
logging for the process, and its INFO level would let other tests' library chatter
(aiosmtpd's per-connection lines) through to the terminal."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
