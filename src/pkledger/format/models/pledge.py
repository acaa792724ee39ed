"""A pledge by one member state."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pkledger.format.models.base import PcrsLevel, Record, Source, Strict
from pkledger.format.models.codes import (
    A4PCode,
    A4PPlusCode,
    ActorCode,
    CapabilityCode,
    CurrencyCode,
    LanguageCode,
    MissionCode,
    StateCode,
)
from pkledger.format.models.quantity import Count, OfferQuantity, Qualifier
from pkledger.format.models.types import (
    MAX_DAYS,
    PLEDGE_ID_PATTERN,
    RESPONDS_TO_PATTERN,
    Category,
    LedgerDate,
    Line,
    Many,
    PositiveAmount,
    Slug,
    Text,
)

UNIT_CATEGORIES: frozenset[Category] = frozenset({"uniformed_unit", "individual_personnel", "medical"})
"""Categories whose pledges provide units or officers; others (equipment, training, money) support
a capability without providing it."""
CAPABILITY_REQUIRED: tuple[Category, ...] = ("uniformed_unit", "individual_personnel")
"""Categories whose pledges have at least one offer naming a capability."""
REQUIRED_BY_CATEGORY: dict[str, tuple[Category, ...]] = {
    "offers": CAPABILITY_REQUIRED,
    "money": ("financial",),
}
"""Optional fields that pledges of some categories must give."""
OFFER_FIELDS = (
    "capability",
    "quantity",
    "quantity_unit",
    "personnel",
    "pcrs_level",
    "deployable_within_days",
    "missions",
    "languages",
)
"""The pledge-level fields of version 1 that version 2 moved into `offers`."""
AnnouncedBy = Literal[
    "head_of_state_or_government", "minister", "vice_minister", "permanent_representative", "official"
]
PledgeStatus = Literal[
    "announced",
    "registered",
    "in_progress",
    "deployed",
    "partially_fulfilled",
    "fulfilled",
    "withdrawn",
    "lapsed",
    "ended",
]
Partnership = Literal["none", "bilateral", "triangular", "multilateral"]
PartnerRole = Literal[
    "donor", "recipient", "trainer", "funder", "equipment_provider", "maintenance_transport", "host"
]


class Money(Strict):
    """An amount of money in a currency."""

    amount: PositiveAmount = Field(description="The amount, a number greater than 0 and at most 10^12.")
    currency: CurrencyCode = Field(description="ISO 4217 currency code, e.g. USD.")
    qualifier: Qualifier = Field(
        default="exact", description="exact (the default), at_least (over, more than), up_to, or about."
    )


class Personnel(Strict):
    """How many people the pledge involves, and how many of them are women."""

    total: Count = Field(description="All personnel, at most 1,000,000.")
    women: Count = Field(description="Women among them; at most total.")


TimeframeKind = Literal["by", "during"]


class Timeframe(Strict):
    """When the pledge is to be delivered, or when it is available."""

    kind: TimeframeKind = Field(
        default="by",
        description="by (the default): to be delivered by `end`, then open-ended; during: available from "
        "`start` to `end` only.",
    )
    start: LedgerDate | None = Field(default=None, description="Start: YYYY-MM-DD, YYYY-MM or YYYY.")
    end: LedgerDate | None = Field(default=None, description="End: YYYY-MM-DD, YYYY-MM or YYYY.")
    text: Text | None = Field(default=None, description="The timeframe in words, as announced.")


class Partner(Strict):
    """A partner in a bilateral, triangular or multilateral pledge."""

    actor: ActorCode = Field(description="State code or reserved actor code.")
    role: PartnerRole = Field(description="What the partner does.")


class StatusEvent(Strict):
    """A dated change of status."""

    on: LedgerDate = Field(description="Date of the change: YYYY-MM-DD, YYYY-MM or YYYY.")
    status: PledgeStatus = Field(description="The status from that date.")
    note: Text | None = Field(default=None, description="What happened.")
    source: Source | None = Field(default=None, description="Where it is reported.")


class Offer(Strict):
    """One thing a pledge offers: a capability and how much of it, and the terms it comes with."""

    capability: CapabilityCode | None = Field(
        default=None,
        description="Capability offered, from the catalogue; may be left out outside unit categories.",
    )
    quantity: OfferQuantity | None = Field(
        default=None,
        description="How much: a whole number (in the capability's default measure, exact) or "
        "{value, measure, qualifier}; left out when no number was stated.",
    )
    personnel: Personnel | None = Field(default=None, description="Personnel and women among them.")
    pcrs_level: PcrsLevel | None = Field(default=None, description="PCRS readiness level.")
    deployable_within_days: int | None = Field(
        default=None, ge=0, le=MAX_DAYS, description="Days to deploy; at most 60 at rapid_deployment."
    )
    missions: Many[MissionCode] = Field(
        default_factory=list, description="Missions it is offered to; empty means any."
    )
    languages: Many[LanguageCode] = Field(default_factory=list, description="ISO 639-1 codes.")
    note: Text | None = Field(default=None, description="What the offer is, in the announcement's words.")


class Pledge(Record):
    """A pledge by one member state."""

    id: str = Field(
        pattern=PLEDGE_ID_PATTERN,
        description="<conference-id>-<STATE>-<NNN> (e.g. 2021-seoul-KOR-001), or pcrs-<STATE>-<NNN> "
        "for a pledge made outside a conference; equals the file name.",
    )
    member_state: StateCode = Field(description="The pledging (lead) state, ISO 3166-1 alpha-3.")
    conference: Slug | None = Field(default=None, description="The conference it was made at.")
    announced_on: LedgerDate | None = Field(
        default=None, description="Date announced: YYYY-MM-DD, YYYY-MM or YYYY."
    )
    announced_by: AnnouncedBy | None = Field(default=None, description="Political level of the announcement.")
    title: Line = Field(max_length=160, description="One line, at most 160 characters.")
    description: Text | None = Field(default=None, description="What is pledged, in full.")
    category: Category = Field(description="What kind of pledge this is.")
    offers: Many[Offer] = Field(
        default_factory=list,
        description="What it offers; at least one offer with a capability for uniformed_unit and "
        "individual_personnel.",
    )
    money: Money | None = Field(default=None, description="Amount pledged; required for financial.")
    timeframe: Timeframe | None = Field(default=None, description="When it is to be delivered.")
    partnership: Partnership = Field(default="none", description="Form of partnership.")
    partners: Many[Partner] = Field(default_factory=list, description="Partners and their roles.")
    a4p: Many[A4PCode] = Field(default_factory=list, description="A4P commitment areas.")
    a4p_plus: Many[A4PPlusCode] = Field(
        default_factory=list, description="A4P+ priorities and cross-cutting themes."
    )
    responds_to: Many[Annotated[str, StringConstraints(pattern=RESPONDS_TO_PATTERN)]] = Field(
        default_factory=list,
        description="Gaps it answers: a gap id (any offer), or gap-id#N (its Nth offer, counted from 1).",
    )
    status: PledgeStatus = Field(description="Current status; equals the last history entry's.")
    history: Many[StatusEvent] = Field(
        default_factory=list, description="Dated status changes, oldest first."
    )


def split_response(entry: str) -> tuple[str, int | None]:
    """A `responds_to` entry as the gap's id and the number of the offer it names (from 1), if any."""
    gap, _, number = entry.partition("#")
    return gap, int(number) if number else None
