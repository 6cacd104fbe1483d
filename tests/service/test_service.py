"""`ofsted-watch run`: schedules crawls, delivers, survives sleep, kills and restarts, and
stops cleanly on SIGTERM even mid-crawl."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from service.app import App, utcnow
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from service.scheduler import Service
from storage import state
from storage.db import Database
from storage.models import ArticleRow, SourceRunRow
from tests.alerts.helpers import STOCKTON, add_inspection, deliveries, stockton_good, subscribe
from tests.conftest import NOW, Mailbox

SCRIPT = Path(sys.executable).with_name("ofsted-watch")


def wait_for(condition: Callable[[], bool], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # the database may be mid-migration or locked for a moment
            pass
        time.sleep(0.2)
    return False


def service_config(
    tmp_path: Path, name: str, database_url: str, body: str, crawl: str = ""
) -> Path:
    config = tmp_path / f"{name}.toml"
    config.write_text(
        f"""
database_url = "{database_url}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false
[crawl]
download_delay_seconds = 0
autothrottle = false
{crawl}
[service]
outbox_interval_seconds = 1
stop_grace_seconds = 5
{body}
""",
        encoding="utf-8",
    )
    return config


def start(config: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as sink:
        return subprocess.Popen([SCRIPT, "run", "--config", str(config)], stderr=sink)


def stop(service: subprocess.Popen[bytes]) -> int:
    service.send_signal(signal.SIGTERM)
    try:
        return service.wait(timeout=60)
    except subprocess.TimeoutExpired:
        service.kill()
        raise


def test_service_crawls_on_schedule_and_stops_on_sigterm(
    tmp_path: Path, site: LoopbackSite
) -> None:
    publish(site, load_articles(NOW))
    db_url = f"sqlite:///{tmp_path / 'svc.db'}"
    source = f'[[sources]]\nid = "courier"\nkind = "feed"\nurl = "{site.url("/feed.xml")}"'
    config = service_config(tmp_path, "svc", db_url, source)
    log = tmp_path / "svc.log"
    service = start(config, log)
    db = Database(db_url)
    try:

        def articles_stored() -> bool:
            with db.sessions() as session:
                return bool(session.scalar(select(func.count()).select_from(ArticleRow)))

        assert wait_for(articles_stored), "the service never crawled its source"
        with db.engine.connect() as conn:
            jobs = set(conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
        assert {"crawl:courier", "outbox", "heartbeat", "digest:daily", "digest:weekly"} <= jobs
    finally:
        code = stop(service)
        db.dispose()
    assert code == 0, log.read_text()
    assert "ofsted-watch stopped" in log.read_text()


def test_a_service_killed_mid_send_sends_that_email_once_after_restart(
    tmp_path: Path, make_app: Callable[..., App], smtp_server: tuple[Mailbox, int]
) -> None:
    """The first service records the alert and claims it, then hangs on an SMTP server
    that accepts connections and never answers; it is SIGKILLed there. The restarted
    service sends the email, once."""
    mailbox, port = smtp_server
    app = make_app()
    now = utcnow()
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    stockton_good(app, now - timedelta(hours=1))
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # the kernel completes the handshake; no one ever says hello

    def smtp(smtp_port: int) -> str:
        return (
            f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nstarttls = false\n'
            "timeout_seconds = 120\n[delivery]\nretry_base_seconds = 1\n"
        )

    db = app.settings.database_url
    hung = service_config(tmp_path, "hung", db, smtp(silent.getsockname()[1]))
    working = service_config(tmp_path, "working", db, smtp(port))
    log = tmp_path / "service.log"
    first = start(hung, log)
    try:
        assert wait_for(lambda: [d.status for d in deliveries(app)] == ["sending"]), log.read_text()
    finally:
        first.kill()  # SIGKILL: no handler runs, nothing is tidied up
        first.wait()
        silent.close()
    [row] = deliveries(app)
    assert (row.status, row.attempts, mailbox.messages) == ("sending", 1, [])

    second = start(working, log)
    try:
        assert wait_for(lambda: len(mailbox.messages) == 1), log.read_text()
        assert wait_for(lambda: deliveries(app)[0].status == "sent")
    finally:
        assert stop(second) == 0, log.read_text()
    [row] = deliveries(app)
    assert (row.status, row.attempts) == ("sent", 2)
    assert mailbox.subjects() == [
        "Ofsted: Stockton-on-Tees children's services judged Good (was Requires improvement)"
    ]


class SlowFeed:
    """A feed that takes ten minutes to answer: what a crawl stuck on a slow site sees."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.release = threading.Event()
        slow = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                slow.asked.set()
                slow.release.wait(600)
                self.send_response(503)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_feed() -> Iterator[SlowFeed]:
    feed = SlowFeed()
    yield feed
    feed.close()


def test_sigterm_during_a_crawl_asks_the_crawl_to_stop_instead_of_waiting_for_it(
    tmp_path: Path, slow_feed: SlowFeed
) -> None:
    db_url = f"sqlite:///{tmp_path / 'slow.db'}"
    source = f'[[sources]]\nid = "slow"\nkind = "feed"\nurl = "{slow_feed.url}"'
    path = service_config(tmp_path, "slow", db_url, source, crawl="obey_robots_txt = false")
    log = tmp_path / "slow.log"
    service = start(path, log)
    assert slow_feed.asked.wait(60), log.read_text()  # the crawl child is waiting on the feed
    started = time.monotonic()
    code = stop(service)
    took = time.monotonic() - started
    output = log.read_text()
    assert code == 0, output
    assert "asking crawl process" in output and "ofsted-watch stopped" in output
    assert took < 60  # not the 30-minute crawl timeout
    db = Database(db_url)
    with db.sessions() as session:
        runs = list(session.scalars(select(SourceRunRow)))
    db.dispose()
    # Closed, not left open; and a stop on request is not a failure of the source.
    assert runs and all(r.status == "stopped" for r in runs)


def test_a_job_that_missed_its_runs_while_the_machine_slept_runs_once(
    make_app: Callable[..., App], site: LoopbackSite, smtp_server: tuple[Mailbox, int]
) -> None:
    mailbox, port = smtp_server
    publish(site, load_articles(NOW))
    app = make_app(
        sources=[{"id": "courier", "kind": "feed", "url": site.url("/feed.xml")}],
        smtp={"host": "127.0.0.1", "port": port, "starttls": False},
        # A grace time that covers every missed run: only coalescing keeps it to one.
        service={"misfire_grace_seconds": 86400},
    )
    now = utcnow()
    subscribe(app, "daily@example.org", now - timedelta(days=3), mode="daily")
    add_inspection(app, STOCKTON, now - timedelta(days=2))
    # The service ran once; then the laptop slept for six hours: twelve crawls and a
    # daily digest missed.
    before = Service(app)
    before.scheduler.start(paused=True)
    before.schedule(now - timedelta(hours=6))
    before.scheduler.modify_job("crawl:courier", next_run_time=now - timedelta(hours=6))
    before.scheduler.modify_job("digest:daily", next_run_time=now - timedelta(hours=20))
    before.scheduler.shutdown(wait=False)

    after = Service(app)
    after.start()
    try:

        def both_ran() -> bool:
            with app.database.sessions() as session:
                runs = state.job_runs(session)
            return {"crawl:courier", "digest:daily"} <= runs.keys()

        assert wait_for(both_ran)
    finally:
        after.stop()
    with app.database.sessions() as session:
        runs = state.job_runs(session)
        crawls = list(session.scalars(select(SourceRunRow)))
    assert runs["crawl:courier"]["runs"] == 1 and runs["crawl:courier"]["outcome"] == "ok"
    assert runs["digest:daily"]["runs"] == 1
    assert len(crawls) == 1
    [subject] = mailbox.subjects()  # one digest, not one per missed day
    assert subject.startswith("Ofsted Watch daily digest")
    store = Service(app)
    store.scheduler.start(paused=True)
    try:
        job = store.scheduler.get_job("crawl:courier")
        assert job is not None and job.next_run_time > now  # back on its schedule
    finally:
        store.scheduler.shutdown(wait=False)


def test_a_restart_keeps_unchanged_schedules_and_resets_changed_ones(
    make_app: Callable[..., App],
) -> None:
    feed = {"id": "paper", "kind": "feed", "url": "http://127.0.0.1:9/rss", "interval_minutes": 30}
    app = make_app(sources=[feed])
    now = utcnow()
    far = now + timedelta(hours=10)

    def schedule(app: App, at: Any) -> dict[str, Any]:
        service = Service(app)
        service.scheduler.start(paused=True)
        try:
            service.schedule(at)
            if at is now:
                service.scheduler.modify_job("crawl:paper", next_run_time=far)
                service.scheduler.modify_job("digest:daily", next_run_time=far)
            return {job.id: job.next_run_time for job in service.scheduler.get_jobs()}
        finally:
            service.scheduler.shutdown(wait=False)

    schedule(app, now)
    later = now + timedelta(minutes=5)
    kept = schedule(app, later)
    assert kept["crawl:paper"] == far and kept["digest:daily"] == far  # persisted, not reset
    assert kept["outbox"] == later  # the outbox runs at every start

    changed = make_app(sources=[{**feed, "interval_minutes": 45}])
    assert schedule(changed, later)["crawl:paper"] == later  # a new interval starts afresh
    gone = make_app(sources=[])
    assert "crawl:paper" not in schedule(gone, later)


def test_a_second_sigterm_kills_the_crawl_without_waiting_out_the_grace_time(
    tmp_path: Path, slow_feed: SlowFeed
) -> None:
    db_url = f"sqlite:///{tmp_path / 'slow.db'}"
    source = f'[[sources]]\nid = "slow"\nkind = "feed"\nurl = "{slow_feed.url}"'
    path = service_config(tmp_path, "slow", db_url, source, crawl="obey_robots_txt = false")
    path.write_text(path.read_text().replace("stop_grace_seconds = 5", "stop_grace_seconds = 300"))
    log = tmp_path / "slow.log"
    service = start(path, log)
    assert slow_feed.asked.wait(60), log.read_text()
    service.send_signal(signal.SIGTERM)
    assert wait_for(lambda: "asking crawl process" in log.read_text())
    assert stop(service) == 0  # the second SIGTERM
    output = log.read_text()
    assert "killing running crawls" in output and "did not stop in time" not in output
    assert "ofsted-watch stopped" in output
