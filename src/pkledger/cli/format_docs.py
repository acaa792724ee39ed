"""The commands about the ledger format itself: `schema`, `diagnostics` and `reference`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import choice
from pkledger.cli.run import run, say
from pkledger.output.diagnostics import RENDERERS as DIAGNOSTICS_FORMATS
from pkledger.output.reference import RENDERERS as REFERENCE_FORMATS
from pkledger.output.streams import report_stream

if TYPE_CHECKING:
    DiagnosticsFormat = str
    ReferenceFormat = str
else:
    DiagnosticsFormat = choice(DIAGNOSTICS_FORMATS)
    ReferenceFormat = choice(REFERENCE_FORMATS)


def schema(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the JSON Schemas to.")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; fail if the files in --out are not up to date."),
    ] = False,
) -> None:
    """Write JSON Schemas (draft 2020-12) of ledger.yaml and the three record kinds, for editors and
    other tools."""

    def action() -> int:
        from pkledger.output.schemas import write_schemas

        changed = write_schemas(out, check=check)
        for path in changed:
            verb = "out of date" if check else "wrote"
            say(f"{verb}: {path.as_posix()}")
        if not changed:
            say(f"{out.as_posix()}: schemas are up to date")
        return 1 if check and changed else 0

    run(action)


def diagnostics(
    output_format: Annotated[
        DiagnosticsFormat,
        typer.Option("--format", "-f", help="text, markdown (docs/diagnostics.md) or json."),
    ] = "text",
) -> None:
    """List every diagnostic code with its severity and guidance."""

    def action() -> int:
        from pkledger.format.catalogue import catalogue

        with report_stream() as stream:
            DIAGNOSTICS_FORMATS[output_format](catalogue(), stream)
        return 0

    run(action)


def reference(
    output_format: Annotated[
        ReferenceFormat,
        typer.Option("--format", "-f", help="markdown (docs/reference-data.md)."),
    ] = "markdown",
) -> None:
    """Print the reference data: missions, capabilities, taxonomies, gender targets and states."""

    def action() -> int:
        from pkledger.format.reference import reference as reference_data

        with report_stream() as stream:
            REFERENCE_FORMATS[output_format](reference_data(), stream)
        return 0

    run(action)
