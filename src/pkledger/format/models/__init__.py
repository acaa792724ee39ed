"""The record models of the ledger format, version 2 (pkledger.format.kinds names their folders),
and the model of `ledger.yaml`."""

from __future__ import annotations

from pkledger.format.models.base import Estimate, Record, Source
from pkledger.format.models.conference import Conference
from pkledger.format.models.gap import CapabilityGap
from pkledger.format.models.pledge import Offer, Pledge
from pkledger.format.models.settings import LedgerSettings

__all__ = ["CapabilityGap", "Conference", "Estimate", "LedgerSettings", "Offer", "Pledge", "Record", "Source"]
