"""Who is told what: subscribe, unsubscribe, subscribers, digest."""

from __future__ import annotations

import click

from config.gazetteer import normalise_region
from config.vocabulary import InspectionType, Judgement
from service.app import App, utcnow
from service.commands.common import command, console, format_option, not_built, pass_app
from service.output import render
from storage import subscriptions

MODES = ("immediate", "daily", "weekly")


def _regions(values: tuple[str, ...]) -> list[str]:
    out = []
    for value in values:
        region = normalise_region(value)
        if region is None:
            raise click.BadParameter(f"unknown region {value!r}", param_hint="--region")
        out.append(region)
    return out


@command("subscribe")
@click.argument("email")
@click.option("--mode", type=click.Choice(MODES), default="immediate", show_default=True)
@click.option("--region", "regions", multiple=True, metavar="R", help="ONS or Ofsted region.")
@click.option(
    "--la", "names", multiple=True, metavar="NAME", help="Council (any name, code or URN)."
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice([t.value for t in InspectionType]),
    help="Inspection type.",
)
@click.option(
    "--judgement",
    "judgements",
    multiple=True,
    type=click.Choice([j.value for j in Judgement]),
    help="Only these outcomes, e.g. inadequate.",
)
@click.option(
    "--news/--no-news", default=True, help="Digests include news not tied to a judgement."
)
@pass_app
def subscribe_command(
    app: App,
    email: str,
    mode: str,
    regions: tuple[str, ...],
    names: tuple[str, ...],
    types: tuple[str, ...],
    judgements: tuple[str, ...],
    news: bool,
) -> None:
    """Add a subscription, or replace the filters of an existing one."""
    if "@" not in email or email.startswith("@") or email.endswith("@") or " " in email.strip():
        raise click.BadParameter(f"not an email address: {email!r}", param_hint="EMAIL")
    codes = []
    for name in names:
        la = app.gazetteer.resolve(name)
        if la is None:
            raise click.BadParameter(f"no English council called {name!r}", param_hint="--la")
        codes.append(la.gss_code)
    app.init_database()
    with app.database.sessions.begin() as session:
        row, created = subscriptions.upsert(
            session,
            email,
            mode,
            utcnow(),
            regions=_regions(regions),
            local_authorities=codes,
            inspection_types=list(types),
            judgements=list(judgements),
            include_news=news,
        )
        verb = "Subscribed" if created else "Updated"
        click.echo(f"{verb} {row.email} ({row.mode}).")


@command("unsubscribe")
@click.argument("email")
@pass_app
def unsubscribe_command(app: App, email: str) -> None:
    """Stop all emails to EMAIL."""
    app.init_database()
    with app.database.sessions.begin() as session:
        if not subscriptions.deactivate(session, email):
            raise click.ClickException(f"{email} has no active subscription.")
    click.echo(f"Unsubscribed {email.strip().lower()}.")


@command("subscribers")
@format_option
@pass_app
def subscribers_command(app: App, fmt: str) -> None:
    """List subscriptions and their filters."""
    app.init_database()
    with app.database.sessions() as session:
        rows = [
            {
                "email": r.email,
                "mode": r.mode,
                "active": r.active,
                "regions": r.regions,
                "local_authorities": r.local_authorities,
                "inspection_types": r.inspection_types,
                "judgements": r.judgements,
                "include_news": r.include_news,
                "created_at": r.created_at,
                "last_digest_at": r.last_digest_at,
            }
            for r in subscriptions.everyone(session)
        ]
    columns = ["email", "mode", "active", "regions", "local_authorities", "inspection_types"]
    render(rows, fmt, columns, console(), title="subscribers")


@command("digest")
@click.option("--preview", is_flag=True, help="Print each digest instead of sending it.")
@click.option("--send", is_flag=True, help="Send each digest now.")
@click.option(
    "--mode", type=click.Choice(["daily", "weekly"]), help="Only this mode (default: both)."
)
def digest_command(preview: bool, send: bool, mode: str | None) -> None:
    """Build every digest now, each covering what is new since that subscriber's last one."""
    not_built("The digest command", 6)
