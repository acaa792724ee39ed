"""The command line: Typer options in, one core call, a reporter, an exit code out.

Heavy modules (pydantic models, reference data) are imported inside the commands so that
`pkledger --version` and `--help` start fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

import typer

from pkledger import __version__
from pkledger.errors import PkledgerError

EXIT_CODES = """Exit codes: 0 clean; 1 problems found (or warnings with --strict), or a user error;
2 usage error; 3 internal error (please report it); 130 interrupted."""

app = typer.Typer(
    name="pkledger",
    help="A pledge ledger for UN peacekeeping ministerials, over flat YAML files in git.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}

ValidateFormat = Literal["text", "json", "github"]
REPORT_URL = "https://github.com/pkledger/pkledger/issues"


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
) -> None:
    """A pledge ledger for UN peacekeeping ministerials, over flat YAML files in git."""
    _state["debug"] = debug or os.environ.get("PKLEDGER_DEBUG") == "1"


def _run(action: Callable[[], int]) -> None:
    """Run a command body; turn every outcome into a message and an exit code, in one place."""
    try:
        code = action()
    except PkledgerError as error:
        typer.echo(f"pkledger: error: {error.message}", err=True)
        if error.hint:
            typer.echo(f"  hint: {error.hint}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("pkledger: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as error:  # noqa: BLE001 - the one place that catches everything
        if _state["debug"]:
            traceback.print_exc()
        typer.echo(f"pkledger: internal error: {type(error).__name__}: {error}", err=True)
        typer.echo(
            f"This is a bug in pkledger {__version__}; please report it at {REPORT_URL} "
            "with the command you ran" + ("." if _state["debug"] else " and the output of --debug."),
            err=True,
        )
        raise typer.Exit(3) from None
    raise typer.Exit(code)


def _default_format() -> ValidateFormat:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Ledger folders or record files (default: data). Files are checked against "
            "the whole ledger they belong to.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text (default), json, or github (default when GITHUB_ACTIONS is set).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
) -> None:
    """Check ledger files against the ledger format and the rules across files."""

    def action() -> int:
        from pkledger.reporters import get_reporter
        from pkledger.validate import validate as run_validation

        result = run_validation(paths or [Path("data")])
        get_reporter(output_format or _default_format()).report(result, sys.stdout)
        return 1 if result.failed(strict=strict) else 0

    _run(action)


@app.command()
def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the JSON Schemas to.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; fail if the files in --out are not up to date."),
    ] = False,
) -> None:
    """Write JSON Schemas (draft 2020-12) of the three record kinds, for editors and other tools."""

    def action() -> int:
        from pkledger.schema import write_schemas

        changed = write_schemas(out, check=check)
        for path in changed:
            verb = "out of date" if check else "wrote"
            typer.echo(f"{verb}: {path.as_posix()}", err=True)
        if not changed:
            typer.echo(f"{out.as_posix()}: schemas are up to date", err=True)
        return 1 if check and changed else 0

    _run(action)


@app.command()
def diagnostics(
    output_format: Annotated[
        Literal["text", "markdown", "json"],
        typer.Option("--format", "-f", help="text, markdown (docs/diagnostics.md) or json."),
    ] = "text",
) -> None:
    """List every diagnostic code with its severity and guidance."""

    def action() -> int:
        from pkledger.docs import render_diagnostics

        typer.echo(render_diagnostics(output_format), nl=False)
        return 0

    _run(action)


@app.command()
def reference(
    output_format: Annotated[
        Literal["markdown"],
        typer.Option("--format", "-f", help="markdown (docs/reference-data.md)."),
    ] = "markdown",
) -> None:
    """Print the reference data: missions, capabilities, taxonomies, gender targets and states."""

    def action() -> int:
        from pkledger.docs import render_reference_markdown

        typer.echo(render_reference_markdown(), nl=False)
        return 0

    _run(action)


def main() -> None:
    """Console-script entry point."""
    app()
