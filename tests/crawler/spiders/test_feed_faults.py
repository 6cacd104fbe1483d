"""Bad feeds on the real Scrapy engine: broken links, broken XML, a feed that starts failing.

The standard: the crawl keeps going, what failed is recorded in the source's run, and
nothing already known is lost (stored articles, the validators of the last good answer).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape

import pytest
from scrapy.crawler import Crawler
from sqlalchemy import select

from config.settings import Settings
from crawler.settings import scrapy_settings
from crawler.spiders.feed import FeedSpider
from service.app import App
from service.crawl import crawl
from service.sample_site.news import SampleArticle, article_page, load_articles, publish
from service.sample_site.server import LoopbackSite
from storage import sources
from storage.models import ArticleRow, SourceRunRow

RSS = "application/rss+xml; charset=utf-8"


def feed_app(make_app: Callable[..., App], site: LoopbackSite) -> App:
    return make_app(
        sources=[{"id": "paper", "kind": "feed", "url": site.url("/feeds/feed.xml")}],
        crawl={"retry_backoff_seconds": 0.05},
    )


def rss(items: list[tuple[str, str | None]], when: datetime) -> str:
    """An RSS feed whose items carry exactly these links (None: no <link> at all)."""
    entries = "\n".join(
        f"<item><title>{escape(title)}</title>"
        + ("" if link is None else f"<link>{escape(link)}</link>")
        + f"<pubDate>{format_datetime(when)}</pubDate></item>"
        for title, link in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Courier</title><link>http://example.org/</link>\n{entries}\n</channel></rss>"
    )


def stored_urls(app: App) -> set[str]:
    with app.database.sessions() as session:
        return set(session.scalars(select(ArticleRow.url)))


def last_run(app: App) -> SourceRunRow:
    with app.database.sessions() as session:
        run = session.scalars(select(SourceRunRow).order_by(SourceRunRow.id.desc())).first()
        assert run is not None
        return run


def test_unusable_links_are_skipped_and_counted_while_every_good_item_is_stored(
    make_app: Callable[..., App],
    site: LoopbackSite,
    now: datetime,
    capfd: pytest.CaptureFixture[str],
) -> None:
    samples = load_articles(now)[:5]
    for article in samples:
        site.add(article.path, article_page(article, site.base_url))
    spaced = samples[4]
    site.add("/news/with%20space", article_page(spaced, site.base_url))
    when = samples[0].published
    items: list[tuple[str, str | None]] = [
        ("absolute", site.url(samples[0].path)),
        ("relative to the feed", f"..{samples[1].path}"),
        ("padded", f"\n   {site.url(samples[2].path)}   \n"),
        ("no link", None),
        ("empty link", ""),
        ("script", "javascript:void(0)"),
        ("mail", "mailto:news@example.org"),
        ("ftp", "ftp://example.org/story.txt"),
        ("impossible port", "http://127.0.0.1:99999/news/x"),
        ("space in path", site.url("/news/with space")),
        ("broken escape", site.url("/news/100%zz")),
        ("after the bad ones", site.url(samples[3].path)),
    ]
    site.add("/feeds/feed.xml", rss(items, when), content_type=RSS)
    app = feed_app(make_app, site)

    summary = crawl(app, ["paper"], now=now)

    assert summary.sources[0]["status"] == "ok"
    expected = {site.url(a.path) for a in samples[:4]} | {site.url("/news/with%20space")}
    assert stored_urls(app) == expected
    assert summary.sources[0]["skipped"] == 6  # no usable address: told, not retried
    run = last_run(app)
    assert run.errors == 1  # the broken escape: fetched, and the site does not know it
    assert "6 listed items skipped" in (run.error_text or "") and "100%zz" in (run.error_text or "")
    log = capfd.readouterr().err
    for shown in ("javascript:void(0)", "mailto:news@example.org", "ftp://", "no link"):
        assert shown in log
    assert "Traceback" not in log


def test_links_the_site_does_not_serve_do_not_stop_validators_being_saved_after_a_clean_run(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    """A feed item that can never be followed must not make every crawl re-read the feed."""
    article = load_articles(now)[0]
    site.add(article.path, article_page(article, site.base_url))
    items: list[tuple[str, str | None]] = [
        ("good", site.url(article.path)),
        ("script", "javascript:void(0)"),
    ]
    site.add("/feeds/feed.xml", rss(items, article.published), content_type=RSS)
    app = feed_app(make_app, site)
    crawl(app, ["paper"], now=now)

    again = crawl(app, ["paper"], now=now)

    assert again.sources[0]["status"] == "not_modified"


@pytest.mark.parametrize(
    ("body", "content_type", "why"),
    [
        (b"", RSS, "empty"),
        (b"<html><body><h1>We'll be back soon</h1></body></html>", "text/html", "not an RSS"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Cou', RSS, "not a readable"),
        (b"\x00\x01garbage\xff", "application/octet-stream", "not"),
    ],
    ids=["empty-body", "html-page", "truncated-before-any-item", "binary"],
)
def test_a_feed_that_cannot_be_read_is_an_error_run(
    make_app: Callable[..., App],
    site: LoopbackSite,
    now: datetime,
    body: bytes,
    content_type: str,
    why: str,
) -> None:
    site.add("/feeds/feed.xml", body, content_type=content_type)
    app = feed_app(make_app, site)

    summary = crawl(app, ["paper"], now=now)

    assert summary.sources[0]["status"] == "error"
    assert why in summary.sources[0]["error"]
    run = last_run(app)
    assert run.status == "error" and run.errors == 1 and why in (run.error_text or "")
    with app.database.sessions() as session:
        row = sources.get(session, "paper")
        assert row is not None and row.consecutive_failures == 1 and row.last_success_at is None
        assert row.etag is None  # validators of an unreadable answer are not kept


def test_a_valid_feed_with_no_items_is_a_quiet_ok_run(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    site.add("/feeds/feed.xml", rss([], now), content_type=RSS)
    app = feed_app(make_app, site)

    summary = crawl(app, ["paper"], now=now)

    assert summary.sources[0]["status"] == "ok"
    assert last_run(app).errors == 0


def test_a_truncated_feed_that_still_has_items_is_read_and_noted(
    make_app: Callable[..., App],
    site: LoopbackSite,
    now: datetime,
    capfd: pytest.CaptureFixture[str],
) -> None:
    samples = load_articles(now)[:3]
    for article in samples:
        site.add(article.path, article_page(article, site.base_url))
    whole = rss([(a.title, site.url(a.path)) for a in samples], samples[0].published)
    cut = whole[: whole.index("</item>", whole.index("</item>") + 1) + len("</item>") + 10]
    site.add("/feeds/feed.xml", cut, content_type=RSS)
    app = feed_app(make_app, site)

    summary = crawl(app, ["paper"], now=now)

    assert summary.sources[0]["status"] == "ok"
    assert stored_urls(app) == {site.url(a.path) for a in samples[:2]}
    assert "malformed" in capfd.readouterr().err


def _published_and_crawled(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> tuple[App, list[SampleArticle]]:
    samples = load_articles(now)[:3]
    publish(site, samples, feed_path="/feeds/feed.xml")
    app = feed_app(make_app, site)
    assert crawl(app, ["paper"], now=now).sources[0]["status"] == "ok"
    return app, samples


@pytest.mark.parametrize("status", [403, 404, 410, 500, 503])
def test_a_feed_that_starts_failing_is_an_error_run_and_keeps_its_validators(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime, status: int
) -> None:
    app, samples = _published_and_crawled(make_app, site, now)
    with app.database.sessions() as session:
        row = sources.get(session, "paper")
        assert row is not None and row.etag
        validators = (row.etag, row.last_modified)
    before = len(site.hits)
    answers = [status] * (4 if status >= 500 else 1)  # 5xx: the first try and 3 retries
    site.fail("/feeds/feed.xml", *answers)

    failed = crawl(app, ["paper"], now=now)

    assert failed.sources[0]["status"] == "error"
    assert f"HTTP {status}" in failed.sources[0]["error"]
    assert "crawl process" not in failed.sources[0]["error"]  # the child exited normally
    tries = [h.status for h in site.hits[before:] if h.path == "/feeds/feed.xml"]
    assert tries == answers
    with app.database.sessions() as session:
        row = sources.get(session, "paper")
        assert row is not None and (row.etag, row.last_modified) == validators
        assert row.consecutive_failures == 1 and f"HTTP {status}" in (row.last_error or "")
    assert stored_urls(app) == {site.url(a.path) for a in samples}

    recovered = crawl(app, ["paper"], now=now)

    assert recovered.sources[0]["status"] == "not_modified"  # still a conditional request
    assert site.hits[-1].headers.get("If-None-Match") == validators[0]


def test_feeds_and_their_articles_retry_5xx_patiently_but_not_403() -> None:
    """A feed host that is briefly down is given room (each retry waits twice as long,
    nothing else goes to the host meanwhile); a 403 from a news site is an answer."""
    settings = Settings.isolated(builtin_sources=False)
    crawler = Crawler(FeedSpider, scrapy_settings(settings, datetime.now(UTC)))
    middlewares = crawler.settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert "crawler.middlewares.BackoffRetryMiddleware" in middlewares
    codes = crawler.settings.getlist("RETRY_HTTP_CODES")
    assert 500 in codes and 503 in codes and 403 not in codes


@pytest.mark.parametrize("sized", [True, False], ids=["announced", "streamed"])
def test_a_page_over_the_size_limit_is_abandoned_and_recorded_while_the_rest_is_stored(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime, sized: bool
) -> None:
    samples = load_articles(now)[:2]
    for article in samples:
        site.add(article.path, article_page(article, site.base_url))
    huge = "<html><body>" + "<p>filler</p>" * 500_000 + "</body></html>"  # 6.5 MB
    site.add("/news/huge", huge, sized=sized)  # streamed: no Content-Length to go by
    items: list[tuple[str, str | None]] = [
        ("first", site.url(samples[0].path)),
        ("huge", site.url("/news/huge")),
        ("second", site.url(samples[1].path)),
    ]
    site.add("/feeds/feed.xml", rss(items, samples[0].published), content_type=RSS)
    app = make_app(
        sources=[{"id": "paper", "kind": "feed", "url": site.url("/feeds/feed.xml")}],
        crawl={"max_response_bytes": 256 * 1024},
    )

    summary = crawl(app, ["paper"], now=now)

    assert summary.sources[0]["status"] == "ok"
    assert stored_urls(app) == {site.url(a.path) for a in samples}
    run = last_run(app)
    assert run.errors == 1 and "/news/huge: response too large" in (run.error_text or "")
    assert run.bytes_received < 256 * 1024  # its body was cut off, not taken in
    assert [h.path for h in site.hits].count("/news/huge") == 1  # not retried


def test_a_feed_over_the_size_limit_is_an_error_run(
    make_app: Callable[..., App], site: LoopbackSite, now: datetime
) -> None:
    article = load_articles(now)[0]
    items: list[tuple[str, str | None]] = [
        (f"item {n}", site.url(article.path)) for n in range(5000)
    ]
    site.add("/feeds/feed.xml", rss(items, now), content_type=RSS)  # about 600 kB
    app = make_app(
        sources=[{"id": "paper", "kind": "feed", "url": site.url("/feeds/feed.xml")}],
        crawl={"max_response_bytes": 256 * 1024},
    )

    summary = crawl(app, ["paper"], now=now)

    assert summary.sources[0]["status"] == "error"
    assert "too large" in summary.sources[0]["error"]


def test_items_dropped_on_purpose_leave_no_item_dump_in_the_log_but_errors_still_show(
    make_app: Callable[..., App],
    site: LoopbackSite,
    now: datetime,
    capfd: pytest.CaptureFixture[str],
) -> None:
    article = load_articles(now)[0]
    site.add(article.path, article_page(article, site.base_url))
    site.add("/news/copy", article_page(article, site.base_url))  # the same story again
    site.add("/news/stub", "<html><body><article><p>Watch the video.</p></article></body>")
    items: list[tuple[str, str | None]] = [
        ("story", site.url(article.path)),
        ("copy", site.url("/news/copy")),
        ("video", site.url("/news/stub")),
        ("gone", site.url("/news/gone")),
    ]
    site.add("/feeds/feed.xml", rss(items, article.published), content_type=RSS)
    app = feed_app(make_app, site)

    crawl(app, ["paper"], now=now)

    (kept,) = stored_urls(app)  # whichever copy came first; the other is a duplicate
    assert kept in {site.url(article.path), site.url("/news/copy")}
    log = capfd.readouterr().err
    assert "ArticleItem(" not in log and article.paragraphs[0][:40] not in log
    assert "Dropped" not in log  # INFO: below the default WARNING level
    assert "/news/gone: HTTP 404 Not Found" in log  # a real failure is still one line
