"""SMTP over STARTTLS and implicit TLS with login, against aiosmtpd with a test CA;
and the password, which must never show in logs or --debug output."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from service.app import App, utcnow
from service.crawl import deliver
from tests.alerts.conftest import PickyMailbox, Pki, smtp_settings
from tests.alerts.helpers import STOCKTON, add_inspection, deliveries, subscribe
from tests.conftest import free_port

USER, PASSWORD = "alerts", "Tr0ub4dor&3-not-in-logs"


class Authenticator:
    def __init__(self) -> None:
        self.logins: list[tuple[str, bool]] = []

    def __call__(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        ok = auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
        self.logins.append((auth_data.login.decode(), ok))
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd replies 535


@pytest.fixture(params=["starttls", "ssl"])
def tls_server(
    request: pytest.FixtureRequest, pki: Pki
) -> Iterator[tuple[str, PickyMailbox, int, Authenticator]]:
    box, auth, port = PickyMailbox(), Authenticator(), free_port()
    options: dict[str, Any] = {"authenticator": auth, "auth_require_tls": True}
    if request.param == "starttls":
        options.update(tls_context=pki.server_context(), require_starttls=True)
    else:  # aiosmtpd counts only STARTTLS as TLS; this whole connection is TLS
        options.update(ssl_context=pki.server_context(), auth_require_tls=False)
    controller = Controller(box, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield request.param, box, port, auth
    finally:
        controller.stop()


def tls_options(kind: str, pki: Pki | None, password: str = PASSWORD) -> dict[str, Any]:
    return {
        "starttls": kind == "starttls",
        "ssl": kind == "ssl",
        "username": USER,
        "password": password,
        "ca_file": pki.ca_file if pki else None,
    }


def test_mail_goes_out_over_verified_tls_with_login(
    tls_server: tuple[str, PickyMailbox, int, Authenticator],
    pki: Pki,
    make_app: Callable[..., App],
    now: datetime,
) -> None:
    kind, box, port, auth = tls_server
    app = make_app(smtp=smtp_settings(port, **tls_options(kind, pki)))
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now)
    assert deliver(app, now)[1].sent == 1
    assert box.to("desk@example.org") == [
        "Ofsted: Stockton-on-Tees children's services judged Good"
    ]
    assert auth.logins == [(USER, True)]


def test_a_certificate_from_an_unknown_ca_is_refused_and_the_email_waits(
    tls_server: tuple[str, PickyMailbox, int, Authenticator],
    make_app: Callable[..., App],
    now: datetime,
) -> None:
    kind, box, port, auth = tls_server
    app = make_app(smtp=smtp_settings(port, **tls_options(kind, None)))
    subscribe(app, "desk@example.org", now - timedelta(days=1))
    add_inspection(app, STOCKTON, now)
    assert deliver(app, now)[1].retrying == 1
    [row] = deliveries(app)
    assert "CERTIFICATE_VERIFY_FAILED" in (row.last_error or "")
    assert box.messages == [] and auth.logins == []  # no password sent to an unverified host


@pytest.mark.parametrize("password", [PASSWORD, PASSWORD + "-wrong"])
def test_the_password_never_appears_in_debug_output(
    password: str,
    pki: Pki,
    tmp_path: Path,
    make_app: Callable[..., App],
) -> None:
    """The real command line, --debug, a password from the environment, a TLS server
    that accepts it (or rejects it): the password is in none of the output."""
    box, auth, port = PickyMailbox(), Authenticator(), free_port()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        authenticator=auth,
        tls_context=pki.server_context(),
        require_starttls=True,
    )
    controller.start()
    app = make_app()  # the database the command will use, with a daily subscriber and news
    now = utcnow()
    subscribe(app, "daily@example.org", now - timedelta(days=1), mode="daily")
    add_inspection(app, STOCKTON, now - timedelta(hours=1))
    config = tmp_path / "tls.toml"
    config.write_text(
        f"""
database_url = "{app.settings.database_url}"
builtin_sources = false
[smtp]
host = "127.0.0.1"
port = {port}
starttls = true
username = "{USER}"
ca_file = "{pki.ca_file}"
from_addr = "alerts@example.org"
timeout_seconds = 10
""",
        encoding="utf-8",
    )
    env = {**os.environ, "OFSTED_WATCH_SMTP__PASSWORD": password}
    script = Path(sys.executable).with_name("ofsted-watch")
    try:
        result = subprocess.run(
            [script, "--debug", "--config", str(config), "digest", "--send"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        controller.stop()
    output = result.stdout + result.stderr
    accepted = password == PASSWORD
    assert result.returncode == (0 if accepted else 1), output
    # smtplib tries each mechanism the server offers before giving up
    assert auth.logins and all(login == (USER, accepted) for login in auth.logins)
    assert ("535" in output) != accepted  # the refusal is reported ...
    plain = f"\0{USER}\0{password}".encode()
    for form in (
        password,
        base64.b64encode(plain).decode(),
        base64.b64encode(password.encode()).decode(),
    ):
        assert form not in output  # ... and the password is not, in any form
    assert len(box.messages) == (1 if accepted else 0)
