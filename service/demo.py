"""One complete offline cycle against the bundled sample site, served on loopback.

The demo uses its own database (var/demo.db, recreated each time) and never
SMTP: its emails land in the outbox folder as .eml files to open and read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from config.settings import Settings
from service.app import App, utcnow
from service.crawl import CrawlSummary, crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage import subscriptions

DEMO_SUBSCRIBER = "newsdesk@example.org"


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
            }
        ],
        crawl={"download_delay_seconds": 0, "autothrottle": False, "crawl_timeout_seconds": 300},
    )


def _fresh_database(workdir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        (workdir / f"demo.db{suffix}").unlink(missing_ok=True)


def run_demo(workdir: Path = Path("var"), now: datetime | None = None) -> DemoRun:
    now = now or utcnow()
    workdir.mkdir(parents=True, exist_ok=True)
    _fresh_database(workdir)
    with LoopbackSite() as site:
        publish(site, load_articles(now))
        app = App.create(demo_settings(workdir, site.base_url))
        app.init_database()
        with app.database.sessions.begin() as session:
            subscriptions.upsert(session, DEMO_SUBSCRIBER, "immediate", now)
        before = set(app.settings.outbox_dir.glob("*.eml"))
        summary = crawl(app, ["demo-news"])
        emails = sorted(set(app.settings.outbox_dir.glob("*.eml")) - before)
        return DemoRun(app, summary, emails, site.base_url)
