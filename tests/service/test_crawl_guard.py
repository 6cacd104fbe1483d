"""A source being crawled by another process is not crawled again at the same time; a run
left open by a process that died does not block the source for ever."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from service.app import App, utcnow
from service.crawl import crawl
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage import sources
from storage.models import SourceRunRow
from tests.conftest import NOW


def runs(app: App) -> list[SourceRunRow]:
    with app.database.sessions() as session:
        return list(session.scalars(select(SourceRunRow).order_by(SourceRunRow.id)))


def test_a_source_crawled_elsewhere_is_skipped_and_a_dead_run_is_closed(
    make_app: Callable[..., App], site: LoopbackSite
) -> None:
    publish(site, load_articles(NOW))
    app = make_app(sources=[{"id": "courier", "kind": "feed", "url": site.url("/feed.xml")}])
    with app.database.sessions.begin() as session:
        sources.sync_sources(session, app.settings.sources)
        sources.start_run(session, "courier", utcnow() - timedelta(seconds=30))

    summary = crawl(app, ["courier"])
    assert summary.sources == [
        {"source": "courier", "status": "skipped", "error": "already being crawled"}
    ]
    assert site.requests_for("/feed.xml") == [] and len(runs(app)) == 1

    # That process died long ago (older than the crawl timeout): its run is closed as an
    # error and the source is crawled.
    with app.database.sessions.begin() as session:
        run = session.get(SourceRunRow, runs(app)[0].id)
        assert run is not None
        run.started_at = utcnow() - timedelta(hours=2)
    summary = crawl(app, ["courier"])
    assert [s["status"] for s in summary.sources] == ["ok"]
    dead, fresh = runs(app)
    assert dead.status == "error" and "died" in (dead.error_text or "")
    assert fresh.status == "ok" and fresh.items_found > 0
