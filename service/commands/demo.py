"""`ofsted-watch demo`: show the whole pipeline working, offline, in a few seconds."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from service.commands.common import command
from service.commands.running import summary_table
from service.demo import DEMO_SUBSCRIBER, run_demo
from service.output import render
from service.views import article_view, judgement_view
from storage import queries


@command("demo")
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("var"),
    show_default=True,
    help="Where the demo database and outbox go.",
)
def demo_command(workdir: Path) -> None:
    """A complete offline run against a bundled sample site served on loopback."""
    out = Console()
    out.print(
        "[bold]ofsted-watch demo[/bold]: a sample news site and a copy of Ofsted's reports "
        "site on loopback, one crawl, alerts."
    )
    with out.status("crawling the sample site ..."):
        run = run_demo(workdir)
    app = run.app
    out.print(
        f"Sample site served at {run.site_url}; subscriber: {DEMO_SUBSCRIBER} (immediate).",
        markup=False,
    )
    out.print(summary_table(run.summary))
    with app.database.sessions() as session:
        stored = queries.articles(session, relevant_only=False)
        articles = [article_view(a, app.gazetteer) for a in stored]
        judgements = [judgement_view(i) for i in queries.inspections(session)]
    for view in articles:
        view["councils"] = [la["name"] for la in view["local_authorities"]]
        view["verdict"] = "relevant" if view["relevant"] else "not relevant"
    render(
        articles,
        "table",
        ["verdict", "councils", "inspection_type", "judgement", "title"],
        out,
        "articles classified",
    )
    for view in judgements:
        told = ["Ofsted report"] if view["report_url"] else []
        told += [f"{len(view['articles'])} article(s)"] if view["articles"] else []
        view["from"] = " + ".join(told)
    render(
        judgements,
        "table",
        [
            *("display_name", "inspection_type", "judgement"),
            *("previous_judgement", "published_on", "from"),
        ],
        out,
        "judgements stored (a story and Ofsted's report of it make one)",
    )
    outbox = escape(str(app.settings.outbox_dir))
    out.print(f"[bold]{len(run.emails)} email(s)[/bold] written to {outbox}/:")
    for path in run.emails:
        subject = message_from_bytes(path.read_bytes(), policy=policy.default)["Subject"]
        out.print(f"  {escape(str(path))}  [dim]{escape(str(subject))}[/dim]")
    out.print(
        f"Database: {workdir / 'demo.db'}. To look around it:\n"
        f"  OFSTED_WATCH_DATABASE_URL=sqlite:///{workdir / 'demo.db'} ofsted-watch judgements",
        markup=False,
    )
    app.close()
