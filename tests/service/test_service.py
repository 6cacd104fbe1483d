"""`ofsted-watch run`: schedules crawls, delivers, and stops cleanly on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from service.sample_site.news import load_articles, publish
from service.sample_site.server import LoopbackSite
from storage.db import Database
from storage.models import ArticleRow
from tests.conftest import NOW


def wait_for(condition, timeout: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_service_crawls_on_schedule_and_stops_on_sigterm(
    tmp_path: Path, site: LoopbackSite
) -> None:
    publish(site, load_articles(NOW))
    db_url = f"sqlite:///{tmp_path / 'svc.db'}"
    config = tmp_path / "svc.toml"
    config.write_text(
        f"""
database_url = "{db_url}"
outbox_dir = "{tmp_path / "outbox"}"
builtin_sources = false
[crawl]
download_delay_seconds = 0
autothrottle = false
[service]
outbox_interval_seconds = 1
[[sources]]
id = "courier"
kind = "feed"
url = "{site.url("/feed.xml")}"
""",
        encoding="utf-8",
    )
    script = Path(sys.executable).with_name("ofsted-watch")
    service = subprocess.Popen(
        [script, "run", "--config", str(config)], stderr=subprocess.PIPE, text=True
    )
    db = Database(db_url)
    try:

        def articles_stored() -> bool:
            try:
                with db.sessions() as session:
                    return bool(session.scalar(select(func.count()).select_from(ArticleRow)))
            except Exception:
                return False

        assert wait_for(articles_stored), "the service never crawled its source"
        with db.engine.connect() as conn:
            jobs = set(conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars())
        assert {"crawl:courier", "outbox", "heartbeat"} <= jobs
    finally:
        service.send_signal(signal.SIGTERM)
        try:
            code = service.wait(timeout=60)
        except subprocess.TimeoutExpired:
            service.kill()
            raise
        db.dispose()
    stderr = service.stderr.read() if service.stderr else ""
    assert code == 0, stderr
    assert "stopped" in stderr
