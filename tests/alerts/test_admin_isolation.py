"""Admin mail is a side channel: its trouble never stops subscribers' alerts; and a broken
user template is found at start, named, instead of by the first crawl."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from service.app import App, utcnow
from service.cli import main
from service.crawl import crawl
from storage import sources
from tests.alerts.conftest import PickyMailbox, smtp_settings
from tests.alerts.helpers import CAMDEN, add_inspection, deliveries, subscribe

FEED = {"id": "paper", "kind": "feed", "url": "https://paper.example.org/rss"}


def failing_source(app: App) -> None:
    """Three failed runs in a row: the admin is due an email about `paper`."""
    start = utcnow() - timedelta(hours=2)
    with app.database.sessions.begin() as session:
        sources.sync_sources(session, app.settings.sources)
        for n in range(3):
            run_id = sources.start_run(session, "paper", start + timedelta(minutes=n))
            outcome = sources.RunOutcome("error", 0, 0, errors=1, error_text="HTTP 500")
            sources.finish_run(session, run_id, outcome, start + timedelta(minutes=n, seconds=5))


def test_a_crawl_records_and_sends_alerts_though_the_admin_email_cannot_be_built(
    make_app: Callable[..., App],
    picky_smtp: tuple[PickyMailbox, int],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    box, port = picky_smtp
    mine = tmp_path / "templates"
    mine.mkdir()
    app = make_app(
        smtp=smtp_settings(port),
        delivery={"admin_email": "Ops Team <ops@example.org>"},
        templates_dir=mine,
        sources=[FEED],
        service={"failure_alert_threshold": 3},
    )
    # Edited while the service runs, after the check at start: fails when rendered.
    (mine / "admin.txt").write_text("{{ lines.first.nope() }}\n", encoding="utf-8")
    failing_source(app)
    now = utcnow()
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, CAMDEN, now - timedelta(minutes=5))

    with caplog.at_level(logging.ERROR):
        summary = crawl(app, [])

    assert (summary.alerts_queued, summary.delivery.sent) == (1, 1)
    assert box.to("desk@example.org") == ["Ofsted: Camden children's services judged Good"]
    assert [d.kind for d in deliveries(app)] == ["alert"]
    assert any("review_sources failed" in r.getMessage() for r in caplog.records)


def write_config(tmp_path: Path, app: App, templates: Path) -> str:
    config = tmp_path / "t.toml"
    config.write_text(
        f'database_url = "{app.settings.database_url}"\nbuiltin_sources = false\n'
        f'templates_dir = "{templates}"\n',
        encoding="utf-8",
    )
    return str(config)


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        ("alert.txt", "{{ event.council }\n", "line 1"),
        ("digest.html", "<p>{{ digest.title|no_such_filter }}</p>\n", "no_such_filter"),
        ("alert.txt", "{{ event.council }}\n{{ event.council.nope() }}\n", "line 2"),
        ("_footer.txt", "{{ recipient.nope.deeper }}", "_footer.txt, line 1"),
    ],
)
def test_a_broken_user_template_stops_the_start_with_exit_2_naming_the_file(
    make_app: Callable[..., App],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    said: str,
) -> None:
    app = make_app()
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / name).write_text(text, encoding="utf-8")
    config = write_config(tmp_path, app, mine)
    for command in (["crawl"], ["digest", "--send"], ["init"]):
        capsys.readouterr()
        assert main([*command, "--config", config]) == 2
        err = capsys.readouterr().err
        assert name in err and said in err and "Traceback" not in err


def test_a_templates_dir_that_is_not_a_folder_is_a_configuration_error(
    make_app: Callable[..., App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    config = write_config(tmp_path, app, tmp_path / "missing")
    assert main(["digest", "--config", config]) == 2
    assert "templates_dir" in capsys.readouterr().err
