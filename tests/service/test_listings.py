"""`sources` lists every source, disabled ones marked; `articles --since` and `--search`
narrow what a crawl stored."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from service.cli import main
from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from tests.conftest import NOW

SOURCES = """
[[sources]]
id = "courier"
kind = "feed"
url = "{feed}"
[[sources]]
id = "old-paper"
kind = "feed"
url = "http://127.0.0.1:9/rss.xml"
enabled = false
"""


def write_config(tmp_path: Path, site: LoopbackSite, sources: str = SOURCES) -> Path:
    config = tmp_path / "listings.toml"
    config.write_text(
        f"""
database_url = "sqlite:///{tmp_path / "listings.db"}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false
[crawl]
download_delay_seconds = 0
autothrottle = false
"""
        + sources.format(feed=site.url("/feed.xml")),
        encoding="utf-8",
    )
    return config


def listing(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main([*args, "--format", "json"]) == 0
    rows: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return rows


def test_sources_lists_disabled_and_dropped_sources_too(
    tmp_path: Path,
    site: LoopbackSite,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extra = '[[sources]]\nid = "dropped"\nkind = "feed"\nurl = "http://127.0.0.1:9/x"\n'
    config = write_config(tmp_path, site, SOURCES + extra)
    assert main(["--config", str(config), "init"]) == 0
    config = write_config(tmp_path, site)  # `dropped` is no longer configured

    rows = listing(capsys, "--config", str(config), "sources")
    assert [(r["id"], r["enabled"], r["state"]) for r in rows] == [
        ("courier", True, "enabled"),
        ("dropped", False, "not configured"),
        ("old-paper", False, "disabled"),
    ]
    monkeypatch.setenv("COLUMNS", "300")
    assert main(["--config", str(config), "sources"]) == 0
    table = capsys.readouterr().out
    assert " old-paper " in table and " disabled " in table


def test_articles_since_and_search(
    tmp_path: Path, site: LoopbackSite, capsys: pytest.CaptureFixture[str]
) -> None:
    samples = load_articles(NOW)
    publish(site, samples)
    config = str(write_config(tmp_path, site))
    assert main(["--config", config, "crawl"]) == 0

    def urls(*args: str) -> set[str]:
        rows = listing(capsys, "--config", config, "articles", "--all", *args)
        return {str(r["url"]).rsplit("/", 1)[-1] for r in rows}

    assert urls() == {a.slug for a in samples}
    since = (NOW - timedelta(days=2)).date()
    recent = {a.slug for a in samples if a.published.date() >= since}
    assert recent and recent != {a.slug for a in samples}
    assert urls("--since", since.isoformat()) == recent

    assert urls("--search", "HARTLEPOOL") == {
        a.slug for a in samples if "hartlepool" in (a.title + " ".join(a.paragraphs)).lower()
    }
    assert urls("--search", "%") == {a.slug for a in samples if "%" in " ".join(a.paragraphs)}
    assert main(["--config", config, "articles", "--since", "last tuesday"]) == 2
