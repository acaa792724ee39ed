"""The one place where a command's outcome becomes a message and an exit code; and the options
given before the command (``--debug``, ``--no-cache``, ``--config``)."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from pkledger import __version__
from pkledger.errors import PkledgerError
from pkledger.output.streams import in_github_actions

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


def say(message: str) -> None:
    """A note on standard error: hidden characters and control characters shown as escapes, and
    under GitHub Actions no line of it can start a workflow command."""
    from pkledger.output.escape import terminal, workflow_safe

    text = terminal(message, lines=True)
    if in_github_actions():
        text = "\n".join(workflow_safe(line) for line in text.split("\n"))
    typer.echo(text, err=True)


def run(action: Callable[[], int]) -> None:
    """Run a command body; turn every outcome into a message and an exit code, in one place."""
    try:
        code = action()
    except PkledgerError as error:
        say(f"pkledger: error: {error.message}")
        if error.hint:
            say(f"  hint: {error.hint}")
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        say("pkledger: interrupted")
        raise typer.Exit(130) from None
    except typer.Abort as error:
        if isinstance(error.__context__, KeyboardInterrupt):  # Ctrl-C at a prompt
            say("pkledger: interrupted")
            raise typer.Exit(130) from None
        say("pkledger: aborted")
        raise typer.Exit(1) from None
    except BrokenPipeError:
        # The reader went away outside a report (reports take it quietly, see report_stream).
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as error:  # noqa: BLE001 - the one place that catches everything
        internal_error(error)
        raise typer.Exit(3) from None
    raise typer.Exit(code)


def internal_error(error: Exception) -> None:
    """The message of an error pkledger did not expect: a bug to report (the traceback with --debug)."""
    if OPTIONS.debug:
        traceback.print_exc()
    say(f"pkledger: internal error: {type(error).__name__}: {error}")
    typer.echo(
        f"This is a bug in pkledger {__version__}; please report it at {REPORT_URL} "
        "with the command you ran" + ("." if OPTIONS.debug else " and the output of --debug."),
        err=True,
    )
