"""The ofsted spider against the whole loopback site (153 councils, ten years of reports)
and against Ofsted's real report PDFs served from ../shared."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from crawler.extract.report_pdf import parse_report_file
from service.app import App
from service.crawl import crawl
from service.sample_site.ofsted import OfstedSite, whole_history
from service.sample_site.ofsted_reports import PublishedReport
from tests.conftest import SHARED
from tests.crawler.spiders.test_ofsted_spider import (
    GAZ,
    assert_stored_exactly,
    new_ilacs,
    ofsted_app,
    runs,
    stored,
)

REPORT_PDFS = SHARED / "ofsted" / "report_pdfs"
NAME_RE = re.compile(r"^(?P<kind>[a-z_]+?)_(?P<day>\d{4}-\d{2}-\d{2})_[a-z-]+_(?P<urn>\d+)")
# What each kind of real report is called on a council's page. Old SIF and LAC reports are
# listed as plain "Children's services inspection": only the PDF tells them apart.
LABELS = {
    "ilacs_standard": "Children's services inspection",
    "sif": "Children's services inspection",
    "lac_inspection": "Children's services inspection",
    "focused_visit": "Children's services focused visit",
    "area_send": "Area SEND full inspection",
}


@pytest.mark.slow
def test_whole_site_stores_every_report_once_then_finds_the_one_published_later(
    make_app: Callable[..., App], now: datetime
) -> None:
    history = whole_history()
    with OfstedSite() as site:
        site.publish(*history)
        app = ofsted_app(make_app, site)

        first = crawl(app, ["ofsted"], now=now)

        assert first.sources[0]["status"] == "ok"
        assert Counter(site.pdf_requests()) == Counter(r.path for r in history)  # each once
        assert_stored_exactly(app, site, history)
        assert len({r.urn for r in history}) == len(GAZ) == 153
        assert not any(row.alertable for row in stored(app).values())

        fresh = new_ilacs("Stockton-on-Tees", now.date() - timedelta(days=2))
        site.publish(fresh)
        fetched = len(site.pdf_requests())
        second = crawl(app, ["ofsted"], now=now)

        assert second.sources[0]["status"] == "ok"
        assert site.pdf_requests()[fetched:] == [fresh.path]
        assert_stored_exactly(app, site, [*history, fresh])
        assert [r.ofsted_file_id for r in stored(app).values() if r.alertable] == [fresh.file_id]
        one, two = runs(app)
        assert (one.items_new, two.items_new) == (len(history), 1)
        assert two.requests < 10 < len(history) < one.requests


def _real_reports() -> list[tuple[PublishedReport, Path]]:
    if not REPORT_PDFS.is_dir():
        pytest.skip(f"{REPORT_PDFS} is absent: real Ofsted PDFs live in ../shared")
    found = []
    for number, path in enumerate(sorted(REPORT_PDFS.glob("*.pdf"))):
        match = NAME_RE.match(path.stem)
        assert match, path.name
        la = GAZ.by_urn(match["urn"])
        assert la is not None, path.name
        facts = parse_report_file(path)
        report = PublishedReport(
            urn=la.ofsted_urn,
            council=la.official_name,
            file_id=str(50_900_000 + number),
            inspection_type=str(facts.inspection_type),
            published_on=date.fromisoformat(match["day"]),
            pdf=path.read_bytes(),
            judgement=None if facts.judgement is None else str(facts.judgement),
            grades=facts.grades_as_strings(),
            inspection_start=facts.inspection_start,
            inspection_end=facts.inspection_end,
            lead_inspector=facts.lead_inspector,
            label=LABELS[match["kind"]],
        )
        found.append((report, path))
    return found


def test_real_report_pdfs_are_stored_as_the_parser_reads_them(
    make_app: Callable[..., App], now: datetime
) -> None:
    real = _real_reports()
    with OfstedSite() as site:
        site.publish(*(report for report, _ in real))
        app = ofsted_app(make_app, site)

        summary = crawl(app, ["ofsted"], now=now)

        assert summary.sources[0]["status"] == "ok"
        assert_stored_exactly(app, site, [report for report, _ in real])
    rows = stored(app)
    kinds = {path.stem.split("_2")[0]: rows[report.file_id] for report, path in real}
    assert kinds["sif"].inspection_type == "sif"  # listed as "Children's services inspection"
    assert kinds["lac_inspection"].inspection_type == "older"
    liverpool_2026 = next(r for r in rows.values() if r.published_on == date(2026, 7, 7))
    assert liverpool_2026.judgement is None and len(liverpool_2026.grades) == 4
    assert liverpool_2026.previous_judgement is not None  # from the 2023 report
