"""One crawl: a child process runs the spiders, then the outbox delivers what is due.

The child reports progress as JSON lines on its stdout; a timeout or crash
closes the runs it left open as errors, so source health tells the truth, and a
stop request (Ctrl-C, SIGTERM) ends them as `stopped`. Each source is claimed in
the database before the child starts (service/claims.py): a source being crawled
by another process (the service, or a one-off `crawl`) is skipped, naming who
crawls it since when, rather than crawled twice at once.
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
from datetime import datetime
from typing import Any

from alerts.admin import isolated, review_sources
from alerts.outbox import Clock, DeliveryReport, deliver_due, enqueue_alerts
from alerts.transports import make_transport
from service.app import App, utcnow
from service.claims import Claims, claim_sources, describe, mark_stopping, release
from storage import sources

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any]], None]
POLL_SECONDS = 0.2  # how often a waiting crawl looks for a stop request


@dataclass(slots=True)
class CrawlSummary:
    sources: list[dict[str, Any]] = field(default_factory=list)
    alerts_queued: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    seconds: float = 0.0
    stopped: bool = False  # asked to stop (Ctrl-C, SIGTERM) before it finished

    @property
    def all_failed(self) -> bool:
        return bool(self.sources) and all(s.get("status") == "error" for s in self.sources)

    @property
    def all_busy(self) -> bool:
        """Nothing crawled: every source was being crawled by another process."""
        return bool(self.sources) and all(s.get("status") == "skipped" for s in self.sources)


class Children:
    """The crawl processes running now, so a stopping service or command can stop them
    instead of waiting out a 30-minute crawl.

    Stopping is a flag, safe to set from a signal handler: each crawl's own waiting loop
    (`run_child`) sees it, marks its sources as stopping in the database, then asks its
    child to stop, so what the child records while winding down is `stopped`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self.stopping = threading.Event()

    def add(self, child: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running.add(child)

    def discard(self, child: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running.discard(child)

    def kill_all(self) -> None:
        """A second Ctrl-C: the user will not wait for a clean stop."""
        self.stopping.set()
        with self._lock:
            running = [c for c in self._running if c.poll() is None]
        for child in running:
            child.kill()

    def stop_all(self, grace_seconds: float) -> None:
        """Ask every crawl to stop and wait for it; SIGKILL whatever outlives the grace
        time (the crawls' own loops kill at that time too: this is the backstop)."""
        self.stopping.set()
        with self._lock:
            running = [c for c in self._running if c.poll() is None]
        deadline = time.monotonic() + grace_seconds + 2 * POLL_SECONDS
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


def _wait(
    app: App,
    child: subprocess.Popen[str],
    children: Children | None,
    on_stop: Callable[[], None],
) -> str | None:
    """Wait for the child; None when it finished cleanly, else why not. On a stop request
    the sources are marked stopping first, then the child gets SIGTERM (Scrapy closes its
    spiders cleanly) and, after the grace time, SIGKILL."""
    timeout = app.settings.crawl.crawl_timeout_seconds
    grace = app.settings.service.stop_grace_seconds
    deadline, stop_deadline = time.monotonic() + timeout, None
    while True:
        try:
            code = child.wait(timeout=POLL_SECONDS)
        except subprocess.TimeoutExpired:
            code = None
        if code is not None:
            if stop_deadline is None and children is not None and children.stopping.is_set():
                on_stop()  # killed at once (a second Ctrl-C): its runs were still stopped
            return None if code == 0 else f"crawl process exited with status {code}"
        now = time.monotonic()
        if stop_deadline is None and children is not None and children.stopping.is_set():
            on_stop()
            log.info("asking crawl process %d to stop", child.pid)
            child.send_signal(signal.SIGTERM)
            stop_deadline = now + grace
        if stop_deadline is not None and now > stop_deadline:
            why = f"crawl process did not stop within {grace} s: killed"
        elif now > deadline:
            why = f"crawl timed out after {timeout} s"
        else:
            continue
        child.kill()
        child.wait()
        return why


def run_child(
    app: App,
    source_ids: list[str],
    now: datetime,
    on_event: EventHandler,
    children: Children | None = None,
    on_stop: Callable[[], None] = lambda: None,
) -> list[dict[str, Any]]:
    """Run the crawl child to completion (or timeout, or stop); returns its events."""
    request = json.dumps(
        {
            "settings": app.settings.for_child_process(),
            "sources": source_ids,
            "now": now.isoformat(),
        }
    )
    # A session of its own: Ctrl-C in a terminal reaches only this process, which then
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
    try:
        why = _wait(app, child, children, on_stop)
    finally:
        if children is not None:
            children.discard(child)
    reader.join()
    if why:
        log.error("%s", why)
        with app.database.sessions.begin() as session:
            # Runs of sources marked stopping are recorded as stopped (storage/sources.py).
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


def _skipped(claims: Claims, on_event: EventHandler) -> list[dict[str, Any]]:
    results = []
    for source_id, holder in sorted(claims.busy.items()):
        who = describe(holder)
        log.warning("%s is being crawled by %s: skipped", source_id, who)
        skipped = {
            "source": source_id,
            "status": "skipped",
            "error": f"already being crawled by {who}",
        }
        results.append(skipped)
        on_event({"event": "source_finished", **skipped})
    return results


def _crawl_claimed(
    app: App,
    claims: Claims,
    now: datetime,
    on_event: EventHandler,
    children: Children | None,
) -> list[dict[str, Any]]:
    """Crawl the sources we hold, release them however that ends; one result per source."""
    todo = list(claims.held)
    stopping = children is not None and children.stopping.is_set()
    marked: list[bool] = []  # set once the sources were marked stopping in the database

    def on_stop() -> None:
        mark_stopping(app, claims)
        marked.append(True)

    try:
        crawling = todo and not stopping  # asked to stop before it began: no child at all
        events = run_child(app, todo, now, on_event, children, on_stop) if crawling else []
    finally:
        release(app, claims)
    stopped = bool(marked) or stopping
    results = [e for e in events if e.get("event") == "source_finished"]
    reported = {s["source"] for s in results}
    for missing in (s for s in todo if s not in reported):
        results.append({"source": missing, "status": "error", "error": "crawl did not finish"})
    for result in results:
        if stopped and result.get("status") == "error":
            result["status"] = sources.STOPPED  # as recorded in its run (storage/sources.py)
    return results


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
    claims = claim_sources(app, list(dict.fromkeys(source_ids)))
    summary = CrawlSummary()
    summary.sources.extend(_skipped(claims, on_event))
    summary.sources.extend(_crawl_claimed(app, claims, now, on_event, children))
    summary.stopped = children is not None and children.stopping.is_set()
    # Admin mail about sources must never keep subscribers' alerts from going out.
    isolated(review_sources, app.database, app.settings, fixed_now or utcnow())
    if not summary.stopped:
        stop = children.stopping.is_set if children is not None else lambda: False
        summary.alerts_queued, summary.delivery = deliver(app, fixed_now or utcnow(), stop)
    summary.seconds = time.monotonic() - started
    return summary
