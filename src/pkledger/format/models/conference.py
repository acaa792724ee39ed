"""A summit, ministerial, preparatory conference or side event."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pkledger.format.models.base import Record, Source, Strict
from pkledger.format.models.codes import A4PCode, A4PPlusCode, ActorCode, CapabilityCode, StateCode
from pkledger.format.models.quantity import OutcomeFigure, StateFigure
from pkledger.format.models.types import Category, LedgerDate, Line, Many, Slug, Text

ConferenceKind = Literal["summit", "ministerial", "preparatory", "side_event"]
ConferenceFormat = Literal["in_person", "virtual", "hybrid"]
LEADING_KINDS: tuple[ConferenceKind, ...] = ("summit", "ministerial")
"""The meetings a cycle of pledging leads to; the others prepare one of them."""
NEEDS_PARENT: tuple[ConferenceKind, ...] = ("preparatory", "side_event")
"""The kinds that name their summit or ministerial as `parent` (and the only ones that may)."""


class Focus(Strict):
    """What the conference is about; briefing packs select pledges and gaps with it."""

    a4p: Many[A4PCode] = Field(default_factory=list, description="A4P commitment areas.")
    a4p_plus: Many[A4PPlusCode] = Field(
        default_factory=list, description="A4P+ priorities and cross-cutting themes."
    )
    categories: Many[Category] = Field(default_factory=list, description="Pledge categories.")
    capabilities: Many[CapabilityCode] = Field(
        default_factory=list, description="Capabilities from the catalogue."
    )


class Outcome(Strict):
    """Published outcome figures, with the sources that publish them."""

    participating_states: StateFigure | None = Field(
        default=None, description="States taking part: a whole number, or {value, qualifier}."
    )
    pledging_states: StateFigure | None = Field(
        default=None, description="States making pledges: a whole number, or {value, qualifier}."
    )
    units_pledged: OutcomeFigure | None = Field(
        default=None,
        description="Uniformed units pledged: a whole number of units, or {value, measure, qualifier}.",
    )
    by_theme: dict[str, OutcomeFigure] = Field(
        default_factory=dict,
        description="Figures by theme, as published: a whole number, or {value, measure, qualifier}.",
    )
    sources: list[Source] = Field(min_length=1, description="Where the figures are published.")
    notes: Text | None = Field(default=None, description="How the figures are counted; disagreements.")


class Conference(Record):
    """A summit, ministerial, preparatory conference or side event."""

    id: Slug = Field(description="Lower-case slug, e.g. 2021-seoul; equals the file name.")
    kind: ConferenceKind = Field(description="What sort of meeting this is.")
    title: Line = Field(description="The conference's name, on one line.")
    parent: Slug | None = Field(
        default=None,
        description="For a preparatory conference or side event: the summit or ministerial it prepares.",
    )
    start_date: LedgerDate = Field(
        description="First day: YYYY-MM-DD, or YYYY-MM or YYYY when only those are known."
    )
    end_date: LedgerDate = Field(description="Last day, as start_date; not before start_date.")
    city: Text | None = Field(default=None, description="Host city.")
    host_country: StateCode | None = Field(default=None, description="Host state (alpha-3).")
    format: ConferenceFormat = Field(description="in_person, virtual or hybrid.")
    co_hosts: Many[ActorCode] = Field(default_factory=list, description="Co-hosts.")
    co_chairs: Many[ActorCode] = Field(default_factory=list, description="Co-chairs.")
    themes: Many[Text] = Field(default_factory=list, description="Themes as named by the hosts.")
    focus: Focus | None = Field(default=None, description="What the conference is about.")
    outcome: Outcome | None = Field(default=None, description="Published outcome figures.")
