"""One crawl: a child process runs the spiders, then the outbox delivers what is due.

The child reports progress as JSON lines on its stdout; a timeout or crash
closes the runs it left open as errors, so source health tells the truth.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from alerts.outbox import DeliveryReport, deliver_due, enqueue_alerts
from alerts.transports import make_transport
from service.app import App, utcnow
from storage import sources

log = logging.getLogger(__name__)

EventHandler = Callable[[dict[str, Any]], None]


@dataclass(slots=True)
class CrawlSummary:
    sources: list[dict[str, Any]] = field(default_factory=list)
    alerts_queued: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    seconds: float = 0.0

    @property
    def all_failed(self) -> bool:
        return bool(self.sources) and all(s.get("status") == "error" for s in self.sources)


def _read_events(stream: Any, handler: EventHandler, collected: list[dict[str, Any]]) -> None:
    for line in stream:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue  # a stray print from a library is not an event
        collected.append(event)
        handler(event)


def run_child(
    app: App, source_ids: list[str], now: datetime, on_event: EventHandler
) -> list[dict[str, Any]]:
    """Run the crawl child to completion (or timeout); returns its events."""
    request = json.dumps(
        {
            "settings": app.settings.for_child_process(),
            "sources": source_ids,
            "now": now.isoformat(),
        }
    )
    child = subprocess.Popen(
        [sys.executable, "-m", "crawler.process"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    events: list[dict[str, Any]] = []
    reader = threading.Thread(target=_read_events, args=(child.stdout, on_event, events))
    reader.start()
    assert child.stdin is not None
    child.stdin.write(request)
    child.stdin.close()
    why = None
    try:
        code = child.wait(timeout=app.settings.crawl.crawl_timeout_seconds)
        if code != 0:
            why = f"crawl process exited with status {code}"
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        why = f"crawl timed out after {app.settings.crawl.crawl_timeout_seconds} s"
    reader.join()
    if why:
        log.error("%s", why)
        with app.database.sessions.begin() as session:
            sources.fail_unfinished_runs(session, source_ids, why, utcnow())
    return events


def deliver(app: App, now: datetime) -> tuple[int, DeliveryReport]:
    """Record alerts for new outcomes, then send everything due (earlier failures too)."""
    queued = enqueue_alerts(app.database, app.settings, now)
    report = deliver_due(app.database, app.settings, make_transport(app.settings), now)
    return queued, report


def crawl(
    app: App,
    source_ids: list[str],
    now: datetime | None = None,
    on_event: EventHandler = lambda event: None,
) -> CrawlSummary:
    started = time.monotonic()
    fixed_now, now = now, now or utcnow()
    with app.database.sessions.begin() as session:
        sources.sync_sources(session, app.settings.sources)
    events = run_child(app, source_ids, now, on_event)
    summary = CrawlSummary(sources=[e for e in events if e.get("event") == "source_finished"])
    reported = {s["source"] for s in summary.sources}
    for missing in (s for s in source_ids if s not in reported):
        summary.sources.append(
            {"source": missing, "status": "error", "error": "crawl did not finish"}
        )
    summary.alerts_queued, summary.delivery = deliver(app, fixed_now or utcnow())
    summary.seconds = time.monotonic() - started
    return summary
