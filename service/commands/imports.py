"""`ofsted-watch import-outcomes FILE`: a new install learns every council's judgements.

The official "Local authority inspection outcomes" spreadsheet lists each council's
latest ILACS judgements, the year's visits and every ILACS inspection since 2018. Loaded
as history (never alerting anyone), it lets the first alert about a council say what
came before ("previously: Requires improvement"). One transaction: a failure part-way
leaves the database as it was, and importing the same file again adds nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from crawler.extract.outcomes_ods import OutcomeRecord, OutcomesFileError, read_outcomes
from service.app import App, utcnow
from service.commands.common import command, console, pass_app
from storage import inspections

OUTCOMES = ("added", "completed", "unchanged", "skipped")


def _import(app: App, records: list[OutcomeRecord], err: Console) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    skipped: list[str] = []
    now = utcnow()
    progress = Progress(
        TextColumn("[bold]importing"), BarColumn(), MofNCompleteColumn(), console=err
    )
    with progress, app.database.sessions.begin() as session:
        task = progress.add_task("import", total=len(records))
        for record in records:
            la = app.gazetteer.by_gss(record.gss_code or "") or app.gazetteer.by_name(
                record.local_authority
            )
            outcome = None
            if la is not None:
                outcome = inspections.record_outcome(session, la.gss_code, record, now)
            if outcome is None:
                why = "not one of the 153 councils" if la is None else "no type or date"
                skipped.append(f"{record.sheet} row {record.row}: {record.local_authority}, {why}")
            counts[outcome or "skipped"] += 1
            progress.advance(task)
    return counts, skipped


@command("import-outcomes")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_app
def import_outcomes_command(app: App, file: Path) -> None:
    """Load Ofsted's official 'Local authority inspection outcomes' spreadsheet (ODS) as
    history: every council's judgements are known from day one, and nobody is alerted."""
    err = Console(stderr=True)
    try:
        with err.status(f"reading {escape(file.name)} ..."):
            outcomes = read_outcomes(file)
    except OutcomesFileError as exc:
        raise click.BadParameter(str(exc), param_hint="FILE") from exc
    app.init_database()
    records = outcomes.inspections()
    counts, skipped = _import(app, records, err)
    councils = {r.gss_code for r in outcomes.current if app.gazetteer.by_gss(r.gss_code or "")}
    table = Table(title=f"{escape(file.name)}: {len(records)} inspections and visits")
    for name in OUTCOMES:
        table.add_column(name, justify="right")
    table.add_row(*(str(counts[name]) for name in OUTCOMES))
    out = console()
    out.print(table)
    out.print(
        f"Latest ILACS judgements known for {len(councils)} of {len(app.gazetteer)} councils. "
        "Imported outcomes are history: they never alert anyone."
    )
    for line in skipped[:10]:
        out.print(f"  [dim]skipped {escape(line)}[/dim]")  # council names as written
    if len(skipped) > 10:
        out.print(f"  [dim]... and {len(skipped) - 10} more skipped[/dim]")
