"""The command line: Typer options in, one core call, a reporter, an exit code out.

Heavy modules (pydantic models, reference data) are imported inside the commands so that
`pkledger --version` and `--help` start fast.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from pkledger import __version__
from pkledger.errors import PkledgerError

if TYPE_CHECKING:
    from pkledger.analysis.create import Question
    from pkledger.ledger.config import Config
    from pkledger.ledger.entry import Ledger

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

_state = {"debug": False, "cache": True}
_settings: dict[str, Path | None] = {"config": None}

ValidateFormat = Literal["text", "json", "github", "sarif"]
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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file again instead of using .pkledger-cache/ (also PKLEDGER_NO_CACHE=1).",
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
    _state["debug"] = debug or os.environ.get("PKLEDGER_DEBUG") == "1"
    _state["cache"] = not no_cache
    _settings["config"] = config


def _config() -> Config:
    """The settings in force (read when a command needs them, so that errors reach `_run`)."""
    from pkledger.ledger.config import load_config

    return load_config(_settings["config"])


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
    except typer.Abort:
        typer.echo("pkledger: aborted", err=True)
        raise typer.Exit(1) from None
    except BrokenPipeError:
        # The reader went away (`pkledger ... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141) from None
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
            help="Ledger folders or record files (default: the configured ledger, else data). Files "
            "are checked against the whole ledger they belong to.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text (default), json, github (default when GITHUB_ACTIONS is set) "
            "or sarif (SARIF 2.1.0, for code scanning).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Check only the files changed since this git revision (added, modified, renamed, "
            "untracked), against the whole ledger, and what the change broke in other files.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check ledger files against the ledger format and the rules across files."""

    def action() -> int:
        from pkledger.analysis.validate import validate as run_validation
        from pkledger.output.validate import get_reporter

        config = _config()
        if changed_since is not None:
            from pkledger.ledger.revisions import validate_changed

            result = validate_changed(paths or [config.ledger], changed_since, config)
        else:
            result = run_validation(paths or [config.ledger], config, use_cache=_state["cache"])
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
        from pkledger.format.schema import write_schemas

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
        from pkledger.output.docs import render_diagnostics

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
        from pkledger.output.docs import render_reference_markdown

        typer.echo(render_reference_markdown(), nl=False)
        return 0

    _run(action)


ConfiguredLedgerOption = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        "-l",
        help="The ledger folder (conferences/, pledges/, gaps/); default: the configured ledger, else data.",
        show_default=False,
    ),
]
RecordKind = Literal["pledges", "gaps", "conferences"]


def _load(ledger_root: Path | None) -> Ledger:
    """Open the ledger (default: the configured one); say on stderr which files are left out
    because they have errors."""
    from pkledger.ledger.entry import invalid_files, open_ledger

    config = _config()
    ledger = open_ledger(ledger_root or config.ledger, ignore=config.ignores)
    left_out = invalid_files(ledger)
    if left_out:
        typer.echo(
            f"note: {len(left_out)} file(s) with errors are left out (run `pkledger validate`): "
            + ", ".join(left_out[:5])
            + (" ..." if len(left_out) > 5 else ""),
            err=True,
        )
    return ledger


@app.command("list")
def list_records(
    kind: Annotated[RecordKind, typer.Argument(help="pledges, gaps or conferences.")],
    ledger: ConfiguredLedgerOption = None,
    state: Annotated[
        str | None, typer.Option(help="Pledging state, or a conference's host or co-host.")
    ] = None,
    conference: Annotated[
        str | None, typer.Option(help="Conference id; includes its preparatory conferences.")
    ] = None,
    status: Annotated[str | None, typer.Option(help="Status of the pledge or gap.")] = None,
    category: Annotated[str | None, typer.Option(help="Pledge category.")] = None,
    capability: Annotated[str | None, typer.Option(help="Capability code.")] = None,
    mission: Annotated[str | None, typer.Option(help="Mission code.")] = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Announced (pledges), published (gaps) or starting (conferences) on or after this date.",
        ),
    ] = None,
    output_format: Annotated[
        Literal["table", "json", "csv"],
        typer.Option("--format", "-f", help="table (for a terminal), json or csv (for spreadsheets)."),
    ] = "table",
) -> None:
    """List pledges, gaps or conferences, with filters."""

    def action() -> int:
        from pkledger.analysis import query
        from pkledger.output.listing import write_records

        filters = query.Filters(
            state, conference, status, category, capability, mission, since.date() if since else None
        )
        write_records(query.select(kind, _load(ledger), filters), kind, output_format, sys.stdout)
        return 0

    _run(action)


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="Id of a pledge, gap or conference.")],
    ledger: ConfiguredLedgerOption = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="text or json.")
    ] = "text",
) -> None:
    """Show one record: its fields, status history, linked pledges or gaps, and sources."""

    def action() -> int:
        from pkledger.analysis.show import describe

        view = describe(_load(ledger), record_id)
        if output_format == "json":
            json.dump(view.to_json(), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            from pkledger.output.show import render_show

            render_show(view, sys.stdout)
        return 0

    _run(action)


@app.command()
def stats(
    ledger: ConfiguredLedgerOption = None,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="text or json.")
    ] = "text",
) -> None:
    """Pledges by ministerial, category and status; personnel and the women's share against the
    parity target; published outcome figures beside the ledger's own counts."""

    def action() -> int:
        from pkledger.analysis.stats import compute_stats

        figures = compute_stats(_load(ledger))
        if output_format == "json":
            json.dump(figures.to_json(), sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
        else:
            from pkledger.output.stats import render_stats

            render_stats(figures, sys.stdout)
        return 0

    _run(action)


@app.command("match")
def match_command(
    ledger: ConfiguredLedgerOption = None,
    conference: Annotated[
        str | None, typer.Option(help="Only pledges made at this conference or its preparatory conferences.")
    ] = None,
    mission: Annotated[
        str | None, typer.Option(help="Only gaps of this mission (and gaps for ANY mission).")
    ] = None,
    output_format: Annotated[
        Literal["text", "json", "markdown"], typer.Option("--format", "-f", help="text, json or markdown.")
    ] = "text",
) -> None:
    """Match pledges to capability gaps: who can fill what, the optimal allocation, what stays open."""

    def action() -> int:
        from pkledger.analysis.match import match
        from pkledger.output import match as match_report

        loaded = _load(ledger)
        if conference is not None and conference not in loaded.conferences:
            raise PkledgerError(f"no conference with id '{conference}' in the ledger")
        result = match(loaded, conference=conference, mission=mission)
        if output_format == "json":
            match_report.render_json(result, sys.stdout)
        elif output_format == "markdown":
            sys.stdout.write(match_report.render_markdown(result))
        else:
            match_report.render_text(result, sys.stdout)
        for warning in result.link_warnings if output_format != "text" else []:
            typer.echo(f"warning: {warning}", err=True)
        return 0

    _run(action)


@app.command()
def brief(
    conference_id: Annotated[
        str, typer.Argument(metavar="CONFERENCE_ID", help="The conference to brief on.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write <id>.md and <id>.html to.")],
    ledger: ConfiguredLedgerOption = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Show the ledger as it stood on this date (default: today)."),
    ] = None,
) -> None:
    """Write the briefing pack for a conference, as Markdown and as self-contained HTML."""

    def action() -> int:
        from datetime import date

        from pkledger.analysis.brief import build_brief
        from pkledger.output.brief import ledger_version, write_brief

        root = ledger or _config().ledger
        when = as_of.date() if as_of else date.today()
        context = build_brief(_load(root), conference_id, when, ledger_version(root))
        for path in write_brief(context, out):
            typer.echo(f"wrote {path.as_posix()}", err=True)
        return 0

    _run(action)


@app.command("diff")
def diff_command(
    base: Annotated[
        str, typer.Argument(metavar="BASE", help="The git revision to compare with, e.g. origin/main.")
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="The git revision to compare (default: the working tree, uncommitted and untracked "
            "files included).",
            show_default=False,
        ),
    ] = None,
    ledger: ConfiguredLedgerOption = None,
    output_format: Annotated[
        Literal["text", "json", "markdown"],
        typer.Option("--format", "-f", help="text, json or markdown (for a pull-request comment)."),
    ] = "text",
) -> None:
    """What a change does to the ledger: records added, removed and changed (field by field),
    problems introduced and fixed, and each gap's coverage before and after."""

    def action() -> int:
        from pkledger.ledger.revisions import compare
        from pkledger.output import diff as diff_report

        config = _config()
        diff_report.write(compare(ledger or config.ledger, base, head, config), output_format, sys.stdout)
        return 0

    _run(action)


new_app = typer.Typer(
    help="Create a record: asks for each field (with checks as you go), or takes them all as flags.",
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")

NoInput = Annotated[bool, typer.Option("--no-input", help="Never ask; fail if a required flag is missing.")]
IdOption = Annotated[str | None, typer.Option("--id", help="Use this id instead of the next free one.")]
Flag = Annotated[str | None, typer.Option(show_default=False)]


class _Prompter:
    """Asks `new`'s questions on the terminal."""

    def ask(self, question: Question, answers: dict[str, object]) -> str:
        needed = question.required(answers)
        text = question.prompt + (f" [{', '.join(question.choices)}]" if question.choices else "")
        default = question.default if question.default is not None else ("" if not needed else None)
        return str(typer.prompt(text, default=default, show_default=bool(question.default)))

    def refuse(self, message: str) -> None:
        typer.echo(f"  {message}", err=True)


def _create(
    kind: str, given: dict[str, str | None], ledger: Path | None, record_id: str | None, no_input: bool
) -> int:
    from pkledger.analysis.create import collect, prepare, write_new

    loaded = _load(ledger)
    answers = collect(kind, given, None if no_input else _Prompter())
    record = prepare(kind, answers, loaded, record_id)
    write_new(record)
    typer.echo(f"created {record.path.as_posix()}", err=True)
    for problem in record.warnings:
        typer.echo(f"  {problem.severity} {problem.code} {problem.path}: {problem.message}", err=True)
    return 0


@new_app.command("pledge")
def new_pledge(
    ledger: ConfiguredLedgerOption = None,
    member_state: Flag = None,
    conference: Flag = None,
    announced_on: Flag = None,
    announced_by: Flag = None,
    title: Flag = None,
    category: Flag = None,
    capability: Flag = None,
    quantity: Flag = None,
    amount: Flag = None,
    currency: Flag = None,
    timeframe: Flag = None,
    status: Flag = None,
    source_title: Flag = None,
    source_url: Flag = None,
    provenance: Flag = None,
    notes: Flag = None,
    record_id: IdOption = None,
    no_input: NoInput = False,
) -> None:
    """Create a pledge file with the next free id (<conference>-<STATE>-<NNN>)."""
    given = {key: value for key, value in locals().items() if key not in _NOT_FIELDS}
    _run(lambda: _create("pledges", given, ledger, record_id, no_input))


@new_app.command("gap")
def new_gap(
    ledger: ConfiguredLedgerOption = None,
    title: Flag = None,
    capability: Flag = None,
    mission: Flag = None,
    quantity: Flag = None,
    priority: Flag = None,
    required_by: Flag = None,
    paper_title: Flag = None,
    paper_issuer: Flag = None,
    paper_date: Flag = None,
    status: Flag = None,
    source_title: Flag = None,
    source_url: Flag = None,
    provenance: Flag = None,
    notes: Flag = None,
    record_id: IdOption = None,
    no_input: NoInput = False,
) -> None:
    """Create a capability gap file (id: <paper year-month>-<capability>-<mission>)."""
    given = {key: value for key, value in locals().items() if key not in _NOT_FIELDS}
    _run(lambda: _create("gaps", given, ledger, record_id, no_input))


@new_app.command("conference")
def new_conference(
    ledger: ConfiguredLedgerOption = None,
    kind: Flag = None,
    title: Flag = None,
    parent: Flag = None,
    start_date: Flag = None,
    end_date: Flag = None,
    conference_format: Annotated[str | None, typer.Option("--format", show_default=False)] = None,
    city: Flag = None,
    host_country: Flag = None,
    source_title: Flag = None,
    source_url: Flag = None,
    provenance: Flag = None,
    notes: Flag = None,
    record_id: IdOption = None,
    no_input: NoInput = False,
) -> None:
    """Create a conference file (id: <year>-<city>, or <year>-prep-<theme>)."""
    given = {key: value for key, value in locals().items() if key not in _NOT_FIELDS}
    given["format"] = given.pop("conference_format")
    _run(lambda: _create("conferences", given, ledger, record_id, no_input))


_NOT_FIELDS = {"ledger", "record_id", "no_input"}


def main() -> None:
    """Console-script entry point."""
    app()
