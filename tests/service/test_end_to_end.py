"""The whole pipeline as a user runs it: `ofsted-watch crawl` against a loopback news site,
the real Scrapy engine, a real database, and a real SMTP server on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from config.gazetteer import load_gazetteer
from service.app import App
from service.cli import main
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from service.views import article_view, judgement_view
from storage import queries
from storage.db import Database
from storage.models import ArticleRow, DeliveryRow
from tests.conftest import NOW, Mailbox


def write_config(tmp_path: Path, site: LoopbackSite, smtp_port: int) -> Path:
    config = tmp_path / "ofsted-watch.toml"
    config.write_text(
        f"""
database_url = "sqlite:///{tmp_path / "watch.db"}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false

[smtp]
host = "127.0.0.1"
port = {smtp_port}
starttls = false
from_addr = "Ofsted Watch <alerts@example.org>"

[crawl]
download_delay_seconds = 0
autothrottle = false

[[sources]]
id = "courier"
kind = "feed"
url = "{site.url("/feed.xml")}"
region = "North East"
""",
        encoding="utf-8",
    )
    return config


def test_crawl_stores_classifies_and_emails_each_new_judgement_once(
    tmp_path: Path,
    site: LoopbackSite,
    smtp_server: tuple[Mailbox, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = smtp_server
    samples = load_articles(NOW)
    publish(site, samples)
    config = write_config(tmp_path, site, port)

    assert main(["--config", str(config), "subscribe", "desk@example.org"]) == 0
    assert main(["crawl", "--config", str(config)]) == 0

    db = Database(f"sqlite:///{tmp_path / 'watch.db'}")
    gazetteer = load_gazetteer()
    with db.sessions() as session:
        stored = {
            a.url.rsplit("/", 1)[-1]: article_view(a, gazetteer)
            for a in queries.articles(session, relevant_only=False)
        }
        judged = {
            j["local_authority"]: j for j in map(judgement_view, queries.inspections(session))
        }
    assert len(stored) == len(samples)
    relevant = {slug for slug, a in stored.items() if a["relevant"]}
    assert relevant == {
        "stockton-childrens-services-good",
        "hartlepool-send-failings",
        "darlington-focused-visit",
    }
    stockton = stored["stockton-childrens-services-good"]
    assert stockton["local_authorities"][0]["gss_code"] == "E06000004"
    # A report from after April 2026: four graded areas, no overall judgement.
    assert (stockton["inspection_type"], stockton["judgement"]) == ("ilacs", None)
    assert stockton["previous_judgement"] == "requires_improvement"
    assert stored["hartlepool-send-failings"]["judgement"] == "send_systemic_failings"
    assert stored["darlington-focused-visit"]["inspection_type"] == "focused_visit"

    assert set(judged) == {"Stockton-on-Tees", "Hartlepool", "Darlington"}
    assert judged["Stockton-on-Tees"]["direction"] == "improved"
    assert all(j["first_seen_via"] == "news" for j in judged.values())

    assert sorted(mailbox.subjects()) == sorted(
        [
            "Ofsted: Stockton-on-Tees children's services judged Good in all areas "
            "(was Requires improvement overall)",
            "Ofsted: Hartlepool local area SEND judged Widespread and/or systemic failings",
            "Ofsted: new focused visit report for Darlington children's services",
        ]
    )
    for sender, recipients, message in mailbox.messages:
        assert sender == "alerts@example.org"
        assert recipients == ["desk@example.org"]
        assert message.get_body(("plain",)) is not None and message.get_body(("html",)) is not None
        assert message["List-Unsubscribe"]

    # A second crawl stores nothing new and sends nothing.
    assert main(["crawl", "--config", str(config)]) == 0
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == len(samples)
        assert session.scalar(select(func.count()).select_from(DeliveryRow)) == 3
    assert len(mailbox.messages) == 3
    db.dispose()


def test_articles_and_judgements_commands_print_the_contract_json(
    tmp_path: Path,
    site: LoopbackSite,
    smtp_server: tuple[Mailbox, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    publish(site, load_articles(NOW))
    config = write_config(tmp_path, site, smtp_server[1])
    assert main(["crawl", "--config", str(config)]) == 0
    capsys.readouterr()

    assert (
        main(
            [
                "judgements",
                "--config",
                str(config),
                "--format",
                "json",
                "--la",
                "Stockton Borough Council",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["local_authority"] for r in rows] == ["Stockton-on-Tees"]
    keys = {
        "local_authority",
        "gss_code",
        "ofsted_urn",
        "region",
        "inspection_type",
        "judgement",
        "grades",
        "previous_judgement",
        "direction",
        "published_on",
        "inspection_start",
        "inspection_end",
        "report_url",
        "articles",
        "first_seen_at",
        "first_seen_via",
    }
    assert keys <= set(rows[0])
    assert rows[0]["articles"] == [site.url("/news/stockton-childrens-services-good")]

    assert (
        main(["articles", "--config", str(config), "--format", "json", "--region", "North East"])
        == 0
    )
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 3 and all(a["relevant"] for a in listed)
    assert {
        "url",
        "title",
        "source_id",
        "published_at",
        "fetched_at",
        "relevant",
        "local_authorities",
        "inspection_type",
        "judgement",
    } <= set(listed[0])

    assert main(["articles", "--config", str(config), "--format", "csv", "--all"]) == 0
    csv_out = capsys.readouterr().out.splitlines()
    assert csv_out[0].startswith("url,title,source_id") and len(csv_out) == 7


def test_app_fixture_is_usable(make_app) -> None:  # type: ignore[no-untyped-def]
    app: App = make_app()
    assert app.settings.sources == []
