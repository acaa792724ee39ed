"""Selecting records: the filters of `pkledger list`, as pure functions over a ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TypeVar

from pkledger.errors import UsageError
from pkledger.format.dates import PartialDate
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.quantities import amount_of
from pkledger.ledger.entry import Ledger

T = TypeVar("T")


@dataclass(frozen=True)
class Filters:
    """What `list` may filter on; None means "any"."""

    state: str | None = None
    conference: str | None = None
    status: str | None = None
    category: str | None = None
    capability: str | None = None
    mission: str | None = None
    measure: str | None = None
    estimated: bool | None = None
    """Only records with an `estimated` field (True)."""
    since: date | None = None

    def given(self) -> set[str]:
        return {field.name for field in fields(self) if getattr(self, field.name) is not None}


APPLICABLE = {
    "pledges": {
        "state",
        "conference",
        "status",
        "category",
        "capability",
        "mission",
        "measure",
        "estimated",
        "since",
    },
    "gaps": {"status", "capability", "mission", "measure", "estimated", "since"},
    "conferences": {"state", "conference", "estimated", "since"},
}


def check_applicable(kind: str, filters: Filters) -> None:
    """Refuse a filter that means nothing for this kind of record."""
    wrong = sorted(filters.given() - APPLICABLE[kind])
    if wrong:
        options = ", ".join(f"--{name}" for name in wrong)
        allowed = ", ".join(f"--{name}" for name in sorted(APPLICABLE[kind]))
        raise UsageError(f"{options} cannot filter {kind}", hint=f"{kind} take {allowed}")


def family(ledger: Ledger, conference_id: str) -> set[str]:
    """A conference and the preparatory conferences and side events that belong to it."""
    return {conference_id} | {
        child.id for child in ledger.conferences.values() if child.parent == conference_id
    }


def select_pledges(ledger: Ledger, filters: Filters) -> list[Pledge]:
    check_applicable("pledges", filters)
    conferences = family(ledger, filters.conference) if filters.conference else None
    mission = filters.mission.upper() if filters.mission else None
    tests: list[Callable[[Pledge], bool]] = [
        lambda p: filters.state is None or p.member_state == filters.state.upper(),
        lambda p: conferences is None or p.conference in conferences,
        lambda p: filters.status is None or p.status == filters.status,
        lambda p: filters.category is None or p.category == filters.category,
        lambda p: filters.capability is None or any(o.capability == filters.capability for o in p.offers),
        lambda p: mission is None or any(mission in o.missions for o in p.offers),
        lambda p: filters.measure is None or filters.measure in offered_measures(p),
        lambda p: not filters.estimated or bool(p.estimated),
        lambda p: filters.since is None or _since(p.announced_on, filters.since),
    ]
    return _select(ledger.pledges.values(), tests)


def offered_measures(pledge: Pledge) -> set[str]:
    """The measures a pledge's offers count in."""
    amounts = (amount_of(offer.quantity, offer.capability) for offer in pledge.offers)
    return {amount.measure for amount in amounts if amount is not None and amount.measure}


def _since(day: PartialDate | None, since: date) -> bool:
    """On or after a day; a month or a year counts when any of its days is."""
    return day is not None and day.last_day >= since


def select_gaps(ledger: Ledger, filters: Filters) -> list[CapabilityGap]:
    check_applicable("gaps", filters)
    tests: list[Callable[[CapabilityGap], bool]] = [
        lambda g: filters.status is None or g.status == filters.status,
        lambda g: filters.capability is None or g.capability == filters.capability,
        lambda g: filters.mission is None or g.mission == filters.mission.upper(),
        lambda g: filters.measure is None or _gap_measure(g) == filters.measure,
        lambda g: not filters.estimated or bool(g.estimated),
        lambda g: filters.since is None or _since(g.source_doc.date, filters.since),
    ]
    return _select(ledger.gaps.values(), tests)


def select_conferences(ledger: Ledger, filters: Filters) -> list[Conference]:
    check_applicable("conferences", filters)
    state = filters.state.upper() if filters.state else None
    members = family(ledger, filters.conference) if filters.conference else None
    tests: list[Callable[[Conference], bool]] = [
        lambda c: state is None or state in {c.host_country, *c.co_hosts, *c.co_chairs},
        lambda c: members is None or c.id in members,
        lambda c: not filters.estimated or bool(c.estimated),
        lambda c: filters.since is None or _since(c.start_date, filters.since),
    ]
    return sorted(_select(ledger.conferences.values(), tests), key=lambda c: (c.start_date.sort_key(), c.id))


def _gap_measure(gap: CapabilityGap) -> str | None:
    amount = amount_of(gap.quantity, gap.capability)
    return amount.measure if amount else None


def _select(records: Iterable[T], tests: list[Callable[[T], bool]]) -> list[T]:
    return [record for record in records if all(test(record) for test in tests)]


@dataclass(frozen=True)
class Selection:
    """The records of one kind that pass the filters of `list`."""

    kind: str
    records: Sequence[Record]


def select(kind: str, ledger: Ledger, filters: Filters) -> Selection:
    """The records of one kind that pass the filters."""
    if kind == "pledges":
        return Selection(kind, select_pledges(ledger, filters))
    if kind == "gaps":
        return Selection(kind, select_gaps(ledger, filters))
    return Selection(kind, select_conferences(ledger, filters))
