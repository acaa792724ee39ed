"""Rules within one record: fields that must agree with each other, and quality warnings.

Each rule takes a validated record and yields findings; it knows nothing of files or positions.
The concept note's quality rules are in ``quality``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pkledger.format.dates import PartialDate
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.models.conference import NEEDS_PARENT
from pkledger.format.models.pledge import CAPABILITY_REQUIRED, Offer, split_response
from pkledger.format.models.types import PLEDGE_ID_PATTERN
from pkledger.format.reference import reference
from pkledger.format.rules.estimates import estimated_paths
from pkledger.format.rules.quality import below_highest_level, no_timeframe
from pkledger.format.statuses import GAP_CLOSED
from pkledger.problems import FieldPath, Finding
from pkledger.wording import a, conference_kind

RAPID_DEPLOYMENT_DAYS = 60
_PLEDGE_ID = re.compile(PLEDGE_ID_PATTERN)


def check_record(record: Record) -> list[Finding]:
    """All findings of the rules that apply to this kind of record."""
    rules: Sequence[Callable[[Any], Iterator[Finding]]] = _RULES.get(type(record), ())
    found = [finding for rule in rules for finding in rule(record)]
    if record.estimated:
        found += estimated_paths(record)
    return found


def _out_of_order(path: FieldPath, dates: Sequence[PartialDate]) -> Iterator[Finding]:
    """Dates listed oldest first: an entry is out of order only if its period starts after the next one's ends."""
    for index in range(1, len(dates)):
        if dates[index - 1].starts_after(dates[index]):
            message = f"{dates[index]} comes after {dates[index - 1]} in the list"
            yield Finding("history-out-of-order", (*path, index, "on"), message, "list entries oldest first")


def _ends_before_start(start: PartialDate | None, end: PartialDate | None) -> bool:
    return start is not None and end is not None and start.starts_after(end)


# Conferences


def _conference_dates(conference: Conference) -> Iterator[Finding]:
    if _ends_before_start(conference.start_date, conference.end_date):
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
    if category in CAPABILITY_REQUIRED and not any(offer.capability for offer in pledge.offers):
        message = f"{a(category)} pledge must name the capability it offers"
        hint = "add `offers: [{capability: ..., quantity: ...}]` with a capability from the catalogue"
        yield Finding("capability-required", ("offers",) if pledge.offers else ("category",), message, hint)
    if category == "financial" and pledge.money is None:
        message = "a financial pledge must state its amount"
        yield Finding("money-required", ("category",), message, "add `money: {amount: ..., currency: ...}`")


def _pledge_offers(pledge: Pledge) -> Iterator[Finding]:
    """Each offer: it says something, a whole number has a capability to give its measure, its
    capability may be offered, its personnel and readiness agree."""
    for index, offer in enumerate(pledge.offers):
        path = ("offers", index)
        if not offer.model_fields_set:
            message = "the offer says nothing: no capability, quantity, personnel or terms"
            yield Finding("empty-offer", path, message, "fill it in, or remove it")
        yield from _offer_measure(path, offer)
        yield from _offer_capability(path, offer, pledge.category)
        yield from _offer_personnel(path, offer)
        yield from _offer_readiness(path, offer)
        yield from _duplicates((*path, "missions"), offer.missions)
        yield from _duplicates((*path, "languages"), offer.languages)


def _offer_measure(path: FieldPath, offer: Offer) -> Iterator[Finding]:
    if type(offer.quantity) is int and offer.capability is None:
        message = f"the quantity {offer.quantity} has no capability to give its measure"
        hint = f"write `quantity: {{value: {offer.quantity}, measure: ...}}` (units, personnel, aircraft, vehicles, items, courses, trainees or places)"
        yield Finding("measure-required", (*path, "quantity"), message, hint)


def _offer_capability(path: FieldPath, offer: Offer, category: str) -> Iterator[Finding]:
    capability = reference().capabilities.get(offer.capability or "")
    if capability is None:
        return
    if not capability.offerable:
        message = f"{offer.capability} records a need stated without a capability; no pledge can offer it"
        yield Finding(
            "unspecified-capability-offered", (*path, "capability"), message, "name the capability offered"
        )
        return
    wanted = {"uniformed_unit": "unit", "individual_personnel": "individual"}.get(category)
    if wanted is None or capability.kind == wanted:
        return
    counted = "units" if capability.kind == "unit" else "individuals"
    message = f"{offer.capability} is counted in {counted}, but the category is {category}"
    yield Finding(
        "capability-kind-mismatch", (*path, "capability"), message, "check `category` or `capability`"
    )


def _offer_personnel(path: FieldPath, offer: Offer) -> Iterator[Finding]:
    personnel = offer.personnel
    if personnel is not None and personnel.women > personnel.total:
        message = f"women ({personnel.women}) is more than total ({personnel.total})"
        yield Finding(
            "women-exceed-total", (*path, "personnel", "women"), message, "women are counted within total"
        )


def _offer_readiness(path: FieldPath, offer: Offer) -> Iterator[Finding]:
    days = offer.deployable_within_days
    if offer.pcrs_level == "rapid_deployment" and days is not None and days > RAPID_DEPLOYMENT_DAYS:
        message = f"rapid_deployment means deployable within {RAPID_DEPLOYMENT_DAYS} days, not {days}"
        yield Finding("rapid-deployment-too-slow", (*path, "deployable_within_days"), message, None)


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
    yield from _out_of_order(("history",), [event.on for event in history])
    if history and history[-1].status != pledge.status:
        message = f"status is {pledge.status}, but the last history entry says {history[-1].status}"
        hint = "add a history entry for the current status, or correct `status`"
        yield Finding("history-status-mismatch", ("status",), message, hint)


def _pledge_timeframe_order(pledge: Pledge) -> Iterator[Finding]:
    timeframe = pledge.timeframe
    if timeframe and _ends_before_start(timeframe.start, timeframe.end):
        message = f"timeframe ends ({timeframe.end}) before it starts ({timeframe.start})"
        yield Finding("date-order", ("timeframe", "end"), message, "check both dates")


def _pledge_missions(pledge: Pledge) -> Iterator[Finding]:
    missions = reference().missions
    announced = pledge.announced_on
    for index, offer in enumerate(pledge.offers):
        for position, code in enumerate(offer.missions):
            mission = missions.get(code)
            if mission and mission.closed and announced and announced.first_day > mission.closed:
                message = f"{code} closed on {mission.closed}, before the pledge was announced"
                yield Finding(
                    "mission-closed-before-pledge", ("offers", index, "missions", position), message, None
                )
    yield from _duplicates(("a4p",), pledge.a4p)
    yield from _duplicates(("a4p_plus",), pledge.a4p_plus)
    yield from _duplicates(("responds_to",), pledge.responds_to)


def _pledge_responses(pledge: Pledge) -> Iterator[Finding]:
    """`gap-id#N` names one of the pledge's own offers, counted from 1."""
    for index, entry in enumerate(pledge.responds_to):
        gap, number = split_response(entry)
        if number is not None and number > len(pledge.offers):
            count = len(pledge.offers)
            message = (
                f"{entry} names offer {number}, but the pledge has {count} offer{'' if count == 1 else 's'}"
            )
            hint = f"count the offers from 1, or write {gap} to answer with any offer"
            yield Finding("responds-to-unknown-offer", ("responds_to", index), message, hint)


# Gaps


def _gap_dates(gap: CapabilityGap) -> Iterator[Finding]:
    if _ends_before_start(gap.needed_since, gap.needed_until):
        start = "needed_from" if gap.needed_from else "source_doc.date"
        message = f"needed_until {gap.needed_until} is before {start} {gap.needed_since}"
        yield Finding("date-order", ("needed_until",), message, "check both dates")
    yield from _out_of_order(("history",), [event.on for event in gap.history])
    if gap.history and gap.history[-1].status != gap.status:
        message = f"status is {gap.status}, but the last history entry says {gap.history[-1].status}"
        hint = "add a history entry for the current status, or correct `status`"
        yield Finding("history-status-mismatch", ("status",), message, hint)


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
        _pledge_offers,
        _pledge_partners,
        _pledge_history,
        no_timeframe,
        _pledge_timeframe_order,
        below_highest_level,
        _pledge_missions,
        _pledge_responses,
    ),
    CapabilityGap: (_gap_dates, _gap_mission),
}
