"""Digests: each covers what is new since that subscriber's last one, no more, no less."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from alerts import digests
from alerts.compose import text_part
from alerts.outbox import deliver_due
from alerts.transports import make_transport
from service.app import App
from storage import subscriptions
from tests.alerts.conftest import PickyMailbox, smtp_settings
from tests.alerts.helpers import (
    CAMDEN,
    HARTLEPOOL,
    LEEDS,
    add_article,
    add_inspection,
    deliveries,
    stockton_good,
    subscribe,
)

DAY = timedelta(days=1)


def send(app: App, now: datetime, modes: tuple[str, ...] = ("daily", "weekly")) -> int:
    recorded = digests.record(app.database, app.settings, modes, now)
    deliver_due(app.database, app.settings, make_transport(app.settings), now)
    return recorded


def test_a_daily_subscriber_gets_one_digest_covering_everything_since_the_last(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    start = now - 2 * DAY
    subscribe(app, "daily@example.org", start, mode="daily")
    stockton_good(app, start + timedelta(hours=1))
    add_inspection(
        app,
        CAMDEN,
        start + timedelta(hours=3),
        judgement="inadequate",
        previous="requires_improvement",
        direction="declined",
    )
    news = add_article(
        app,
        "Hartlepool's SEND partnership publishes its action plan",
        "https://news.example.org/hartlepool-plan",
        start + timedelta(hours=2),
        [HARTLEPOOL],
    )
    assert news

    assert send(app, start + DAY) == 1
    [(_, recipients, message)] = box.messages
    assert recipients == ["daily@example.org"]
    assert message["Subject"] == (
        "Ofsted Watch daily digest, 19 November 2026: 2 new judgements, 1 news article"
    )
    body = text_part(message)
    # Grouped by region, in the ONS order (North East before London), before -> after.
    assert body.index("North East\n") < body.index("London\n")
    assert "Stockton-on-Tees  ILACS       Requires improvement → Good" in body
    assert "Camden            ILACS       Requires improvement → Inadequate" in body
    # News coverage of a judgement appears under it, not again under other news.
    assert body.count("https://news.example.org/stockton-good") == 1
    other_news = body[body.index("OTHER NEWS (1)") :]
    assert "https://news.example.org/hartlepool-plan" in other_news
    assert "Hartlepool; 18 November 2026" in other_news

    # The next day: only what is new since, and nothing at all when nothing is new.
    add_inspection(app, LEEDS, start + DAY + timedelta(hours=2), judgement="good")
    assert send(app, start + 2 * DAY) == 1
    second = text_part(box.messages[1][2])
    assert "Leeds" in second and "Stockton" not in second and "Camden" not in second
    assert "hartlepool-plan" not in second
    assert send(app, start + 3 * DAY) == 0
    assert len(box.messages) == 2


def test_digests_follow_each_subscribers_filters_and_mode(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    start = now - DAY
    subscribe(
        app,
        "london-weekly@example.org",
        start,
        mode="weekly",
        regions=["London"],
        include_news=False,
    )
    subscribe(app, "ne-daily@example.org", start, mode="daily", regions=["North East"])
    stockton_good(app, start + timedelta(hours=1))
    add_inspection(app, CAMDEN, start + timedelta(hours=2))
    add_article(
        app, "Camden news", "https://news.example.org/camden", start + timedelta(hours=3), [CAMDEN]
    )

    assert send(app, now, ("daily",)) == 1
    assert box.to("ne-daily@example.org") == [
        "Ofsted Watch daily digest, 20 November 2026: 1 new judgement"
    ]
    assert send(app, now, ("weekly",)) == 1
    weekly = text_part(box.messages[1][2])
    assert "Camden" in weekly and "Stockton" not in weekly
    assert "OTHER NEWS" not in weekly and "news.example.org/camden" not in weekly


def test_an_empty_digest_is_sent_only_when_configured(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    box, port = picky_smtp
    quiet = make_app(smtp=smtp_settings(port))
    subscribe(quiet, "a@example.org", now - DAY, mode="daily")
    assert send(quiet, now) == 0 and box.messages == []

    chatty = make_app(
        smtp=smtp_settings(port),
        database_url=f"sqlite:///{quiet.settings.outbox_dir.parent / 'chatty.db'}",
        digest={"send_when_empty": True},
    )
    subscribe(chatty, "a@example.org", now - DAY, mode="daily")
    assert send(chatty, now) == 1
    assert box.subjects() == ["Ofsted Watch daily digest, 20 November 2026: nothing new"]
    assert "No new judgements." in text_part(box.messages[0][2])


def test_preview_builds_the_same_email_and_records_nothing(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "daily@example.org", now - DAY, mode="daily")
    stockton_good(app, now - timedelta(hours=5))

    [previewed] = digests.preview(app.database, app.settings, ["daily"], now)
    assert deliveries(app) == []
    with app.database.sessions() as session:
        row = subscriptions.by_email(session, "daily@example.org")
        assert row is not None and row.last_digest_at is None

    send(app, now)
    [(_, _, sent)] = box.messages
    assert sent["Subject"] == previewed["Subject"]
    assert text_part(sent) == text_part(previewed)


def test_an_outcome_committed_after_a_digest_read_the_table_is_in_the_next_one(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """A crawl stamps outcomes with its start time and may commit after a digest has
    run: such an outcome is older than the digest, yet must not be lost."""
    app, box = mail_app
    start = now - DAY
    subscribe(app, "daily@example.org", start, mode="daily")
    stockton_good(app, now - timedelta(minutes=20))
    assert send(app, now) == 1
    # Committed after that digest, stamped by a crawl that started a minute before it
    # (within the crawl timeout: 120 s in these tests).
    add_inspection(app, CAMDEN, now - timedelta(minutes=1))
    assert send(app, now + DAY) == 1
    later = text_part(box.messages[1][2])
    assert "Camden" in later and "Stockton" not in later


def test_two_builders_of_one_digest_record_it_once(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """The scheduled job and `digest --send` at once: the key names the window's start."""
    app, _ = mail_app
    subscribe(app, "daily@example.org", now - DAY, mode="daily")
    stockton_good(app, now - timedelta(hours=1))
    assert digests.record(app.database, app.settings, ["daily"], now) == 1
    assert digests.record(app.database, app.settings, ["daily"], now + timedelta(seconds=1)) == 0
    assert len(deliveries(app)) == 1
