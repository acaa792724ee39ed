"""The record models of the ledger format, version 1."""

from __future__ import annotations

from pkledger.format.models.base import Record, Source
from pkledger.format.models.conference import Conference
from pkledger.format.models.gap import CapabilityGap
from pkledger.format.models.pledge import Pledge

RECORD_KINDS: dict[str, type[Record]] = {
    "conferences": Conference,
    "pledges": Pledge,
    "gaps": CapabilityGap,
}
"""The ledger's folders and the record model each holds."""

__all__ = ["RECORD_KINDS", "CapabilityGap", "Conference", "Pledge", "Record", "Source"]
