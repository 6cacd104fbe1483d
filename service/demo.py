"""One complete offline cycle against the bundled sample site, served on loopback.

The sample site is a news site and a copy of Ofsted's reports site in one: the reports
three of the stories are about are published there too, so the demo shows a story and
Ofsted's report of one inspection becoming one judgement and one email.

The demo uses its own database (var/demo.db, recreated each time) and never
SMTP: its emails land in the outbox folder as .eml files to open and read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from config.gazetteer import LocalAuthority, load_gazetteer
from config.settings import Settings
from service.app import App, utcnow
from service.crawl import CrawlSummary, crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.ofsted import OfstedSite
from service.sample_site.ofsted_reports import PublishedReport, build_report, file_ids
from service.sample_site.report_pdf import SampleKind
from storage import subscriptions

DEMO_SUBSCRIBER = "newsdesk@example.org"
DEMO_SOURCES = ["demo-news", "demo-ofsted"]


@dataclass
class DemoRun:
    app: App
    summary: CrawlSummary
    emails: list[Path]
    site_url: str


def demo_settings(workdir: Path, site_url: str) -> Settings:
    return Settings.isolated(
        database_url=f"sqlite:///{workdir / 'demo.db'}",
        outbox_dir=workdir / "outbox",
        builtin_sources=False,
        sources=[
            {
                "id": "demo-news",
                "kind": "feed",
                "url": f"{site_url}/feed.xml",
                "region": "North East",
                "interval_minutes": 30,
            },
            {"id": "demo-ofsted", "kind": "ofsted", "url": site_url, "interval_minutes": 60},
        ],
        crawl={
            "download_delay_seconds": 0,
            "autothrottle": False,
            "crawl_timeout_seconds": 300,
            "retry_backoff_seconds": 0.5,
        },
    )


def _council(name: str) -> LocalAuthority:
    la = load_gazetteer().by_name(name)
    assert la is not None, name
    return la


AREAS_2026 = ("impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")


def _grades(*values: str) -> dict[str, str]:
    return dict(zip((*AREAS_2026, "overall_effectiveness"), values, strict=True))


def demo_reports(now: datetime) -> list[PublishedReport]:
    """The reports behind the sample news (published the day before each story), and the
    inspections before them, so alerts can say what came before.

    Stockton's new report has the four graded areas and no overall grade, as every
    children's services inspection report has since April 2026.
    """
    ids = file_ids(50_400_000)
    today = now.date()

    def monday_before(published: date, weeks: int) -> date:
        day = published - timedelta(weeks=weeks)
        return day - timedelta(days=day.weekday())

    stockton, hartlepool, darlington = map(
        _council, ("Stockton-on-Tees", "Hartlepool", "Darlington")
    )
    ri, good = "requires_improvement", "good"
    fresh = [today - timedelta(days=days) for days in (1, 2, 3)]
    starts = [monday_before(day, 7) for day in fresh]
    return [
        build_report(
            stockton,
            SampleKind.ILACS_2023,
            ids(),
            date(2023, 3, 6),
            date(2023, 3, 17),
            date(2023, 5, 9),
            "Fiona Grant",
            _grades(ri, ri, ri, ri, ri),
        ),
        build_report(
            darlington,
            SampleKind.ILACS_2018,
            ids(),
            date(2022, 2, 7),
            date(2022, 2, 18),
            date(2022, 3, 25),
            "Tom Ashworth",
            {
                "impact_of_leaders": good,
                "help_and_protection": good,
                "children_in_care_and_care_leavers": good,
                "overall_effectiveness": good,
            },
        ),
        build_report(
            stockton,
            SampleKind.ILACS_2026,
            ids(),
            starts[0],
            starts[0] + timedelta(days=11),
            fresh[0],
            "Kerry Walsh",
            {key: good for key in AREAS_2026},
        ),
        build_report(
            hartlepool,
            SampleKind.SEND_2023,
            ids(),
            starts[1],
            starts[1] + timedelta(days=4),
            fresh[1],
            "Owen Pritchard",
            judgement="send_systemic_failings",
        ),
        build_report(
            darlington,
            SampleKind.FOCUSED_VISIT,
            ids(),
            starts[2],
            starts[2] + timedelta(days=1),
            fresh[2],
            "Nadia Rahman",
        ),
    ]


def _fresh_database(workdir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        (workdir / f"demo.db{suffix}").unlink(missing_ok=True)


def run_demo(workdir: Path = Path("var"), now: datetime | None = None) -> DemoRun:
    now = now or utcnow()
    workdir.mkdir(parents=True, exist_ok=True)
    _fresh_database(workdir)
    with OfstedSite() as site:
        publish(site, load_articles(now))
        site.publish(*demo_reports(now))
        app = App.create(demo_settings(workdir, site.base_url))
        app.init_database()
        with app.database.sessions.begin() as session:
            subscriptions.upsert(session, DEMO_SUBSCRIBER, "immediate", now)
        before = set(app.settings.outbox_dir.glob("*.eml"))
        summary = crawl(app, DEMO_SOURCES, now=now)  # the sample's dates are relative to it
        emails = sorted(set(app.settings.outbox_dir.glob("*.eml")) - before)
        return DemoRun(app, summary, emails, site.base_url)
