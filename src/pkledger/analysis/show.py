"""`pkledger show ID`: one record with its history, its links and its sources."""

from __future__ import annotations

from dataclasses import dataclass, field

from pkledger.errors import PkledgerError
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.models.pledge import split_response
from pkledger.ledger.entry import Entry, Ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean


@dataclass
class RecordView:
    """A record and what the ledger knows around it."""

    kind: str
    record: Record
    problems: list[Problem]
    answers: list[CapabilityGap] = field(default_factory=list)
    answered_by: list[Pledge] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    children: list[Conference] = field(default_factory=list)


def find_entry(ledger: Ledger, record_id: str) -> Entry:
    """The entry whose record has this id (case is ignored)."""
    wanted = record_id.casefold()
    for entry in ledger.entries:
        declared = entry.declared_id
        if declared is not None and declared.casefold() == wanted:
            if entry.record is None:
                raise PkledgerError(
                    f"{entry.display} has errors, so {declared} cannot be shown",
                    hint=f"run `pkledger validate {entry.display}`",
                )
            return entry
    known = [entry.declared_id for entry in ledger.entries if entry.declared_id]
    raise PkledgerError(f"no record with id '{record_id}' in the ledger", hint=did_you_mean(record_id, known))


def describe(ledger: Ledger, record_id: str) -> RecordView:
    """Build the view of one record."""
    entry = find_entry(ledger, record_id)
    record = entry.record
    assert isinstance(record, Record)
    view = RecordView(kind=entry.kind, record=record, problems=list(entry.problems()))
    if isinstance(record, Pledge):
        gaps = ledger.gaps
        answered = dict.fromkeys(split_response(entry)[0] for entry in record.responds_to)
        view.answers = [gaps[gap_id] for gap_id in answered if gap_id in gaps]
    elif isinstance(record, CapabilityGap):
        view.answered_by = [
            p
            for p in ledger.pledges.values()
            if record.id in {split_response(entry)[0] for entry in p.responds_to}
        ]
    elif isinstance(record, Conference):
        view.pledges = [p for p in ledger.pledges.values() if p.conference == record.id]
        view.children = sorted(
            (c for c in ledger.conferences.values() if c.parent == record.id),
            key=lambda c: c.start_date.sort_key(),
        )
    return view
