"""The "suddenly yields nothing" check, with real crawls of a loopback feed: a feed that
answers 304, or lists only articles already stored, is quiet, not broken; a feed whose
new articles all come back without an article in them is what a redesign looks like."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from service.app import App
from service.crawl import crawl
from service.sample_site.news import load_articles, publish, rss_feed
from service.sample_site.server import LoopbackSite
from storage import sources
from tests.alerts.helpers import deliveries
from tests.conftest import NOW


def admin_subjects(app: App) -> list[str]:
    return [d.subject for d in deliveries(app) if d.kind == "admin"]


def health(app: App) -> str:
    with app.database.sessions() as session:
        row = sources.get(session, "courier")
        assert row is not None
        return row.health


def test_not_modified_and_all_stored_runs_are_quiet_but_unreadable_articles_are_not(
    make_app: Callable[..., App], site: LoopbackSite
) -> None:
    samples = load_articles(NOW)
    publish(site, samples)
    app = make_app(
        sources=[{"id": "courier", "kind": "feed", "url": site.url("/feed.xml")}],
        delivery={"admin_email": "admin@example.org"},
        service={"empty_alert_threshold": 1},  # the first empty run would already tell
    )

    def run() -> dict[str, object]:
        [result] = crawl(app, ["courier"]).sources
        return result

    first = run()
    assert (first["status"], first["new"]) == ("ok", len(samples))

    assert run()["status"] == "not_modified"  # 304: nothing to extract, nothing wrong
    assert health(app) == "ok" and admin_subjects(app) == []

    # The feed changes (a new title) but lists only articles stored already: skipped.
    feed = rss_feed(samples, site.base_url, "Tees Valley Courier, now with more news")
    site.add("/feed.xml", feed, content_type="application/rss+xml")
    quiet = run()
    assert (quiet["status"], quiet["found"], quiet["new"]) == ("ok", len(samples), 0)
    assert health(app) == "ok" and admin_subjects(app) == []

    # A redesign: new articles are listed, but no article can be read from their pages.
    fresh = [replace(a, slug=a.slug + "-v2") for a in samples[:3]]
    for article in fresh:
        site.add(article.path, "")
    site.add(
        "/feed.xml",
        rss_feed(fresh + samples, site.base_url, "Tees Valley Courier"),
        content_type="application/rss+xml",
    )
    broken = run()
    assert (broken["status"], broken["new"], broken["errors"]) == ("ok", 0, 3)
    assert health(app) == "silent"
    assert admin_subjects(app) == ["ofsted-watch: source courier is silent"]
