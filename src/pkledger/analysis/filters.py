"""The filters of `list` checked as the fields they filter on: a value no record could have is a
usage error with a suggestion, not an empty list; a state's name is read as its code, with a note."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any, get_args

from pkledger.analysis.query import Filters
from pkledger.errors import UsageError
from pkledger.format.iso import suggest_state
from pkledger.format.models.gap import GapStatus
from pkledger.format.models.pledge import PledgeStatus
from pkledger.format.models.quantity import Measure
from pkledger.format.models.types import Category
from pkledger.format.reference import ANY_MISSION, reference
from pkledger.ledger.entry import Ledger
from pkledger.suggest import did_you_mean, one_of


def checked_filters(kind: str, filters: Filters, ledger: Ledger) -> tuple[Filters, list[str]]:
    """The filters with codes in their written form, and notes on what was read differently;
    UsageError (exit 2) for a value that names nothing."""
    notes: list[str] = []
    changes: dict[str, Any] = {}
    if filters.state is not None:
        changes["state"] = _state(filters.state, ledger, notes)
    if filters.status is not None:
        statuses = get_args(GapStatus) if kind == "gaps" else get_args(PledgeStatus)
        changes["status"] = _one_of("status", filters.status.lower(), statuses)
    if filters.category is not None:
        changes["category"] = _one_of("category", filters.category.lower(), get_args(Category))
    if filters.capability is not None:
        changes["capability"] = _one_of("capability", filters.capability.lower(), reference().capabilities)
    if filters.mission is not None:
        missions = [*reference().missions, ANY_MISSION]
        changes["mission"] = _one_of("mission", filters.mission.upper(), missions)
    if filters.measure is not None:
        changes["measure"] = _one_of("measure", filters.measure.lower(), get_args(Measure))
    if filters.conference is not None:
        changes["conference"] = _one_of("conference", filters.conference, ledger.conferences)
    return replace(filters, **changes), notes


def _one_of(option: str, value: str, allowed: Iterable[str]) -> str:
    choices = list(allowed)
    if value in choices:
        return value
    hint = did_you_mean(value, choices) or f"choose one of: {one_of(choices)}"
    raise UsageError(f"--{option} {value}: there is no such {option}", hint=hint)


def _state(value: str, ledger: Ledger, notes: list[str]) -> str:
    """A state code, from a code in any case or a state's name; a name two states share (Korea)
    is read as the one the ledger has records of."""
    states = reference().states
    if value.upper() in states:
        return value.upper()
    found, reason = suggest_state(value)
    candidates = [code for code in (found or "").split(" or ") if code in states]
    if len(candidates) > 1:
        present = _states_in(ledger)
        candidates = [code for code in candidates if code in present] or candidates
    is_name = len(value.strip()) != 3  # a near miss of a code is a typo, not a name
    if len(candidates) == 1 and is_name:
        notes.append(f"note: --state {value} is read as {candidates[0]} ({reason})")
        return candidates[0]
    hint = f"did you mean {' or '.join(candidates)}? {reason}" if candidates else reason
    raise UsageError(f"--state {value}: no UN member or observer state has this code or name", hint=hint)


def _states_in(ledger: Ledger) -> set[str]:
    found = {pledge.member_state for pledge in ledger.pledges.values()}
    for conference in ledger.conferences.values():
        found |= {conference.host_country, *conference.co_hosts, *conference.co_chairs} - {None}  # type: ignore[arg-type]
    return found
