"""Ledgers built in memory from records, for property tests of the pure core."""

from __future__ import annotations

from pathlib import Path

from pkledger.format.models import CapabilityGap, Pledge, Record
from pkledger.ledger.entry import Entry, Ledger, LedgerFile

SOURCE = [{"title": "Generated for a test"}]


OFFER_KEYS = {"personnel", "pcrs_level", "deployable_within_days", "languages", "note"}


def make_pledge(
    record_id: str, capability: str, quantity: int | dict[str, object], missions: list[str], **fields: object
) -> Pledge:
    """A pledge with one offer; the offer's own fields (personnel, pcrs_level...) may be given too."""
    offer: dict[str, object] = {"capability": capability, "quantity": quantity, "missions": missions}
    offer |= {key: value for key, value in fields.items() if key in OFFER_KEYS}
    return Pledge.model_validate(
        {
            "id": record_id,
            "member_state": "KOR",
            "title": f"{capability} x{quantity}",
            "category": "uniformed_unit",
            "offers": [offer],
            "status": "registered",
            "sources": SOURCE,
            "provenance": "illustrative",
            **{key: value for key, value in fields.items() if key not in OFFER_KEYS},
        }
    )


def make_gap(
    record_id: str,
    capability: str,
    quantity: int | dict[str, object],
    mission: str,
    priority: str,
    **fields: object,
) -> CapabilityGap:
    return CapabilityGap.model_validate(
        {
            **fields,
            "id": record_id,
            "title": f"{capability} for {mission}",
            "capability": capability,
            "mission": mission,
            "quantity": quantity,
            "priority": priority,
            "basis": "un_requirement",
            "source_doc": {"title": "Requirements", "issuer": "DPO", "date": "2021-06-01"},
            "status": "open",
            "sources": SOURCE,
            "provenance": "illustrative",
        }
    )


def in_memory_ledger(pledges: list[Pledge], gaps: list[CapabilityGap]) -> Ledger:
    records: list[tuple[str, Record]] = [("pledges", p) for p in pledges] + [("gaps", g) for g in gaps]
    entries = (
        Entry(LedgerFile(Path(kind) / f"{record.id}.yaml", kind, f"{kind}/{record.id}.yaml"), record=record)
        for kind, record in records
    )
    return Ledger(root=Path(), entries=tuple(entries))
