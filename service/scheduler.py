"""The long-running service: APScheduler runs one job per source, the outbox and a heartbeat.

Crawls run in child processes (service/crawl.py), so the scheduler's threads
only wait on them; Scrapy's reactor never lives in this process. Jobs are kept
in the project's database so their next run times survive a restart; coalesce
and a misfire grace time mean a machine that slept runs each job once.
"""

from __future__ import annotations

import logging
import signal
import threading
from datetime import timedelta
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from service import jobs
from service.app import App, utcnow

log = logging.getLogger(__name__)

CRAWL_WORKERS = 3  # concurrent crawl children; each is a Python process of ~150 MB
HEARTBEAT_SECONDS = 30
START_STAGGER_SECONDS = 5  # sources start a few seconds apart, not all at once


class Service:
    def __init__(self, app: App) -> None:
        self.app = app
        self.stopping = threading.Event()
        settings = app.settings
        self.scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=app.database.engine)},
            executors={"default": ThreadPoolExecutor(CRAWL_WORKERS + 2)},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": settings.service.misfire_grace_seconds,
            },
            timezone=settings.zone,
        )

    def schedule(self) -> None:
        settings = self.app.settings
        now = utcnow()
        wanted = set()
        for position, source in enumerate(settings.enabled_sources()):
            job_id = f"crawl:{source.id}"
            wanted.add(job_id)
            self.scheduler.add_job(
                "service.jobs:crawl_source",
                IntervalTrigger(minutes=source.interval_minutes, timezone=settings.zone),
                args=[source.id],
                id=job_id,
                name=f"crawl {source.id}",
                replace_existing=True,
                next_run_time=now + timedelta(seconds=position * START_STAGGER_SECONDS),
            )
        for job in self.scheduler.get_jobs():
            if job.id.startswith("crawl:") and job.id not in wanted:
                job.remove()  # a source removed or disabled in the configuration
        self.scheduler.add_job(
            "service.jobs:deliver_outbox",
            IntervalTrigger(seconds=settings.service.outbox_interval_seconds),
            id="outbox",
            name="deliver the outbox",
            replace_existing=True,
        )
        self.scheduler.add_job(
            "service.jobs:heartbeat",
            IntervalTrigger(seconds=HEARTBEAT_SECONDS),
            id="heartbeat",
            name="heartbeat",
            replace_existing=True,
            next_run_time=now,
        )

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        log.info("received %s, stopping", signal.Signals(signum).name)
        self.stopping.set()

    def run_forever(self) -> None:
        jobs.register(self.app)
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGTERM, self._stop)
        self.scheduler.start(paused=True)
        self.schedule()
        self.scheduler.resume()
        log.info(
            "ofsted-watch running: %d sources scheduled; stop with Ctrl-C",
            len(self.app.settings.enabled_sources()),
        )
        try:
            self.stopping.wait()
        finally:
            # Let running crawls finish (each has its own timeout) so nothing is half-recorded.
            self.scheduler.shutdown(wait=True)
            jobs.register(None)
            log.info("ofsted-watch stopped")
