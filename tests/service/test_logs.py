"""Logs: one line per event, JSON with the event's fields, and never the SMTP password."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from config.settings import Settings
from service.logs import setup_logging

SECRET = "hunter2-but-longer"


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_json_lines_carry_the_event_fields_and_mask_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging(Settings.isolated(log_format="json", smtp={"password": SECRET}))
    log = logging.getLogger("ofsted_watch.test")
    log.warning("login as alerts with %s failed", SECRET, extra={"event": "smtp", "attempt": 2})
    try:
        raise RuntimeError(f"boom {SECRET}")
    except RuntimeError:
        log.exception("job failed")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2  # the traceback stays inside its event's line
    first, second = (json.loads(line) for line in lines)
    assert first["message"] == "login as alerts with *** failed"
    assert (first["event"], first["attempt"], first["level"]) == ("smtp", 2, "warning")
    assert "RuntimeError: boom ***" in second["exception"]
    assert SECRET not in "".join(lines)


def test_text_lines_stay_one_per_event_unless_debugging(
    capsys: pytest.CaptureFixture[str],
) -> None:
    setup_logging(Settings.isolated(smtp={"password": SECRET}))
    log = logging.getLogger("ofsted_watch.test")
    try:
        raise ValueError("bad feed")
    except ValueError:
        log.exception("crawl of %s failed", "paper")
    [line] = capsys.readouterr().err.splitlines()
    assert line.endswith("crawl of paper failed | ValueError: bad feed")

    setup_logging(Settings.isolated(smtp={"password": SECRET}), debug=True)
    try:
        raise ValueError(f"bad feed {SECRET}")
    except ValueError:
        log.exception("crawl failed")
    output = capsys.readouterr().err
    assert "Traceback (most recent call last)" in output and SECRET not in output


def test_logging_follows_the_current_stderr_and_is_set_up_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command run twice in one process (tests, an embedding program) has one handler,
    and a stream swapped out and closed after set-up never breaks a later log line."""
    settings = Settings.isolated()
    gone = io.StringIO()
    monkeypatch.setattr("sys.stderr", gone)
    setup_logging(settings)
    setup_logging(settings)
    gone.close()
    monkeypatch.undo()
    logging.getLogger("ofsted_watch.test").warning("still heard")
    err = capsys.readouterr().err
    assert err.count("still heard") == 1
    assert "Logging error" not in err
