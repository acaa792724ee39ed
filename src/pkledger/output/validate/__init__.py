"""Reporters: one interface, chosen by --format from a registry."""

from __future__ import annotations

from typing import Protocol, TextIO

from pkledger.analysis.validate import ValidationResult


class Reporter(Protocol):
    """Writes a validation result to a stream."""

    def report(self, result: ValidationResult, stream: TextIO) -> None: ...


def get_reporter(name: str) -> Reporter:
    """The reporter registered under a --format name."""
    if name == "json":
        from pkledger.output.validate.json import JsonReporter

        return JsonReporter()
    if name == "sarif":
        from pkledger.output.validate.sarif import SarifReporter

        return SarifReporter()
    if name == "github":
        from pkledger.output.validate.github import GithubReporter

        return GithubReporter()
    from pkledger.output.validate.text import TextReporter

    return TextReporter()


FORMATS = ("text", "json", "github", "sarif")
