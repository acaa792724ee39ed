"""A UN capability requirement: a gap to be filled."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pkledger.format.dates import PartialDate
from pkledger.format.models.base import PcrsLevel, Record, Source, Strict
from pkledger.format.models.codes import CapabilityCode, LanguageCode, MissionCode
from pkledger.format.models.quantity import GapQuantity, Value
from pkledger.format.models.types import LedgerDate, Line, Many, Share, Slug, Text

Priority = Literal["critical", "high", "medium", "low"]
Horizon = Literal["current", "emerging"]
GapStatus = Literal["open", "partially_filled", "filled", "withdrawn"]
Basis = Literal["un_requirement", "reported_need"]


class GenderRequirement(Strict):
    """What the gap asks for in women's participation."""

    min_women_share: Share | None = Field(
        default=None, description="Smallest acceptable share of women, 0 to 1."
    )
    mixed_unit: bool | None = Field(default=None, description="Whether a mixed-gender unit is required.")


class SourceDocument(Strict):
    """The document that states the need: a UN paper, or a statement by a state or the press."""

    title: Text = Field(description="Title of the document.")
    issuer: Text = Field(description="Who issued it, e.g. UN Department of Peace Operations.")
    date: LedgerDate = Field(description="Date of the paper: YYYY-MM-DD, or YYYY-MM or YYYY.")


class GapStatusEvent(Strict):
    """A dated change of a gap's status."""

    on: LedgerDate = Field(description="Date of the change: YYYY-MM-DD, YYYY-MM or YYYY.")
    status: GapStatus = Field(description="The status from that date.")
    note: Text | None = Field(default=None, description="What happened.")
    source: Source | None = Field(default=None, description="Where it is reported.")


class CapabilityGap(Record):
    """A capability requirement: a gap to be filled, stated by the UN or reported by others."""

    id: Slug = Field(description="Lower-case slug; equals the file name.")
    title: Line = Field(description="One line describing the requirement.")
    capability: CapabilityCode = Field(description="Capability required, from the catalogue.")
    mission: MissionCode = Field(description="Mission in need, or ANY.")
    quantity: GapQuantity = Field(
        description="How much is needed: a whole number (in the capability's default measure, exact) or "
        "{value, measure, qualifier}, leaving value out when the source publishes none."
    )
    unit_size: Value | None = Field(default=None, description="Personnel per unit.")
    priority: Priority = Field(description="critical, high, medium or low.")
    horizon: Horizon = Field(default="current", description="current or emerging need.")
    required_by: LedgerDate | None = Field(
        default=None, description="Date needed by: YYYY-MM-DD, YYYY-MM or YYYY."
    )
    min_pcrs_level: PcrsLevel | None = Field(default=None, description="Lowest PCRS level accepted.")
    languages: Many[LanguageCode] = Field(default_factory=list, description="Languages required.")
    gender: GenderRequirement | None = Field(default=None, description="Gender requirements.")
    basis: Basis = Field(
        description="un_requirement: a UN document states it; reported_need: a member state, the press or "
        "research reports it."
    )
    source_doc: SourceDocument = Field(description="The document stating the need.")
    needed_from: LedgerDate | None = Field(
        default=None, description="When the need starts; the date of source_doc when left out."
    )
    needed_until: LedgerDate | None = Field(default=None, description="When the need ends, if it does.")
    status: GapStatus = Field(description="open, partially_filled, filled or withdrawn.")
    history: Many[GapStatusEvent] = Field(
        default_factory=list, description="Dated status changes, oldest first."
    )

    @property
    def needed_since(self) -> PartialDate:
        """When the need starts: needed_from, else the date of the document stating it."""
        return self.needed_from or self.source_doc.date
