"""`pkledger migrate`: rewrite a version 1 ledger in format 2."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pkledger.cli.common import LedgerOption
from pkledger.cli.run import config, run


def migrate(
    ledger: LedgerOption = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list what would change, and fail if anything would."),
    ] = False,
) -> None:
    """Rewrite a version 1 ledger in format 2, keeping every value, comment and key order.

    Writes ledger.yaml, moves each pledge's capability fields into one offer and gives each gap its
    basis; each file is written atomically. Running it again changes nothing.
    """

    def action() -> int:
        from pkledger.analysis.migrate import apply, plan_migration
        from pkledger.output.migrate import render_text

        plan = plan_migration(ledger or config().ledger)
        if not check:
            apply(plan)
        render_text(plan, sys.stdout, check=check)
        return 1 if check and plan.changed else 0

    run(action)
