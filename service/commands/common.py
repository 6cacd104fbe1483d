"""What every command shares: --config/--debug in either position, --format, the App."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from config.gazetteer import OFSTED_REGIONS, ONS_REGIONS, LocalAuthority, normalise_region
from config.settings import Settings, load_settings
from service.app import App
from service.logs import setup_logging
from service.output import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class CliState:
    config_path: Path | None = None
    debug: bool = False
    _app: App | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def app(self) -> App:
        """Settings are loaded once, on first use, so `--help` works with a broken config."""
        if self._app is None:
            settings = load_settings(self.config_path)
            setup_logging(settings, self.debug)
            self._app = App.create(settings)
        return self._app


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    state = ctx.ensure_object(CliState)
    if param.name == "config" and value is not None:
        state.config_path = Path(value)
    if param.name == "debug" and value:
        state.debug = True
    return value


def common_options(func: F) -> F:
    """--config and --debug, recorded in the shared state wherever they appear."""
    func = click.option(
        "--config",
        type=click.Path(dir_okay=False),
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Configuration file (default: ./ofsted-watch.toml if present).",
    )(func)
    func = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=_remember,
        is_eager=True,
        help="Verbose logs and full tracebacks.",
    )(func)
    return func


def format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format; json is one JSON array.",
    )(func)


def pass_app(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give the command the App (settings, database, gazetteer), created once."""

    @click.pass_context
    @functools.wraps(func)
    def wrapper(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
        return ctx.invoke(func, ctx.ensure_object(CliState).app, *args, **kwargs)

    return wrapper


def command(name: str | None = None, **kwargs: Any) -> Callable[[F], click.Command]:
    """click.command with the common options attached."""

    def decorate(func: F) -> click.Command:
        return click.command(name, **kwargs)(common_options(func))

    return decorate


def console() -> Console:
    return Console(soft_wrap=False)


def parse_since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            f"not a date (use YYYY-MM-DD): {value!r}", param_hint="--since"
        ) from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed


def since_date(value: str | None) -> date | None:
    parsed = parse_since(value)
    return parsed.date() if parsed else None


def resolve_councils(app: App, name: str) -> list[LocalAuthority]:
    """What a user means by --la NAME: one council, or the successors of a former one.
    Anything else exits 2 saying what was meant instead."""
    gazetteer = app.gazetteer
    found = gazetteer.resolve(name)
    if found is not None:
        return [found]
    successors = gazetteer.successors(name)
    if successors:
        return successors
    candidates = gazetteer.starting_with(name)
    if len(candidates) == 1:
        return candidates
    if candidates:
        names = ", ".join(sorted(la.name for la in candidates))
        raise click.BadParameter(f"{name!r} could be {names}: say which", param_hint="--la")
    raise click.BadParameter(
        f"no English council called {name!r} (give a name such as 'Leeds', a GSS code or an "
        "Ofsted URN)",
        param_hint="--la",
    )


def check_region(value: str) -> str:
    region = normalise_region(value)
    if region is None:
        names = "; ".join(dict.fromkeys((*ONS_REGIONS, *OFSTED_REGIONS)))
        raise click.BadParameter(
            f"unknown region {value!r}; regions: {names}", param_hint="--region"
        )
    return region


def councils_for(app: App, names: Sequence[str], regions: Sequence[str]) -> list[str] | None:
    """GSS codes allowed by --la (any alias, code or URN) and --region; None means no filter.

    Both given: councils that satisfy both. Unknown names exit 2.
    """
    by_name: set[str] | None = None
    by_region: set[str] | None = None
    if names:
        by_name = set()
        for name in names:
            by_name.update(la.gss_code for la in resolve_councils(app, name))
    if regions:
        by_region = set()
        for region in regions:
            check_region(region)
            by_region.update(la.gss_code for la in app.gazetteer.in_region(region))
    if by_name is None and by_region is None:
        return None
    if by_name is not None and by_region is not None:
        return sorted(by_name & by_region)
    return sorted(by_name if by_name is not None else by_region or set())
