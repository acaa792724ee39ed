"""A pledge by one member state."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

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
from pkledger.format.models.types import (
    PLEDGE_ID_PATTERN,
    Category,
    IsoDate,
    Line,
    Many,
    PositiveAmount,
    Slug,
    Text,
)

UNIT_CATEGORIES: frozenset[Category] = frozenset({"uniformed_unit", "individual_personnel", "medical"})
"""Categories whose pledges provide units or officers; others (equipment, training, money) support
a capability without providing it."""
REQUIRED_BY_CATEGORY: dict[str, tuple[Category, ...]] = {
    "capability": ("uniformed_unit", "individual_personnel"),
    "quantity": ("uniformed_unit",),
    "money": ("financial",),
}
"""Optional fields that pledges of some categories must give."""
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
]
Partnership = Literal["none", "bilateral", "triangular", "multilateral"]
PartnerRole = Literal[
    "donor", "recipient", "trainer", "funder", "equipment_provider", "maintenance_transport", "host"
]


class Money(Strict):
    """An amount of money in a currency."""

    amount: PositiveAmount = Field(description="The amount, a number greater than 0.")
    currency: CurrencyCode = Field(description="ISO 4217 currency code, e.g. USD.")


class Personnel(Strict):
    """How many people the pledge involves, and how many of them are women."""

    total: int = Field(ge=0, description="All personnel.")
    women: int = Field(ge=0, description="Women among them; at most total.")


class Timeframe(Strict):
    """When the pledge is to be delivered."""

    start: IsoDate | None = Field(default=None, description="Start, YYYY-MM-DD.")
    end: IsoDate | None = Field(default=None, description="End, YYYY-MM-DD.")
    text: Text | None = Field(default=None, description="The timeframe in words, as announced.")


class Partner(Strict):
    """A partner in a bilateral, triangular or multilateral pledge."""

    actor: ActorCode = Field(description="State code or reserved actor code.")
    role: PartnerRole = Field(description="What the partner does.")


class StatusEvent(Strict):
    """A dated change of status."""

    on: IsoDate = Field(description="Date of the change, YYYY-MM-DD.")
    status: PledgeStatus = Field(description="The status from that date.")
    note: Text | None = Field(default=None, description="What happened.")
    source: Source | None = Field(default=None, description="Where it is reported.")


class Pledge(Record):
    """A pledge by one member state."""

    id: str = Field(
        pattern=PLEDGE_ID_PATTERN,
        description="<conference-id>-<STATE>-<NNN> (e.g. 2021-seoul-KOR-001), or pcrs-<STATE>-<NNN> "
        "for a pledge made outside a conference; equals the file name.",
    )
    member_state: StateCode = Field(description="The pledging (lead) state, ISO 3166-1 alpha-3.")
    conference: Slug | None = Field(default=None, description="The conference it was made at.")
    announced_on: IsoDate | None = Field(default=None, description="Date announced, YYYY-MM-DD.")
    announced_by: AnnouncedBy | None = Field(default=None, description="Political level of the announcement.")
    title: Line = Field(max_length=160, description="One line, at most 160 characters.")
    description: Text | None = Field(default=None, description="What is pledged, in full.")
    category: Category = Field(description="What kind of pledge this is.")
    capability: CapabilityCode | None = Field(
        default=None,
        description="Capability offered; required for uniformed_unit and individual_personnel.",
    )
    quantity: int | None = Field(
        default=None, ge=1, description="Units, officers, items or courses; required for uniformed_unit."
    )
    quantity_unit: Text | None = Field(default=None, description="What quantity counts.")
    personnel: Personnel | None = Field(default=None, description="Personnel and women among them.")
    money: Money | None = Field(default=None, description="Amount pledged; required for financial.")
    pcrs_level: PcrsLevel | None = Field(default=None, description="PCRS readiness level.")
    deployable_within_days: int | None = Field(
        default=None, ge=0, description="Days to deploy; at most 60 at rapid_deployment."
    )
    missions: Many[MissionCode] = Field(
        default_factory=list, description="Missions it is offered to; empty means any."
    )
    languages: Many[LanguageCode] = Field(default_factory=list, description="ISO 639-1 codes.")
    timeframe: Timeframe | None = Field(default=None, description="When it is to be delivered.")
    partnership: Partnership = Field(default="none", description="Form of partnership.")
    partners: Many[Partner] = Field(default_factory=list, description="Partners and their roles.")
    a4p: Many[A4PCode] = Field(default_factory=list, description="A4P commitment areas.")
    a4p_plus: Many[A4PPlusCode] = Field(
        default_factory=list, description="A4P+ priorities and cross-cutting themes."
    )
    responds_to: Many[Slug] = Field(default_factory=list, description="Ids of gaps it answers.")
    status: PledgeStatus = Field(description="Current status; equals the last history entry's.")
    history: Many[StatusEvent] = Field(
        default_factory=list, description="Dated status changes, oldest first."
    )
