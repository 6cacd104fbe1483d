"""An unknown judgement is said to be unknown, and when Ofsted's report later gives the
outcome the news did not, the subscriber hears it once."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from alerts import digests
from alerts.compose import text_part
from alerts.outbox import deliver_due
from alerts.transports import make_transport
from crawler.items import ReportItem
from service.app import App
from service.crawl import deliver
from storage import inspections
from tests.alerts.conftest import PickyMailbox
from tests.alerts.helpers import add_inspection, deliveries, subscribe

KIRKLEES, KIRKLEES_URN = "E08000034", "80478"
PUBLISHED = date(2026, 11, 18)
AREAS = ("impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")


def news_of_kirklees(app: App, seen: datetime, judgement: str | None = None) -> int:
    return add_inspection(
        app,
        KIRKLEES,
        seen,
        judgement=judgement,
        evidence="Inspectors judged the council's services for children to be inadequate.",
        published_on=PUBLISHED,
    )


def ofsted_report(app: App, at: datetime, judgement: str | None, grades: dict[str, str]) -> None:
    """The report, stored the way the Ofsted spider's pipeline stores it: merged into the
    inspection the news reported."""
    item = ReportItem(
        source_id="ofsted",
        ofsted_urn=KIRKLEES_URN,
        file_id="50298765",
        report_url=f"https://reports.ofsted.gov.uk/provider/44/{KIRKLEES_URN}",
        link_text="Children's services inspection",
        inspection_type="ilacs",
        published_on=PUBLISHED,
        fetched_at=at,
        judgement=judgement,
        grades=grades,
    )
    with app.database.sessions.begin() as session:
        recorded = inspections.record_report(session, item, at)
        assert recorded is not None and not recorded.created


def test_an_unknown_judgement_is_not_stated_and_the_report_brings_one_follow_up(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "kirklees@example.org", now - timedelta(days=1), local_authorities=[KIRKLEES])
    news_of_kirklees(app, now - timedelta(hours=2))
    deliver(app, now)

    [first] = box.to("kirklees@example.org")
    assert first == (
        "Ofsted: new children's services inspection (ILACS) of Kirklees children's services: "
        "judgement not stated yet"
    )
    body = text_part(box.messages[0][2])
    assert "Judgement:    Not stated" in body and "Not graded" not in body

    ofsted_report(app, now + timedelta(hours=1), None, dict.fromkeys(AREAS, "inadequate"))
    for hours in (2, 3, 30):  # later passes (crawls, the outbox job) add nothing more
        deliver(app, now + timedelta(hours=hours))

    assert box.to("kirklees@example.org")[1:] == [
        "Update: Ofsted: Kirklees children's services judged Inadequate in all areas"
    ]
    update = text_part(box.messages[1][2])
    assert "UPDATE: Ofsted's report is out and differs from our earlier alert" in update
    assert "  Judgement: Not stated" in update  # what the first alert said
    assert "Care leavers:                       Inadequate" in update
    keys = sorted(d.dedupe_key for d in deliveries(app))
    assert keys[1].endswith(":outcome") and len(keys) == 2


def test_a_report_that_agrees_with_the_alert_sends_nothing_more(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "kirklees@example.org", now - timedelta(days=1), local_authorities=[KIRKLEES])
    news_of_kirklees(app, now - timedelta(hours=2), judgement="inadequate")
    deliver(app, now)
    ofsted_report(app, now + timedelta(hours=1), "inadequate", {})
    deliver(app, now + timedelta(hours=2))
    assert box.to("kirklees@example.org") == [
        "Ofsted: Kirklees children's services judged Inadequate"
    ]


def test_a_digest_table_says_not_stated_for_an_unknown_judgement(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "daily@example.org", now - timedelta(days=1), mode="daily")
    news_of_kirklees(app, now - timedelta(hours=2))
    digests.record(app.database, app.settings, ["daily"], now)
    deliver_due(app.database, app.settings, make_transport(app.settings), now)
    body = text_part(box.messages[0][2])
    assert "Kirklees  ILACS       – → Not stated" in body
    assert "Judgement: Not stated" in body and "Not graded" not in body


def test_a_digest_subscriber_hears_of_the_reports_change_in_their_next_digest_once(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "daily@example.org", now - timedelta(days=1), mode="daily")
    news_of_kirklees(app, now - timedelta(hours=2))
    send_digest = [now, now + timedelta(days=1), now + timedelta(days=2)]
    digests.record(app.database, app.settings, ["daily"], send_digest[0])
    ofsted_report(app, now + timedelta(hours=1), None, dict.fromkeys(AREAS, "inadequate"))
    for at in send_digest[1:]:
        digests.record(app.database, app.settings, ["daily"], at)
    deliver_due(app.database, app.settings, make_transport(app.settings), send_digest[-1])

    assert box.subjects()[1:] == ["Ofsted Watch daily digest, 21 November 2026: 1 update"]
    second = text_part(box.messages[1][2])
    assert "UPDATED BY OFSTED'S REPORT (1)" in second
    assert "An earlier digest said: Not stated" in second
    assert "Ofsted's report says:   leaders Inadequate; help and protection Inadequate" in second
