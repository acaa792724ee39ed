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
