"""Daily and weekly digests: a query over each subscriber's window, recorded like alerts.

The window runs from the subscriber's last digest (or subscription) to `now`.
Outcomes are stamped with the time their crawl started, and a crawl may commit
after a digest has read the table, so the query reaches back one crawl timeout
before the window and leaves out what an earlier digest already listed (each
digest's delivery row records the ids it covered). The window moves on in the
same transaction that records the digest, and only if no one else moved it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from alerts.compose import build_message, environment, long_date
from alerts.events import InspectionEvent, event_from_row
from alerts.immediate import ALERT_LOOKBACK, report_changes, told_outcome
from alerts.matching import Place, concerns, matches, wants
from config.gazetteer import ONS_REGIONS
from config.settings import Settings
from storage import deliveries, digests, inspections, subscriptions
from storage.db import Database
from storage.models import ArticleRow, LocalAuthorityRow, SubscriptionRow

log = logging.getLogger(__name__)

MODES = ("daily", "weekly")


class _AlreadyDone(Exception):
    """Another process recorded this digest first: roll back ours."""


@dataclass(frozen=True, slots=True)
class NewsItem:
    article_id: int
    title: str
    url: str
    published_at: datetime | None
    councils: tuple[str, ...]

    @property
    def about(self) -> str:
        """'Camden; 20 November 2026': which councils, and when."""
        when = long_date(self.published_at) if self.published_at else ""
        return "; ".join(part for part in (", ".join(self.councils), when) if part)


@dataclass(frozen=True, slots=True)
class Update:
    """An outcome an earlier digest listed that Ofsted's report has since changed."""

    event: InspectionEvent
    earlier: InspectionEvent


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: str
    events: list[InspectionEvent]


@dataclass(slots=True)
class Digest:
    subscription_id: int
    email: str
    mode: str
    token: str
    since: datetime
    until: datetime
    title: str
    include_news: bool
    events: list[InspectionEvent] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Stable ids only: the subscriber and where the window starts. Two builders of
        the same digest (a scheduled job and `digest --send`) collide on it."""
        return f"digest:{self.subscription_id}:since:{self.since.isoformat()}"

    @property
    def is_empty(self) -> bool:
        return not self.events and not self.news and not self.updates

    @property
    def regions(self) -> list[RegionGroup]:
        order = {region: n for n, region in enumerate(ONS_REGIONS)}
        names = sorted({e.ons_region for e in self.events}, key=lambda r: (order.get(r, 99), r))
        return [
            RegionGroup(
                name, sorted((e for e in self.events if e.ons_region == name), key=_by_council)
            )
            for name in names
        ]

    @property
    def council_width(self) -> int:
        return max([len("Council"), *(len(e.council) for e in self.events)])

    @property
    def type_width(self) -> int:
        return max([len("Inspection"), *(len(e.short_type) for e in self.events)])

    @property
    def subject(self) -> str:
        if self.is_empty:
            return f"{self.title}: nothing new"
        parts = []
        if self.events:
            parts.append(_plural(len(self.events), "new judgement"))
        if self.updates:
            parts.append(_plural(len(self.updates), "update"))
        if self.news:
            parts.append(_plural(len(self.news), "news article"))
        return f"{self.title}: {', '.join(parts)}"

    @property
    def items(self) -> dict[str, Any]:
        """What this digest told the subscriber, so the next one does not repeat it, and
        the outcome it told of each inspection, so a later report's change is noticed."""
        coverage = {c.article_id for e in self.events for c in e.coverage}
        told = [*self.events, *(u.event for u in self.updates)]
        return {
            "inspections": sorted(e.inspection_id for e in self.events),
            "articles": sorted(coverage | {n.article_id for n in self.news}),
            "outcomes": {str(e.inspection_id): told_outcome(e) for e in told},
        }


def _by_council(event: InspectionEvent) -> tuple[str, int]:
    return (event.council, event.inspection_id)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _news(
    session: Session, sub: SubscriptionRow, lower: datetime, now: datetime, skip: set[int]
) -> list[NewsItem]:
    """Relevant articles in the window that the digest's judgements do not already cover."""
    rows = digests.relevant_articles_between(session, lower, now)
    councils = digests.councils_by_gss(session)
    out = []
    for row in rows:
        if row.id in skip or row.classification is None:
            continue
        places = [
            councils[code] for code in row.classification.local_authorities if code in councils
        ]
        if not matches(sub, _places(places), *_labels(row)):
            continue
        names = tuple(p.display_name for p in places)
        out.append(NewsItem(row.id, row.title, row.url, row.published_at, names))
    return out


def _places(rows: Sequence[LocalAuthorityRow]) -> list[Place]:
    return [Place(r.gss_code, r.ons_region, r.ofsted_region) for r in rows]


def _labels(row: ArticleRow) -> tuple[str | None, set[str]]:
    c = row.classification
    assert c is not None
    return c.inspection_type, ({c.judgement} if c.judgement else set())


def _updates(
    session: Session, sub: SubscriptionRow, now: datetime, listed: set[int]
) -> list[Update]:
    """Outcomes this subscriber's digests told (within the alert lookback) that Ofsted's
    report has changed since: each is told once, as the next digest records what it said."""
    told = deliveries.digest_outcomes_since(session, sub.id, now - ALERT_LOOKBACK)
    rows = inspections.with_details(session, sorted(set(told) - listed))
    updates = []
    for row in sorted(rows, key=lambda r: r.id):
        event = event_from_row(row)
        if row.ofsted_file_id is None or not concerns(sub, event):
            continue
        if report_changes(told[row.id], event):
            outcome = told[row.id]
            earlier = dataclasses.replace(
                event, judgement=outcome.get("judgement"), grades=outcome.get("grades") or {}
            )
            updates.append(Update(event, earlier))
    return updates


def build_digest(
    session: Session, settings: Settings, sub: SubscriptionRow, now: datetime
) -> Digest:
    """One subscriber's digest as of `now`; reads only, records nothing."""
    since = sub.last_digest_at or sub.created_at
    lower = since - timedelta(seconds=settings.crawl.crawl_timeout_seconds)
    if sub.last_digest_at is None:
        lower = since  # a first digest starts at the subscription, no earlier
    sent_inspections, sent_articles = deliveries.digest_items_since(session, sub.id, lower)
    alerted_inspections, alerted_articles = deliveries.alerted_items(session, sub.id, lower)
    sent_inspections |= alerted_inspections  # told by alerts before a switch to digests
    sent_articles |= alerted_articles
    events = [
        event
        for event in map(event_from_row, digests.inspections_between(session, lower, now))
        if event.inspection_id not in sent_inspections and wants(sub, event)
    ]
    title = f"Ofsted Watch {sub.mode} digest, {long_date(now.astimezone(settings.zone))}"
    digest = Digest(
        sub.id, sub.email, sub.mode, sub.unsubscribe_token, since, now, title, sub.include_news
    )
    digest.events = events
    digest.updates = _updates(session, sub, now, {e.inspection_id for e in events})
    if sub.include_news:
        covered = {c.article_id for e in events for c in e.coverage}
        digest.news = _news(session, sub, lower, now, covered | sent_articles)
    return digest


def render(settings: Settings, digest: Digest, now: datetime) -> EmailMessage:
    return build_message(
        environment(settings),
        settings,
        "digest",
        digest.email,
        digest.subject,
        digest.key,
        {"digest": digest},
        now,
        digest.token,
    )


def _wanted(settings: Settings, digest: Digest) -> bool:
    return not digest.is_empty or settings.digest.send_when_empty


def preview(
    database: Database, settings: Settings, modes: Sequence[str], now: datetime
) -> list[EmailMessage]:
    """Exactly the emails `record` would store now, built the same way; nothing is written."""
    messages = []
    with database.sessions() as session:
        for mode in modes:
            for sub in subscriptions.active(session, mode):
                digest = build_digest(session, settings, sub, now)
                if _wanted(settings, digest):
                    messages.append(render(settings, digest, now))
    return messages


def record(database: Database, settings: Settings, modes: Sequence[str], now: datetime) -> int:
    """Build and record every digest due now, one transaction per subscriber; returns how many."""
    with database.sessions() as session:
        ids = [sub.id for mode in modes for sub in subscriptions.active(session, mode)]
    recorded = 0
    for sub_id in ids:
        try:
            recorded += _record_one(database, settings, sub_id, now)
        except (IntegrityError, _AlreadyDone):
            log.info("digest for subscription %s was recorded by another process", sub_id)
    return recorded


def _record_one(database: Database, settings: Settings, sub_id: int, now: datetime) -> bool:
    with database.sessions.begin() as session:
        sub = session.get(SubscriptionRow, sub_id)
        if sub is None or not sub.active:
            return False
        digest = build_digest(session, settings, sub, now)
        if not _wanted(settings, digest):
            return False
        message = render(settings, digest, now)
        if not subscriptions.advance_digest(session, sub.id, sub.last_digest_at, now):
            raise _AlreadyDone
        if not deliveries.add(
            session,
            digest.key,
            deliveries.DIGEST,
            sub.email,
            str(message["Subject"]),
            bytes(message),
            now,
            sub.id,
            items=digest.items,
        ):
            raise _AlreadyDone
        log.info(
            "digest recorded for %s: %d judgement(s), %d article(s)",
            sub.email,
            len(digest.events),
            len(digest.news),
            extra={"event": "digest_recorded", "subscription": sub.id},
        )
    return True
