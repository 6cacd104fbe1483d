"""The `ofsted-watch` command line (DESIGN.md §3).

`--config` and `--debug` are accepted before the command name and after it.
Exit status: 0 success, 1 runtime failure, 2 bad usage or bad configuration.
"""

from __future__ import annotations

import sys
import traceback

import click

from config.errors import ConfigError, OfstedWatchError
from service.commands import COMMANDS
from service.commands.common import CliState, common_options


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@common_options
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Watch Ofsted and the regional press for judgements on English councils'
    children's services, and email people when a new one appears."""
    ctx.ensure_object(CliState)


for command in COMMANDS:
    cli.add_command(command)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        result = cli.main(args=args, prog_name="ofsted-watch", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except ConfigError as exc:
        click.echo(f"ofsted-watch: {exc}", err=True)
        return 2
    except (OfstedWatchError, OSError, Exception) as exc:
        if debug:
            traceback.print_exc()
        # SQLAlchemy appends a "(Background on this error at: ...)" line: keep the first.
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        click.echo(f"ofsted-watch: error: {message}", err=True)
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
