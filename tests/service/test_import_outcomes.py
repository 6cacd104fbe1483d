"""`ofsted-watch import-outcomes` with Ofsted's real outcomes spreadsheet from ../shared."""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from config.settings import load_settings
from crawler.extract.outcomes_ods import read_outcomes
from service.app import App
from service.cli import main
from service.crawl import crawl, deliver
from service.sample_site.ofsted import OfstedSite
from storage import subscriptions
from storage.models import DeliveryRow, InspectionRow
from tests.conftest import NOW, shared_path
from tests.crawler.spiders.test_ofsted_spider import new_ilacs

OUTCOMES = ("ofsted", "official", "LA_Inspection_Outcomes_as_at_31_March_2025.ods")


def write_config(tmp_path: Path, site_url: str = "http://127.0.0.1:9") -> Path:
    config = tmp_path / "ofsted-watch.toml"
    config.write_text(
        f"""
database_url = "sqlite:///{tmp_path / "watch.db"}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false

[crawl]
download_delay_seconds = 0
autothrottle = false

[[sources]]
id = "ofsted"
kind = "ofsted"
url = "{site_url}"
""",
        encoding="utf-8",
    )
    return config


def app_for(config: Path) -> App:
    return App.create(load_settings(config))


def rows(app: App) -> list[InspectionRow]:
    query = select(InspectionRow).options(selectinload(InspectionRow.local_authority))
    with app.database.sessions() as session:
        return list(session.scalars(query))


def test_every_council_has_its_current_judgements_and_nobody_is_alerted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ods = shared_path(*OUTCOMES)
    config = write_config(tmp_path)
    assert main(["--config", str(config), "subscribe", "desk@example.org"]) == 0

    assert main(["--config", str(config), "import-outcomes", str(ods)]) == 0

    assert "153 of 153 councils" in capsys.readouterr().out
    app = app_for(config)
    stored = rows(app)
    latest = {
        (r.local_authority.gss_code, r.published_on): r
        for r in stored
        if r.inspection_type == "ilacs"
    }
    for record in read_outcomes(ods).current:  # the sheet of each council's latest ILACS
        la = app.gazetteer.by_gss(record.gss_code or "")
        assert la is not None, record
        row = latest[(la.gss_code, record.published_on)]
        assert row.judgement == str(record.judgement)
        assert row.grades == {str(k): str(v) for k, v in record.grades.items()}
    assert {r.first_seen_via for r in stored} == {"import"}
    assert not any(r.alertable for r in stored)

    assert main(["import-outcomes", str(ods), "--config", str(config)]) == 0  # again
    assert len(rows(app)) == len(stored)
    queued, report = deliver(app, NOW + timedelta(days=400))
    assert (queued, report.sent) == (0, 0)
    with app.database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(DeliveryRow)) == 0
    app.close()


def test_a_file_that_is_not_the_spreadsheet_exits_2_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    notes = tmp_path / "outcomes.ods"
    notes.write_text("Local authority, judgement\nLeeds, outstanding\n", encoding="utf-8")

    assert main(["--config", str(config), "import-outcomes", str(notes)]) == 2
    assert "not an ODS spreadsheet" in capsys.readouterr().err
    assert main(["--config", str(config), "import-outcomes", str(tmp_path / "none.ods")]) == 2

    other = shared_path(
        "ofsted", "official", "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods"
    )
    assert main(["--config", str(config), "import-outcomes", str(other)]) == 2
    assert "missing sheet" in capsys.readouterr().err


def test_after_an_import_the_first_alert_says_what_came_before(tmp_path: Path) -> None:
    ods = shared_path(*OUTCOMES)
    with OfstedSite() as site:
        config = write_config(tmp_path, site.base_url)
        assert main(["--config", str(config), "import-outcomes", str(ods)]) == 0
        app = app_for(config)
        with app.database.sessions.begin() as session:
            subscriptions.upsert(session, "desk@example.org", "immediate", NOW - timedelta(days=1))
        report = new_ilacs("Stockton-on-Tees", NOW.date() - timedelta(days=1))
        site.publish(report)

        summary = crawl(app, ["ofsted"], now=NOW)

    assert summary.alerts_queued == 1
    (email,) = sorted((tmp_path / "outbox").glob("*.eml"))
    message = message_from_bytes(email.read_bytes(), policy=policy.default)
    assert "Stockton-on-Tees" in str(message["Subject"])
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # The official file's latest Stockton judgement (ILACS published 9 May 2023).
    assert re.search(r"Previously:\s+Requires improvement", text)
    assert report.file_id in text  # the link to Ofsted's report
    app.close()
