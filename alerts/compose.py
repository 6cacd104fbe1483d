"""Render emails from Jinja2 templates: plain text and HTML, headers safe from scraped text.

Users may override any template by putting a file of the same name in the
folder named by `templates_dir`; the packaged templates fill in the rest.
Scraped text (titles, evidence sentences, addresses) is escaped in HTML by
autoescaping, and never reaches a header except through `header_safe`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

from config.settings import Settings

PACKAGE_TEMPLATES = PackageLoader("alerts", "templates")
# CRLF line ends for SMTP; headers may run to the RFC 5322 limit instead of being folded
# at 78 columns, which Python does awkwardly for long subjects.
EMAIL_POLICY = policy.SMTP.clone(max_line_length=998)


def long_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def date_range(start: date | None, end: date | None) -> str:
    """'5 to 16 October 2026', '28 September to 9 October 2026', or one date."""
    if start is None or end is None or end == start:
        return long_date(start or end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def safe_url(value: str | None) -> str:
    """Only http(s) addresses become links: a scraped 'javascript:' URL is dropped."""
    if not value:
        return ""
    text = value.strip()
    if any(not ch.isprintable() or ch.isspace() for ch in text):
        return ""
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else ""


def environment(settings: Settings) -> Environment:
    loaders: list[Any] = []
    if settings.templates_dir is not None:
        loaders.append(FileSystemLoader(str(settings.templates_dir)))
    loaders.append(PACKAGE_TEMPLATES)
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    zone = settings.zone

    def local_time(value: datetime | None) -> str:
        if value is None:
            return ""
        here = value.astimezone(zone)
        return f"{long_date(here)} {here:%H:%M}"

    env.filters.update(long_date=long_date, local_time=local_time, safe_url=safe_url)
    env.globals["date_range"] = date_range
    return env


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


def mailbox(text: str) -> str:
    """One bare address (local@domain), or ValueError: input carrying anything more (a
    display name, a second line with another header) is refused, not trimmed."""
    candidate = text.strip()
    if any(ch.isspace() or not ch.isprintable() for ch in candidate):
        raise ValueError(f"not an email address: {text!r}")
    if parseaddr(candidate)[1] != candidate:
        raise ValueError(f"not an email address: {text!r}")
    address = Address(addr_spec=candidate)
    if not address.username or not address.domain:
        raise ValueError(f"not an email address: {text!r}")
    return address.addr_spec


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    """How a subscriber stops the emails: a one-click https address if the operator
    runs one (RFC 8058), and always a mailto: to the admin (or sender) address."""

    token: str
    address: str
    url: str | None

    @classmethod
    def for_token(cls, settings: Settings, token: str) -> Unsubscribe:
        address = settings.delivery.admin_email or settings.smtp.from_addr
        template = settings.delivery.unsubscribe_url
        url = template.replace("{token}", quote(token, safe="")) if template else None
        return cls(token=token, address=parseaddr(address)[1] or address, url=url)

    @property
    def mailto(self) -> str:
        return f"mailto:{self.address}?subject={quote('unsubscribe ' + self.token)}"

    @property
    def subject_line(self) -> str:
        return f"unsubscribe {self.token}"

    def headers(self) -> dict[str, str]:
        targets = [f"<{self.url}>"] if self.url else []
        targets.append(f"<{self.mailto}>")
        headers = {"List-Unsubscribe": ", ".join(targets)}
        if self.url:
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return headers


def build_message(
    env: Environment,
    settings: Settings,
    template: str,
    recipient: str,
    subject: str,
    dedupe_key: str,
    context: dict[str, Any],
    now: datetime,
    unsubscribe_token: str | None = None,
    html: bool = True,
) -> EmailMessage:
    """The complete email, as it will be stored in the outbox and sent on every attempt."""
    unsubscribe = Unsubscribe.for_token(settings, unsubscribe_token) if unsubscribe_token else None
    context = {**context, "recipient": recipient, "unsubscribe": unsubscribe, "now": now}
    message = EmailMessage(policy=EMAIL_POLICY)
    message["Subject"] = header_safe(subject)
    message["From"] = header_safe(settings.smtp.from_addr)
    message["To"] = mailbox(recipient)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(dedupe_key, now)
    message["X-Ofsted-Watch-Key"] = header_safe(dedupe_key)
    if unsubscribe is not None:
        for name, value in unsubscribe.headers().items():
            message[name] = header_safe(value, limit=900)
    # Quoted-printable keeps every line 7-bit: no reliance on the server's 8BITMIME.
    message.set_content(
        env.get_template(f"{template}.txt").render(**context), cte="quoted-printable"
    )
    if html:
        body = env.get_template(f"{template}.html").render(**context)
        message.add_alternative(body, subtype="html", cte="quoted-printable")
    return message


def text_part(message: EmailMessage) -> str:
    """The plain-text body, as a reader sees it."""
    part = message.get_body(("plain",))
    content = part.get_content() if isinstance(part, EmailMessage) else ""
    return str(content).replace("\r\n", "\n")


__all__ = [
    "Unsubscribe",
    "build_message",
    "environment",
    "header_safe",
    "mailbox",
    "message_id",
    "safe_url",
    "text_part",
]
