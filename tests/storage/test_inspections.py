"""De-duplication rules: one article per address, one inspection per outcome, news and
Ofsted's report merged into one row (so one alert)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from config.gazetteer import load_gazetteer
from config.vocabulary import GradeKey, InspectionType, Judgement
from crawler.classify.result import Classification
from crawler.extract.article import content_hash
from crawler.extract.outcomes_ods import OutcomeRecord
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


def urn_of(council: str) -> str:
    la = load_gazetteer().by_name(council)
    assert la is not None
    return la.ofsted_urn


def graded(urn: str, file_id: str, published: date, judgement: str) -> ReportItem:
    item = report(urn, file_id, published)
    item.judgement, item.grades = judgement, {"overall_effectiveness": judgement}
    return item


def outcome(council: str, published: date, judgement: str, kind: str = "ilacs") -> OutcomeRecord:
    la = load_gazetteer().by_name(council)
    assert la is not None
    return OutcomeRecord(
        sheet="ILACS_inspection_history",
        row=7,
        local_authority=la.name,
        gss_code=la.gss_code,
        link_code=None,
        web_link=None,
        region=la.ofsted_region,
        inspection_type=InspectionType(kind),
        inspection_label="ILACS Standard Inspection",
        inspection_start=published - timedelta(days=60),
        inspection_end=None,
        published_on=published,
        judgement=Judgement(judgement),
        grades={GradeKey.OVERALL_EFFECTIVENESS: Judgement(judgement)},
    )


def import_row(db: Database, record: OutcomeRecord) -> str | None:
    with db.sessions.begin() as session:
        return inspections.record_outcome(session, record.gss_code or "", record, NOW)


def test_news_after_a_report_is_linked_to_it_as_coverage(db: Database) -> None:
    with db.sessions.begin() as session:
        first = inspections.record_report(
            session, report(urn_of("Stockton-on-Tees"), "50300001", NOW.date()), NOW
        )
    news = store_news(db, "https://a.example/1", "Stockton-on-Tees")
    assert first is not None and first.created and first.inspection.alertable
    assert [(r.created, r.inspection.id) for r in news] == [(False, first.inspection.id)]
    with db.sessions() as session:
        row = inspections.with_details(session, [first.inspection.id])[0]
        assert row.first_seen_via == "ofsted" and [a.url for a in row.articles] == [
            "https://a.example/1"
        ]
    assert count(db) == 1


def test_a_second_file_for_a_stored_inspection_adds_nothing(db: Database) -> None:
    urn = urn_of("Leeds")
    with db.sessions.begin() as session:
        first = inspections.record_report(session, report(urn, "1", NOW.date()), NOW)
        reissue = inspections.record_report(
            session, report(urn, "2", NOW.date() + timedelta(days=1)), NOW
        )
    assert first is not None and reissue is not None and not reissue.created
    assert reissue.inspection.id == first.inspection.id and count(db) == 1
    assert reissue.inspection.report_url.endswith("/1")  # type: ignore[union-attr]


def test_history_read_newest_first_still_links_each_outcome_to_the_one_before(
    db: Database,
) -> None:
    urn = urn_of("Leeds")
    with db.sessions.begin() as session:
        newest = inspections.record_report(session, graded(urn, "3", date(2024, 5, 1), "good"), NOW)
        middle = inspections.record_report(
            session, graded(urn, "2", date(2021, 5, 1), "requires_improvement"), NOW
        )
        inspections.record_report(session, graded(urn, "1", date(2018, 5, 1), "inadequate"), NOW)
        assert newest is not None and middle is not None
        assert (newest.inspection.previous_judgement, newest.inspection.direction) == (
            "requires_improvement",
            "improved",
        )
        assert (middle.inspection.previous_judgement, middle.inspection.direction) == (
            "inadequate",
            "improved",
        )


def test_stored_outcomes_outrank_a_papers_account_of_the_previous_one(db: Database) -> None:
    assert import_row(db, outcome("Stockton-on-Tees", date(2023, 5, 9), "requires_improvement"))
    item = article("https://a.example/1")
    result = verdict("Stockton-on-Tees")
    result.previous_judgement = "inadequate"  # the paper misremembers
    with db.sessions.begin() as session:
        row = articles.add_article(session, item)
        inspections.record_news(session, row, result, NOW)
        merged = inspections.record_report(
            session, report(urn_of("Stockton-on-Tees"), "9", NOW.date()), NOW
        )
        assert merged is not None and not merged.created
        assert merged.inspection.previous_judgement == "requires_improvement"
        assert merged.inspection.direction == "improved"


def test_the_previous_outcome_does_not_depend_on_whether_the_import_came_first(
    db: Database,
) -> None:
    """Import then crawl gives the same "previously" as crawl then import: the record's."""
    assert import_row(db, outcome("Stockton-on-Tees", date(2023, 5, 9), "requires_improvement"))
    result = verdict("Stockton-on-Tees")
    result.previous_judgement = "inadequate"  # the paper misremembers
    with db.sessions.begin() as session:
        row = articles.add_article(session, article("https://a.example/1"))
        [recorded] = inspections.record_news(session, row, result, NOW)
        assert recorded.created
        assert recorded.inspection.previous_judgement == "requires_improvement"
        assert recorded.inspection.direction == "improved"


def test_importing_twice_adds_nothing_and_imported_rows_never_alert(db: Database) -> None:
    records = [
        outcome("Leeds", date(2019, 3, 1), "good"),
        outcome("Leeds", date(2022, 9, 1), "outstanding"),
        outcome("Wakefield", NOW.date() - timedelta(days=2), "requires_improvement"),
    ]
    assert [import_row(db, r) for r in records] == ["added"] * 3
    assert [import_row(db, r) for r in records] == ["unchanged"] * 3
    assert count(db) == 3
    with db.sessions() as session:
        assert inspections.alertable_since(session, NOW - timedelta(days=365)) == []
        rows = {r.published_on: r for r in session.scalars(select(InspectionRow))}
    assert {r.first_seen_via for r in rows.values()} == {"import"}
    assert rows[date(2022, 9, 1)].previous_judgement == "good"


def test_official_figures_correct_the_news_but_never_a_report(db: Database) -> None:
    store_news(db, "https://a.example/1", "Leeds")  # the paper read "good"
    with db.sessions.begin() as session:
        inspections.record_report(
            session, graded(urn_of("Wakefield"), "5", NOW.date(), "good"), NOW
        )
    day = (NOW - timedelta(days=1)).date()
    assert import_row(db, outcome("Leeds", day, "requires_improvement")) == "completed"
    official = outcome("Wakefield", NOW.date(), "inadequate")
    assert import_row(db, official) == "completed"  # the start date the report row lacked
    assert import_row(db, official) == "unchanged"
    assert count(db) == 2
    with db.sessions() as session:
        judged = {r.local_authority_id: r for r in session.scalars(select(InspectionRow))}
        leeds = councils.by_gss(session, load_gazetteer().by_name("Leeds").gss_code)  # type: ignore[union-attr]
        assert leeds is not None
        assert judged.pop(leeds.id).judgement == "requires_improvement"
        assert [r.judgement for r in judged.values()] == ["good"]


def test_a_report_merges_into_the_imported_inspection_and_stays_history(db: Database) -> None:
    published = date(2025, 5, 14)
    assert import_row(db, outcome("Leeds", published, "good")) == "added"
    with db.sessions.begin() as session:
        merged = inspections.record_report(
            session, graded(urn_of("Leeds"), "77", published, "good"), NOW
        )
    assert merged is not None and not merged.created and count(db) == 1
    assert merged.inspection.first_seen_via == "import" and not merged.inspection.alertable
    assert merged.inspection.report_url == "https://files.ofsted.gov.uk/v1/file/77"


@pytest.mark.parametrize(
    ("age_days", "alertable"),
    [
        (0, True),
        (inspections.RECENT_DAYS, True),
        (inspections.RECENT_DAYS + 1, False),
        (400, False),
    ],
)
def test_a_new_install_alerts_only_on_recently_published_reports(
    db: Database, age_days: int, alertable: bool
) -> None:
    """A first crawl finds years of reports: only those published in the last few weeks are
    news to anyone; the rest are stored silently as history."""
    published = NOW.date() - timedelta(days=age_days)
    with db.sessions.begin() as session:
        stored = inspections.record_report(session, report(urn_of("Leeds"), "1", published), NOW)
    assert stored is not None and stored.inspection.alertable is alertable
