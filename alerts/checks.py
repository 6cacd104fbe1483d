"""The user's own templates, checked once at start rather than by the first email.

A template in `templates_dir` that does not compile, or fails when it renders
(an attribute that does not exist, a filter misused), would otherwise make every
crawl fail without naming the file. Each one is compiled, then every kind of email
is rendered from sample values, and the first problem is a configuration error
naming the file and line.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import Environment, TemplateError, TemplateSyntaxError

from alerts.compose import build_message, environment
from alerts.digests import Digest, NewsItem, Update
from alerts.events import Coverage, InspectionEvent
from config.errors import ConfigError
from config.settings import Settings

SAMPLE_TIME = datetime(2026, 11, 19, 12, 0, tzinfo=UTC)


def sample_event() -> InspectionEvent:
    return InspectionEvent(
        inspection_id=1,
        council="Stockton-on-Tees",
        gss_code="E06000004",
        ons_region="North East",
        ofsted_region="North East, Yorkshire and the Humber",
        inspection_type="ilacs",
        judgement="good",
        previous_judgement="requires_improvement",
        direction="improved",
        grades={"impact_of_leaders": "good", "care_leavers": "requires_improvement"},
        published_on=date(2026, 11, 18),
        inspection_start=date(2026, 10, 5),
        inspection_end=date(2026, 10, 16),
        report_url="https://reports.ofsted.gov.uk/provider/44/80563",
        first_seen_via="news",
        first_seen_at=SAMPLE_TIME,
        evidence="Ofsted judged the council's services for children to be good overall.",
        coverage=[Coverage(1, "Services rated good", "https://news.example.org/a", SAMPLE_TIME)],
    )


def _samples() -> list[tuple[str, dict[str, Any], bool]]:
    """(template, context, with an HTML part) for every kind of email we send."""
    event = sample_event()
    earlier = dataclasses.replace(event, judgement=None, grades={})
    digest = Digest(1, "reader@example.org", "daily", "token", SAMPLE_TIME, SAMPLE_TIME, "T", True)
    digest.events = [event]
    digest.updates = [Update(event, earlier)]
    digest.news = [NewsItem(2, "Other news", "https://news.example.org/b", None, ("Camden",))]
    return [
        ("alert", {"event": event, "earlier": None}, True),
        ("alert", {"event": event, "earlier": earlier}, True),
        ("digest", {"digest": digest}, True),
        ("admin", {"headline": "A source is failing", "lines": ["Source: x"]}, False),
    ]


def _where(folder: Path, tb: TracebackType | None, fallback: str) -> str:
    """The user's template file and line the error was raised in (Jinja2 puts template
    lines into the traceback), or the template being rendered."""
    found = fallback
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if Path(name).parent == folder:
            found = f"{name}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return found


def _compile_all(env: Environment, folder: Path) -> None:
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".html"):
            continue
        try:
            env.get_template(path.name)
        except TemplateSyntaxError as exc:
            raise ConfigError(f"template {path}, line {exc.lineno}: {exc.message}") from None
        except (TemplateError, UnicodeDecodeError) as exc:
            raise ConfigError(f"template {path}: {exc}") from None


def check_templates(settings: Settings) -> None:
    """Raise ConfigError naming the file when a user template is broken."""
    if settings.templates_dir is None:
        return
    folder = settings.templates_dir.resolve()
    if not folder.is_dir():
        raise ConfigError(f"templates_dir: {settings.templates_dir} is not a folder")
    env = environment(settings.model_copy(update={"templates_dir": folder}))
    _compile_all(env, folder)
    for template, context, html in _samples():
        try:
            build_message(
                env,
                settings,
                template,
                "reader@example.org",
                "Sample",
                "check",
                context,
                SAMPLE_TIME,
                "token",
                html=html,
            )
        except Exception as exc:
            where = _where(folder, exc.__traceback__, f"{folder / template}.txt")
            raise ConfigError(f"template {where}: {type(exc).__name__}: {exc}") from None
