"""What `pkledger brief` checks before it builds a pack, so that no pack misleads: the record files
left out for their errors, and the pack's date when none is given."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pkledger.analysis.brief import AsOfBasis, Brief, build_brief, find_conference
from pkledger.format.models import Conference
from pkledger.ledger.entry import Ledger


def default_as_of(conference: Conference, today: date) -> tuple[date, AsOfBasis]:
    """The conference's last day when it is past, else today."""
    last = conference.end_date.last_day
    return (last, "last-day") if last < today else (today, "today")


def left_out_files(ledger: Ledger) -> list[tuple[str, str]]:
    """The record files with errors, and why (their error messages), in the ledger's order."""
    return [
        (
            entry.display,
            "; ".join(f"{p.path}: {p.message}".lstrip(": ") for p in entry.problems() if p.is_error),
        )
        for entry in ledger.entries
        if entry.file.is_record and entry.record is None
    ]


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
