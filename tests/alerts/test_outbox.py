"""The outbox against a real SMTP server that refuses, is down, or is away altogether."""

from __future__ import annotations

import itertools
import socket
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlalchemy import update

from alerts.outbox import DeliveryReport, claimant_id, deliver_due
from alerts.transports import make_transport
from service.app import App
from service.crawl import deliver
from storage import deliveries as outbox
from storage.models import DeliveryRow
from tests.alerts.conftest import PickyMailbox, smtp_settings
from tests.alerts.helpers import CAMDEN, LEEDS, STOCKTON, add_inspection, deliveries, subscribe
from tests.conftest import free_port

BASE = timedelta(seconds=60)


def pass_at(app: App, t: datetime) -> DeliveryReport:
    """One delivery pass at `t` whose clock stands still there, so retry times are exact."""
    return deliver(app, t, clock=lambda: t)[1]


def three_alerts(app: App, now: datetime) -> None:
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    for code in (STOCKTON, LEEDS, CAMDEN):
        add_inspection(app, code, now - timedelta(minutes=5))


def test_refused_then_accepted_each_email_arrives_exactly_once_on_the_documented_schedule(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(minutes=5))
    box.refuse = True  # 451 to every message

    assert pass_at(app, now).retrying == 1
    [row] = deliveries(app)
    assert (row.status, row.attempts, row.next_attempt_at) == ("retry", 1, now + BASE)
    assert "451" in (row.last_error or "")

    assert pass_at(app, now + BASE - timedelta(seconds=1)).retrying == 0  # not yet due
    pass_at(app, now + BASE)
    [row] = deliveries(app)
    assert (row.attempts, row.next_attempt_at) == (2, now + BASE + 2 * BASE)  # doubled

    box.refuse = False
    assert pass_at(app, now + 3 * BASE).sent == 1
    assert pass_at(app, now + 10 * BASE).sent == 0
    assert len(box.messages) == 1 and deliveries(app)[0].status == "sent"


def test_a_server_that_is_down_then_up_gets_every_email_exactly_once(
    make_app: Callable[..., App], now: datetime
) -> None:
    port = free_port()  # nothing listens here yet: connection refused
    app = make_app(smtp=smtp_settings(port), delivery={"retry_base_seconds": 60})
    three_alerts(app, now)

    report = pass_at(app, now)
    assert (report.sent, report.retrying) == (0, 3)
    assert all(
        d.attempts == 1 and "Connection refused" in (d.last_error or "") for d in deliveries(app)
    )

    box = PickyMailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert pass_at(app, now + BASE).sent == 3
        assert pass_at(app, now + 100 * BASE).sent == 0
    finally:
        controller.stop()
    assert sorted(box.to("desk@example.org")) == sorted(
        [
            "Ofsted: Camden children's services judged Good",
            "Ofsted: Leeds children's services judged Good",
            "Ofsted: Stockton-on-Tees children's services judged Good",
        ]
    )


def test_a_delivery_that_keeps_failing_is_marked_failed_and_the_admin_told_once(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app  # max_attempts = 4
    subscribe(app, "flaky@example.org", now - timedelta(days=1))
    subscribe(app, "gone@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(minutes=5))
    box.replies = {
        "flaky@example.org": "451 4.3.0 mailbox busy",
        "gone@example.org": "550 5.1.1 no such user",
    }
    t = now
    for attempt in range(1, 5):
        pass_at(app, t)
        if attempt == 1:  # told in the pass that gave up on it, not only by the next one
            assert box.to("admin@example.org") == [
                "ofsted-watch: 1 email(s) could not be delivered"
            ]
        t += BASE * 2 ** (attempt - 1)
    for _ in range(3):  # more passes later change nothing
        pass_at(app, t)
        t += timedelta(hours=1)

    by_recipient = {d.recipient: d for d in deliveries(app)}
    flaky, gone = by_recipient["flaky@example.org"], by_recipient["gone@example.org"]
    assert (flaky.status, flaky.attempts) == ("failed", 4)
    assert (gone.status, gone.attempts) == ("failed", 1)  # a 5xx is not retried
    assert "550 5.1.1 no such user" in (gone.last_error or "")
    # One email per failure report, never one per pass; each failure reported once.
    admin = box.to("admin@example.org")
    assert admin == [
        "ofsted-watch: 1 email(s) could not be delivered",
        "ofsted-watch: 1 email(s) could not be delivered",
    ]
    bodies = [
        m.get_body(("plain",)).get_content()
        for _, r, m in box.messages  # type: ignore[union-attr]
        if r == ["admin@example.org"]
    ]
    assert "gone@example.org" in bodies[0] and "550" in bodies[0]
    assert "flaky@example.org" in bodies[1] and "4 attempt(s)" in bodies[1]


def test_two_deliverers_cannot_both_take_one_email(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, _ = mail_app
    three_alerts(app, now)
    from alerts.outbox import enqueue_alerts

    enqueue_alerts(app.database, app.settings, now)
    first = deliveries(app)[0].id
    lease = now + timedelta(minutes=5)
    with app.database.sessions.begin() as session:
        assert outbox.claim(session, first, now, now, lease, "host-a:1")
    with app.database.sessions.begin() as session:
        assert not outbox.claim(session, first, now, now, lease, "host-b:2")
        assert not outbox.claim(session, first, now, now, lease, "host-b:2", take_over_from="x:3")


def test_an_email_claimed_by_a_process_that_died_is_sent_at_once(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """The claim names a real process that has exited; its lease has not run out."""
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(minutes=5))
    from alerts.outbox import enqueue_alerts

    enqueue_alerts(app.database, app.settings, now)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    with app.database.sessions.begin() as session:
        session.execute(
            update(DeliveryRow).values(
                status="sending",
                attempts=1,
                claimed_by=f"{socket.gethostname()}:{dead.stdout.strip()}",
                next_attempt_at=now + timedelta(hours=1),
            )
        )
    assert deliver_due(app.database, app.settings, make_transport(app.settings), now).sent == 1
    [row] = deliveries(app)
    assert (row.status, row.attempts, row.claimed_by) == ("sent", 2, None)
    assert len(box.messages) == 1


def test_an_email_claimed_by_a_live_process_here_is_left_to_it_even_past_its_lease(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """A sender on this host that is still alive is still working on it (a slow server):
    taking its claim would send the email twice. A claim from another host, whose process
    cannot be seen from here, is taken over once its lease has run out."""
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(minutes=5))
    from alerts.outbox import enqueue_alerts

    enqueue_alerts(app.database, app.settings, now)
    with app.database.sessions.begin() as session:
        session.execute(
            update(DeliveryRow).values(
                status="sending",
                claimed_by=claimant_id(),
                claimed_at=now,
                next_attempt_at=now + BASE,
            )
        )
    much_later = now + 100 * BASE
    for t in (now, much_later):
        assert deliver_due(app.database, app.settings, make_transport(app.settings), t).sent == 0
    assert box.messages == []

    with app.database.sessions.begin() as session:
        session.execute(update(DeliveryRow).values(claimed_by="elsewhere.example:77:abc"))
    transport = make_transport(app.settings)
    assert deliver_due(app.database, app.settings, transport, now, clock=lambda: now).sent == 0
    later = now + BASE
    assert deliver_due(app.database, app.settings, transport, later, clock=lambda: later).sent == 1
    assert len(box.messages) == 1


def test_without_smtp_emails_are_written_to_the_outbox_folder(
    make_app: Callable[..., App], now: datetime, tmp_path: Path
) -> None:
    app = make_app(outbox_dir=tmp_path / "mail")
    three_alerts(app, now)
    assert deliver(app, now)[1].sent == 3
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 3
    message = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["To"] == "desk@example.org"


def test_a_claim_by_an_earlier_process_with_this_same_pid_is_taken_over(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """In a container the service is pid 1 after every restart: the pid alone would say
    'alive, leave it' and the email would wait out the lease."""
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(minutes=5))
    from alerts.outbox import enqueue_alerts

    enqueue_alerts(app.database, app.settings, now)
    host, pid, _ = claimant_id().split(":")
    with app.database.sessions.begin() as session:
        session.execute(
            update(DeliveryRow).values(
                status="sending", claimed_by=f"{host}:{pid}:0ldtoken", next_attempt_at=now + BASE
            )
        )
    assert deliver_due(app.database, app.settings, make_transport(app.settings), now).sent == 1
    assert len(box.messages) == 1


def test_sent_at_is_when_each_email_went_not_when_the_pass_began(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, _ = mail_app
    three_alerts(app, now)
    ticks = itertools.count(1)
    deliver(app, now, clock=lambda: now + timedelta(seconds=next(ticks)))
    sent = [d.sent_at for d in deliveries(app)]
    assert all(at is not None and at > now for at in sent)
    assert len(set(sent)) == 3
