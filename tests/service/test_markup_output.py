"""Scraped titles and error messages are printed as written: text that looks like Rich
markup ("[bold]", "[/]", "[link=...]", "[red]") is neither styled nor a crash."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from config.settings import load_settings
from service.app import App
from service.cli import main
from service.commands.running import summary_table
from service.crawl import CrawlSummary
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage import deliveries, sources
from tests.conftest import NOW, free_port

TITLE = "Council [bold]fails[/bold] [/] inspection"
ERROR = "HTTP 500 from [link=http://evil.example]here[/link] [red]boom"
SUBJECT = "Ofsted: [/] Stockton [bold]judged[/bold] Good"


@pytest.fixture
def config(tmp_path: Path, site: LoopbackSite, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "400")  # whole titles on one line, so they can be found
    [first, *others] = load_articles(NOW)
    publish(site, [dataclasses.replace(first, title=TITLE), *others])
    path = tmp_path / "markup.toml"
    path.write_text(
        f"""
database_url = "sqlite:///{tmp_path / "markup.db"}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false
[crawl]
download_delay_seconds = 0
autothrottle = false
[[sources]]
id = "courier"
kind = "feed"
url = "{site.url("/feed.xml")}"
[[sources]]
id = "broken"
kind = "feed"
url = "http://127.0.0.1:{free_port()}/rss.xml"
""",
        encoding="utf-8",
    )
    return path


def record_failures(config: Path) -> None:
    """A run of `broken` ending in an error message full of brackets, as the crawl child
    records it, and an email in the outbox whose subject has them too."""
    app = App.create(load_settings(config))
    at = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    try:
        with app.database.sessions.begin() as session:
            run_id = sources.start_run(session, "broken", at)
            outcome = sources.RunOutcome(status="error", errors=1, error_text=ERROR)
            sources.finish_run(session, run_id, outcome, at)
            deliveries.add(session, "k1", deliveries.ADMIN, "a@example.org", SUBJECT, b"", at)
    finally:
        app.close()


def test_titles_errors_and_subjects_print_literally_in_every_table(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config), "crawl", "courier"]) == 0
    record_failures(config)
    capsys.readouterr()

    assert main(["--config", str(config), "articles", "--all"]) == 0
    assert TITLE in capsys.readouterr().out
    assert main(["--config", str(config), "sources"]) == 0
    assert ERROR in capsys.readouterr().out
    assert main(["--config", str(config), "status"]) == 0
    assert ERROR in capsys.readouterr().out
    assert main(["--config", str(config), "outbox"]) == 0
    assert SUBJECT in capsys.readouterr().out


def test_the_crawl_summary_shows_an_error_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    summary = CrawlSummary(sources=[{"source": "broken", "status": "error", "error": ERROR}])
    Console(width=400).print(summary_table(summary))
    assert ERROR in capsys.readouterr().out
