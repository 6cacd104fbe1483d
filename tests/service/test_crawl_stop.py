"""Ctrl-C (or SIGTERM) during a one-off `ofsted-watch crawl`: the crawl child stops cleanly,
what was fetched is kept, the run is recorded as stopped, the source is free again and
the next crawl works. A real command in a real process, against a loopback site whose
last article is held mid-crawl."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from config.settings import load_settings
from service.app import App
from service.crawl import crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage.db import Database
from storage.models import ArticleRow, SourceRow, SourceRunRow
from tests.conftest import NOW, REPO

WAIT_SECONDS = 90  # generous: the machine may be busy; the test waits for states, not times


def write_config(tmp_path: Path, site: LoopbackSite) -> Path:
    config = tmp_path / "stop.toml"
    config.write_text(
        f"""
database_url = "sqlite:///{tmp_path / "stop.db"}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false
[crawl]
download_delay_seconds = 0
autothrottle = false
[service]
stop_grace_seconds = 90
[[sources]]
id = "courier"
kind = "feed"
url = "{site.url("/feed.xml")}"
""",
        encoding="utf-8",
    )
    return config


def start_cli(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OFSTED_WATCH_")}
    return subprocess.Popen(
        [sys.executable, "-m", "service.cli", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.1)


def count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def source(db: Database) -> SourceRow:
    with db.sessions() as session:
        row = session.get(SourceRow, "courier")
        assert row is not None
        return row


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_crawl_keeps_what_it_fetched_is_recorded_stopped_and_frees_the_source(
    tmp_path: Path, site: LoopbackSite, signum: signal.Signals
) -> None:
    samples = load_articles(NOW)
    publish(site, samples)
    held = samples[0]
    gate = site.hold(held.path)
    config = write_config(tmp_path, site)
    db = Database(f"sqlite:///{tmp_path / 'stop.db'}")

    process = start_cli("--config", str(config), "crawl", "courier")
    try:
        assert site.wait_for_held(held.path, WAIT_SECONDS)
        wait_until(lambda: count(db, ArticleRow) == len(samples) - 1, "the other articles stored")
        process.send_signal(signum)
        wait_until(lambda: source(db).crawl_stopping, "the crawl marked as stopping")
    finally:
        gate.set()  # the held page is answered; the crawl winds down
        _, err = process.communicate(timeout=WAIT_SECONDS)

    assert process.returncode == 130, err
    [line] = [ln for ln in err.splitlines() if ln.startswith("ofsted-watch:")]
    assert line.startswith(f"ofsted-watch: crawl stopped by {signum.name} (courier)")
    assert "Traceback" not in err
    assert count(db, ArticleRow) >= len(samples) - 1  # nothing fetched before the stop lost
    with db.sessions() as session:
        [run] = session.scalars(select(SourceRunRow)).all()
    assert (run.status, run.finished_at is not None) == ("stopped", True)
    after = source(db)
    assert after.crawl_token is None and after.crawl_claimant is None  # the source is free
    assert after.consecutive_failures == 0 and after.last_error is None  # a stop is no failure

    # The next crawl runs as usual and picks up what the stopped one did not finish.
    app = App.create(load_settings(config))
    try:
        summary = crawl(app, ["courier"])
    finally:
        app.close()
    assert [s["status"] for s in summary.sources] == ["ok"]
    assert count(db, ArticleRow) == len(samples)
    db.dispose()
