"""One crawl: a child process runs the spiders, then the outbox delivers what is due.

The child reports progress as JSON lines on its stdout; a timeout or crash
closes the runs it left open as errors, so source health tells the truth.
A source being crawled by another process (the service, or a one-off `crawl`)
is skipped rather than crawled twice at once.
"""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from alerts.admin import isolated, review_sources
from alerts.outbox import Clock, DeliveryReport, deliver_due, enqueue_alerts
from alerts.transports import make_transport
from service.app import App, utcnow
from storage import sources

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any]], None]
STALE_MARGIN = timedelta(minutes=5)  # a run open this long past the crawl timeout is dead


@dataclass(slots=True)
class CrawlSummary:
    sources: list[dict[str, Any]] = field(default_factory=list)
    alerts_queued: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    seconds: float = 0.0

    @property
    def all_failed(self) -> bool:
        return bool(self.sources) and all(s.get("status") == "error" for s in self.sources)


class Children:
    """The crawl processes running now, so a stopping service can ask them to stop
    instead of waiting out a 30-minute crawl."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self.stopping = threading.Event()

    def add(self, child: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running.add(child)
        if self.stopping.is_set():
            child.send_signal(signal.SIGTERM)

    def discard(self, child: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running.discard(child)

    def kill_all(self) -> None:
        """A second Ctrl-C: the user will not wait for a clean stop."""
        with self._lock:
            running = [c for c in self._running if c.poll() is None]
        for child in running:
            child.kill()

    def stop_all(self, grace_seconds: float) -> None:
        """SIGTERM (Scrapy then closes its spiders cleanly), SIGKILL after the grace time."""
        self.stopping.set()
        with self._lock:
            running = [c for c in self._running if c.poll() is None]
        for child in running:
            log.info("asking crawl process %d to stop", child.pid)
            child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace_seconds
        for child in running:
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                log.warning("crawl process %d did not stop in time: killed", child.pid)
                child.kill()


def _read_events(stream: Any, handler: EventHandler, collected: list[dict[str, Any]]) -> None:
    for line in stream:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # a stray print from a library is not an event
        collected.append(event)
        handler(event)


def run_child(
    app: App,
    source_ids: list[str],
    now: datetime,
    on_event: EventHandler,
    children: Children | None = None,
) -> list[dict[str, Any]]:
    """Run the crawl child to completion (or timeout); returns its events."""
    request = json.dumps(
        {
            "settings": app.settings.for_child_process(),
            "sources": source_ids,
            "now": now.isoformat(),
        }
    )
    # A session of its own: Ctrl-C in a terminal reaches only the service, which then
    # asks the child to stop once (a second signal would make Scrapy stop uncleanly).
    child = subprocess.Popen(
        [sys.executable, "-m", "crawler.process"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    if children is not None:
        children.add(child)
    events: list[dict[str, Any]] = []
    reader = threading.Thread(target=_read_events, args=(child.stdout, on_event, events))
    reader.start()
    assert child.stdin is not None
    try:
        child.stdin.write(request)
        child.stdin.close()
    except BrokenPipeError:
        pass  # stopped before it read its request: its exit status below tells the story
    why = None
    try:
        code = child.wait(timeout=app.settings.crawl.crawl_timeout_seconds)
        if code != 0:
            why = f"crawl process exited with status {code}"
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        why = f"crawl timed out after {app.settings.crawl.crawl_timeout_seconds} s"
    finally:
        if children is not None:
            children.discard(child)
    reader.join()
    if why:
        log.error("%s", why)
        with app.database.sessions.begin() as session:
            sources.fail_unfinished_runs(session, source_ids, why, utcnow())
    return events


def deliver(
    app: App,
    now: datetime,
    should_stop: Callable[[], bool] = lambda: False,
    clock: Clock | None = None,
) -> tuple[int, DeliveryReport]:
    """Record alerts for new outcomes, then send everything due (earlier failures too)."""
    queued = enqueue_alerts(app.database, app.settings, now)
    transport = make_transport(app.settings)
    report = deliver_due(
        app.database, app.settings, transport, now, should_stop=should_stop, clock=clock
    )
    return queued, report


def busy_sources(app: App, source_ids: list[str]) -> set[str]:
    """Sources another process is crawling now. Runs left open by a process that died
    (older than the crawl timeout) are closed as errors instead."""
    wall = utcnow()  # run rows carry wall-clock times, whatever `now` a caller passes
    limit = timedelta(seconds=app.settings.crawl.crawl_timeout_seconds) + STALE_MARGIN
    busy = set()
    with app.database.sessions.begin() as session:
        for run in sources.running(session, source_ids):
            if wall - run.started_at < limit:
                busy.add(run.source_id)
                continue
            why = "the crawl process died without finishing this run"
            outcome = sources.RunOutcome(status="error", errors=1, error_text=why)
            sources.finish_run(session, run.id, outcome, wall)
    return busy


def crawl(
    app: App,
    source_ids: list[str],
    now: datetime | None = None,
    on_event: EventHandler = lambda event: None,
    children: Children | None = None,
) -> CrawlSummary:
    started = time.monotonic()
    fixed_now, now = now, now or utcnow()
    with app.database.sessions.begin() as session:
        sources.sync_sources(session, app.settings.sources)
    busy = busy_sources(app, source_ids)
    todo = [s for s in source_ids if s not in busy]
    summary = CrawlSummary()
    for source_id in sorted(busy):
        log.warning("%s is being crawled by another process: skipped", source_id)
        skipped = {"source": source_id, "status": "skipped", "error": "already being crawled"}
        summary.sources.append(skipped)
        on_event({"event": "source_finished", **skipped})
    events = run_child(app, todo, now, on_event, children) if todo else []
    finished = [e for e in events if e.get("event") == "source_finished"]
    summary.sources.extend(finished)
    reported = {s["source"] for s in finished}
    for missing in (s for s in todo if s not in reported):
        summary.sources.append(
            {"source": missing, "status": "error", "error": "crawl did not finish"}
        )
    # Admin mail about sources must never keep subscribers' alerts from going out.
    isolated(review_sources, app.database, app.settings, fixed_now or utcnow())
    if children is None or not children.stopping.is_set():
        stop = children.stopping.is_set if children is not None else lambda: False
        summary.alerts_queued, summary.delivery = deliver(app, fixed_now or utcnow(), stop)
    summary.seconds = time.monotonic() - started
    return summary
