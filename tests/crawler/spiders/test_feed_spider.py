"""The feed spider on the real Scrapy engine against a loopback site."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from service.app import App
from service.crawl import crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage import sources
from storage.models import ArticleRow


def feed_app(make_app: Callable[..., App], site: LoopbackSite, path: str = "/feed.xml") -> App:
    return make_app(
        sources=[{"id": "paper", "kind": "feed", "url": site.url(path), "region": "North East"}]
    )


def stored(app: App) -> int:
    with app.database.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(ArticleRow)) or 0)


def test_unchanged_feed_is_answered_304_and_costs_no_article_fetches(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    samples = load_articles(now)
    publish(site, samples)
    app = feed_app(make_app, site)

    first = crawl(app, ["paper"], now=now)
    assert first.sources[0]["status"] == "ok"
    assert stored(app) == len(samples)
    assert len(site.requests_for("/news/")) == len(samples)

    second = crawl(app, ["paper"], now=now)
    feed_hits = site.requests_for("/feed.xml")
    assert feed_hits[-1].status == 304
    assert feed_hits[-1].headers.get("If-None-Match")
    assert second.sources[0]["status"] == "not_modified"
    assert len(site.requests_for("/news/")) == len(samples)  # no article fetched again
    assert stored(app) == len(samples)


def test_changed_feed_fetches_only_the_new_article(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    samples = load_articles(now)
    publish(site, samples[:3])
    app = feed_app(make_app, site)
    crawl(app, ["paper"], now=now)
    publish(site, samples[:4])  # a new item appears, the feed's ETag changes
    crawl(app, ["paper"], now=now)
    fetched = [h.path for h in site.requests_for("/news/")]
    assert sorted(fetched) == sorted(a.path for a in samples[:4])
    assert stored(app) == 4


def test_malformed_feed_is_an_error_run_and_nothing_is_lost(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    site.add("/feed.xml", "<html><body>Service unavailable</body></html>")
    app = feed_app(make_app, site)
    summary = crawl(app, ["paper"], now=now)
    assert summary.sources[0]["status"] == "error"
    assert "feed" in summary.sources[0]["error"]
    with app.database.sessions() as session:
        row = sources.get(session, "paper")
        assert row is not None and row.consecutive_failures == 1 and row.last_error


def test_forbidden_feed_is_recorded_then_recovers(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    publish(site, load_articles(now))
    site.fail("/feed.xml", 403)
    app = feed_app(make_app, site)
    failed = crawl(app, ["paper"], now=now)
    assert failed.sources[0]["status"] == "error" and "403" in failed.sources[0]["error"]
    recovered = crawl(app, ["paper"], now=now)
    assert recovered.sources[0]["status"] == "ok"
    with app.database.sessions() as session:
        row = sources.get(session, "paper")
        assert row is not None and row.consecutive_failures == 0 and row.last_success_at


def test_article_that_fails_is_retried_next_crawl(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    samples = load_articles(now)
    publish(site, samples)
    site.fail(samples[0].path, 404)
    app = feed_app(make_app, site)
    crawl(app, ["paper"], now=now)
    assert stored(app) == len(samples) - 1
    crawl(app, ["paper"], now=now)  # validators were not saved, so the feed is read again
    assert stored(app) == len(samples)
