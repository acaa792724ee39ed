"""The one place where a command's outcome becomes a message and an exit code; and the options
given before the command (``--debug``, ``--no-cache``, ``--config``)."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pkledger import __version__
from pkledger.errors import PkledgerError

if TYPE_CHECKING:
    from pkledger.ledger.config import Config

REPORT_URL = "https://github.com/pkledger/pkledger/issues"


class GlobalOptions:
    """What the options before the command asked for."""

    def __init__(self) -> None:
        self.debug = False
        self.cache = True
        self.config: Path | None = None


OPTIONS = GlobalOptions()


def config() -> Config:
    """The settings in force (read when a command needs them, so that errors reach ``run``)."""
    from pkledger.ledger.config import load_config

    return load_config(OPTIONS.config)


def run(action: Callable[[], int]) -> None:
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
        _internal_error(error)
        raise typer.Exit(3) from None
    raise typer.Exit(code)


def _internal_error(error: Exception) -> None:
    if OPTIONS.debug:
        traceback.print_exc()
    typer.echo(f"pkledger: internal error: {type(error).__name__}: {error}", err=True)
    typer.echo(
        f"This is a bug in pkledger {__version__}; please report it at {REPORT_URL} "
        "with the command you ran" + ("." if OPTIONS.debug else " and the output of --debug."),
        err=True,
    )
