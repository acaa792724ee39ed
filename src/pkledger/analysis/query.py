"""Selecting records: the filters of `pkledger list`, as pure functions over a ledger."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TypeVar

from pkledger.errors import UsageError
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
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
    since: date | None = None

    def given(self) -> set[str]:
        return {field.name for field in fields(self) if getattr(self, field.name) is not None}


APPLICABLE = {
    "pledges": {"state", "conference", "status", "category", "capability", "mission", "since"},
    "gaps": {"status", "capability", "mission", "since"},
    "conferences": {"state", "conference", "since"},
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
    tests: list[Callable[[Pledge], bool]] = [
        lambda p: filters.state is None or p.member_state == filters.state.upper(),
        lambda p: conferences is None or p.conference in conferences,
        lambda p: filters.status is None or p.status == filters.status,
        lambda p: filters.category is None or p.category == filters.category,
        lambda p: filters.capability is None or p.capability == filters.capability,
        lambda p: filters.mission is None or filters.mission.upper() in p.missions,
        lambda p: filters.since is None or (p.announced_on is not None and p.announced_on >= filters.since),
    ]
    return _select(ledger.pledges.values(), tests)


def select_gaps(ledger: Ledger, filters: Filters) -> list[CapabilityGap]:
    check_applicable("gaps", filters)
    tests: list[Callable[[CapabilityGap], bool]] = [
        lambda g: filters.status is None or g.status == filters.status,
        lambda g: filters.capability is None or g.capability == filters.capability,
        lambda g: filters.mission is None or g.mission == filters.mission.upper(),
        lambda g: filters.since is None or g.source_doc.date >= filters.since,
    ]
    return _select(ledger.gaps.values(), tests)


def select_conferences(ledger: Ledger, filters: Filters) -> list[Conference]:
    check_applicable("conferences", filters)
    state = filters.state.upper() if filters.state else None
    members = family(ledger, filters.conference) if filters.conference else None
    tests: list[Callable[[Conference], bool]] = [
        lambda c: state is None or state in {c.host_country, *c.co_hosts, *c.co_chairs},
        lambda c: members is None or c.id in members,
        lambda c: filters.since is None or c.start_date >= filters.since,
    ]
    return sorted(_select(ledger.conferences.values(), tests), key=lambda c: (c.start_date, c.id))


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
