"""`ofsted-watch status`: running or not, next runs, the outbox backlog, the last error."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from service.app import App, utcnow
from service.cli import main
from service.crawl import deliver
from service.scheduler import Service
from storage import state
from tests.alerts.helpers import STOCKTON, add_inspection, subscribe
from tests.conftest import free_port


def status(config: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["status", "--config", str(config), "--format", "json", *extra]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return rows


def section(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [r for r in rows if r["section"] == name]


@pytest.fixture
def status_app(make_app: Callable[..., App], tmp_path: Path) -> tuple[App, Path]:
    dead_port = free_port()
    feed = {"id": "paper", "kind": "feed", "url": "http://127.0.0.1:9/rss", "interval_minutes": 30}
    app = make_app(
        sources=[feed],
        smtp={"host": "127.0.0.1", "port": dead_port, "starttls": False},
        digest={"daily_at": "06:45"},
    )
    config = tmp_path / "status.toml"
    config.write_text(
        f"""
database_url = "{app.settings.database_url}"
builtin_sources = false
[smtp]
host = "127.0.0.1"
port = {dead_port}
starttls = false
[digest]
daily_at = "06:45"
[[sources]]
id = "paper"
kind = "feed"
url = "http://127.0.0.1:9/rss"
""",
        encoding="utf-8",
    )
    return app, config


def test_status_before_the_service_ever_ran(
    status_app: tuple[App, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, config = status_app
    rows = status(config, capsys)
    [service] = section(rows, "service")
    assert (service["state"], service["running"]) == ("never started", False)
    [backlog] = section(rows, "outbox")
    assert backlog["count"] == 0
    [database] = section(rows, "database")
    assert database["name"] == status_app[0].settings.database_url
    assert main(["status", "--config", str(config), "--check"]) == 1


def test_status_of_a_running_service_its_jobs_and_a_troubled_outbox(
    status_app: tuple[App, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    app, config = status_app
    now = utcnow()
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(hours=1))
    deliver(app, now)  # the SMTP port is closed: one delivery waits for a retry

    service = Service(app)
    service.start()
    try:
        rows = status(config, capsys, "--check")
    finally:
        service.stop()
    [svc] = section(rows, "service")
    assert (svc["state"], svc["pid"], svc["host"]) == ("running", os.getpid(), socket.gethostname())
    jobs = {r["name"]: r for r in section(rows, "job")}
    assert {"crawl:paper", "outbox", "heartbeat", "digest:daily", "digest:weekly"} <= jobs.keys()
    assert all(j["next_run_at"] for j in jobs.values())
    # The heartbeat ran as the service started; it is not "never run" while it beats.
    assert jobs["heartbeat"]["last_run_at"] and "never run" not in jobs["heartbeat"]["detail"]
    assert jobs["digest:daily"]["next_run_at"][11:16] in ("06:45", "05:45")  # London, in UTC
    [backlog] = section(rows, "outbox")
    assert backlog["count"] == 1 and backlog["counts"]["retry"] == 1
    [waiting] = section(rows, "delivery")
    assert waiting["state"] == "retry" and "Connection refused" in waiting["last_error"]
    [error] = section(rows, "error")
    assert "Connection refused" in error["detail"]

    stopped = status(config, capsys)
    assert section(stopped, "service")[0]["state"] == "stopped"
    assert main(["status", "--config", str(config), "--check"]) == 1


def test_status_notices_a_service_that_was_killed(
    status_app: tuple[App, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    app, config = status_app
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    now = utcnow()
    with app.database.sessions.begin() as session:
        state.beat(session, int(gone.stdout), socket.gethostname(), now, now)
    [svc] = section(status(config, capsys), "service")
    assert svc["state"] == "not running" and "killed" in svc["detail"]


def test_status_table_and_csv_name_every_section(
    status_app: tuple[App, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, config = status_app
    assert main(["status", "--config", str(config), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("section,name,state,at,detail")
    assert main(["status", "--config", str(config)]) == 0
    assert "never started" in capsys.readouterr().out
