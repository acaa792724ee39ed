"""Rules within one record: fields that must agree with each other, and quality warnings.

Each rule takes a validated record and yields findings; it knows nothing of files or positions.
The concept note's quality rules are in ``quality``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.models.conference import NEEDS_PARENT
from pkledger.format.models.pledge import REQUIRED_BY_CATEGORY
from pkledger.format.models.types import PLEDGE_ID_PATTERN
from pkledger.format.reference import reference
from pkledger.format.rules.quality import below_highest_level, no_timeframe
from pkledger.format.statuses import GAP_CLOSED
from pkledger.problems import FieldPath, Finding
from pkledger.wording import a, conference_kind

RAPID_DEPLOYMENT_DAYS = 60
_PLEDGE_ID = re.compile(PLEDGE_ID_PATTERN)


def check_record(record: Record) -> list[Finding]:
    """All findings of the rules that apply to this kind of record."""
    rules: Sequence[Callable[[Any], Iterator[Finding]]] = _RULES.get(type(record), ())
    return [finding for rule in rules for finding in rule(record)]


# Conferences


def _conference_dates(conference: Conference) -> Iterator[Finding]:
    if conference.end_date < conference.start_date:
        message = f"end_date {conference.end_date} is before start_date {conference.start_date}"
        yield Finding("date-order", ("end_date",), message, "check both dates")


def _conference_lists(conference: Conference) -> Iterator[Finding]:
    if conference.id == "pcrs":
        message = "'pcrs' is reserved: pledge ids starting with pcrs- are those made outside a conference"
        yield Finding("invalid-format", ("id",), message, "choose another id, e.g. with the year and city")
    yield from _duplicates(("co_hosts",), conference.co_hosts)
    yield from _duplicates(("co_chairs",), conference.co_chairs)
    if conference.focus is not None:
        for name in ("a4p", "a4p_plus", "categories", "capabilities"):
            yield from _duplicates(("focus", name), getattr(conference.focus, name))


def _conference_parent(conference: Conference) -> Iterator[Finding]:
    needs_parent = conference.kind in NEEDS_PARENT
    if needs_parent and conference.parent is None:
        message = f"{a(conference_kind(conference.kind))} must name its summit or ministerial"
        yield Finding("parent-required", ("kind",), message, "add `parent:` with the ministerial's id")
    if not needs_parent and conference.parent is not None:
        message = f"{a(conference.kind)} has no parent; only preparatory conferences and side events do"
        yield Finding("parent-not-allowed", ("parent",), message, "remove `parent`, or check `kind`")


# Pledges


def _pledge_id(pledge: Pledge) -> Iterator[Finding]:
    match = _PLEDGE_ID.match(pledge.id)
    if match is None:
        return
    prefix, state = match.group(1), match.group(3)
    expected_prefix = pledge.conference or "pcrs"
    if prefix != expected_prefix:
        where = f"conference '{pledge.conference}'" if pledge.conference else "no conference"
        message = f"the id starts with '{prefix}', but the pledge has {where}"
        hint = f"the id should start with '{expected_prefix}-{pledge.member_state}-'"
        yield Finding("pledge-id-mismatch", ("id",), message, hint)
    if state != pledge.member_state:
        message = f"the id names state {state}, but member_state is {pledge.member_state}"
        yield Finding("pledge-id-mismatch", ("id",), message, "make the id's state part equal member_state")


def _pledge_required_by_category(pledge: Pledge) -> Iterator[Finding]:
    category = pledge.category
    if category in REQUIRED_BY_CATEGORY["capability"] and pledge.capability is None:
        message = f"{a(category)} pledge must name the capability it offers"
        yield Finding("capability-required", ("category",), message, "add `capability:` from the catalogue")
    if category in REQUIRED_BY_CATEGORY["quantity"] and pledge.quantity is None:
        message = "a uniformed_unit pledge must say how many units it offers"
        yield Finding("quantity-required", ("category",), message, "add `quantity:` (number of units)")
    if category in REQUIRED_BY_CATEGORY["money"] and pledge.money is None:
        message = "a financial pledge must state its amount"
        yield Finding("money-required", ("category",), message, "add `money: {amount: ..., currency: ...}`")


def _pledge_personnel(pledge: Pledge) -> Iterator[Finding]:
    personnel = pledge.personnel
    if personnel is not None and personnel.women > personnel.total:
        message = f"women ({personnel.women}) is more than total ({personnel.total})"
        yield Finding("women-exceed-total", ("personnel", "women"), message, "women are counted within total")


def _pledge_readiness(pledge: Pledge) -> Iterator[Finding]:
    days = pledge.deployable_within_days
    if pledge.pcrs_level == "rapid_deployment" and days is not None and days > RAPID_DEPLOYMENT_DAYS:
        message = f"rapid_deployment means deployable within {RAPID_DEPLOYMENT_DAYS} days, not {days}"
        yield Finding("rapid-deployment-too-slow", ("deployable_within_days",), message, None)


def _pledge_partners(pledge: Pledge) -> Iterator[Finding]:
    actors = {partner.actor for partner in pledge.partners}
    if pledge.partnership == "triangular" and len(actors) < 2:
        message = f"a triangular partnership needs at least two partners, {len(actors)} named"
        yield Finding(
            "triangular-needs-partners", ("partnership",), message, "list the partners and their roles"
        )
    if pledge.partnership == "none" and pledge.partners:
        message = "partners are listed, but partnership is none"
        hint = "set `partnership:` to bilateral, triangular or multilateral"
        yield Finding("partners-without-partnership", ("partners",), message, hint)
    yield from _duplicates(("partners",), [(p.actor, p.role) for p in pledge.partners])


def _pledge_history(pledge: Pledge) -> Iterator[Finding]:
    history = pledge.history
    for index in range(1, len(history)):
        if history[index].on < history[index - 1].on:
            message = f"{history[index].on} comes after {history[index - 1].on} in the list"
            yield Finding(
                "history-out-of-order", ("history", index, "on"), message, "list entries oldest first"
            )
    if history and history[-1].status != pledge.status:
        message = f"status is {pledge.status}, but the last history entry says {history[-1].status}"
        hint = "add a history entry for the current status, or correct `status`"
        yield Finding("history-status-mismatch", ("status",), message, hint)


def _pledge_timeframe_order(pledge: Pledge) -> Iterator[Finding]:
    timeframe = pledge.timeframe
    if timeframe and timeframe.start and timeframe.end and timeframe.end < timeframe.start:
        message = f"timeframe ends ({timeframe.end}) before it starts ({timeframe.start})"
        yield Finding("date-order", ("timeframe", "end"), message, "check both dates")


def _pledge_capability_kind(pledge: Pledge) -> Iterator[Finding]:
    capability = reference().capabilities.get(pledge.capability or "")
    wanted = {"uniformed_unit": "unit", "individual_personnel": "individual"}.get(pledge.category)
    if capability is None or wanted is None or capability.kind == wanted:
        return
    message = f"{pledge.capability} is counted in {'units' if capability.kind == 'unit' else 'individuals'}, but the category is {pledge.category}"
    yield Finding("capability-kind-mismatch", ("capability",), message, "check `category` or `capability`")


def _pledge_missions(pledge: Pledge) -> Iterator[Finding]:
    missions = reference().missions
    for index, code in enumerate(pledge.missions):
        mission = missions.get(code)
        if mission and mission.closed and pledge.announced_on and pledge.announced_on > mission.closed:
            message = f"{code} closed on {mission.closed}, before the pledge was announced"
            yield Finding("mission-closed-before-pledge", ("missions", index), message, None)
    yield from _duplicates(("missions",), pledge.missions)
    yield from _duplicates(("languages",), pledge.languages)
    yield from _duplicates(("a4p",), pledge.a4p)
    yield from _duplicates(("a4p_plus",), pledge.a4p_plus)
    yield from _duplicates(("responds_to",), pledge.responds_to)


# Gaps


def _gap_mission(gap: CapabilityGap) -> Iterator[Finding]:
    mission = reference().missions.get(gap.mission)
    if mission and mission.closed and gap.status not in GAP_CLOSED:
        message = f"{gap.mission} closed on {mission.closed}, but the gap is still {gap.status}"
        yield Finding("closed-mission-open-gap", ("status",), message, "set `status:` to withdrawn or filled")
    yield from _duplicates(("languages",), gap.languages)


def _duplicates(path: FieldPath, items: Sequence[object]) -> Iterator[Finding]:
    seen: set[object] = set()
    for index, item in enumerate(items):
        if item in seen:
            shown = item if isinstance(item, str) else "the same partner and role"
            yield Finding(
                "duplicate-item", (*path, index), f"{shown} is listed twice", "remove the repetition"
            )
        seen.add(item)


_RULES: dict[type[Record], Sequence[Callable[[Any], Iterator[Finding]]]] = {
    Conference: (_conference_dates, _conference_parent, _conference_lists),
    Pledge: (
        _pledge_id,
        _pledge_required_by_category,
        _pledge_personnel,
        _pledge_readiness,
        _pledge_partners,
        _pledge_history,
        no_timeframe,
        _pledge_timeframe_order,
        below_highest_level,
        _pledge_capability_kind,
        _pledge_missions,
    ),
    CapabilityGap: (_gap_mission,),
}
