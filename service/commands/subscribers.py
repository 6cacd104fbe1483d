"""Who is told what: subscribe, unsubscribe, subscribers."""

from __future__ import annotations

import click

from alerts.compose import mailbox
from config.vocabulary import InspectionType, Judgement
from service.app import App, utcnow
from service.commands.common import (
    check_region,
    command,
    console,
    format_option,
    pass_app,
    resolve_councils,
)
from service.output import render
from storage import deliveries, subscriptions

MODES = ("immediate", "daily", "weekly")


def _regions(values: tuple[str, ...]) -> list[str]:
    return [check_region(value) for value in values]


def _councils(app: App, names: tuple[str, ...]) -> list[str]:
    return sorted({la.gss_code for name in names for la in resolve_councils(app, name)})


def _address(email: str) -> str:
    try:
        address = mailbox(email).lower()
    except ValueError:
        address = ""
    if "." not in address.rpartition("@")[2]:
        raise click.BadParameter(f"not an email address: {email!r}", param_hint="EMAIL")
    return address


def _describe(app: App, row: subscriptions.SubscriptionRow) -> str:
    places = [*row.regions, *(_name(app, code) for code in row.local_authorities)]
    parts = [f"about {', '.join(places)}" if places else "about every council"]
    if row.inspection_types:
        parts.append(f"inspection types {', '.join(row.inspection_types)}")
    if row.judgements:
        parts.append(f"judgements {', '.join(row.judgements)}")
    if row.mode != "immediate":
        parts.append("with other news" if row.include_news else "without other news")
    return "; ".join(parts)


def _name(app: App, code: str) -> str:
    la = app.gazetteer.by_gss(code)
    return la.display_name if la else code


@command("subscribe")
@click.argument("email")
@click.option("--mode", type=click.Choice(MODES), default="immediate", show_default=True)
@click.option(
    "--region", "regions", multiple=True, metavar="R", help="ONS or Ofsted region (repeatable)."
)
@click.option(
    "--la",
    "names",
    multiple=True,
    metavar="NAME",
    help="Council: any name, GSS code or Ofsted URN (repeatable). Adds to --region.",
)
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice([t.value for t in InspectionType]),
    help="Only these inspection types (repeatable).",
)
@click.option(
    "--judgement",
    "judgements",
    multiple=True,
    type=click.Choice([j.value for j in Judgement]),
    help="Only these outcomes, e.g. inadequate (repeatable).",
)
@click.option(
    "--news/--no-news",
    default=True,
    show_default=True,
    help="Digests list relevant news not tied to a new judgement.",
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
    """Add a subscription, or replace the filters of an existing one.

    Regions and councils add up (--region London --la Kent: London's councils and
    Kent); --type and --judgement then narrow what they produce.
    """
    address = _address(email)
    wanted_regions, codes = _regions(regions), _councils(app, names)
    app.init_database()
    with app.database.sessions.begin() as session:
        row, created = subscriptions.upsert(
            session,
            address,
            mode,
            utcnow(),
            regions=wanted_regions,
            local_authorities=codes,
            inspection_types=sorted(set(types)),
            judgements=sorted(set(judgements)),
            include_news=news,
        )
        verb = "Subscribed" if created else "Updated"
        click.echo(f"{verb} {row.email} ({row.mode}): {_describe(app, row)}.")


# Tokens issued before they were made hex could begin with "-"; let them through as the argument.
@command("unsubscribe", context_settings={"ignore_unknown_options": True})
@click.argument("who", metavar="EMAIL|TOKEN")
@pass_app
def unsubscribe_command(app: App, who: str) -> None:
    """Stop all emails to EMAIL, or to the subscriber whose emails carry TOKEN (the code in
    their List-Unsubscribe header and unsubscribe line)."""
    # The emails ask for a message with the subject "unsubscribe TOKEN": accept it pasted whole.
    who = who.strip()
    if who.lower().startswith("unsubscribe "):
        who = who[len("unsubscribe ") :].strip()
    if not who:
        raise click.UsageError("give the subscriber's email address or unsubscribe code")
    app.init_database()
    with app.database.sessions.begin() as session:
        row = subscriptions.deactivate(session, who)
        if row is None:
            raise click.ClickException(f"{who} has no active subscription.")
        email = row.email
        reason = "cancelled: the subscriber unsubscribed before it was sent"
        cancelled = deliveries.cancel_for_subscription(session, row.id, reason)
    note = f"; {cancelled} email(s) waiting for them cancelled" if cancelled else ""
    click.echo(f"Unsubscribed {email}{note}.")


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
                "councils": [_name(app, code) for code in r.local_authorities],
                "inspection_types": r.inspection_types,
                "judgements": r.judgements,
                "include_news": r.include_news,
                "created_at": r.created_at,
                "last_digest_at": r.last_digest_at,
            }
            for r in subscriptions.everyone(session)
        ]
    columns = ["email", "mode", "active", "regions", "councils", "inspection_types", "judgements"]
    render(rows, fmt, columns, console(), title="subscribers")
