"""How an email leaves: SMTP when a host is configured, else a .eml file in the outbox folder.

Both take the exact bytes recorded in the outbox, so a retry sends what the
first attempt would have sent. Failures come in three kinds, because the outbox
treats them differently:

- the server, or our settings for it, stopped this email and would stop every
  other one the same way: unreachable, TLS, login refused, "authentication
  required" (530), our sender refused at MAIL FROM (any 5xx there is about our
  from_addr or account, not about the email), or 421 (the server is closing).
  Every email waits, with backoff, for the server or the settings to be fixed;
- this one email was refused for now (a 4xx, a dropped connection): retry it;
- this recipient was refused for good (a 5xx reply to RCPT TO): retrying cannot help.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import ssl
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from config.errors import OfstedWatchError
from config.settings import Settings, SmtpSettings


class DeliveryError(OfstedWatchError):
    """One email could not be handed over; the outbox will retry it."""


class ServerUnavailable(DeliveryError):
    """No usable connection, or the server refuses our settings (login, sender): not this
    email's fault, and every other email would fail the same way."""


class PermanentDeliveryError(DeliveryError):
    """The server refused this recipient with a permanent (5xx) reply to RCPT TO."""


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


def tls_context(smtp: SmtpSettings) -> ssl.SSLContext:
    """Certificate and host name always verified; a private CA is trusted via ca_file."""
    cafile = str(smtp.ca_file) if smtp.ca_file is not None else None
    return ssl.create_default_context(cafile=cafile)


# Replies that say the server will not take mail from us as configured: authentication
# required or failed, TLS required, or closing down. Asked again with the same settings,
# it answers the same for every email.
SERVER_REPLIES = {421, 530, 534, 535, 538}
SIZE_REFUSED = 552  # MAIL FROM ... SIZE=n: this message is too big, not our settings


def _recipient_refused_for_good(exc: smtplib.SMTPRecipientsRefused) -> bool:
    codes = [code for code, _ in exc.recipients.values()]
    return bool(codes) and all(500 <= code < 600 for code in codes)


def _classify(exc: OSError | smtplib.SMTPException, recipient: str) -> DeliveryError:
    """Which of the three kinds of failure a send's exception is (see the module doc)."""
    why = _describe(exc)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        message = f"SMTP server refused mail to {recipient}: {why}"
        if _recipient_refused_for_good(exc):
            return PermanentDeliveryError(message)
        return DeliveryError(message)
    code = getattr(exc, "smtp_code", None)
    if isinstance(exc, smtplib.SMTPSenderRefused) and code != SIZE_REFUSED:
        return ServerUnavailable(
            f"SMTP server refused our sender {exc.sender!r}: {why} "
            "(check smtp.from_addr, smtp.username and the password)"
        )
    if code in SERVER_REPLIES:
        return ServerUnavailable(f"SMTP server will not take our mail: {why}")
    return DeliveryError(f"SMTP server refused mail to {recipient}: {why}")


class SmtpTransport:
    """One connection per delivery pass; reconnects after a failure.

    Errors name the server and the reply, never the credentials: smtplib's debug
    output (which would show the AUTH exchange) is never switched on.
    """

    name = "smtp"

    def __init__(self, smtp: SmtpSettings) -> None:
        self.smtp = smtp
        self.sender = smtp.sender
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.smtp
        conn: smtplib.SMTP | None = None
        try:
            if s.ssl:
                conn = smtplib.SMTP_SSL(
                    s.host, s.port, timeout=s.timeout_seconds, context=tls_context(s)
                )
            else:
                conn = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
                if s.use_starttls:
                    conn.starttls(context=tls_context(s))
            if s.username:
                conn.login(s.username, s.password.get_secret_value())
        except (OSError, smtplib.SMTPException) as exc:
            if conn is not None:
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    conn.close()
            why = _describe(exc)
            raise ServerUnavailable(f"SMTP server {s.host}:{s.port}: {why}") from None
        return conn

    def send(self, recipient: str, message: bytes, key: str) -> None:
        if self.connection is None:
            self.connection = self._connect()
        try:
            self.connection.sendmail(self.sender, [recipient], message)
        except (OSError, smtplib.SMTPException) as exc:
            self.close()  # the next email reconnects
            raise _classify(exc, recipient) from None

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.connection.quit()
            self.connection = None


def _describe(exc: BaseException) -> str:
    """A one-line reason; SMTP replies are decoded, not shown as bytes reprs."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}".strip()
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{code} {_text(msg)}" for code, msg in exc.recipients.values())
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _text(reply: bytes | str | None) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply or ""
    return " ".join(text.split())


def make_transport(settings: Settings) -> Transport:
    if settings.smtp.host:
        return SmtpTransport(settings.smtp)
    return FileTransport(settings.outbox_dir)
