"""How an email leaves: SMTP when a host is configured, else a .eml file in the outbox folder.

Both take the exact bytes recorded in the outbox, so a retry sends what the
first attempt would have sent.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Protocol

from config.errors import OfstedWatchError
from config.settings import Settings, SmtpSettings


class DeliveryError(OfstedWatchError):
    """One email could not be handed over; the outbox will retry it."""


class Transport(Protocol):
    name: str

    def send(self, recipient: str, message: bytes, key: str) -> None: ...

    def close(self) -> None: ...


class FileTransport:
    """Writes each email as <time>_<key>.eml: what a user without SMTP reads, and demos leave.

    The time in the name keeps files from different databases (a demo, then the
    real service) from overwriting each other when their keys coincide.
    """

    name = "file"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def send(self, recipient: str, message: bytes, key: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in key)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        target = self.folder / f"{stamp}_{safe}.eml"
        partial = target.with_suffix(".eml.part")
        try:
            partial.write_bytes(message)
            os.replace(partial, target)  # a reader never sees half an email
        except OSError as exc:
            raise DeliveryError(f"cannot write {target}: {exc}") from exc

    def close(self) -> None:
        return None


class SmtpTransport:
    """One connection per delivery batch; reconnects after a failure."""

    name = "smtp"

    def __init__(self, smtp: SmtpSettings) -> None:
        self.smtp = smtp
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.smtp
        context = ssl.create_default_context()
        try:
            if s.ssl:
                conn: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout_seconds, context=context
                )
            else:
                conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
                if s.starttls:
                    conn.starttls(context=context)
            if s.username:
                conn.login(s.username, s.password.get_secret_value())
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"cannot connect to SMTP server {s.host}:{s.port}: {exc}") from exc
        return conn

    def send(self, recipient: str, message: bytes, key: str) -> None:
        if self.connection is None:
            self.connection = self._connect()
        sender = message_from_bytes(message, policy=policy.default).get("From", "")
        try:
            self.connection.sendmail(_address(str(sender)), [recipient], message)
        except (OSError, smtplib.SMTPException) as exc:
            self.close()
            raise DeliveryError(f"SMTP server refused mail to {recipient}: {exc}") from exc

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.quit()
            self.connection = None


def _address(header: str) -> str:
    return header.rsplit("<", 1)[-1].rstrip(">").strip() if "<" in header else header.strip()


def make_transport(settings: Settings) -> Transport:
    if settings.smtp.host:
        return SmtpTransport(settings.smtp)
    return FileTransport(settings.outbox_dir)
