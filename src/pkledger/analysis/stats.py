"""`pkledger stats`: counts by ministerial, category and status; personnel against parity targets;
published outcome figures beside the ledger's own counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import get_args

from pkledger.analysis.measures import units_pledged
from pkledger.analysis.query import family
from pkledger.format.models import Conference, Pledge
from pkledger.format.models.pledge import PledgeStatus
from pkledger.format.quantities import Amount, figure_amount
from pkledger.format.reference import reference
from pkledger.ledger.entry import Ledger

OUTSIDE = "outside any conference"


@dataclass(frozen=True)
class PersonnelRow:
    ministerial: str
    category: str
    total: int
    women: int
    share: float | None
    target: float | None
    target_year: int | None
    provisional: bool


@dataclass(frozen=True)
class OutcomeRow:
    conference: str
    figure: str
    published: Amount | None
    """The published figure with its measure and qualifier ("at least 110 units")."""
    ledger: Amount | None
    """The ledger's own count of the same thing."""
    estimated: str | None = None
    """Why the published figure is the analyst's reading, when the conference lists it in `estimated`."""


@dataclass
class Stats:
    pledges: int
    by_ministerial: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    personnel: list[PersonnelRow] = field(default_factory=list)
    outcomes: list[OutcomeRow] = field(default_factory=list)


def ministerial_of(pledge: Pledge, conferences: dict[str, Conference]) -> Conference | None:
    """The summit or ministerial a pledge belongs to: its conference, or that conference's parent."""
    conference = conferences.get(pledge.conference or "")
    if conference is not None and conference.parent is not None:
        return conferences.get(conference.parent, conference)
    return conference


def compute_stats(ledger: Ledger) -> Stats:
    """All the figures of `pkledger stats` for the valid records of a ledger."""
    conferences, pledges = ledger.conferences, list(ledger.pledges.values())
    home = {pledge.id: ministerial_of(pledge, conferences) for pledge in pledges}
    ordered = sorted({c.id: c for c in home.values() if c}.values(), key=lambda c: c.start_date.sort_key())
    by_ministerial = Counter(_home_id(home[p.id]) for p in pledges)
    return Stats(
        pledges=len(pledges),
        by_ministerial={c.id: by_ministerial[c.id] for c in ordered} | _outside(by_ministerial),
        by_category=dict(Counter(p.category for p in pledges).most_common()),
        by_status=_in_pipeline_order(Counter(p.status for p in pledges)),
        personnel=_personnel_rows(pledges, home),
        outcomes=_outcome_rows(ledger, conferences, pledges),
    )


def _in_pipeline_order(counts: Counter[str]) -> dict[str, int]:
    return {status: counts[status] for status in get_args(PledgeStatus) if counts[status]}


def _home_id(conference: Conference | None) -> str:
    return conference.id if conference else OUTSIDE


def _outside(counts: Counter[str]) -> dict[str, int]:
    return {OUTSIDE: counts[OUTSIDE]} if counts[OUTSIDE] else {}


def _personnel_rows(pledges: list[Pledge], home: dict[str, Conference | None]) -> list[PersonnelRow]:
    ref = reference()
    sums: dict[tuple[str, str, int | None], list[int]] = defaultdict(lambda: [0, 0])
    for pledge in pledges:
        conference = home[pledge.id]
        year = (
            conference.start_date.year
            if conference
            else (pledge.announced_on.year if pledge.announced_on else None)
        )
        for offer in pledge.offers:
            if offer.personnel is None:
                continue
            capability = ref.capabilities.get(offer.capability or "")
            category = capability.gender_category if capability else "unspecified"
            key = (conference.id if conference else OUTSIDE, category, year)
            sums[key][0] += offer.personnel.total
            sums[key][1] += offer.personnel.women
    return [_personnel_row(key, total, women) for key, (total, women) in sorted(sums.items(), key=str)]


def _personnel_row(key: tuple[str, str, int | None], total: int, women: int) -> PersonnelRow:
    ministerial, category, year = key
    target = reference().gender_target(category, year) if year else None
    return PersonnelRow(
        ministerial=ministerial,
        category=category,
        total=total,
        women=women,
        share=round(women / total, 4) if total else None,
        target=float(target.share) if target else None,
        target_year=target.year if target else None,
        provisional=target.provisional if target else False,
    )


def _outcome_rows(
    ledger: Ledger, conferences: dict[str, Conference], pledges: list[Pledge]
) -> list[OutcomeRow]:
    rows = []
    for conference in sorted(conferences.values(), key=lambda c: c.start_date.sort_key()):
        if conference.outcome is None:
            continue
        members = family(ledger, conference.id)
        made_here = [p for p in pledges if p.conference in members]
        units = units_pledged(made_here)
        outcome = conference.outcome

        def estimate(name: str, of: Conference = conference) -> str | None:
            return of.estimate_of(f"outcome.{name}")

        rows += [
            OutcomeRow(
                conference.id,
                "participating states",
                figure_amount(outcome.participating_states),
                None,
                estimate("participating_states"),
            ),
            OutcomeRow(
                conference.id,
                "pledging states",
                figure_amount(outcome.pledging_states),
                Amount(len({p.member_state for p in made_here}), None),
                estimate("pledging_states"),
            ),
            OutcomeRow(
                conference.id,
                "units pledged",
                figure_amount(outcome.units_pledged, "units"),
                units,
                estimate("units_pledged"),
            ),
            OutcomeRow(conference.id, "pledges", None, Amount(len(made_here), None)),
        ]
    return rows
