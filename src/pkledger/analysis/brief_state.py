"""`pkledger brief --state CODE`: a member state's pack, as plain data: its pledges across cycles
with their status and follow-up, and the open gaps its offers could fill."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pkledger.analysis.brief import (
    AsOfBasis,
    PledgeLine,
    known_on,
    ledger_as_of,
    pledge_lines,
    problems_of,
)
from pkledger.analysis.brief_coverage import GapCoverage, coverage_on
from pkledger.analysis.brief_sections import FollowUpLine, follow_up
from pkledger.errors import PkledgerError
from pkledger.format.models import Conference, Pledge, Record
from pkledger.format.reference import reference
from pkledger.format.statuses import GAP_CLOSED
from pkledger.ledger.entry import Ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean


@dataclass(frozen=True)
class StateBrief:
    """Everything a member state's pack shows, as of a date."""

    state: str
    as_of: date
    ledger_version: str
    pledges: list[PledgeLine]
    follow_up: list[FollowUpLine]
    """Each pledge's follow-up since its conference ended (or since it was announced)."""
    fillable: list[GapCoverage]
    """Open gaps with something missing whose capability one of the state's offers could provide."""
    records: list[Record]
    quality: list[Problem]
    as_of_basis: AsOfBasis = "today"
    left_out: list[tuple[str, str]] = field(default_factory=list)
    classification: str | None = None


def require_state(state: str) -> str:
    code = state.strip().upper()
    states = reference().states
    if code not in states:
        raise PkledgerError(
            f"'{state}' is not the code of a UN member or observer state", hint=did_you_mean(code, states)
        )
    return code


def prepare_state_brief(
    ledger: Ledger,
    state: str,
    as_of: date | None,
    ledger_version: str,
    *,
    today: date,
    left_out: list[tuple[str, str]] | None = None,
) -> StateBrief:
    """A member state's pack as of a date (default: today)."""
    code = require_state(state)
    when = as_of or today
    then = ledger_as_of(ledger, when)
    pledges = sorted(
        (p for p in then.pledges.values() if p.member_state == code and known_on(p, when, then.conferences)),
        key=lambda p: (_made_key(p, then.conferences), p.id),
    )
    now = coverage_on(then, when)
    fillable = _fillable(now.gaps, pledges)
    settings = ledger.settings
    records: list[Record] = [*pledges, *(item.gap for item in fillable)]
    return StateBrief(
        state=code,
        as_of=when,
        ledger_version=ledger_version,
        pledges=pledge_lines(ledger, pledges, {p for item in now.gaps for p, _, _ in item.answered_by}),
        follow_up=[_follow_up_line(pledge, then.conferences, when) for pledge in pledges],
        fillable=fillable,
        records=records,
        quality=problems_of(ledger, {record.id for record in records}),
        as_of_basis="given" if as_of else "today",
        left_out=left_out or [],
        classification=settings.classification if settings else None,
    )


def _made_key(pledge: Pledge, conferences: dict[str, Conference]) -> date:
    conference = conferences.get(pledge.conference or "")
    made = pledge.announced_on or (conference.start_date if conference else None)
    return made.last_day if made else date.min


def _follow_up_line(pledge: Pledge, conferences: dict[str, Conference], on: date) -> FollowUpLine:
    conference = conferences.get(pledge.conference or "")
    made = conference.end_date if conference else pledge.announced_on
    since = made.last_day if made else date.min
    return FollowUpLine(pledge, pledge.status, follow_up(pledge, pledge.status, since, on))


def _fillable(gaps: list[GapCoverage], pledges: list[Pledge]) -> list[GapCoverage]:
    ref = reference()
    offered = {offer.capability for pledge in pledges for offer in pledge.offers if offer.capability}
    return [
        item
        for item in gaps
        if item.gap.status not in GAP_CLOSED
        and (item.shortfall > 0 or (item.required is None and item.covered == 0))
        and any(ref.satisfies(capability, item.gap.capability) for capability in offered)
    ]
