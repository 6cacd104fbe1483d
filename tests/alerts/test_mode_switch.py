"""A subscriber who changes mode hears of each outcome once: never again from the new mode
what the old one told them, and nothing that came between lost."""

from __future__ import annotations

from datetime import datetime, timedelta

from alerts import digests
from alerts.outbox import deliver_due
from alerts.transports import make_transport
from service.app import App
from service.crawl import deliver
from tests.alerts.conftest import PickyMailbox
from tests.alerts.helpers import CAMDEN, LEEDS, LIVERPOOL, add_inspection, stockton_good, subscribe

HOUR = timedelta(hours=1)


def send_digests(app: App, now: datetime) -> int:
    recorded = digests.record(app.database, app.settings, ["daily"], now)
    deliver_due(app.database, app.settings, make_transport(app.settings), now)
    return recorded


def test_switching_from_a_digest_to_alerts_repeats_nothing_the_digests_told(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    start = now - 30 * HOUR
    subscribe(app, "d@example.org", start, mode="daily")
    stockton_good(app, start + HOUR)
    add_inspection(app, CAMDEN, start + 2 * HOUR)
    assert send_digests(app, start + 24 * HOUR) == 1  # both judgements, in the digest
    # First seen after that digest, before the switch: no digest will tell of it now.
    add_inspection(app, LEEDS, start + 25 * HOUR)

    subscribe(app, "d@example.org", now, mode="immediate")
    add_inspection(app, LIVERPOOL, now + HOUR)
    queued, _ = deliver(app, now + 2 * HOUR)

    assert queued == 2
    assert box.to("d@example.org")[1:] == [
        "Ofsted: Leeds children's services judged Good",
        "Ofsted: Liverpool children's services judged Good",
    ]


def test_switching_from_alerts_to_a_digest_leaves_out_what_the_alerts_told(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    """An alert went out a minute before the switch: within the window a digest reaches
    back for outcomes committed late (the crawl timeout), yet it is not listed again."""
    app, box = mail_app
    subscribe(app, "d@example.org", now - 24 * HOUR)
    stockton_good(app, now - timedelta(minutes=1))
    deliver(app, now - timedelta(seconds=30))
    assert len(box.to("d@example.org")) == 1

    subscribe(app, "d@example.org", now, mode="daily")
    add_inspection(app, CAMDEN, now + HOUR)
    assert send_digests(app, now + 24 * HOUR) == 1

    digest = box.messages[-1][2]
    body = str(digest.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert "Camden" in body and "Stockton" not in body  # neither the outcome nor its news
    assert digest["Subject"].endswith(": 1 new judgement")
