"""Immediate alerts, as subscribers receive them from a real SMTP server on loopback."""

from __future__ import annotations

from datetime import datetime, timedelta

from alerts.admin import record_admin_email
from alerts.compose import text_part
from alerts.outbox import enqueue_alerts
from service.app import App
from service.crawl import deliver
from storage import subscriptions
from tests.alerts.conftest import PickyMailbox
from tests.alerts.helpers import (
    CAMDEN,
    LEEDS,
    LIVERPOOL,
    add_inspection,
    deliveries,
    stockton_good,
    subscribe,
)

STOCKTON_SUBJECT = (
    "Ofsted: Stockton-on-Tees children's services judged Good (was Requires improvement)"
)


def test_region_filters_send_each_subscriber_only_their_councils(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, mailbox = mail_app
    before = now - timedelta(days=2)
    subscribe(app, "north-east@example.org", before, regions=["North East"])
    # The Ofsted region spans the ONS regions North East and Yorkshire and the Humber.
    subscribe(app, "nei@example.org", before, regions=["North East, Yorkshire and the Humber"])
    subscribe(app, "london@example.org", before, regions=["London"])
    subscribe(app, "everything@example.org", before)
    subscribe(
        app,
        "leeds-bad-news@example.org",
        before,
        local_authorities=[LEEDS],
        judgements=["inadequate"],
    )
    stockton_good(app, now - timedelta(hours=3))
    add_inspection(app, LEEDS, now - timedelta(hours=2), judgement="inadequate", previous="good")
    add_inspection(app, CAMDEN, now - timedelta(hours=1), judgement="outstanding")

    queued, report = deliver(app, now)

    assert (queued, report.sent) == (8, 8)
    leeds = "Ofsted: Leeds children's services judged Inadequate (was Good)"
    camden = "Ofsted: Camden children's services judged Outstanding"
    assert mailbox.to("north-east@example.org") == [STOCKTON_SUBJECT]
    assert sorted(mailbox.to("nei@example.org")) == sorted([STOCKTON_SUBJECT, leeds])
    assert mailbox.to("london@example.org") == [camden]
    assert sorted(mailbox.to("everything@example.org")) == sorted([STOCKTON_SUBJECT, leeds, camden])
    assert mailbox.to("leeds-bad-news@example.org") == [leeds]

    # Another pass (the next crawl, a restart) finds every key recorded: nothing more is sent.
    assert deliver(app, now + timedelta(minutes=30))[0] == 0
    assert len(mailbox.messages) == 8


def test_an_alert_carries_everything_a_reader_acts_on(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, mailbox = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    stockton_good(app, now - timedelta(hours=1))
    deliver(app, now)

    [(sender, recipients, message)] = mailbox.messages
    assert (sender, recipients) == ("alerts@example.org", ["desk@example.org"])
    assert message["Subject"] == STOCKTON_SUBJECT
    body = text_part(message)
    for expected in (
        "Council:      Stockton-on-Tees",
        "Region:       North East (Ofsted region: North East, Yorkshire and the Humber)",
        "Inspection:   Children's services inspection (ILACS)",
        "Inspected:    5 to 16 October 2026",
        "Published:    18 November 2026",
        "Judgement:    Good",
        "Care leavers:                       Requires improvement",
        "Previously:   Requires improvement (improved)",
        '"Ofsted judged the council\'s services for children to be good overall."',
        "Ofsted report: https://reports.ofsted.gov.uk/provider/44/80563",
        "News coverage so far:",
        "https://news.example.org/stockton-good",
    ):
        assert expected in body
    html = message.get_body(("html",))
    assert html is not None and "<script" not in html.get_content()


def test_an_inspection_with_grades_but_no_overall_grade_gets_a_subject_from_its_grades(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """ILACS from April 2026: no overall effectiveness; a judgement filter reads the grades."""
    app, mailbox = mail_app
    subscribe(
        app, "watch-inadequate@example.org", now - timedelta(days=1), judgements=["inadequate"]
    )
    grades = {
        "impact_of_leaders": "requires_improvement",
        "help_and_protection": "inadequate",
        "children_in_care": "requires_improvement",
        "care_leavers": "good",
    }
    add_inspection(
        app, LIVERPOOL, now - timedelta(hours=1), judgement=None, grades=grades, previous="good"
    )
    add_inspection(
        app, CAMDEN, now - timedelta(hours=1), judgement=None, grades={k: "good" for k in grades}
    )
    deliver(app, now)

    assert mailbox.subjects() == [
        "Ofsted: Liverpool children's services: leaders Requires improvement, help and "
        "protection Inadequate, children in care Requires improvement, care leavers Good "
        "(was Good overall)"
    ]
    assert "Judgement:    No overall grade" in text_part(mailbox.messages[0][2])


def test_alerts_start_from_the_subscription_and_stop_at_unsubscribe(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, mailbox = mail_app
    stockton_good(app, now - timedelta(hours=5))  # seen before anyone subscribed
    subscribe(app, "late@example.org", now - timedelta(hours=1))
    add_inspection(app, CAMDEN, now - timedelta(minutes=30), judgement="good")
    deliver(app, now)
    assert mailbox.subjects() == ["Ofsted: Camden children's services judged Good"]

    with app.database.sessions.begin() as session:
        assert subscriptions.deactivate(session, "late@example.org") is not None
    add_inspection(app, LEEDS, now + timedelta(minutes=10), judgement="good")
    deliver(app, now + timedelta(minutes=20))
    assert len(mailbox.messages) == 1
    assert [d.kind for d in deliveries(app)] == ["alert"]


def test_emails_recorded_before_an_unsubscribe_are_cancelled_not_sent(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """The alert was recorded, then the subscriber left before the outbox sent it. Admin
    email, which belongs to no subscription, still goes out."""
    app, mailbox = mail_app
    subscribe(app, "leaving@example.org", now - timedelta(days=1))
    subscribe(app, "staying@example.org", now - timedelta(days=1))
    add_inspection(app, CAMDEN, now - timedelta(minutes=30), judgement="good")
    assert enqueue_alerts(app.database, app.settings, now) == 2
    with app.database.sessions.begin() as session:
        assert record_admin_email(session, app.settings, "admin:test", "A note", ["hi"], now)
        assert subscriptions.deactivate(session, "leaving@example.org") is not None

    report = deliver(app, now)[1]

    assert (report.sent, report.cancelled) == (2, 1)
    assert mailbox.to("leaving@example.org") == []
    assert mailbox.to("staying@example.org") == ["Ofsted: Camden children's services judged Good"]
    assert mailbox.to("admin@example.org") == ["A note"]
    [gone] = [d for d in deliveries(app) if d.recipient == "leaving@example.org"]
    assert (gone.status, gone.attempts) == ("cancelled", 0)
    assert "unsubscribed" in (gone.last_error or "")
    assert deliver(app, now + timedelta(hours=1))[1].sent == 0
