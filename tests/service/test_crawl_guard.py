"""No two processes crawl one source at once: the claim is made in the database before the
crawl child starts, exactly one of two claimants wins, the loser says who holds the source
since when, and a claim left by a process that died does not block the source for ever."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from subprocess import PIPE

from sqlalchemy import select

from alerts.claimants import PROCESS_TOKEN
from service.app import App, utcnow
from service.claims import claim_sources, release
from service.crawl import crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage import source_claims, sources
from storage.models import SourceRunRow
from tests.conftest import NOW
from tests.service.test_crawl_stop import WAIT_SECONDS, start_cli

COURIER = {"id": "courier", "kind": "feed"}


def runs(app: App) -> list[SourceRunRow]:
    with app.database.sessions() as session:
        return list(session.scalars(select(SourceRunRow).order_by(SourceRunRow.id)))


def hold_claim(app: App, claimant: str, age: timedelta = timedelta(0)) -> None:
    """A claim on `courier` as another process would have left it."""
    with app.database.sessions.begin() as session:
        assert source_claims.claim(session, "courier", claimant, "theirs", utcnow() - age)


def dead_pid() -> int:
    """The pid of a process that has exited (as one killed with SIGKILL has)."""
    probe = subprocess.Popen([sys.executable, "-c", "pass"])
    probe.wait()
    return probe.pid


def test_two_crawls_started_together_crawl_a_source_once(
    tmp_path: Path, site: LoopbackSite, database_url: str
) -> None:
    """Two real `ofsted-watch crawl` processes, started at the same moment; the winner's
    feed request is held until the loser has finished, so they truly overlap."""
    publish(site, load_articles(NOW))
    gate = site.hold("/feed.xml")
    config = tmp_path / "two.toml"
    config.write_text(
        f"""
database_url = "{database_url}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false
[crawl]
download_delay_seconds = 0
autothrottle = false
[[sources]]
id = "courier"
kind = "feed"
url = "{site.url("/feed.xml")}"
""",
        encoding="utf-8",
    )
    init = start_cli("--config", str(config), "init")
    assert init.wait(timeout=WAIT_SECONDS) == 0
    both = [start_cli("--config", str(config), "crawl", "courier") for _ in range(2)]
    try:
        assert site.wait_for_held("/feed.xml", WAIT_SECONDS)
        finished: list[subprocess.Popen[str]] = []
        while not finished:  # the loser ends by itself while the winner waits on the feed
            for process in both:
                try:
                    process.wait(timeout=0.2)
                    finished.append(process)
                except subprocess.TimeoutExpired:
                    continue
        [loser] = finished
        _, loser_err = loser.communicate(timeout=WAIT_SECONDS)
    finally:
        gate.set()
    [winner] = [p for p in both if p is not loser]
    _, winner_err = winner.communicate(timeout=WAIT_SECONDS)

    assert winner.returncode == 0, winner_err
    assert loser.returncode == 1, loser_err
    [busy] = [ln for ln in loser_err.splitlines() if ln.startswith("ofsted-watch:")]
    assert busy.startswith(
        f"ofsted-watch: courier is busy: already being crawled by process {winner.pid} "
        f"on {socket.gethostname()} since "
    )
    assert busy.endswith(" UTC")
    assert len(site.requests_for("/feed.xml")) == 1


def test_of_two_claimants_in_one_process_the_second_loses_until_the_first_releases(
    make_app: Callable[..., App], site: LoopbackSite
) -> None:
    app = make_app(sources=[{**COURIER, "url": site.url("/feed.xml")}])
    first = claim_sources(app, ["courier"])
    second = claim_sources(app, ["courier"])
    assert list(first.held) == ["courier"] and second.held == {}
    holder = second.busy["courier"]
    assert holder.claimant.split(":")[1] == str(os.getpid())
    release(app, second)  # holds nothing: releases nothing
    assert claim_sources(app, ["courier"]).held == {}
    release(app, first)
    assert list(claim_sources(app, ["courier"]).held) == ["courier"]


def test_a_live_claim_is_respected_and_a_dead_ones_run_is_closed(
    make_app: Callable[..., App], site: LoopbackSite
) -> None:
    publish(site, load_articles(NOW))
    app = make_app(sources=[{**COURIER, "url": site.url("/feed.xml")}])
    # Another live process on this host holds the source.
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=PIPE)
    try:
        hold_claim(app, f"{socket.gethostname()}:{other.pid}:other")
        summary = crawl(app, ["courier"])
    finally:
        other.communicate(b"")
    [skipped] = summary.sources
    assert skipped["status"] == "skipped"
    assert f"already being crawled by process {other.pid}" in skipped["error"]
    assert site.requests_for("/feed.xml") == []

    # A crawl whose process was killed (SIGKILL) left its claim and an open run.
    with app.database.sessions.begin() as session:
        source_claims.release(session, ["theirs"])
        sources.start_run(session, "courier", utcnow() - timedelta(seconds=30))
    hold_claim(app, f"{socket.gethostname()}:{dead_pid()}:{PROCESS_TOKEN}x")
    summary = crawl(app, ["courier"])
    assert [s["status"] for s in summary.sources] == ["ok"]
    dead, fresh = runs(app)
    assert dead.status == "error" and "died" in (dead.error_text or "")
    assert fresh.status == "ok" and fresh.items_found > 0


def test_a_claim_from_another_host_expires_after_the_crawl_timeout(
    make_app: Callable[..., App], site: LoopbackSite
) -> None:
    publish(site, load_articles(NOW))
    app = make_app(sources=[{**COURIER, "url": site.url("/feed.xml")}])
    hold_claim(app, "elsewhere.example.org:4242:abc", timedelta(minutes=3))
    assert crawl(app, ["courier"]).sources[0]["status"] == "skipped"
    with app.database.sessions.begin() as session:
        source_claims.release(session, ["theirs"])
    # crawl_timeout_seconds is 120 in tests; the margin is five minutes.
    hold_claim(app, "elsewhere.example.org:4242:abc", timedelta(minutes=8))
    assert crawl(app, ["courier"]).sources[0]["status"] == "ok"
    with app.database.sessions() as session:
        assert source_claims.current(session, "courier") is None  # released after the crawl
