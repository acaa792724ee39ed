"""The record models of the ledger format, version 1 (pkledger.format.kinds names their folders)."""

from __future__ import annotations

from pkledger.format.models.base import Record, Source
from pkledger.format.models.conference import Conference
from pkledger.format.models.gap import CapabilityGap
from pkledger.format.models.pledge import Pledge

__all__ = ["CapabilityGap", "Conference", "Pledge", "Record", "Source"]
