"""The words the renderings of `pkledger diff` share: the headline, coverage and values."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pkledger.analysis.diff import Coverage, LedgerDiff
    from pkledger.problems import Problem

VALUE_WIDTH = 100


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 gap', '2 gaps'."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def headline(diff: LedgerDiff) -> str:
    """One line: what the change does to records, problems and gap coverage."""
    counts = asdict(diff.summary())
    text = f"{_records_phrase(counts)}; {_problems_phrase(counts)}; {_coverage_phrase(counts)}."
    return text[0].upper() + text[1:]


def _counted_list(noun: str, parts: list[tuple[int, str]]) -> str:
    """'2 records added, 1 removed': the noun after the first number only."""
    (number, what), rest = parts[0], parts[1:]
    return ", ".join([f"{count(number, noun)} {what}", *(f"{n} {w}" for n, w in rest)])


def _problems_phrase(counts: dict[str, int]) -> str:
    parts = [(counts["problems_introduced"], "introduced"), (counts["problems_fixed"], "fixed")]
    parts = [(number, what) for number, what in parts if number]
    return _counted_list("problem", parts) if parts else "no new problems"


def _records_phrase(counts: dict[str, int]) -> str:
    parts = [(counts[f"records_{what}"], what) for what in ("added", "removed", "changed")]
    parts = [(number, what) for number, what in parts if number]
    return _counted_list("record", parts) if parts else "no record changed"


def _coverage_phrase(counts: dict[str, int]) -> str:
    parts = []
    if counts["gaps_filled"]:
        parts.append(f"{count(counts['gaps_filled'], 'gap')} filled")
    better = counts["gaps_more_covered"] - counts["gaps_filled"]
    if better:
        parts.append(f"{count(better, 'gap')} better covered")
    if counts["gaps_less_covered"]:
        parts.append(f"{count(counts['gaps_less_covered'], 'gap')} less covered")
    return ", ".join(parts) if parts else "gap coverage unchanged"


def coverage_text(coverage: Coverage | None) -> str:
    """'1 of 2 units (1 announced)', or '-' where the gap is absent."""
    if coverage is None:
        return "-"
    from pkledger.format.quantities import Amount
    from pkledger.output.quantities import quantity_text

    announced = f" ({coverage.announced} announced)" if coverage.announced else ""
    if not coverage.published:
        return f"{coverage.covered}{announced}, quantity not published"
    required = quantity_text(Amount(coverage.required, coverage.measure, coverage.qualifier))
    return f"{coverage.covered} of {required}{announced}"


def shortfall_text(coverage: Coverage | None) -> str:
    """The shortfall, or '-' where the gap is absent or its quantity not published."""
    return f"{coverage.shortfall:,}" if coverage is not None and coverage.published else "-"


def value_text(value: Any) -> str:
    """A field's value on one line, cut short when long; '(absent)' for no value."""
    if value is None:
        return "(absent)"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def problem_location(problem: Problem) -> str:
    return ":".join(str(part) for part in (problem.file, problem.line, problem.column) if part is not None)
