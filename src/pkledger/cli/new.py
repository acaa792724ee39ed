"""`pkledger new pledge|gap|conference`: create a record by flags or by answering questions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import LedgerOption, load
from pkledger.cli.run import config, run

if TYPE_CHECKING:
    from pkledger.analysis.create import Question

app = typer.Typer(
    help="Create a record: asks for each field (with checks as you go), or takes them all as flags.",
    no_args_is_help=True,
)

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

    loaded = load(ledger)
    answers = collect(kind, given, None if no_input else _Prompter())
    record = prepare(kind, answers, loaded, record_id, ignore=config().ignores)
    write_new(record)
    typer.echo(f"created {record.path.as_posix()}", err=True)
    for problem in record.warnings:
        typer.echo(f"  {problem.severity} {problem.code} {problem.path}: {problem.message}", err=True)
    return 0


@app.command("pledge")
def new_pledge(
    ledger: LedgerOption = None,
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
    run(lambda: _create("pledges", given, ledger, record_id, no_input))


@app.command("gap")
def new_gap(
    ledger: LedgerOption = None,
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
    run(lambda: _create("gaps", given, ledger, record_id, no_input))


@app.command("conference")
def new_conference(
    ledger: LedgerOption = None,
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
    run(lambda: _create("conferences", given, ledger, record_id, no_input))


_NOT_FIELDS = {"ledger", "record_id", "no_input"}
