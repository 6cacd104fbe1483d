"""The long-running service: APScheduler runs one job per source, the outbox, the digests
and a heartbeat.

Crawls run in child processes (service/crawl.py), so the scheduler's threads
only wait on them; Scrapy's reactor never lives in this process. Jobs are kept
in the project's database, and a job whose schedule has not changed keeps its
persisted next run time across restarts (re-adding it would reset the clock).
Coalescing, with a misfire grace time of at least one period, means a machine
that slept through ten runs of a job runs it once on waking. Each source has
one job and a job runs one instance at a time, so a source is never crawled
twice at once; crawls have a thread pool of their own so the outbox and the
heartbeat never queue behind them.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import FrameType
from typing import Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MAX_INSTANCES,
    EVENT_JOB_MISSED,
    JobEvent,
)
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from alerts.outbox import claimant_id, claimant_is_dead
from config.errors import OfstedWatchError
from config.settings import Settings
from service import jobs
from service.app import App, utcnow
from service.crawl import Children
from storage import state

log = logging.getLogger(__name__)

CRAWL_WORKERS = 3  # concurrent crawl children; each is a Python process of ~150 MB
HEARTBEAT_SECONDS = 30
ALIVE_WITHIN = timedelta(seconds=3 * HEARTBEAT_SECONDS)
START_STAGGER_SECONDS = 5  # new sources start a few seconds apart, not all at once
JOB_OUTCOMES = {
    EVENT_JOB_EXECUTED: "ok",
    EVENT_JOB_ERROR: "error",
    EVENT_JOB_MISSED: "missed",
    EVENT_JOB_MAX_INSTANCES: "skipped: still running",
}


class _Scheduler(BackgroundScheduler):
    """APScheduler 3's thread, woken by shutdown(), processes due jobs once more: it hands
    them to executors already shut down, fails, and still moves their next run times on
    in the job store, so a run due at that moment would be lost. A stopped scheduler
    processes nothing."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        wait: float | None = super()._process_jobs()
        return wait


class AlreadyRunning(OfstedWatchError):
    """Another service process owns this database's job store."""


@dataclass(frozen=True, slots=True)
class JobSpec:
    id: str
    func: str
    trigger: BaseTrigger
    period: timedelta
    name: str
    args: tuple[Any, ...] = ()
    executor: str = "default"
    first_run: datetime | None = None  # None: when the trigger says
    keep_schedule: bool = True  # False: start afresh each time the service starts


def trigger_signature(trigger: BaseTrigger) -> str:
    """What makes two triggers the same schedule (their reprs include start dates)."""
    if isinstance(trigger, IntervalTrigger):
        return f"interval:{trigger.interval_length}:{trigger.timezone}"
    if isinstance(trigger, CronTrigger):
        fields = ",".join(f"{f.name}={f}" for f in trigger.fields if not f.is_default)
        return f"cron:{fields}:{trigger.timezone}"
    return repr(trigger)


def wanted_jobs(settings: Settings, now: datetime) -> list[JobSpec]:
    zone = settings.zone
    specs = [
        JobSpec(
            id=f"crawl:{source.id}",
            func="service.jobs:crawl_source",
            trigger=IntervalTrigger(minutes=source.interval_minutes, timezone=zone),
            period=timedelta(minutes=source.interval_minutes),
            name=f"crawl {source.id}",
            args=(source.id,),
            executor="crawl",
            first_run=now + timedelta(seconds=n * START_STAGGER_SECONDS),
        )
        for n, source in enumerate(settings.enabled_sources())
    ]
    at = settings.digest.daily_at
    specs += [
        JobSpec(
            id="digest:daily",
            func="service.jobs:send_digests",
            trigger=CronTrigger(hour=at.hour, minute=at.minute, timezone=zone),
            period=timedelta(days=1),
            name="daily digests",
            args=("daily",),
        ),
        JobSpec(
            id="digest:weekly",
            func="service.jobs:send_digests",
            trigger=CronTrigger(
                day_of_week=settings.digest.weekly_on[:3],
                hour=at.hour,
                minute=at.minute,
                timezone=zone,
            ),
            period=timedelta(days=7),
            name="weekly digests",
            args=("weekly",),
        ),
        JobSpec(
            id="outbox",
            func="service.jobs:deliver_outbox",
            trigger=IntervalTrigger(seconds=settings.service.outbox_interval_seconds),
            period=timedelta(seconds=settings.service.outbox_interval_seconds),
            name="deliver the outbox",
            first_run=now,  # whatever a previous run left unsent goes out at start
            keep_schedule=False,
        ),
        JobSpec(
            id="heartbeat",
            func="service.jobs:heartbeat",
            trigger=IntervalTrigger(seconds=HEARTBEAT_SECONDS),
            period=timedelta(seconds=HEARTBEAT_SECONDS),
            name="heartbeat",
            first_run=now,
            keep_schedule=False,
        ),
    ]
    return specs


def grace_seconds(settings: Settings, spec: JobSpec) -> int:
    """At least one period: with coalescing, the latest missed run time is always within
    one period of now, so a job that slept through its runs still runs once on waking."""
    return max(settings.service.misfire_grace_seconds, int(spec.period.total_seconds()))


def _unchanged(job: Job, spec: JobSpec, grace: int) -> bool:
    return (
        job.func_ref == spec.func
        and tuple(job.args) == spec.args
        and job.executor == spec.executor
        and job.misfire_grace_time == grace
        and trigger_signature(job.trigger) == trigger_signature(spec.trigger)
    )


class Service:
    def __init__(self, app: App) -> None:
        self.app = app
        self.children = Children()
        self.stopping = threading.Event()
        self.scheduler = _Scheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=app.database.engine)},
            executors={
                "default": ThreadPoolExecutor(4),
                "crawl": ThreadPoolExecutor(CRAWL_WORKERS),
            },
            job_defaults={"coalesce": True, "max_instances": 1},
            timezone=app.settings.zone,
        )

    def schedule(self, now: datetime) -> None:
        """Make the job store match the configuration, keeping unchanged schedules."""
        existing = {job.id: job for job in self.scheduler.get_jobs()}
        specs = wanted_jobs(self.app.settings, now)
        for spec in specs:
            grace = grace_seconds(self.app.settings, spec)
            job = existing.get(spec.id)
            if job is not None and spec.keep_schedule and _unchanged(job, spec, grace):
                continue  # its persisted next run time stands, even one in the past
            options: dict[str, Any] = {}
            if spec.first_run is not None:
                options["next_run_time"] = spec.first_run
            self.scheduler.add_job(
                spec.func,
                spec.trigger,
                args=list(spec.args),
                id=spec.id,
                name=spec.name,
                executor=spec.executor,
                misfire_grace_time=grace,
                replace_existing=True,
                **options,
            )
        wanted = {spec.id for spec in specs}
        for job_id in existing.keys() - wanted:
            self.scheduler.remove_job(job_id)  # a source removed or disabled

    def _on_job_event(self, event: JobEvent) -> None:
        """Last-run times and outcomes go to service_state, for `status`."""
        outcome = JOB_OUTCOMES.get(event.code, "unknown")
        exception = getattr(event, "exception", None)
        error = f"{type(exception).__name__}: {exception}" if exception is not None else None
        if outcome != "ok":
            log.warning(
                "job %s: %s%s",
                event.job_id,
                outcome,
                f" ({error})" if error else "",
                extra={"event": "job_" + outcome.split(":")[0], "job": event.job_id},
            )
        if event.job_id == "heartbeat" and outcome == "ok":
            return
        try:
            with self.app.database.sessions.begin() as session:
                state.record_job_run(session, event.job_id, outcome, error, utcnow())
        except Exception as exc:  # the scheduler thread must survive a busy database
            log.warning("could not record the run of job %s: %s", event.job_id, exc)

    def _check_alone(self, now: datetime) -> None:
        with self.app.database.sessions() as session:
            found = state.get_json(session, state.SERVICE)
        if found is None:
            return
        value, updated = found
        if value.get("state") != "running" or now - updated > ALIVE_WITHIN:
            return
        other = str(value.get("process") or f"{value.get('host')}:{value.get('pid')}")
        if other == claimant_id() or claimant_is_dead(other):
            return
        raise AlreadyRunning(
            f"another ofsted-watch service (pid {value.get('pid')} on {value.get('host')}) "
            "is running on this database; stop it first"
        )

    def start(self) -> None:
        now = utcnow()
        self._check_alone(now)
        jobs.register(self.app, self.children)
        self.scheduler.add_listener(
            self._on_job_event,
            EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES,
        )
        self.scheduler.start(paused=True)
        self.schedule(now)
        jobs.heartbeat()
        self.scheduler.resume()
        log.info(
            "ofsted-watch running: %d sources scheduled; stop with Ctrl-C",
            len(self.app.settings.enabled_sources()),
            extra={"event": "service_started", "pid": os.getpid()},
        )

    def stop(self) -> None:
        """No new jobs; running crawls are asked to stop; then wait for the jobs to end."""
        log.info("stopping: asking running crawls to finish", extra={"event": "service_stopping"})
        self.scheduler.pause()
        self.children.stop_all(self.app.settings.service.stop_grace_seconds)
        self.scheduler.shutdown(wait=True)
        with self.app.database.sessions.begin() as session:
            state.stopped(session, utcnow())
        jobs.register(None)
        log.info("ofsted-watch stopped", extra={"event": "service_stopped"})

    def _signal(self, signum: int, _frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self.stopping.is_set():
            log.warning("received %s again: killing running crawls", name)
            self.children.kill_all()
            return
        log.info("received %s, stopping", name)
        self.children.stopping.set()
        self.stopping.set()

    def run_forever(self) -> None:
        signal.signal(signal.SIGINT, self._signal)
        signal.signal(signal.SIGTERM, self._signal)
        self.start()
        try:
            self.stopping.wait()
        finally:
            self.stop()
