"""The record models of the ledger format, version 1."""

from __future__ import annotations

from pkledger.models.base import Record, Source
from pkledger.models.conference import Conference
from pkledger.models.gap import CapabilityGap
from pkledger.models.pledge import Pledge

RECORD_KINDS: dict[str, type[Record]] = {
    "conferences": Conference,
    "pledges": Pledge,
    "gaps": CapabilityGap,
}
"""The ledger's folders and the record model each holds."""

__all__ = ["RECORD_KINDS", "CapabilityGap", "Conference", "Pledge", "Record", "Source"]
