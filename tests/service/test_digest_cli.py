"""`ofsted-watch digest`, `subscribe`, `unsubscribe` and `subscribers` as users run them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from alerts.outbox import enqueue_alerts
from service.app import App, utcnow
from service.cli import main
from storage import subscriptions
from tests.alerts.helpers import LEEDS, deliveries, stockton_good, subscribe
from tests.conftest import Mailbox


def write_config(tmp_path: Path, app: App, smtp_port: int) -> str:
    config = tmp_path / "cli.toml"
    config.write_text(
        f"""
database_url = "{app.settings.database_url}"
builtin_sources = false
[smtp]
host = "127.0.0.1"
port = {smtp_port}
starttls = false
from_addr = "Ofsted Watch <alerts@example.org>"
""",
        encoding="utf-8",
    )
    return str(config)


def test_digest_send_twice_sends_once_and_preview_records_nothing(
    make_app: Callable[..., App],
    smtp_server: tuple[Mailbox, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = smtp_server
    app = make_app()
    config = write_config(tmp_path, app, port)
    now = utcnow()
    subscribe(app, "daily@example.org", now - timedelta(days=1), mode="daily")
    subscribe(app, "weekly@example.org", now - timedelta(days=1), mode="weekly")
    stockton_good(app, now - timedelta(hours=2))

    assert main(["digest", "--preview", "--config", config]) == 0
    printed = capsys.readouterr().out
    assert printed.count("Subject: Ofsted Watch ") == 2
    assert "To: daily@example.org" in printed and "To: weekly@example.org" in printed
    assert "Stockton-on-Tees  ILACS       Requires improvement → Good" in printed
    assert deliveries(app) == [] and mailbox.messages == []

    assert main(["digest", "--config", config, "--mode", "weekly"]) == 0  # preview by default
    assert capsys.readouterr().out.count("Subject: ") == 1

    assert main(["digest", "--send", "--config", config]) == 0
    assert "2 digest(s) recorded; 2 email(s) sent." in capsys.readouterr().err
    assert sorted(r for _, rs, _ in mailbox.messages for r in rs) == [
        "daily@example.org",
        "weekly@example.org",
    ]
    assert main(["digest", "--send", "--config", config]) == 0
    assert "0 digest(s) recorded; 0 email(s) sent." in capsys.readouterr().err
    assert len(mailbox.messages) == 2

    assert main(["digest", "--preview", "--send", "--config", config]) == 2


def test_digest_send_with_the_server_down_keeps_the_digest_and_says_so(
    make_app: Callable[..., App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import free_port

    app = make_app()
    config = write_config(tmp_path, app, free_port())
    now = utcnow()
    subscribe(app, "daily@example.org", now - timedelta(days=1), mode="daily")
    stockton_good(app, now - timedelta(hours=2))
    assert main(["digest", "--send", "--config", config]) == 1
    err = capsys.readouterr().err
    assert "1 to retry later" in err and "stay in the outbox" in err
    [row] = deliveries(app)
    assert (row.kind, row.status) == ("digest", "retry")


def test_subscribe_takes_any_council_alias_and_region_name_and_lists_them(
    make_app: Callable[..., App],
    smtp_server: tuple[Mailbox, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_app()
    config = write_config(tmp_path, app, smtp_server[1])
    args = ["subscribe", "Desk@Example.org", "--config", config, "--mode", "daily"]
    args += ["--region", "north east, yorkshire and the humber", "--la", "Stockton Borough Council"]
    args += ["--la", "80563", "--la", "BCP", "--type", "ilacs", "--type", "send_area"]
    args += ["--judgement", "inadequate", "--no-news"]
    assert main(args) == 0
    assert "Subscribed desk@example.org (daily)" in capsys.readouterr().out
    assert main(["subscribers", "--config", config, "--format", "json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["regions"] == ["North East, Yorkshire and the Humber"]
    assert sorted(row["councils"]) == ["Bournemouth, Christchurch and Poole", "Stockton-on-Tees"]
    assert row["inspection_types"] == ["ilacs", "send_area"]
    assert (row["judgements"], row["include_news"], row["active"]) == (["inadequate"], False, True)

    assert main(["subscribe", "x@example.org", "--config", config, "--la", "Atlantis"]) == 2
    assert main(["subscribe", "x@example.org", "--config", config, "--region", "Mars"]) == 2
    assert main(["subscribe", "not-an-address", "--config", config]) == 2
    assert "Atlantis" in capsys.readouterr().err


def test_unsubscribe_by_address_or_by_the_token_in_the_emails(
    make_app: Callable[..., App],
    smtp_server: tuple[Mailbox, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_app()
    config = write_config(tmp_path, app, smtp_server[1])
    now = utcnow()
    subscribe(app, "one@example.org", now)
    subscribe(app, "two@example.org", now, local_authorities=[LEEDS])
    with app.database.sessions() as session:
        row = subscriptions.by_email(session, "two@example.org")
        assert row is not None
        token = row.unsubscribe_token

    assert main(["unsubscribe", "ONE@example.org", "--config", config]) == 0
    assert main(["unsubscribe", token, "--config", config]) == 0
    assert main(["unsubscribe", "one@example.org", "--config", config]) == 1
    out = capsys.readouterr().out
    assert "Unsubscribed one@example.org." in out and "Unsubscribed two@example.org." in out
    with app.database.sessions() as session:
        assert subscriptions.active(session) == []


def test_an_unsubscribe_token_that_looks_like_an_option_still_works(
    make_app: Callable[..., App], tmp_path: Path, smtp_server: tuple[Mailbox, int]
) -> None:
    """Tokens issued by earlier versions could begin with "-"; pasting one must not fail."""
    app = make_app()
    config = write_config(tmp_path, app, smtp_server[1])
    subscribe(app, "old@example.org", utcnow())
    with app.database.sessions.begin() as session:
        row = subscriptions.by_email(session, "old@example.org")
        assert row is not None
        row.unsubscribe_token = "-Qx3_old-style-token"
    assert main(["unsubscribe", "-Qx3_old-style-token", "--config", config]) == 0
    with app.database.sessions() as session:
        assert subscriptions.active(session) == []


def test_new_unsubscribe_tokens_never_begin_with_a_dash(make_app: Callable[..., App]) -> None:
    app = make_app()
    for n in range(50):
        subscribe(app, f"reader{n}@example.org", utcnow())
    with app.database.sessions() as session:
        tokens = [row.unsubscribe_token for row in subscriptions.active(session)]
    assert len(tokens) == 50 and not any(token.startswith("-") for token in tokens)


def test_switching_from_alerts_to_a_digest_starts_the_digest_now(
    make_app: Callable[..., App], tmp_path: Path, smtp_server: tuple[Mailbox, int]
) -> None:
    """What alerts already told must not come again in the first digest."""
    app = make_app()
    config = write_config(tmp_path, app, smtp_server[1])
    assert main(["subscribe", "desk@example.org", "--config", config]) == 0
    stockton_good(app, utcnow())
    assert main(["subscribe", "desk@example.org", "--mode", "daily", "--config", config]) == 0
    with app.database.sessions() as session:
        row = subscriptions.by_email(session, "desk@example.org")
        assert row is not None and row.mode == "daily" and row.last_digest_at is not None


def test_unsubscribe_cancels_what_was_waiting_for_them_and_status_shows_it(
    make_app: Callable[..., App],
    smtp_server: tuple[Mailbox, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mailbox, port = smtp_server
    app = make_app()
    config = write_config(tmp_path, app, port)
    now = utcnow()
    subscribe(app, "leaving@example.org", now - timedelta(days=1))
    stockton_good(app, now - timedelta(hours=1))
    assert enqueue_alerts(app.database, app.settings, now) == 1

    assert main(["unsubscribe", "leaving@example.org", "--config", config]) == 0
    assert "1 email(s) waiting for them cancelled" in capsys.readouterr().out
    assert main(["digest", "--send", "--config", config]) == 0
    assert mailbox.messages == []

    assert main(["status", "--config", config, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    [backlog] = [r for r in rows if r["section"] == "outbox"]
    assert backlog["count"] == 0 and backlog["counts"]["cancelled"] == 1
    [cancelled] = [r for r in rows if r["section"] == "delivery"]
    assert cancelled["state"] == "cancelled" and "unsubscribed" in cancelled["detail"]


def test_council_names_users_type_resolve_or_say_what_they_could_mean(
    make_app: Callable[..., App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    config = write_config(tmp_path, app, 25)
    assert main(["subscribe", "cumbria@example.org", "--la", "Cumbria", "--config", config]) == 0
    assert main(["subscribe", "west@example.org", "--la", "Hammersmith", "--config", config]) == 0
    out = capsys.readouterr().out
    assert "about Cumberland, Westmorland and Furness." in out
    assert "about Hammersmith and Fulham." in out
    assert main(["subscribe", "x@example.org", "--la", "North", "--config", config]) == 2
    assert "say which" in capsys.readouterr().err
    assert main(["subscribe", "x@example.org", "--region", "Mars", "--config", config]) == 2
    assert "regions: North East; North West;" in capsys.readouterr().err


def test_unsubscribe_takes_the_pasted_subject_line_and_refuses_nothing(
    make_app: Callable[..., App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app()
    config = write_config(tmp_path, app, 25)
    subscribe(app, "reader@example.org", utcnow())
    with app.database.sessions() as session:
        row = subscriptions.by_email(session, "reader@example.org")
        assert row is not None
        token = row.unsubscribe_token
    assert main(["unsubscribe", "", "--config", config]) == 2
    assert main(["unsubscribe", f"unsubscribe {token}", "--config", config]) == 0
    assert "Unsubscribed reader@example.org." in capsys.readouterr().out


def test_an_empty_outbox_says_what_it_looked_for(
    make_app: Callable[..., App], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, make_app(), 25)
    capsys.readouterr()
    assert main(["outbox", "--config", config]) == 0
    assert "Nothing waiting, being sent, failed or cancelled." in capsys.readouterr().out
    assert main(["outbox", "--retry-failed", "999", "--config", config]) == 0
    assert "1 of the IDs given name no failed email" in capsys.readouterr().err
