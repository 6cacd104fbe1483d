"""The ofsted spider on the real Scrapy engine against a loopback copy of Ofsted's site.

Every crawl here runs in the crawl child process, as `ofsted-watch crawl` does; what the
site was asked for is read from its request log, what was kept from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from scrapy.crawler import Crawler
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from config.gazetteer import load_gazetteer
from config.settings import Settings
from crawler.settings import scrapy_settings
from crawler.spiders.ofsted import SEARCH_FILTER, OfstedSpider, search_url
from service.app import App
from service.crawl import crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.ofsted import OfstedSite
from service.sample_site.ofsted_reports import (
    PublishedReport,
    build_report,
    council_history,
    file_ids,
)
from service.sample_site.report_pdf import SampleKind
from service.sample_site.server import DROP_CONNECTION, NO_ANSWER, LoopbackSite
from storage import reports, sources, subscriptions
from storage.models import InspectionRow, OfstedReportRow, SourceRunRow

GAZ = load_gazetteer()
COUNCILS = ("Stockton-on-Tees", "Leeds", "Cornwall")
FIRST_PAGE = f"/search?{SEARCH_FILTER}&start=0&rows=100"


@pytest.fixture
def files() -> Iterator[LoopbackSite]:
    """Report files on a host of their own, as on the real site."""
    with LoopbackSite() as host:
        yield host


@pytest.fixture
def ofsted(files: LoopbackSite) -> Iterator[OfstedSite]:
    with OfstedSite(files=files) as site:
        yield site


def histories(*names: str, until: date = date(2026, 9, 30)) -> list[PublishedReport]:
    ids = file_ids()
    found = [GAZ.by_name(name) for name in names]
    return [r for la in found if la is not None for r in council_history(la, until, ids)]


def new_ilacs(name: str, published: date, file_id: str = "60000001") -> PublishedReport:
    la = GAZ.by_name(name)
    assert la is not None
    grades = {
        "impact_of_leaders": "good",
        "help_and_protection": "good",
        "children_in_care": "outstanding",
        "care_leavers": "good",
    }
    start = published - timedelta(days=50)
    return build_report(
        la,
        SampleKind.ILACS_2026,
        file_id,
        start,
        start + timedelta(days=11),
        published,
        "Kerry Walsh",
        grades,
    )


def ofsted_app(make_app: Callable[..., App], site: OfstedSite, **crawl: Any) -> App:
    return make_app(
        sources=[{"id": "ofsted", "kind": "ofsted", "url": site.base_url}],
        crawl={"retry_backoff_seconds": 0.05, "ofsted_max_reports_per_crawl": 5000, **crawl},
    )


def stored(app: App) -> dict[str, InspectionRow]:
    query = select(InspectionRow).options(selectinload(InspectionRow.local_authority))
    with app.database.sessions() as session:
        return {r.ofsted_file_id or "": r for r in session.scalars(query)}


def runs(app: App) -> list[SourceRunRow]:
    with app.database.sessions() as session:
        return list(session.scalars(select(SourceRunRow).order_by(SourceRunRow.id)))


def pdfs(files: LoopbackSite, since: int = 0) -> list[str]:
    return [h.path for h in files.hits[since:] if h.path.startswith("/v1/file/")]


def council_pages(site: OfstedSite, since: int = 0) -> list[str]:
    return [h.path for h in site.hits[since:] if h.path.startswith("/provider/")]


def assert_stored_exactly(app: App, site: OfstedSite, published: list[PublishedReport]) -> None:
    rows = stored(app)
    assert sorted(rows) == sorted(r.file_id for r in published)
    for report in published:
        row = rows[report.file_id]
        assert row.local_authority.ofsted_urn == report.urn
        assert row.inspection_type == report.inspection_type, report
        assert row.judgement == report.judgement, report
        assert row.grades == report.grades, report
        assert row.published_on == report.published_on
        assert (row.inspection_start, row.inspection_end) == (
            report.inspection_start,
            report.inspection_end,
        )
        assert row.lead_inspector == report.lead_inspector
        assert row.report_url == site.file_url(report)


def test_first_crawl_reads_the_search_every_council_page_and_each_report_once(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    published = histories(*COUNCILS)
    ofsted.publish(*published)
    app = ofsted_app(make_app, ofsted)

    summary = crawl(app, ["ofsted"], now=now)

    assert summary.sources[0]["status"] == "ok"
    searched = [h.path for h in ofsted.hits if h.path.startswith("/search")]
    assert searched == [FIRST_PAGE, f"/search?{SEARCH_FILTER}&start=100&rows=100"]
    pages = council_pages(ofsted)
    assert sorted(pages) == sorted(f"/provider/44/{la.ofsted_urn}" for la in GAZ)  # each once
    assert "/provider/44/135513" not in pages  # a closed council the search still lists
    assert sorted(pdfs(files)) == sorted(r.path for r in published)
    assert not [h for h in ofsted.hits if "stats-" in h.path]  # not a report we want
    assert_stored_exactly(app, ofsted, published)
    run = runs(app)[0]
    assert (run.items_found, run.items_new, run.errors) == (len(published), len(published), 0)
    assert not any(row.alertable for row in stored(app).values())  # all of it is history


def test_repeat_crawl_asks_what_changed_and_fetches_no_report_again(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    ofsted.publish(*histories(*COUNCILS))
    app = ofsted_app(make_app, ofsted)
    crawl(app, ["ofsted"], now=now)
    before, fetched = len(ofsted.hits), len(files.hits)

    summary = crawl(app, ["ofsted"], now=now)

    assert summary.sources[0]["status"] == "ok"
    asked = [h.path for h in ofsted.hits[before:] if h.path.startswith("/search")]
    since = (now.date() - timedelta(days=3)).strftime("%d-%m-%Y")
    assert asked == [search_url("", 0, now.date() - timedelta(days=3))]
    assert f"latest_report_date_start={since}" in asked[0]
    assert council_pages(ofsted, before) == []  # nobody published anything since
    assert pdfs(files, fetched) == []
    assert runs(app)[-1].requests <= 2  # robots.txt and one search page


def test_report_published_between_crawls_is_the_only_pdf_the_second_crawl_fetches(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    history = histories(*COUNCILS)
    ofsted.publish(*history)
    app = ofsted_app(make_app, ofsted)
    crawl(app, ["ofsted"], now=now)
    before, fetched = len(ofsted.hits), len(files.hits)
    fresh = new_ilacs("Leeds", now.date() - timedelta(days=1))
    ofsted.publish(fresh)

    crawl(app, ["ofsted"], now=now)

    assert pdfs(files, fetched) == [fresh.path]
    assert council_pages(ofsted, before) == [f"/provider/44/{fresh.urn}"]
    assert_stored_exactly(app, ofsted, [*history, fresh])
    row = stored(app)[fresh.file_id]
    assert row.alertable and row.first_seen_via == "ofsted"
    assert row.judgement is None and row.grades["children_in_care"] == "outstanding"
    graded = [r.judgement for r in history if r.urn == fresh.urn and r.inspection_type == "ilacs"]
    assert row.previous_judgement == [j for j in graded if j][-1]  # the last overall grade


def test_forbidden_answers_are_retried_after_a_pause_and_the_crawl_recovers(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    published = histories("Stockton-on-Tees")
    ofsted.publish(*published)
    stockton = f"/provider/44/{published[0].urn}"
    ofsted.fail(FIRST_PAGE, 403, 403)
    ofsted.fail(stockton, 403)
    files.fail(published[0].path, 503)
    app = ofsted_app(make_app, ofsted)

    summary = crawl(app, ["ofsted"], now=now)

    assert summary.sources[0]["status"] == "ok"
    assert [h.status for h in ofsted.hits if h.path == FIRST_PAGE] == [403, 403, 200]
    assert [h.status for h in ofsted.hits if h.path == stockton] == [403, 200]
    assert [h.status for h in files.hits if h.path == published[0].path] == [503, 200]
    assert_stored_exactly(app, ofsted, published)
    assert runs(app)[0].errors == 0


def test_broken_pdf_is_recorded_retried_by_later_crawls_then_given_up_for_good(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    good = histories("Stockton-on-Tees")
    la = GAZ.by_name("Leeds")
    assert la is not None
    broken = PublishedReport(
        urn=la.ofsted_urn,
        council=la.official_name,
        file_id="59999999",
        inspection_type="ilacs",
        published_on=date(2024, 3, 1),
        pdf=b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF",
    )
    ofsted.publish(*good, broken)
    app = ofsted_app(make_app, ofsted)

    first = crawl(app, ["ofsted"], now=now)

    assert first.sources[0]["status"] == "ok"  # one bad file does not fail the source
    assert_stored_exactly(app, ofsted, good)
    run = runs(app)[0]
    assert run.errors == 1 and broken.path in (run.error_text or "")
    assert "PDF" in (run.error_text or "")  # says what was wrong with the file
    with app.database.sessions() as session:
        row = reports.get(session, la.ofsted_urn, broken.file_id)
        assert row is not None and row.status == "failing" and row.error

    for _ in range(reports.MAX_ATTEMPTS + 1):
        crawl(app, ["ofsted"], now=now)

    assert pdfs(files).count(broken.path) == reports.MAX_ATTEMPTS
    gave_up = runs(app)[reports.MAX_ATTEMPTS - 1]
    assert "given up" in (gave_up.error_text or "")
    assert runs(app)[-1].errors == 0 and runs(app)[-1].status == "ok"
    with app.database.sessions() as session:
        row = reports.get(session, la.ofsted_urn, broken.file_id)
        assert row is not None and row.status == "broken" and "PDF" in (row.error or "")


def test_truncated_pdf_is_read_by_the_next_crawl_once_the_site_serves_it_whole(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    published = histories("Cornwall")
    ofsted.publish(*published)
    target = published[-1]
    cut = target.pdf[: len(target.pdf) // 2]
    files.add(target.path, cut, content_type="application/pdf", validators=False)
    app = ofsted_app(make_app, ofsted)

    crawl(app, ["ofsted"], now=now)
    assert target.file_id not in stored(app)
    with app.database.sessions() as session:
        row = reports.get(session, target.urn, target.file_id)
        assert row is not None and row.status == "failing" and "broken PDF" in (row.error or "")

    files.add(target.path, target.pdf, content_type="application/pdf", validators=False)
    crawl(app, ["ofsted"], now=now)

    assert_stored_exactly(app, ofsted, published)
    before = len(files.hits)
    crawl(app, ["ofsted"], now=now)
    assert pdfs(files, before) == []  # a PDF that was read is never fetched again


@pytest.mark.parametrize(
    ("fault", "why"),
    [(DROP_CONNECTION, "connection"), (NO_ANSWER, "timed out")],
    ids=["connection-dropped-mid-file", "no-answer"],
)
def test_a_download_that_breaks_off_is_recorded_and_tried_again_by_the_next_crawl(
    make_app: Callable[..., App],
    ofsted: OfstedSite,
    files: LoopbackSite,
    now: datetime,
    fault: int,
    why: str,
) -> None:
    published = histories("Leeds")
    ofsted.publish(*published)
    target = published[-1]
    files.fail(target.path, *[fault] * 4)  # the first try and all three retries
    app = ofsted_app(make_app, ofsted, request_timeout_seconds=1)

    summary = crawl(app, ["ofsted"], now=now)

    assert summary.sources[0]["status"] == "ok"
    assert "crawl process" not in (summary.sources[0]["error"] or "")
    run = runs(app)[0]
    assert run.errors == 1 and target.path in (run.error_text or "")
    assert why in (run.error_text or "").lower()
    with app.database.sessions() as session:
        row = reports.get(session, target.urn, target.file_id)
        assert row is not None and row.status == "failing" and row.attempts == 1

    crawl(app, ["ofsted"], now=now)

    assert_stored_exactly(app, ofsted, published)


def test_failed_download_is_tried_again_by_the_next_crawl(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    published = histories("Cornwall")
    ofsted.publish(*published)
    target = published[-1]
    files.fail(target.path, 500, 500, 500, 500)  # the first try and all three retries
    app = ofsted_app(make_app, ofsted)

    crawl(app, ["ofsted"], now=now)
    with app.database.sessions() as session:
        row = reports.get(session, target.urn, target.file_id)
        assert row is not None and row.status == "failing" and row.attempts == 1
        assert sources.get(session, "ofsted").last_modified is None  # type: ignore[union-attr]
    assert target.file_id not in stored(app)

    crawl(app, ["ofsted"], now=now)  # not complete last time: every council page again
    assert_stored_exactly(app, ofsted, published)
    assert [h.status for h in files.hits if h.path == target.path][-1] == 200
    with app.database.sessions() as session:
        statuses = {r.status for r in session.scalars(select(OfstedReportRow))}
        assert statuses == {"stored"}


def test_a_backlog_larger_than_the_budget_is_spread_over_crawls_newest_first(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    published = histories(*COUNCILS)
    ofsted.publish(*published)
    app = ofsted_app(make_app, ofsted, ofsted_max_reports_per_crawl=6)
    newest = sorted(published, key=lambda r: r.published_on, reverse=True)

    crawl(app, ["ofsted"], now=now)
    assert sorted(stored(app)) == sorted(r.file_id for r in newest[:6])
    for _ in range(len(published) // 6 + 1):
        crawl(app, ["ofsted"], now=now)

    assert_stored_exactly(app, ofsted, published)
    assert sorted(pdfs(files)) == sorted(r.path for r in published)
    with app.database.sessions() as session:
        assert sources.get(session, "ofsted").last_modified == now.date().isoformat()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("crawl_values", "delay"),
    [
        ({"download_delay_seconds": 0}, 0.0),  # as the tests run
        ({}, 2.0),  # the defaults: download_delay_seconds
        ({"download_delay_seconds": 1, "ofsted_download_delay_seconds": 5}, 5.0),
    ],
)
def test_politeness_comes_from_our_settings(crawl_values: dict[str, Any], delay: float) -> None:
    settings = Settings.isolated(builtin_sources=False, crawl=crawl_values)
    crawler = Crawler(OfstedSpider, scrapy_settings(settings, datetime.now(UTC)))
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == delay
    assert crawler.settings.getint("CONCURRENT_REQUESTS") == 1
    assert crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1
    assert 403 in crawler.settings.getlist("RETRY_HTTP_CODES")
    middlewares = crawler.settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert middlewares["scrapy.downloadermiddlewares.retry.RetryMiddleware"] is None
    assert "crawler.middlewares.BackoffRetryMiddleware" in middlewares


def test_without_the_search_every_council_is_still_read_and_the_run_is_an_error(
    make_app: Callable[..., App], ofsted: OfstedSite, files: LoopbackSite, now: datetime
) -> None:
    published = histories("Leeds")
    ofsted.publish(*published)
    ofsted.fail(FIRST_PAGE, 404)
    app = ofsted_app(make_app, ofsted)

    summary = crawl(app, ["ofsted"], now=now)
    assert summary.sources[0]["status"] == "error"
    assert "search page not fetched: HTTP 404" in summary.sources[0]["error"]
    assert len(set(council_pages(ofsted))) == len(GAZ)  # from the gazetteer's URNs
    assert_stored_exactly(app, ofsted, published)
    with app.database.sessions() as session:
        assert sources.get(session, "ofsted").last_modified is None  # type: ignore[union-attr]


def test_a_report_of_an_inspection_already_alerted_from_the_news_sends_nothing_new(
    make_app: Callable[..., App], ofsted: OfstedSite, now: datetime
) -> None:
    stories = [a for a in load_articles(now) if a.slug == "stockton-childrens-services-good"]
    publish(ofsted, stories)
    app = make_app(
        sources=[
            {"id": "paper", "kind": "feed", "url": ofsted.url("/feed.xml")},
            {"id": "ofsted", "kind": "ofsted", "url": ofsted.base_url},
        ],
        crawl={"retry_backoff_seconds": 0.05},
    )
    with app.database.sessions.begin() as session:
        subscriptions.upsert(session, "desk@example.org", "immediate", now - timedelta(days=1))
    assert crawl(app, ["paper"], now=now).alerts_queued == 1

    ofsted.publish(new_ilacs("Stockton-on-Tees", stories[0].published.date()))
    again = crawl(app, ["ofsted"], now=now)

    # Merged, not a second alert; the report's grades, which the news lacked, are told
    # once as a follow-up (alert:<sub>:inspection:<id>:outcome), and never again.
    assert again.alerts_queued == 1
    assert crawl(app, ["ofsted"], now=now).alerts_queued == 0
    (row,) = stored(app).values()
    assert row.report_url and row.first_seen_via == "news"
    sent = sorted(p.name for p in app.settings.outbox_dir.glob("*.eml"))
    assert len(sent) == 2 and sent[1].endswith("_outcome.eml")


def test_a_site_refusing_every_council_page_is_given_up_after_a_few(
    make_app: Callable[..., App], ofsted: OfstedSite, now: datetime
) -> None:
    """A 403 wall (or a wrong address) must not cost 153 requests with retries each."""
    ofsted.publish(*histories("Leeds"))
    ofsted.fail(FIRST_PAGE, 404)
    for la in GAZ:
        ofsted.fail(f"/provider/44/{la.ofsted_urn}", 404)
    app = ofsted_app(make_app, ofsted)

    summary = crawl(app, ["ofsted"], now=now)
    assert summary.sources[0]["status"] == "error"
    assert "stopped after 5 council pages in a row failed" in summary.sources[0]["error"]
    assert len(council_pages(ofsted)) <= 6  # one more may already be on its way
