"""What is available at a date D: the gaps that take units, and the pledges whose offers may count.

Each exclusion is a reason in words with its date ("deployment ended 2019-07-31"), so every report
that asks "as of D" (match, brief, stats, diff) says the same thing. A partial date (a month, a
year) counts as known from its period's last day, as the format says.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from pkledger.format.dates import PartialDate
from pkledger.format.models import CapabilityGap, Conference, Pledge
from pkledger.format.reference import ANY_MISSION, Mission, reference
from pkledger.format.statuses import FIRST, NOT_AVAILABLE

GAP_TAKING = frozenset({"open", "partially_filled"})
"""The statuses of a gap that takes units."""


def status_on(record: Pledge | CapabilityGap, as_of: date) -> str:
    """A pledge's or a gap's status on a date, from its history (its current status when it has
    none); an entry dated to a month or a year counts from the period's last day."""
    if not record.history:
        return record.status
    known = [event.status for event in record.history if event.on.known_by(as_of)]
    return known[-1] if known else (FIRST if isinstance(record, Pledge) else "open")


def status_since(record: Pledge | CapabilityGap, as_of: date) -> PartialDate | None:
    """The date of the history entry that gave the status on a date, if the history has one."""
    known = [event.on for event in record.history if event.on.known_by(as_of)]
    return known[-1] if known else None


def announced_on(pledge: Pledge, conferences: Mapping[str, Conference]) -> PartialDate | None:
    """When a pledge was made: its own date, else its conference's first day."""
    conference = conferences.get(pledge.conference or "")
    return pledge.announced_on or (conference.start_date if conference else None)


def pledge_unavailable(pledge: Pledge, as_of: date, conferences: Mapping[str, Conference]) -> str | None:
    """Why no offer of a pledge counts at a date (announcement, status, a `during` timeframe), or None."""
    made = announced_on(pledge, conferences)
    if made is not None and not made.known_by(as_of):
        return f"announced {made}, after {as_of}"
    status = status_on(pledge, as_of)
    if status in NOT_AVAILABLE:
        since = status_since(pledge, as_of)
        return f"pledge {status}" + (f" on {since}" if since else "")
    timeframe = pledge.timeframe
    if timeframe is not None and timeframe.kind == "during":
        if timeframe.end is not None and timeframe.end.last_day < as_of:
            return f"deployment ended {timeframe.end}, before {as_of}"
        if timeframe.start is not None and not timeframe.start.known_by(as_of):
            return f"deployment starts {timeframe.start}, after {as_of}"
    return None


def gap_unavailable(
    gap: CapabilityGap, as_of: date, missions: Mapping[str, Mission] | None = None
) -> str | None:
    """Why a gap takes no units at a date (not yet or no longer needed, filled, mission closed), or None."""
    since = gap.needed_since
    if not since.known_by(as_of):
        return f"needed from {since}, after {as_of}"
    if gap.needed_until is not None and gap.needed_until.last_day < as_of:
        return f"needed until {gap.needed_until}, before {as_of}"
    status = status_on(gap, as_of)
    if status not in GAP_TAKING:
        changed = status_since(gap, as_of)
        return f"gap {status}" + (f" on {changed}" if changed else "")
    known = missions if missions is not None else reference().missions
    mission = known.get(gap.mission) if gap.mission != ANY_MISSION else None
    if mission is not None and mission.closed is not None and mission.closed < as_of:
        return f"mission {gap.mission} closed {mission.closed.isoformat()}"
    return None


def conference_days(conference: Conference) -> tuple[date, date]:
    """The day before a conference opened and its last day: coverage before and after it."""
    return conference.start_date.first_day - timedelta(days=1), conference.end_date.last_day
