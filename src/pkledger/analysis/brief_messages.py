"""Page one of a briefing pack: the key messages, computed from the pack's data, and the asks (the
open critical and high gaps with what is still missing)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pkledger.wording import percent

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief
    from pkledger.analysis.brief_coverage import GapCoverage

URGENT = ("critical", "high")
NOT_RECORDED = frozenset({"level-not-recorded", "no-gender-data"})
"""Criteria a pledge may meet but whose record does not say: "not recorded", never "not met"."""


def asks(brief: Brief) -> list[GapCoverage]:
    """Open critical and high gaps with something still missing (or no published quantity and no cover)."""
    return [item for item in brief.gaps if item.gap.priority in URGENT and _missing(item)]


def _missing(item: GapCoverage) -> bool:
    return item.shortfall > 0 if item.required is not None else item.covered == 0


def key_messages(brief: Brief) -> list[str]:
    """Five to eight sentences a minister's office reads first."""
    messages = [
        _made_here(brief),
        _coverage_added(brief),
        _critical_open(brief),
        _criteria(brief),
        _women(brief),
        _follow_up(brief),
        _money(brief),
        _left_out(brief),
    ]
    return [message for message in messages if message]


def counted(number: int, word: str, plural: str | None = None) -> str:
    """ "1 pledge", "3 pledges"."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _made_here(brief: Brief) -> str:
    figures = brief.figures
    earlier = f"; {counted(len(brief.earlier), 'earlier pledge')} bear on its themes" if brief.earlier else ""
    return (
        f"{counted(figures.pledges, 'pledge')} by {counted(figures.states, 'member state')} recorded as made at "
        f"{brief.conference.title}{earlier}."
    )


def _urgent_cover(
    items: Iterable[GapCoverage], measures: Iterable[str] | None = None
) -> dict[str, tuple[int, int]]:
    """Covered and required of the critical and high gaps with a published quantity, by measure
    (personnel and units are never added together)."""
    found: dict[str, tuple[int, int]] = dict.fromkeys(measures or (), (0, 0))
    for item in items:
        measure = item.amount.measure if item.amount is not None else None
        if item.gap.priority in URGENT and measure is not None and item.required is not None:
            covered, required = found.get(measure, (0, 0))
            found[measure] = (
                covered + min(item.covered, item.required),
                required + item.required,
            )
    return dict(sorted(found.items()))


def _of(cover: dict[str, tuple[int, int]]) -> str:
    """ "140 of 3,690 personnel and 0 of 1 unit"."""
    parts = [
        f"{covered:,} of {required:,} {'unit' if measure == 'units' and required == 1 else measure}"
        for measure, (covered, required) in cover.items()
    ]
    return " and ".join(parts)


def _coverage_added(brief: Brief) -> str:
    ids = {item.gap.id for item in brief.gaps}
    if not any(item.gap.priority in URGENT for item in brief.gaps):
        return "No critical or high gap on its themes is recorded."
    now = _urgent_cover(brief.gaps)
    unpublished = sum(1 for item in brief.gaps if item.gap.priority in URGENT and item.required is None)
    on_them = _on_unpublished(brief, ids)
    if not now:
        return f"No critical or high gap on its themes publishes a quantity: coverage cannot be measured ({on_them})."
    rest = f"; {counted(unpublished, 'more gap')} publish no quantity ({on_them})" if unpublished else ""
    if brief.before is None or brief.after is None:
        return f"Critical and high gaps on its themes, as of {brief.as_of}: {_of(now)} covered{rest}."
    before = _urgent_cover((item for item in brief.before.gaps if item.gap.id in ids), now)
    after = _urgent_cover((item for item in brief.after.gaps if item.gap.id in ids), now)
    return (
        f"Critical and high gaps on its themes: {_of(before)} covered the day before it opened, "
        f"{_of(after)} on its last day; as of {brief.as_of}, {_of(now)}{rest}."
    )


def _on_unpublished(brief: Brief, ids: set[str]) -> str:
    """What is counted on the critical and high gaps that publish no quantity: around the
    conference too when it is past, since what it added there shows nowhere else."""
    now = _counted(_unpublished_cover(brief.gaps))
    if brief.before is None or brief.after is None:
        return f"counted on them: {now}"
    before, after = (
        _counted(_unpublished_cover(item for item in coverage.gaps if item.gap.id in ids))
        for coverage in (brief.before, brief.after)
    )
    return f"counted on them: {before} the day before it opened, {after} on its last day, {now} as of {brief.as_of}"


def _unpublished_cover(items: Iterable[GapCoverage]) -> dict[str, int]:
    """What is counted, by measure, on the critical and high gaps that publish no quantity."""
    found: dict[str, int] = {}
    for item in items:
        if item.gap.priority in URGENT and item.required is None:
            measure = item.amount.measure if item.amount is not None and item.amount.measure else "units"
            found[measure] = found.get(measure, 0) + item.covered
    return dict(sorted(found.items()))


def _counted(cover: dict[str, int]) -> str:
    """ "5 units and 40 personnel"; "nothing" when nothing is counted."""
    parts = [
        f"{number:,} {'unit' if measure == 'units' and number == 1 else measure}"
        for measure, number in cover.items()
        if number
    ]
    return " and ".join(parts) or "nothing"


def _critical_open(brief: Brief) -> str:
    critical = [item for item in brief.gaps if item.gap.priority == "critical"]
    if not critical:  # not "none left open", which would read as all covered
        return "No gap on its themes is rated critical."
    still = [item for item in critical if _missing(item)]
    if not still:
        return (
            f"No critical gap on its themes is left open ({counted(len(critical), 'critical gap')} covered)."
        )
    named = "; ".join(f"{item.gap.title} ({item.gap.mission})" for item in still[:3])
    more = f" and {len(still) - 3} more" if len(still) > 3 else ""
    return f"{counted(len(still), 'critical gap')} on its themes still open: {named}{more}."


def _criteria(brief: Brief) -> str:
    lines = brief.pledges
    if not lines:
        return ""
    meeting = sum(1 for line in lines if not line.not_met)
    failing = sum(1 for line in lines if set(line.not_met) - NOT_RECORDED)
    unrecorded = sum(
        1 for line in lines if set(line.not_met) & NOT_RECORDED and not set(line.not_met) - NOT_RECORDED
    )
    unknown = f"; for {unrecorded} more the record does not say (not recorded)" if unrecorded else ""
    return (
        f"{meeting} of {counted(len(lines), 'pledge')} made here meet all the concept note's criteria; "
        f"{failing} miss at least one{unknown}."
    )


def _women(brief: Brief) -> str:
    personnel = sum(share.personnel for share in brief.shares)
    if not personnel:
        return "No personnel figures are recorded for the pledges made here: the share of women cannot be stated."
    women = sum(share.women for share in brief.shares)
    below = [
        share.category
        for share in brief.shares
        if share.target and share.personnel and share.women / share.personnel < share.target.share
    ]
    judged = (
        f"below the target in {len(below)} of {len(brief.shares)} categories"
        if below
        else "at or above the targets"
    )
    return f"Women are {percent(women, personnel)} of the {personnel} personnel pledged, {judged}."


def _follow_up(brief: Brief) -> str:
    if brief.previous is None or not brief.follow_up:
        return ""
    counts = Counter(line.follow_up for line in brief.follow_up)
    parts = ", ".join(
        f"{counts[name]} {name}"
        for name in ("delivered", "in progress", "overdue", "no news since", "status not dated")
        if counts[name]
    )
    held_back = (
        " A status the record does not date is not taken as known on that date."
        if counts["status not dated"]
        else ""
    )
    return f"Of the {len(brief.follow_up)} pledges of {brief.previous.title}, as of {brief.as_of}: {parts}.{held_back}"


def _money(brief: Brief) -> str:
    if not brief.money:
        return ""
    shown = "; ".join(
        f"{total.currency} {total.amount:,.0f}" + (" (some amounts approximate)" if total.qualified else "")
        for total in brief.money
    )
    return f"Money pledged, per currency: {shown}."


def _left_out(brief: Brief) -> str:
    if not brief.left_out:
        return ""
    return f"{len(brief.left_out)} record file(s) with errors are left out of this pack (see the box above)."
