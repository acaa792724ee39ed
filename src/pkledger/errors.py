"""One exception hierarchy; the CLI turns it into messages and exit codes in one place."""

from __future__ import annotations


class PkledgerError(Exception):
    """An error the user can fix; its message is shown as is. Exit code 1."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(PkledgerError):
    """The command line asks for something impossible. Exit code 2."""

    exit_code = 2


class VersionOneLedger(PkledgerError):
    """A ledger folder in format 1 (no ledger.yaml), which only `pkledger migrate` reads."""

    def __init__(self, shown: str) -> None:
        super().__init__(
            f"{shown}: this is a version 1 ledger (it has no ledger.yaml); pkledger reads format 2",
            hint=f"run `pkledger migrate --ledger {shown}` to rewrite it in format 2, then review and commit",
        )
        self.shown = shown
