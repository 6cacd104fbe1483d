"""A source that keeps failing: real crawls of a dead address, one email to the admin,
and `ofsted-watch sources` showing why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.cli import main
from tests.conftest import Mailbox, free_port


def test_a_failing_source_is_reported_once_and_shown_in_sources(
    tmp_path: Path, smtp_server: tuple[Mailbox, int], capsys: pytest.CaptureFixture[str]
) -> None:
    mailbox, port = smtp_server
    dead = free_port()  # nothing listens: every fetch is refused
    config = tmp_path / "health.toml"
    config.write_text(
        f"""
database_url = "sqlite:///{tmp_path / "health.db"}"
builtin_sources = false
[smtp]
host = "127.0.0.1"
port = {port}
starttls = false
from_addr = "alerts@example.org"
[delivery]
admin_email = "admin@example.org"
[service]
failure_alert_threshold = 3
[crawl]
retry_times = 0
download_delay_seconds = 0
autothrottle = false
obey_robots_txt = false
[[sources]]
id = "gone-paper"
kind = "feed"
url = "http://127.0.0.1:{dead}/rss.xml"
""",
        encoding="utf-8",
    )
    for _ in range(4):  # one more than the threshold: still one email
        with pytest.raises(SystemExit) as failed:  # `crawl` exits 1 when every source failed
            main(["crawl", "--config", str(config)])
        assert failed.value.code == 1
    capsys.readouterr()

    assert mailbox.subjects() == ["ofsted-watch: source gone-paper is failing"]
    [(_, recipients, message)] = mailbox.messages
    assert recipients == ["admin@example.org"]
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "It has failed 3 time(s) in a row." in body and "Connection" in body

    assert main(["sources", "--config", str(config), "--format", "json"]) == 0
    [source] = json.loads(capsys.readouterr().out)
    assert source["id"] == "gone-paper"
    assert (source["health"], source["consecutive_failures"]) == ("failing", 4)
    assert "Connection" in source["last_error"] and source["last_success_at"] is None
    assert source["last_run_seconds"] is not None and source["health_alerted_at"] is not None
