"""A mail server that refuses our settings, and `ofsted-watch outbox` to see and re-queue."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from pydantic import SecretStr

from service.app import App
from service.cli import main
from service.crawl import deliver
from storage import subscriptions
from tests.alerts.conftest import PickyMailbox, smtp_settings
from tests.alerts.helpers import CAMDEN, LEEDS, STOCKTON, add_inspection, deliveries, subscribe
from tests.conftest import free_port

MINUTE = timedelta(minutes=1)


def frozen(t: datetime) -> Callable[[], datetime]:
    return lambda: t


@dataclass
class StrictMailbox(PickyMailbox):
    """Refuses chosen senders at MAIL FROM, as a relay does for a domain we may not use."""

    refused_senders: tuple[str, ...] = ()

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refused_senders:
            return "553 5.7.1 Sender address rejected: not owned by user"
        envelope.mail_from = address
        return "250 OK"


def accept_alerts(
    server: Any, session: Any, envelope: Any, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"alerts", b"s3cret")
    return AuthResult(success=ok, handled=False)


def serve(box: StrictMailbox, **options: Any) -> Iterator[tuple[StrictMailbox, int]]:
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
def auth_server() -> Iterator[tuple[StrictMailbox, int]]:
    """Plain SMTP that wants a login before MAIL FROM (530 otherwise)."""
    options = {"authenticator": accept_alerts, "auth_required": True, "auth_require_tls": False}
    yield from serve(StrictMailbox(), **options)


@pytest.fixture
def strict_smtp() -> Iterator[tuple[StrictMailbox, int]]:
    yield from serve(StrictMailbox())


def three_alerts(app: App, now: datetime) -> None:
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    for code in (STOCKTON, LEEDS, CAMDEN):
        add_inspection(app, code, now - timedelta(minutes=5))


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # loopback only
def test_authentication_required_keeps_every_email_waiting_and_tells_the_admin_once(
    make_app: Callable[..., App], auth_server: tuple[StrictMailbox, int], now: datetime
) -> None:
    box, port = auth_server
    delivery = {"retry_base_seconds": 60, "max_attempts": 5, "admin_email": "admin@example.org"}
    app = make_app(smtp=smtp_settings(port), delivery=delivery)
    three_alerts(app, now)

    t = now
    for _ in range(3):  # three passes, each after the retry time
        report = deliver(app, t, clock=frozen(t))[1]
        assert report.failed == 0 and "530" in (report.server_problem or "")
        t += 10 * MINUTE
    rows = deliveries(app)
    alerts = [r for r in rows if r.kind == "alert"]
    assert [(r.status, r.attempts) for r in alerts] == [("retry", 3)] * 3
    assert all("530" in (r.last_error or "") for r in alerts)
    assert [r.subject for r in rows if r.kind == "admin"] == ["ofsted-watch: email cannot be sent"]

    # The operator adds the login: everything waiting goes out, the admin's note too.
    login = {"username": "alerts", "password": SecretStr("s3cret")}
    settings = app.settings.model_copy(update={"smtp": app.settings.smtp.model_copy(update=login)})
    report = deliver(App(settings, app.database, app.gazetteer), t, clock=frozen(t))[1]
    assert report.sent == 4
    assert sorted(r for _, rs, _ in box.messages for r in rs) == [
        "admin@example.org",
        *["desk@example.org"] * 3,
    ]


def test_a_sender_refused_at_mail_from_is_our_setting_not_the_emails_fault(
    make_app: Callable[..., App], strict_smtp: tuple[StrictMailbox, int], now: datetime
) -> None:
    box, port = strict_smtp
    box.refused_senders = ("alerts@example.org",)
    app = make_app(smtp=smtp_settings(port), delivery={"max_attempts": 3})
    three_alerts(app, now)
    report = deliver(app, now)[1]
    assert (report.sent, report.retrying, report.failed) == (0, 3, 0)
    assert all(
        r.status == "retry"
        and "553" in (r.last_error or "")
        and "from_addr" in (r.last_error or "")
        for r in deliveries(app)
    )


def write_config(tmp_path: Path, app: App, port: int) -> str:
    config = tmp_path / "outbox.toml"
    config.write_text(
        f'database_url = "{app.settings.database_url}"\nbuiltin_sources = false\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\n'
        'from_addr = "alerts@example.org"\n',
        encoding="utf-8",
    )
    return str(config)


def outbox(config: str, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["outbox", "--config", config, "--format", "json", *args]) == 0
    rows: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return rows


def test_outbox_lists_failed_and_cancelled_emails_and_retry_failed_sends_them_again(
    make_app: Callable[..., App],
    strict_smtp: tuple[StrictMailbox, int],
    tmp_path: Path,
    now: datetime,
    capsys: pytest.CaptureFixture[str],
) -> None:
    box, port = strict_smtp
    app = make_app(smtp=smtp_settings(port))
    config = write_config(tmp_path, app, port)
    subscribe(app, "full@example.org", now - timedelta(days=1))
    subscribe(app, "leaving@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now - timedelta(minutes=5))
    box.replies = {"full@example.org": "552 5.2.2 mailbox full"}
    from alerts.outbox import enqueue_alerts

    enqueue_alerts(app.database, app.settings, now)
    with app.database.sessions.begin() as session:
        subscriptions.deactivate(session, "leaving@example.org")
    deliver(app, now)

    rows = {r["recipient"]: r for r in outbox(config, capsys)}
    assert rows["full@example.org"]["status"] == "failed"
    assert "552" in rows["full@example.org"]["why"]
    assert rows["leaving@example.org"]["status"] == "cancelled"
    assert "unsubscribed" in rows["leaving@example.org"]["why"]

    box.replies = {}  # the subscriber made room
    rows = {r["recipient"]: r for r in outbox(config, capsys, "--retry-failed", "--send")}
    assert "full@example.org" not in rows  # sent, so no longer listed
    assert rows["leaving@example.org"]["status"] == "cancelled"
    assert box.to("full@example.org") == [
        "Ofsted: Stockton-on-Tees children's services judged Good"
    ]
    assert box.to("leaving@example.org") == []
    sent = {r["recipient"]: r for r in outbox(config, capsys, "--all")}
    assert sent["full@example.org"]["status"] == "sent"
    assert main(["outbox", "--config", config, "7"]) == 2  # an id needs --retry-failed
