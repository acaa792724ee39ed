"""What `pkledger brief` checks before it builds a pack, so that no pack misleads: the record files
left out for their errors, and the pack's date when none is given."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from pkledger.analysis.brief import AsOfBasis, Brief, build_brief, find_conference
from pkledger.format.models import Conference
from pkledger.ledger.entry import Ledger
from pkledger.problems import Problem

Adjust = Callable[[Iterable[Problem]], list[Problem]]
"""The settings' severity overrides (pkledger.ledger.config.Config.adjust), as `validate` applies them."""


def default_as_of(conference: Conference, today: date) -> tuple[date, AsOfBasis]:
    """The conference's last day when it is past, else today."""
    last = conference.end_date.last_day
    return (last, "last-day") if last < today else (today, "today")


def left_out_files(ledger: Ledger, adjust: Adjust = list) -> list[tuple[str, str]]:
    """The record files with errors, and why (their error messages), in the ledger's order: a file
    that cannot be read, and a record that breaks a rule of its own or across files, as `validate`
    reports it with the same settings (``adjust``). A pack leaves all of them out or is refused."""
    left_out = []
    for entry in ledger.entries:
        errors = [problem for problem in adjust(entry.problems()) if problem.is_error]
        if entry.file.is_record and errors:
            left_out.append((entry.display, "; ".join(f"{p.path}: {p.message}".lstrip(": ") for p in errors)))
    return left_out


def without_files(ledger: Ledger, left_out: Sequence[tuple[str, str]]) -> Ledger:
    """The ledger without the record files ``left_out`` names: what an --allow-invalid pack shows."""
    names = {name for name, _ in left_out}
    return dataclasses.replace(ledger, entries=tuple(e for e in ledger.entries if e.display not in names))


def prepare_brief(
    ledger: Ledger,
    conference_id: str,
    as_of: date | None,
    ledger_version: str,
    *,
    today: date,
    left_out: Sequence[tuple[str, str]] = (),
) -> Brief:
    """The pack as `pkledger brief` writes it: the records ``left_out`` named (left_out_files),
    and the date asked for, else the default (default_as_of)."""
    conference = find_conference(ledger, conference_id)
    when, basis = default_as_of(conference, today) if as_of is None else (as_of, "given")
    return build_brief(ledger, conference_id, when, ledger_version, as_of_basis=basis, left_out=left_out)
