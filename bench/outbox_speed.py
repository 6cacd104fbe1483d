"""How many emails per second the outbox delivers to an SMTP server on loopback.

    .venv/bin/python bench/outbox_speed.py [--emails 2000] [--database-url URL]

Records one real alert for each of N subscribers (rendered from the templates,
as a crawl would), then times `deliver_due` sending them all to an aiosmtpd
server on 127.0.0.1: a claim, one SMTP transaction and a mark per email, each
in its own transaction. Run on demand; never part of the tests.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from aiosmtpd.controller import Controller

from alerts.outbox import deliver_due, enqueue_alerts
from alerts.transports import make_transport
from config.settings import Settings
from service.app import App
from storage import councils, subscriptions
from storage.models import InspectionRow


class Counter:
    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received += 1
        return "250 OK"


def seed(app: App, emails: int, now: datetime) -> None:
    with app.database.sessions.begin() as session:
        for n in range(emails):
            subscriptions.upsert(session, f"reader{n}@example.org", "immediate", now)
        la = councils.by_gss(session, "E06000004")
        assert la is not None
        session.add(
            InspectionRow(
                local_authority_id=la.id,
                inspection_type="ilacs",
                judgement="good",
                previous_judgement="requires_improvement",
                direction="improved",
                grades={"impact_of_leaders": "good", "help_and_protection": "good"},
                evidence={"judgement": "Services for children are good."},
                report_url="https://reports.ofsted.gov.uk/provider/44/80563",
                first_seen_at=now + timedelta(seconds=1),
                first_seen_via="ofsted",
                alertable=True,
                updated_at=now,
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--emails", type=int, default=2000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    args = parser.parse_args()

    counter = Counter()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.isolated(
            database_url=args.database_url or f"sqlite:///{folder}/bench.db",
            builtin_sources=False,
            smtp={"host": "127.0.0.1", "port": port, "starttls": False},
            delivery={"batch_size": 500},
        )
        app = App.create(settings)
        app.init_database()
        now = datetime.now(UTC)
        seed(app, args.emails, now)

        started = time.perf_counter()
        recorded = enqueue_alerts(app.database, settings, now + timedelta(seconds=2))
        recording = time.perf_counter() - started

        started = time.perf_counter()
        report = deliver_due(
            app.database, settings, make_transport(settings), now + timedelta(seconds=2)
        )
        sending = time.perf_counter() - started
        app.close()
    controller.stop()

    assert report.sent == recorded == counter.received == args.emails, (report, counter.received)
    backend = settings.database_url.split(":", 1)[0]
    print(f"{args.emails} alerts, {backend} database, aiosmtpd on 127.0.0.1")
    print(f"recorded (rendered + stored): {recording:.2f} s, {recorded / recording:.0f}/s")
    print(f"delivered (claim, send, mark): {sending:.2f} s, {report.sent / sending:.0f} emails/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
