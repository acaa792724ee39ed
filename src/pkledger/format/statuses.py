"""Groups of pledge and gap statuses, defined once: what counts, what is firm, what is closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkledger.format.models.gap import GapStatus
    from pkledger.format.models.pledge import PledgeStatus

FIRST: PledgeStatus = "announced"
"""A pledge's status before its history says otherwise."""
FIRM: frozenset[PledgeStatus] = frozenset(
    {"registered", "in_progress", "deployed", "partially_fulfilled", "fulfilled"}
)
"""Registered and later: a pledge the UN can plan with (announced ones are not yet firm)."""
NEVER_COUNT: frozenset[PledgeStatus] = frozenset({"withdrawn", "lapsed"})
"""Pledges that stopped: they fill no gap and leave the pipeline."""
NOT_AVAILABLE: frozenset[PledgeStatus] = NEVER_COUNT | {"ended"}
"""Pledges that fill no gap now: stopped, or delivered and since ended."""
PIPELINE: tuple[tuple[str, frozenset[PledgeStatus]], ...] = (
    ("announced", frozenset({"announced"})),
    ("registered", frozenset({"registered", "in_progress"})),
    ("deployed", frozenset({"deployed", "partially_fulfilled"})),
    ("fulfilled", frozenset({"fulfilled"})),
    ("ended", frozenset({"ended"})),
)
"""The stages of a pledge from announcement to delivery, and the statuses in each."""
GAP_CLOSED: frozenset[GapStatus] = frozenset({"filled", "withdrawn"})
"""Gaps that need nothing more: no pledge is matched to them, and a pack leaves them out."""
FINAL: frozenset[str] = frozenset({"withdrawn", "lapsed", "ended"})
"""Statuses a pledge never leaves: it stopped, or it was delivered and has since ended."""
ENDED_FROM: frozenset[str] = frozenset({"deployed", "partially_fulfilled", "fulfilled", "ended"})
"""A pledge ends only once something of it was delivered."""
GAP_FINAL: frozenset[str] = frozenset({"withdrawn"})
"""A withdrawn gap is not asked for again (a new paper makes a new gap); a filled one may reopen."""


def _stage(status: str) -> int | None:
    return next((index for index, (_, members) in enumerate(PIPELINE) if status in members), None)


def forbidden_transition(kind: str, before: str, after: str) -> str | None:
    """Why a record of a kind ("pledges" or "gaps") may not go from one status to another, or None.

    A status may be repeated (a dated note, such as a pledge's PCRS assessment); a pledge moves
    forward through the pipeline, may stop (withdrawn, lapsed) at any point before it ends, and
    ends only once delivered.
    """
    if kind == "gaps":
        if before in GAP_FINAL and after != before:
            return f"a {before} gap keeps that status; record a new gap for a new paper"
        return None
    if before in FINAL:
        return None if after == before else f"a {before} pledge keeps that status"
    if after == "ended" and before not in ENDED_FROM:
        return f"only a delivered pledge (deployed, partially_fulfilled or fulfilled) can end, not a {before} one"
    old, new = _stage(before), _stage(after)
    if old is not None and new is not None and new < old:
        return (
            f"{after} comes before {before} in a pledge's course (announced, registered, deployed, fulfilled)"
        )
    return None
