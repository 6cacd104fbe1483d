"""The demo: sample news and a copy of Ofsted's site, one crawl, one email per inspection."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from service.demo import run_demo
from service.views import judgement_view
from storage import queries
from tests.conftest import NOW


def test_demo_merges_each_story_with_ofsted_report_and_emails_once(tmp_path: Path) -> None:
    run = run_demo(tmp_path, now=NOW)
    try:
        assert {s["source"]: s["status"] for s in run.summary.sources} == {
            "demo-news": "ok",
            "demo-ofsted": "ok",
        }
        with run.app.database.sessions() as session:
            views = [judgement_view(row) for row in queries.inspections(session)]
    finally:
        run.app.close()
    recent = {v["display_name"]: v for v in views if v["published_on"] >= NOW.date() - timedelta(7)}
    stockton = recent["Stockton-on-Tees"]
    # Since April 2026 a report grades four areas and gives no overall judgement.
    assert (stockton["judgement"], stockton["previous_judgement"], stockton["direction"]) == (
        None,
        "requires_improvement",  # from Stockton's 2023 report, also on the sample site
        "improved",
    )
    assert set(stockton["grades"].values()) == {"good"} and len(stockton["grades"]) == 4
    for name in ("Stockton-on-Tees", "Hartlepool", "Darlington"):
        assert recent[name]["report_url"].startswith(run.site_url + "/v1/file/"), name
        assert len(recent[name]["articles"]) == 1, name
    assert recent["Darlington"]["previous_judgement"] == "good"

    messages = [message_from_bytes(p.read_bytes(), policy=policy.default) for p in run.emails]
    subjects = [str(m["Subject"]) for m in messages]
    for name in ("Stockton-on-Tees", "Hartlepool", "Darlington"):
        assert sum(name in s for s in subjects) == 1, subjects  # one email, history none
    (about_stockton,) = [m for m in messages if "Stockton-on-Tees" in str(m["Subject"])]
    text = about_stockton.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Ofsted report: " + stockton["report_url"] in text
    assert stockton["articles"][0] in text
