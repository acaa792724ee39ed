"""The briefing pack's cross-cutting views, as plain data: follow-up of the previous cycle, money
totals, the A4P+ matrix, partnership roles and the themes the concept note names (medical,
technology). Pure functions of records and a date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from pkledger.format.models.conference import LEADING_KINDS
from pkledger.format.reference import reference
from pkledger.format.statuses import NEVER_COUNT

if TYPE_CHECKING:
    from pkledger.format.models import Conference, Pledge
    from pkledger.format.models.settings import ExchangeRates

FollowUp = Literal[
    "delivered", "in progress", "overdue", "no news since", "withdrawn or lapsed", "status not dated"
]
FOLLOW_UPS: tuple[FollowUp, ...] = (
    "delivered",
    "in progress",
    "overdue",
    "no news since",
    "withdrawn or lapsed",
    "status not dated",
)
DELIVERED = frozenset({"deployed", "partially_fulfilled", "fulfilled", "ended"})
OVERDUE_STATUSES = frozenset({"announced", "registered", "in_progress"})
"""Format 2's rule: a `by` timeframe whose end is before the date, and one of these statuses."""
MEDICAL_CATEGORIES = frozenset({"medical", "mental_health"})
ROLE_ORDER = (
    "donor",
    "funder",
    "equipment_provider",
    "trainer",
    "maintenance_transport",
    "host",
    "recipient",
)


@dataclass(frozen=True)
class FollowUpLine:
    pledge: Pledge
    status: str
    """Its status on the pack's date."""
    follow_up: FollowUp


@dataclass(frozen=True)
class MoneyTotal:
    """The money pledged in one currency, and its USD equivalent where the ledger gives a rate."""

    currency: str
    amount: Decimal
    pledges: int
    qualified: int
    """How many of the amounts are "at least", "up to" or "about" figures."""
    usd: Decimal | None


@dataclass(frozen=True)
class Roles:
    """A partnership as roles: the pledging state, and each role's actors."""

    pledge: Pledge
    roles: tuple[tuple[str, tuple[str, ...]], ...]
    """(role, actors), in ROLE_ORDER, the pledging state's own role first as "pledging state"."""


def previous_ministerial(conferences: dict[str, Conference], conference: Conference) -> Conference | None:
    """The summit or ministerial before the one this conference leads to (or is)."""
    leading = conference if conference.kind in LEADING_KINDS else conferences.get(conference.parent or "")
    if leading is None:
        return None
    earlier = [
        other
        for other in conferences.values()
        if other.kind in LEADING_KINDS and other.start_date.sort_key() < leading.start_date.sort_key()
    ]
    return max(earlier, key=lambda other: other.start_date.sort_key(), default=None)


def is_overdue(pledge: Pledge, status: str, on: date) -> bool:
    """Format 2's overdue rule on a date."""
    timeframe = pledge.timeframe
    if timeframe is None or timeframe.kind != "by" or timeframe.end is None:
        return False
    return timeframe.end.last_day < on and status in OVERDUE_STATUSES


def status_dated(pledge: Pledge, status: str) -> bool:
    """Whether the record says since when a pledge has had its status: a dated history entry, or
    "announced" (dated by the announcement). Without one, a status such as "deployed" could have
    come after any date, so a pack does not count it as known then."""
    return bool(pledge.history) or status == "announced"


def follow_up(pledge: Pledge, status: str, since: date, on: date) -> FollowUp:
    """Where a pledge stands on a date: news is a history entry dated after ``since``; a status the
    record does not date is held back ("status not dated")."""
    if not status_dated(pledge, status):
        return "status not dated"
    if status in DELIVERED:
        return "delivered"
    if status in NEVER_COUNT:
        return "withdrawn or lapsed"
    if is_overdue(pledge, status, on):
        return "overdue"
    news = any(since < event.on.last_day and event.on.known_by(on) for event in pledge.history)
    return "in progress" if news and status != "announced" else "no news since"


def money_totals(pledges: Iterable[Pledge], rates: ExchangeRates | None) -> list[MoneyTotal]:
    """Money per currency (never added across currencies), with a USD equivalent where a rate is given."""
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    for pledge in pledges:
        if pledge.money is None:
            continue
        found = sums[pledge.money.currency]
        found[0] += pledge.money.amount
        found[1] += 1
        found[2] += pledge.money.qualifier != "exact"
    totals = []
    for currency, (amount, count, qualified) in sorted(sums.items()):
        rate = Decimal(1) if currency == "USD" else (rates.to_usd.get(currency) if rates else None)
        usd = None if rate is None or currency == "USD" else (amount * rate).quantize(Decimal(1))
        totals.append(MoneyTotal(currency, amount, int(count), int(qualified), usd))
    return totals


def a4p_plus_matrix(pledges: Sequence[Pledge], priorities: Iterable[str]) -> list[tuple[str, dict[str, int]]]:
    """For each A4P+ priority (in the reference order): pledges naming it, by category."""
    rows = []
    for priority in priorities:
        counts: dict[str, int] = defaultdict(int)
        for pledge in pledges:
            if priority in pledge.a4p_plus:
                counts[pledge.category] += 1
        rows.append((priority, dict(counts)))
    return rows


def partnership_roles(pledge: Pledge) -> Roles | None:
    """A partnership with partners as who does what (never a chain of every partner)."""
    if pledge.partnership == "none" or not pledge.partners:
        return None
    by_role: dict[str, list[str]] = defaultdict(list)
    for partner in pledge.partners:
        by_role[partner.role].append(partner.actor)
    roles: list[tuple[str, tuple[str, ...]]] = [("pledging state", (pledge.member_state,))]
    roles += [(role, tuple(by_role[role])) for role in ROLE_ORDER if role in by_role]
    if deploying := deploying_states(pledge):
        roles.append(("deploying", deploying))
    return Roles(pledge, tuple(roles))


def deploying_states(pledge: Pledge) -> tuple[str, ...]:
    """Who deploys what a triangular partnership provides. Format 2 has no deploying role, so it
    is read from the others: the states it names as recipients (they are trained or equipped to
    deploy), else the pledging state when it offers a uniformed capability of its own; none when
    the record says neither, or for a bilateral or multilateral pledge."""
    if pledge.partnership != "triangular":
        return ()
    actors = reference().actors
    recipients = tuple(
        partner.actor
        for partner in pledge.partners
        if partner.role == "recipient" and partner.actor not in actors
    )
    return recipients or ((pledge.member_state,) if offers_uniformed(pledge) else ())


def offers_uniformed(pledge: Pledge) -> bool:
    """Whether a pledge offers military or police capabilities (units or individuals)."""
    capabilities = reference().capabilities
    return any(
        (found := capabilities.get(offer.capability or "")) is not None and found.component != "civilian"
        for offer in pledge.offers
    )


def is_medical(pledge: Pledge, medical_capabilities: frozenset[str]) -> bool:
    return pledge.category in MEDICAL_CATEGORIES or any(
        offer.capability in medical_capabilities for offer in pledge.offers
    )


def is_technology(pledge: Pledge) -> bool:
    return pledge.category == "technology" or "data_technology" in pledge.a4p_plus
