"""Source health: failing N times in a row, or suddenly yielding nothing, is told to the
admin once per breakage; runs record their duration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from alerts.admin import review_sources
from service.app import App
from storage import sources
from storage.models import SourceRow, SourceRunRow
from tests.alerts.conftest import PickyMailbox, smtp_settings
from tests.alerts.helpers import deliveries

FEED = {"id": "paper", "kind": "feed", "url": "https://paper.example.org/rss"}


def health_app(make_app: Callable[..., App], port: int) -> App:
    return make_app(
        smtp=smtp_settings(port),
        delivery={"admin_email": "admin@example.org"},
        service={"failure_alert_threshold": 3, "empty_alert_threshold": 2},
        sources=[FEED],
    )


class Runs:
    """Crawl runs of the `paper` source, recorded the way the crawl child records them."""

    def __init__(self, app: App, start: datetime) -> None:
        self.app, self.now = app, start

    def __call__(
        self,
        status: str = "ok",
        found: int = 10,
        new: int = 2,
        errors: int = 0,
        error: str | None = None,
    ) -> list[str]:
        with self.app.database.sessions.begin() as session:
            sources.sync_sources(session, self.app.settings.sources)
            run_id = sources.start_run(session, "paper", self.now)
            outcome = sources.RunOutcome(status, found, new, errors=errors, error_text=error)
            sources.finish_run(session, run_id, outcome, self.now + timedelta(seconds=7))
        reported = review_sources(self.app.database, self.app.settings, self.now)
        self.now += timedelta(minutes=30)
        return reported

    def source(self) -> SourceRow:
        with self.app.database.sessions() as session:
            row = sources.get(session, "paper")
            assert row is not None
            return row


def admin_subjects(app: App) -> list[str]:
    return [d.subject for d in deliveries(app) if d.kind == "admin"]


def test_failing_three_times_tells_the_admin_once_until_it_recovers_and_fails_again(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    run = Runs(app, now)
    assert run() == []
    assert [run("error", 0, 0, 1, "HTTP 503") for _ in range(2)] == [[], []]
    assert run.source().health == "error"
    assert run("error", 0, 0, 1, "HTTP 503") == ["paper"]
    assert [run("error", 0, 0, 1, "HTTP 503") for _ in range(5)] == [[]] * 5
    assert admin_subjects(app) == ["ofsted-watch: source paper is failing"]
    assert run.source().consecutive_failures == 8

    assert run() == [] and run.source().health == "ok"  # recovered: the mark is cleared
    assert run.source().health_alerted_at is None
    for _ in range(3):
        run("error", 0, 0, 1, "DNS lookup failed")
    assert admin_subjects(app) == ["ofsted-watch: source paper is failing"] * 2


def test_a_source_that_suddenly_lists_nothing_is_reported_as_silent(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    run = Runs(app, now)
    for _ in range(3):
        run(found=20, new=3)
    assert run(found=0, new=0) == []  # one empty run may be a blip
    assert run(found=0, new=0) == ["paper"]
    assert run(found=0, new=0) == []
    assert run.source().health == "silent"
    assert admin_subjects(app) == ["ofsted-watch: source paper is silent"]
    [admin] = [d for d in deliveries(app) if d.kind == "admin"]
    assert b"yielded nothing" in admin.message


def test_articles_that_all_fail_to_extract_count_as_yielding_nothing(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    run = Runs(app, now)
    run(found=20, new=0, errors=4, error="no article in https://paper.example.org/a")
    assert run(found=20, new=0, errors=3) == ["paper"]
    run(found=20, new=2)  # working again
    # One dead link among old articles, run after quiet run, is not a broken site.
    assert [run(found=20, new=0, errors=1) for _ in range(4)] == [[]] * 4
    assert run.source().health == "ok"


def test_a_new_or_quiet_source_with_an_empty_listing_is_not_broken(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    run = Runs(app, now)
    assert [run(found=0, new=0) for _ in range(4)] == [[]] * 4
    assert run("not_modified", 0, 0) == []
    assert run.source().health == "ok" and admin_subjects(app) == []


def test_every_run_records_its_duration(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    Runs(app, now)()
    with app.database.sessions() as session:
        [row] = session.query(SourceRunRow).all()
        assert row.duration_seconds == 7.0
    assert Runs(app, now).source().last_run_seconds == 7.0


def test_unchanged_feeds_and_runs_that_skip_only_stored_articles_are_never_silent(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    run = Runs(app, now)
    run(found=20, new=3)
    for _ in range(4):
        assert run("not_modified", 0, 0) == []  # 304 Not Modified: nothing was fetched
        assert run(found=20, new=0) == []  # fetched, every article already stored
    assert run.source().health == "ok" and run.source().consecutive_empty == 0
    assert admin_subjects(app) == []


def test_a_stopped_run_is_neither_a_failure_nor_a_success(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    app = health_app(make_app, picky_smtp[1])
    run = Runs(app, now)
    run("error", 0, 0, 1, "HTTP 503")
    before = run.source()
    for _ in range(3):
        assert run("stopped", 4, 2, error="crawl ended early: shutdown") == []
    after = run.source()
    assert after.consecutive_failures == 1 and after.last_success_at == before.last_success_at
    assert after.items_last_run == before.items_last_run and admin_subjects(app) == []
