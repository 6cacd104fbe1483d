"""De-duplication rules: one article per address, one inspection per outcome, news and
Ofsted's report merged into one row (so one alert)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from config.gazetteer import load_gazetteer
from crawler.classify.result import Classification
from crawler.extract.article import content_hash
from crawler.items import ArticleItem, ReportItem
from storage import articles, councils, inspections, migrate
from storage.db import Database
from storage.models import InspectionRow

NOW = datetime.fromisoformat("2026-11-20T09:30:00+00:00")


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    database = Database(database_url)
    migrate.upgrade(database)
    with database.sessions.begin() as session:
        councils.sync_gazetteer(session, load_gazetteer())
    yield database
    database.dispose()


def article(url: str, text: str = "Ofsted judged the council's services good.") -> ArticleItem:
    return ArticleItem(
        url=url,
        source_id=None,  # type: ignore[arg-type]
        title="Children's services judged good",
        text=text,
        fetched_at=NOW,
        published_at=NOW - timedelta(days=1),
        content_hash=content_hash(text),
    )


def verdict(council: str, kind: str = "ilacs", judgement: str | None = "good") -> Classification:
    la = load_gazetteer().by_name(council)
    assert la is not None
    return Classification(
        relevant=True,
        score=0.9,
        local_authorities=[la],
        inspection_type=kind,
        judgement=judgement,
        direction="unknown",
        evidence={"judgement": "Ofsted judged the council's services good."},
    )


def report(urn: str, file_id: str, published: date, kind: str = "ilacs") -> ReportItem:
    return ReportItem(
        source_id="ofsted",
        ofsted_urn=urn,
        file_id=file_id,
        report_url=f"https://files.ofsted.gov.uk/v1/file/{file_id}",
        link_text="Children's services inspection",
        inspection_type=kind,
        published_on=published,
        fetched_at=NOW,
        judgement="good",
        grades={"overall_effectiveness": "good", "impact_of_leaders": "good"},
    )


def count(db: Database) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(InspectionRow)) or 0)


def store_news(
    db: Database, url: str, council: str, text: str | None = None
) -> list[inspections.Recorded]:
    item = article(url, text or f"Ofsted judged {council}'s services good ({url}).")
    with db.sessions.begin() as session:
        row = articles.add_article(session, item)
        return inspections.record_news(session, row, verdict(council), NOW)


def test_two_papers_on_one_inspection_make_one_row(db: Database) -> None:
    first = store_news(db, "https://a.example/1", "Stockton-on-Tees")
    second = store_news(db, "https://b.example/2", "Stockton-on-Tees")
    assert [r.created for r in first] == [True]
    assert [r.created for r in second] == [False]
    assert count(db) == 1
    with db.sessions() as session:
        row = inspections.with_details(session, [first[0].inspection.id])[0]
        assert sorted(a.url for a in row.articles) == ["https://a.example/1", "https://b.example/2"]
        assert row.first_seen_via == "news" and row.alertable


def test_stored_article_is_recognised_by_address_and_by_text(db: Database) -> None:
    store_news(db, "https://a.example/1", "Leeds", text="Same words in both places.")
    with db.sessions() as session:
        assert articles.is_stored(session, "https://a.example/1")
        assert not articles.is_stored(session, "https://a.example/2")
        copy = article("https://mirror.example/9", text="Same  words in BOTH places.")
        assert articles.find_duplicate(session, copy) is not None


def test_ofsted_report_merges_into_the_news_inspection(db: Database) -> None:
    news = store_news(db, "https://a.example/1", "Stockton-on-Tees")
    urn = load_gazetteer().by_name("Stockton-on-Tees").ofsted_urn  # type: ignore[union-attr]
    with db.sessions.begin() as session:
        merged = inspections.record_report(session, report(urn, "50300001", NOW.date()), NOW)
    assert merged is not None and not merged.created
    assert merged.inspection.id == news[0].inspection.id
    assert count(db) == 1
    with db.sessions() as session:
        row = inspections.with_details(session, [merged.inspection.id])[0]
        assert row.report_url == "https://files.ofsted.gov.uk/v1/file/50300001"
        assert row.first_seen_via == "news"
        assert [a.url for a in row.articles] == ["https://a.example/1"]
    with db.sessions.begin() as session:  # the same report again changes nothing
        again = inspections.record_report(session, report(urn, "50300001", NOW.date()), NOW)
    assert again is not None and not again.created and count(db) == 1


def test_old_reports_are_history_and_previous_judgement_comes_from_them(db: Database) -> None:
    urn = load_gazetteer().by_name("Leeds").ofsted_urn  # type: ignore[union-attr]
    old = report(urn, "1001", date(2022, 3, 1))
    old.judgement, old.grades = (
        "requires_improvement",
        {"overall_effectiveness": "requires_improvement"},
    )
    with db.sessions.begin() as session:
        history = inspections.record_report(session, old, NOW)
        fresh = inspections.record_report(session, report(urn, "1002", NOW.date()), NOW)
    assert history is not None and not history.inspection.alertable
    assert fresh is not None and fresh.created and fresh.inspection.alertable
    assert fresh.inspection.previous_judgement == "requires_improvement"
    assert fresh.inspection.direction == "improved"


def test_round_up_creates_no_inspection_but_links_existing_ones(db: Database) -> None:
    store_news(db, "https://a.example/1", "Leeds")
    gaz = load_gazetteer()
    roundup = Classification(
        relevant=True,
        score=0.9,
        local_authorities=[gaz.by_name("Leeds"), gaz.by_name("Wakefield")],  # type: ignore[list-item]
        inspection_type="ilacs",
        judgement="good",
    )
    with db.sessions.begin() as session:
        row = articles.add_article(session, article("https://c.example/round-up", "Round-up text."))
        recorded = inspections.record_news(session, row, roundup, NOW)
    assert [r.created for r in recorded] == [False]
    assert count(db) == 1
