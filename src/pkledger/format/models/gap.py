"""A UN capability requirement: a gap to be filled."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pkledger.format.models.base import PcrsLevel, Record, Strict
from pkledger.format.models.codes import CapabilityCode, LanguageCode, MissionCode
from pkledger.format.models.types import IsoDate, Line, Many, Share, Slug, Text

Priority = Literal["critical", "high", "medium", "low"]
Horizon = Literal["current", "emerging"]
GapStatus = Literal["open", "partially_filled", "filled", "withdrawn"]


class GenderRequirement(Strict):
    """What the gap asks for in women's participation."""

    min_women_share: Share | None = Field(
        default=None, description="Smallest acceptable share of women, 0 to 1."
    )
    mixed_unit: bool | None = Field(default=None, description="Whether a mixed-gender unit is required.")


class SourceDocument(Strict):
    """The UN paper that states the requirement."""

    title: Text = Field(description="Title of the paper.")
    issuer: Text = Field(description="Who issued it, e.g. UN Department of Peace Operations.")
    date: IsoDate = Field(description="Date of the paper, YYYY-MM-DD.")


class CapabilityGap(Record):
    """A UN capability requirement: a gap to be filled."""

    id: Slug = Field(description="Lower-case slug; equals the file name.")
    title: Line = Field(description="One line describing the requirement.")
    capability: CapabilityCode = Field(description="Capability required, from the catalogue.")
    mission: MissionCode = Field(description="Mission in need, or ANY.")
    quantity: int = Field(ge=1, description="Units (or officers for individual capabilities).")
    unit_size: int | None = Field(default=None, ge=1, description="Personnel per unit.")
    priority: Priority = Field(description="critical, high, medium or low.")
    horizon: Horizon = Field(default="current", description="current or emerging need.")
    required_by: IsoDate | None = Field(default=None, description="Date needed by, YYYY-MM-DD.")
    min_pcrs_level: PcrsLevel | None = Field(default=None, description="Lowest PCRS level accepted.")
    languages: Many[LanguageCode] = Field(default_factory=list, description="Languages required.")
    gender: GenderRequirement | None = Field(default=None, description="Gender requirements.")
    source_doc: SourceDocument = Field(description="The UN paper stating the requirement.")
    status: GapStatus = Field(description="open, partially_filled, filled or withdrawn.")
