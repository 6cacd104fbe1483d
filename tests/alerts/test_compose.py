"""What scraped text can and cannot do to an email; unsubscribing; user templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from alerts.compose import build_message, environment, mailbox, text_part
from service.app import App
from service.crawl import deliver
from tests.alerts.conftest import PickyMailbox, smtp_settings
from tests.alerts.helpers import STOCKTON, add_article, add_inspection, subscribe

INJECTION = "Council rated good\r\nBcc: victim@example.org\r\nX-Evil: 1"


def raw_headers(message: EmailMessage) -> list[str]:
    head = message.as_bytes(policy=policy.SMTP).split(b"\r\n\r\n", 1)[0].decode("ascii")
    return head.split("\r\n")


def test_a_header_injection_in_scraped_text_reaches_nobody_else(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    article = add_article(app, INJECTION, "https://news.example.org/x", now, [STOCKTON])
    add_inspection(app, STOCKTON, now, evidence=INJECTION, article_ids=[article])
    deliver(app, now)

    [(_, recipients, message)] = box.messages
    assert recipients == ["desk@example.org"]
    assert message["Bcc"] is None and message["X-Evil"] is None
    assert not any(line.startswith(("Bcc", "X-Evil")) for line in raw_headers(message))
    # The text is still there for the reader, in the body where it belongs.
    assert "Bcc: victim@example.org" in text_part(message)


def test_header_safe_subjects_cannot_be_folded_into_new_headers(
    make_app: Callable[..., App], now: datetime
) -> None:
    app = make_app()
    message = build_message(
        environment(app.settings),
        app.settings,
        "admin",
        "desk@example.org",
        f"Ofsted: {INJECTION}",
        "key:1",
        {"headline": "h", "lines": []},
        now,
        html=False,
    )
    parsed = message_from_bytes(bytes(message), policy=policy.default)
    assert parsed["Bcc"] is None and parsed["X-Evil"] is None
    assert parsed["Subject"] == "Ofsted: Council rated good Bcc: victim@example.org X-Evil: 1"


@pytest.mark.parametrize(
    "address",
    ["desk@example.org\r\nBcc: victim@example.org", "Desk <desk@example.org>", "a b@example.org"],
)
def test_recipients_must_be_one_bare_address(address: str) -> None:
    with pytest.raises(ValueError):
        mailbox(address)


def test_scraped_html_is_escaped_and_only_web_links_are_links(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    title = '<script>alert("x")</script><img src=x onerror="alert(1)"> & more'
    good = add_article(app, title, "https://news.example.org/a?x=1&y=2", now, [STOCKTON])
    bad = add_article(app, "Sneaky link", "javascript:alert(document.cookie)", now, [STOCKTON])
    add_inspection(app, STOCKTON, now, evidence="<b>bold</b> claims", article_ids=[good, bad])
    deliver(app, now)

    [(_, _, message)] = box.messages
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt; claims" in html
    assert 'href="https://news.example.org/a?x=1&amp;y=2"' in html
    assert "javascript:" not in html and "Sneaky link" in html
    assert "javascript:" not in text_part(message)


def test_every_email_offers_a_mailto_unsubscribe_with_the_subscribers_token(
    mail_app: tuple[App, PickyMailbox], now: datetime
) -> None:
    app, box = mail_app
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now)
    deliver(app, now)
    [(_, _, message)] = box.messages
    with app.database.sessions() as session:
        from storage import subscriptions

        token = subscriptions.by_email(session, "desk@example.org").unsubscribe_token  # type: ignore[union-attr]
    assert message["List-Unsubscribe"] == (
        f"<mailto:admin@example.org?subject=unsubscribe%20{token}>"
    )
    assert message["List-Unsubscribe-Post"] is None  # no one-click address configured
    assert f'the subject "unsubscribe {token}"' in text_part(message)


def test_a_configured_https_address_gives_one_click_unsubscribe(
    make_app: Callable[..., App], picky_smtp: tuple[PickyMailbox, int], now: datetime
) -> None:
    box, port = picky_smtp
    app = make_app(
        smtp=smtp_settings(port),
        delivery={"unsubscribe_url": "https://alerts.example.org/unsubscribe?t={token}"},
    )
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now)
    deliver(app, now)
    [(_, _, message)] = box.messages
    one_click, mailto = str(message["List-Unsubscribe"]).split(", ")
    assert one_click.startswith("<https://alerts.example.org/unsubscribe?t=")
    assert mailto.startswith("<mailto:alerts@example.org?subject=unsubscribe%20")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = one_click.strip("<>")
    assert f"Unsubscribe in one click: {link}" in text_part(message)
    html = message.get_body(("html",))
    assert html is not None and f'href="{link}"' in html.get_content()


def test_templates_in_templates_dir_replace_the_packaged_ones(
    make_app: Callable[..., App],
    picky_smtp: tuple[PickyMailbox, int],
    now: datetime,
    tmp_path: Path,
) -> None:
    box, port = picky_smtp
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "alert.txt").write_text(
        "NEWSDESK: {{ event.council }} is {{ event.judgement_label }}\n", encoding="utf-8"
    )
    app = make_app(smtp=smtp_settings(port), templates_dir=mine)
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now)
    deliver(app, now)
    [(_, _, message)] = box.messages
    assert text_part(message) == "NEWSDESK: Stockton-on-Tees is Good\n"
    html = message.get_body(("html",))  # not overridden: the packaged one
    assert html is not None and "Stockton-on-Tees" in html.get_content()


def test_the_unsubscribe_setting_must_be_an_https_address_with_a_token(tmp_path: Path) -> None:
    from config.errors import ConfigError
    from config.settings import load_settings

    config = tmp_path / "c.toml"
    config.write_text('[delivery]\nunsubscribe_url = "http://example.org/u"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unsubscribe_url"):
        load_settings(config)
