"""Immediate alerts: one per subscriber and new outcome, recorded before anything is sent.

Each alert row keeps the outcome it told (judgement and grades). When news told
the outcome first and Ofsted's report then changes it, or grades it where the
news had no grades, each subscriber who was told the earlier version gets one
follow-up, under a key of its own: never two, and none when the report agrees.

Which outcomes a subscriber hears about: those first seen since they subscribed,
or, for a digest subscriber who switched to alerts, since their last digest, less
whatever one of their digests already listed.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime, timedelta
from typing import Any

from jinja2 import Environment
from sqlalchemy.orm import Session

from alerts.compose import build_message, environment
from alerts.events import InspectionEvent, event_from_row
from alerts.matching import concerns, wants
from config.settings import Settings
from storage import deliveries, inspections, subscriptions
from storage.db import Database
from storage.models import InspectionRow, SubscriptionRow

log = logging.getLogger(__name__)

ALERT_LOOKBACK = timedelta(days=30)  # an outcome older than this is news no longer


def alert_key(subscription_id: int, inspection_id: int) -> str:
    return f"alert:{subscription_id}:inspection:{inspection_id}"


def outcome_key(subscription_id: int, inspection_id: int) -> str:
    """The one follow-up a subscriber may get when Ofsted's report changes an outcome."""
    return f"{alert_key(subscription_id, inspection_id)}:outcome"


def told_outcome(event: InspectionEvent) -> dict[str, Any]:
    """What an alert said, kept with it so a later report can be compared with it."""
    return {"judgement": event.judgement, "grades": dict(sorted(event.grades.items()))}


def report_changes(told: dict[str, Any], event: InspectionEvent) -> bool:
    """Does Ofsted's report say something the subscriber was not told? A changed
    judgement, a grade that differs, or grades where there were none."""
    grades: dict[str, str] = told.get("grades") or {}
    if told.get("judgement") != event.judgement:
        return True
    if not grades:
        return bool(event.grades)
    return any(event.grades.get(key, value) != value for key, value in grades.items())


def _alerts_from(sub: SubscriptionRow, settings: Settings) -> datetime:
    """Since they subscribed; or, after a switch from a digest, since their last digest,
    reaching back as far as digests do for outcomes committed late (what a digest listed
    is left out separately)."""
    if sub.alerts_from is None:
        return sub.created_at
    return sub.alerts_from - timedelta(seconds=settings.crawl.crawl_timeout_seconds)


def _record(
    session: Session,
    env: Environment,
    settings: Settings,
    sub: SubscriptionRow,
    key: str,
    event: InspectionEvent,
    now: datetime,
    earlier: InspectionEvent | None = None,
) -> bool:
    subject = f"Update: {event.subject}" if earlier is not None else event.subject
    context = {"event": event, "earlier": earlier}
    message = build_message(
        env, settings, "alert", sub.email, subject, key, context, now, sub.unsubscribe_token
    )
    items = {
        "inspections": [event.inspection_id],
        "articles": sorted(c.article_id for c in event.coverage),
        "outcome": told_outcome(event),
    }
    return deliveries.add(
        session,
        key,
        deliveries.ALERT,
        sub.email,
        str(message["Subject"]),
        bytes(message),
        now,
        sub.id,
        items=items,
    )


def _new_outcomes(
    session: Session,
    env: Environment,
    settings: Settings,
    rows: list[InspectionRow],
    now: datetime,
) -> int:
    subscribers = subscriptions.active(session, "immediate")
    wanted = {
        alert_key(sub.id, row.id): (sub, row)
        for row in rows
        for sub in subscribers
        if row.first_seen_at >= _alerts_from(sub, settings)
    }
    done = deliveries.existing_keys(session, wanted)
    in_digests = {
        sub.id: deliveries.digest_items_since(session, sub.id, now - ALERT_LOOKBACK)[0]
        for sub in subscribers
        if sub.alerts_from is not None
    }
    added = 0
    for key, (sub, row) in wanted.items():
        if key in done or row.id in in_digests.get(sub.id, set()):
            continue
        event = event_from_row(row)
        if wants(sub, event):
            added += _record(session, env, settings, sub, key, event, now)
    return added


def _follow_ups(
    session: Session,
    env: Environment,
    settings: Settings,
    rows: list[InspectionRow],
    now: datetime,
) -> int:
    reported = [row for row in rows if row.ofsted_file_id is not None]
    if not reported:
        return 0
    subscribers = subscriptions.active(session)
    pairs = {alert_key(sub.id, row.id): (sub, row) for row in reported for sub in subscribers}
    told = deliveries.sent_outcomes(session, pairs)
    done = deliveries.existing_keys(session, [f"{key}:outcome" for key in told])
    added = 0
    for key, outcome in told.items():
        sub, row = pairs[key]
        event = event_from_row(row)
        if f"{key}:outcome" in done or not concerns(sub, event):
            continue
        if report_changes(outcome, event):
            earlier = dataclasses.replace(
                event, judgement=outcome.get("judgement"), grades=outcome.get("grades") or {}
            )
            follow_up = outcome_key(sub.id, row.id)
            added += _record(session, env, settings, sub, follow_up, event, now, earlier)
    return added


def enqueue_alerts(database: Database, settings: Settings, now: datetime) -> int:
    """Record the alerts and follow-ups due now; returns how many. Another process
    recording the same ones at the same moment is no error: each key is recorded once."""
    env = environment(settings)
    with database.sessions.begin() as session:
        rows = inspections.alertable_since(session, now - ALERT_LOOKBACK)
        added = _new_outcomes(session, env, settings, rows, now)
        added += _follow_ups(session, env, settings, rows, now)
    if added:
        log.info("%d alert(s) recorded", added, extra={"event": "alerts_recorded"})
    return added
