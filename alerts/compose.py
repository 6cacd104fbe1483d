"""Render emails from Jinja2 templates: plain text and HTML, headers safe from scraped text.

Users may override any template by putting a file of the same name in the
folder named by `templates_dir`; the packaged templates fill in the rest.
"""

from __future__ import annotations

import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

from config.settings import Settings

PACKAGE_TEMPLATES = PackageLoader("alerts", "templates")
# CRLF line ends for SMTP; headers may run to the RFC 5322 limit instead of being folded
# at 78 columns, which Python does awkwardly for long subjects.
EMAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def environment(settings: Settings) -> Environment:
    loaders: list[Any] = []
    if settings.templates_dir is not None:
        loaders.append(FileSystemLoader(str(settings.templates_dir)))
    loaders.append(PACKAGE_TEMPLATES)
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def header_safe(text: str, limit: int = 250) -> str:
    """Scraped text in a header: one line, no control characters, bounded length."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def message_id(dedupe_key: str, created: object) -> str:
    """Fixed when the delivery is recorded and stored with it, so a send repeated after a
    crash carries the same id and mail clients show one message. The creation time keeps
    equal keys in different databases (the demo's, the service's) apart."""
    digest = hashlib.sha256(f"{dedupe_key}|{created}".encode()).hexdigest()[:32]
    return f"<{digest}@ofsted-watch>"


def build_message(
    env: Environment,
    settings: Settings,
    template: str,
    recipient: str,
    subject: str,
    dedupe_key: str,
    context: dict[str, Any],
    unsubscribe_token: str | None = None,
) -> EmailMessage:
    context = {**context, "recipient": recipient, "unsubscribe_token": unsubscribe_token}
    text = env.get_template(f"{template}.txt").render(**context)
    html = env.get_template(f"{template}.html").render(**context)
    message = EmailMessage(policy=EMAIL_POLICY)
    message["Subject"] = header_safe(subject)
    message["From"] = settings.smtp.from_addr
    message["To"] = recipient
    message["Message-ID"] = message_id(dedupe_key, context.get("now"))
    message["X-Ofsted-Watch-Key"] = header_safe(dedupe_key)
    if context.get("now") is not None:
        message["Date"] = format_datetime(context["now"])
    if unsubscribe_token:
        sender = settings.smtp.from_addr.rsplit("<", 1)[-1].rstrip(">").strip()
        message["List-Unsubscribe"] = f"<mailto:{sender}?subject=unsubscribe%20{unsubscribe_token}>"
    # Quoted-printable keeps every line 7-bit: no reliance on the server's 8BITMIME.
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message


__all__ = ["build_message", "environment", "header_safe", "message_id"]
