"""Real components for every test: databases, a loopback web site, a loopback SMTP server.

PostgreSQL is used where a server answers (TEST_POSTGRES_URL, else
127.0.0.1:5432 database `test`); each test gets a database of its own.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config.settings import Settings
from service.app import App
from service.sample_site.server import LoopbackSite

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: real Ofsted data lives in ../shared beside the repository")
    return path


@pytest.fixture
def now() -> datetime:
    return NOW


# --- databases -------------------------------------------------------------------------


def _postgres_admin_url() -> str | None:
    url = make_url(os.environ.get("TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    try:
        with socket.create_connection((url.host or "127.0.0.1", url.port or 5432), timeout=1):
            pass
    except OSError:
        return None
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_admin() -> str | None:
    return _postgres_admin_url()


@pytest.fixture
def postgres_url(postgres_admin: str | None) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if postgres_admin is None:
        pytest.skip(
            "PostgreSQL not reachable (set TEST_POSTGRES_URL or run a server on 127.0.0.1:5432)"
        )
    name = f"ow_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_admin, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(postgres_admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Storage tests run against both backends (PostgreSQL skipped, saying why, if absent)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


# --- settings and the app ----------------------------------------------------------------


def settings_for_test(tmp_path: Path, **values: Any) -> Settings:
    """Settings for a test: its own database and outbox, no built-in sources, no delays."""
    values.setdefault("database_url", f"sqlite:///{tmp_path / 'ofsted-watch.db'}")
    values.setdefault("outbox_dir", tmp_path / "outbox")
    values.setdefault("builtin_sources", False)
    crawl = {
        "download_delay_seconds": 0,
        "autothrottle": False,
        "crawl_timeout_seconds": 120,
        **values.pop("crawl", {}),
    }
    return Settings.isolated(crawl=crawl, **values)


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., App]]:
    apps: list[App] = []

    def make(**values: Any) -> App:
        app = App.create(settings_for_test(tmp_path, **values))
        app.init_database()
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.close()


# --- loopback web site and SMTP server -------------------------------------------------------


@pytest.fixture
def site() -> Iterator[LoopbackSite]:
    with LoopbackSite() as running:
        yield running


@dataclass
class Mailbox:
    """What reached the loopback SMTP server."""

    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)
    refuse: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "451 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def subjects(self) -> list[str]:
        return [str(m["Subject"]) for _, _, m in self.messages]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    """aiosmtpd on loopback; yields the mailbox and the port."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()
