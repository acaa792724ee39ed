"""The Typer app: the root options, and each command registered from its module."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from pkledger import __version__
from pkledger.cli import brief, diff, format_docs, match, migrate, new, records, sheets, update, validate
from pkledger.cli.run import OPTIONS

EXIT_CODES = """Exit codes: 0 clean; 1 problems found (or warnings with --strict), or a user error;
2 usage error; 3 internal error (please report it); 130 interrupted."""

app = typer.Typer(
    name="pkledger",
    help="A pledge ledger for UN peacekeeping ministerials, over flat YAML files in git.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"pkledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the full traceback of an internal error."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file again instead of using the cache in ~/.cache/pkledger/ (also "
            "PKLEDGER_NO_CACHE=1).",
        ),
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Read the settings from this file (a .pkledger.yaml, or a pyproject.toml with "
            "[tool.pkledger]) instead of the one found from the working folder upward.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """A pledge ledger for UN peacekeeping ministerials, over flat YAML files in git."""
    OPTIONS.debug = debug or os.environ.get("PKLEDGER_DEBUG") == "1"
    OPTIONS.cache = not no_cache
    OPTIONS.config = config


app.command()(validate.validate)
app.command()(format_docs.schema)
app.command()(format_docs.diagnostics)
app.command()(format_docs.reference)
app.command("list")(records.list_records)
app.command()(records.show)
app.command()(records.stats)
app.command("match")(match.match_command)
app.command()(brief.brief)
app.command("diff")(diff.diff_command)
app.command()(migrate.migrate)
app.command()(update.update)
app.command("import")(sheets.import_command)
app.command()(sheets.export)
app.add_typer(new.app, name="new")


def main() -> None:
    """Console-script entry point."""
    app()
