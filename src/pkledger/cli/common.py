"""What the commands share: the --ledger option, opening the ledger, and --format choices."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from pkledger.cli.run import config, say

if TYPE_CHECKING:
    from pkledger.ledger.entry import Ledger

LedgerOption = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        "-l",
        help="The ledger folder (conferences/, pledges/, gaps/); default: the configured ledger, else data.",
        show_default=False,
    ),
]
LEFT_OUT_SHOWN = 5


def choice(names: Iterable[str]) -> Any:
    """A Typer choice of names (a registry's format names), in their order.

    Commands type it as text under TYPE_CHECKING: mypy cannot read a Literal computed at run time.
    """
    return Literal[tuple(names)]


def load(ledger_root: Path | None) -> Ledger:
    """Open the ledger (default: the configured one); say on stderr which files are left out
    because they have errors."""
    from pkledger.ledger.discovery import require_ledger_root
    from pkledger.ledger.opening import open_ledger
    from pkledger.output.escape import terminal

    settings = config()
    root = ledger_root or settings.ledger
    require_ledger_root(root, "pass --ledger with a folder holding conferences/, pledges/ and gaps/")
    ledger = open_ledger(root, ignore=settings.ignores)
    gc.freeze()  # the ledger lives until the command ends: the cycle collector need not walk it again
    left_out = ledger.invalid_files()
    if left_out:
        say(
            f"note: {len(left_out)} file(s) with errors are left out (run `pkledger validate`): "
            + ", ".join(terminal(name) for name in left_out[:LEFT_OUT_SHOWN])
            + (" ..." if len(left_out) > LEFT_OUT_SHOWN else "")
        )
    return ledger
