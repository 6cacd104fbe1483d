"""Two deliverers at once, for real: passes that outlive their claims' lease, and two
recorders racing to record the same alerts."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event

from alerts.outbox import deliver_due, enqueue_alerts
from alerts.transports import make_transport
from service.app import App, utcnow
from tests.alerts.conftest import smtp_settings
from tests.alerts.helpers import CAMDEN, LEEDS, LIVERPOOL, STOCKTON, add_inspection, deliveries
from tests.alerts.helpers import subscribe as add_subscriber
from tests.conftest import Mailbox, free_port

SCRIPT = Path(sys.executable).with_name("ofsted-watch")
COUNCILS = (STOCKTON, LEEDS, CAMDEN, LIVERPOOL)


@dataclass
class SlowMailbox(Mailbox):
    """A mail server that takes its time over each message, as a busy relay does."""

    delay: float = 0.06

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)

    def keys(self) -> Counter[str]:
        return Counter(str(m["X-Ofsted-Watch-Key"]) for _, _, m in self.messages)


@pytest.fixture
def slow_smtp() -> Iterator[tuple[SlowMailbox, int]]:
    mailbox, port = SlowMailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_a_pass_that_outlives_its_lease_and_a_second_pass_send_each_email_once(
    make_app: Callable[..., App], slow_smtp: tuple[SlowMailbox, int], tmp_path: Path
) -> None:
    """The review's reproduction: one `digest --send` is still sending when another pass
    starts, after the claim lease (4 x 0.5 s + 1 s = 3 s) has run out for the first one's
    early claims. Every email must reach the server exactly once."""
    mailbox, port = slow_smtp
    smtp = smtp_settings(port, timeout_seconds=0.5)
    app = make_app(smtp=smtp, delivery={"retry_base_seconds": 1})
    now = utcnow()
    for n in range(20):
        add_subscriber(app, f"reader{n}@example.org", now - timedelta(days=1))
    for code in COUNCILS:
        add_inspection(app, code, now - timedelta(minutes=5))
    assert enqueue_alerts(app.database, app.settings, now) == 80
    config = tmp_path / "slow.toml"
    config.write_text(
        f'database_url = "{app.settings.database_url}"\nbuiltin_sources = false\n'
        f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nstarttls = false\ntimeout_seconds = 0.5\n'
        'from_addr = "alerts@example.org"\n[delivery]\nretry_base_seconds = 1\n',
        encoding="utf-8",
    )

    first = subprocess.Popen(
        [SCRIPT, "digest", "--send", "--config", str(config)], stderr=subprocess.PIPE
    )
    try:
        wait_until(lambda: len(mailbox.messages) >= 55)  # 55 x 0.06 s: past the lease
        assert first.poll() is None, "the first pass ended before the second began"
        second = deliver_due(app.database, app.settings, make_transport(app.settings), utcnow())
        _, err = first.communicate(timeout=60)
    finally:
        first.kill()
    assert first.returncode == 0, err.decode()
    assert second.sent > 0
    assert len(mailbox.keys()) == 80
    assert [key for key, count in mailbox.keys().items() if count > 1] == []
    assert {d.status for d in deliveries(app)} == {"sent"}


def test_two_recorders_racing_record_each_alert_once_and_neither_fails(
    make_app: Callable[..., App], database_url: str, tmp_path: Path
) -> None:
    """Both read which alerts exist before either writes (held there by a barrier), as
    two crawls finishing together do; the second must find its rows recorded, not crash."""
    app = make_app(database_url=database_url)
    other = App.create(app.settings)
    now = utcnow()
    add_subscriber(app, "desk@example.org", now - timedelta(days=1))
    add_subscriber(app, "news@example.org", now - timedelta(days=1))
    for code in COUNCILS:
        add_inspection(app, code, now - timedelta(minutes=5))

    barrier = threading.Barrier(2, timeout=5)

    def hold_first_insert(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        inserting = statement.lstrip().upper().startswith("INSERT INTO DELIVERIES")
        if inserting and not conn.info.get("held"):
            conn.info["held"] = True
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()

    results: dict[str, Any] = {}

    def record(name: str, which: App) -> None:
        try:
            results[name] = enqueue_alerts(which.database, which.settings, now)
        except Exception as exc:  # the failure under test: reported, not swallowed
            results[name] = exc

    for each in (app, other):
        event.listen(each.database.engine, "before_cursor_execute", hold_first_insert)
    try:
        threads = [
            threading.Thread(target=record, args=(name, which))
            for name, which in (("one", app), ("two", other))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        other.close()
    assert not any(isinstance(r, Exception) for r in results.values()), results
    assert sum(results.values()) == 8
    rows = deliveries(app)
    assert len(rows) == 8 and len({r.dedupe_key for r in rows}) == 8
