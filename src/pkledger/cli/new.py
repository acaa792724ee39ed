"""`pkledger new pledge|gap|conference`: create a record by flags or by answering questions.

The commands are made from what `new` asks (pkledger.analysis.asked): one flag per field asked,
named after it, besides --ledger, --id and --no-input.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pkledger.analysis.asked import ASKED, Ask
from pkledger.cli.common import LedgerOption, load
from pkledger.cli.run import config, run, say
from pkledger.errors import PkledgerError
from pkledger.files import AlreadyExists
from pkledger.format.kinds import kind_of
from pkledger.output.streams import notes_stream

if TYPE_CHECKING:
    from pkledger.analysis.questions import Answers, Question

app = typer.Typer(
    help="Create a record: asks for each field (with checks as you go), or takes them all as flags.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
HELP = {
    "pledges": "Create a pledge file with the next free id (<conference>-<STATE>-<NNN>).",
    "gaps": "Create a capability gap file (id: <paper year-month>-<capability>-<mission>).",
    "conferences": "Create a conference file (id: <year>-<city>, or <year>-prep-<theme>).",
}
NoInput = Annotated[bool, typer.Option("--no-input", help="Never ask; fail if a required flag is missing.")]
IdOption = Annotated[str | None, typer.Option("--id", help="Use this id instead of the next free one.")]
Flag = Annotated[str | None, typer.Option(show_default=False)]
ItemFlag = Annotated[
    list[str] | None,
    typer.Option(
        show_default=False,
        help="For each offer: give it once per offer, in order ('' leaves it out for one offer).",
    ),
]
ATTEMPTS = 20
"""Ids tried in turn when other `new` commands write the same series at the same time."""


class _Prompter:
    """Asks `new`'s questions on the terminal."""

    def ask(self, question: Question, answers: Answers) -> str:
        needed = question.required(answers)
        text = question.prompt + (f" [{', '.join(question.choices)}]" if question.choices else "")
        default = question.default if question.default is not None else ("" if not needed else None)
        return str(typer.prompt(text, default=default, show_default=bool(question.default)))

    def refuse(self, message: str) -> None:
        say(f"  {message}")

    def another(self, group: str) -> bool:
        return bool(typer.confirm(f"Another {group.removesuffix('s')}?", default=False))


def _create(
    kind: str,
    given: dict[str, str | list[str] | None],
    ledger: Path | None,
    record_id: str | None,
    no_input: bool,
) -> int:
    from pkledger.analysis.create import collect, prepare
    from pkledger.output.new import report_created, write_record

    loaded = load(ledger)
    answers = collect(kind, given, None if no_input else _Prompter())
    taken: set[str] = set()
    for _ in range(ATTEMPTS):
        record = prepare(kind, answers, loaded, record_id, ignore=config().ignores, taken=taken)
        try:
            write_record(record)
            break
        except AlreadyExists:
            if record_id is not None:  # an id asked for is never changed
                raise
            taken.add(record.path.stem)  # another `new` took it meanwhile: the next free one
    else:
        raise PkledgerError(f"{ATTEMPTS} ids in a row were taken while this record was written")
    with notes_stream() as stream:
        report_created(record, stream)
    return 0


def command(kind: str) -> Callable[..., None]:
    """The `new` command for a kind of record, with a flag for each of its questions."""

    def create(
        ledger: Path | None, record_id: str | None, no_input: bool, **given: str | list[str] | None
    ) -> None:
        run(lambda: _create(kind, given, ledger, record_id, no_input))

    fields = [_parameter(ask.name, _flag(ask)) for ask in ASKED[kind]]
    parameters = [
        _parameter("ledger", LedgerOption),
        *fields,
        _parameter("record_id", IdOption),
        _parameter("no_input", NoInput, default=False),
    ]
    create.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    create.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
    create.__doc__ = HELP[kind]
    return create


def _flag(ask: Ask) -> Any:
    """The flag of a question, with its help (and, for an offer's field, how to give several)."""
    if ask.group:
        each = "Once per offer, in order ('' leaves it out for one offer)."
        return Annotated[
            list[str] | None, typer.Option(show_default=False, help=f"{ask.help} {each}".strip())
        ]
    return Annotated[str | None, typer.Option(show_default=False, help=ask.help or None)]


def _parameter(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)


for _kind in ASKED:
    app.command(kind_of(_kind).label)(command(_kind))
