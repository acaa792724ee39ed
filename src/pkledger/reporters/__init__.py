"""Reporters: one interface, chosen by --format from a registry."""

from __future__ import annotations

from typing import Protocol, TextIO

from pkledger.validate import ValidationResult


class Reporter(Protocol):
    """Writes a validation result to a stream."""

    def report(self, result: ValidationResult, stream: TextIO) -> None: ...


def get_reporter(name: str) -> Reporter:
    """The reporter registered under a --format name."""
    if name == "json":
        from pkledger.reporters.json import JsonReporter

        return JsonReporter()
    if name == "sarif":
        from pkledger.reporters.sarif import SarifReporter

        return SarifReporter()
    if name == "github":
        from pkledger.reporters.github import GithubReporter

        return GithubReporter()
    from pkledger.reporters.text import TextReporter

    return TextReporter()


FORMATS = ("text", "json", "github", "sarif")
