"""The rows of a briefing pack's tables, shared by the conference and the member state packs: a
pledge, a gap, a source and a warning as the templates show them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pkledger.analysis.brief_messages import NOT_RECORDED
from pkledger.format.iso import un_name
from pkledger.format.reference import reference
from pkledger.output.quantities import Estimates, quantity_text, stated_quantity

if TYPE_CHECKING:
    from pkledger.analysis.brief import PledgeLine
    from pkledger.analysis.brief_coverage import GapCoverage
    from pkledger.format.models import Pledge, Record
    from pkledger.problems import Problem

NOT_MET = {
    "below-highest-level": "below ministerial level",
    "level-not-recorded": "level not recorded",
    "no-timeframe": "no timeframe",
    "answers-no-gap": "answers no recorded gap",
    "women-below-target": "women below the {year} target",
    "no-gender-data": "no gender data",
}
"""The concept note's criteria (pkledger.format.rules.quality.CRITERIA) as the pack names them."""


NOTE_LENGTH = 300
"""A record's note is shown up to its first sentence, and never longer than this."""
SENTENCE_END = re.compile(r"(?<=[a-z0-9)'\"][.!?])\s+(?=[A-Z(\"'\[])")
"""A full stop after a lower-case letter or a digit, before a capital: "U.S. Commitments" is no end."""


class RecordNotes:
    """Records' `notes` marked "(note N)" in the tables, each kept short as a numbered note.

    Format 2 defines `notes` as caveats (what is unknown, why a warning is accepted), so every note
    of a pledge or gap a table shows counts as one. Records whose notes begin alike share a number."""

    def __init__(self) -> None:
        self.shown: dict[str, list[str]] = {}
        """Each short note, in the order first marked, with the ids of the records that carry it."""

    def mark(self, record: Record) -> str:
        """The mark "(note N)" when the record has notes; else empty."""
        if not record.notes:
            return ""
        records = self.shown.setdefault(short_note(record.notes), [])
        if record.id not in records:
            records.append(record.id)
        return f"(note {list(self.shown).index(short_note(record.notes)) + 1})"

    def notes(self) -> list[str]:
        """Each note: "note 1, 2021-seoul-KOR-001: its first sentence"."""
        return [
            f"note {number}, {', '.join(records)}: {text}"
            for number, (text, records) in enumerate(self.shown.items(), start=1)
        ]


def short_note(text: str) -> str:
    """The first sentence of a note, cut at a word before NOTE_LENGTH characters (with "...")."""
    text = " ".join(text.split())
    first = SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= NOTE_LENGTH:
        return first
    return first[: NOTE_LENGTH - 3].rsplit(" ", 1)[0].rstrip(",;:") + "..."


@dataclass(frozen=True)
class PledgeRow:
    """A pledge as the pack shows it, with its status on the as-of date and the concept note's checks."""

    id: str
    link_note: str
    """" (est. N)" when the pledge's conference is the analyst's reading; else empty."""
    state: str
    state_name: str
    title: str
    category: str
    category_label: str
    capability: str
    quantity: str
    status: str
    chain: str
    """The partnership in words, by role ("donor: Japan; trainer: ...; recipient: ...")."""
    flags: tuple[str, ...]
    """The concept note's criteria the pledge does not meet."""
    unrecorded: tuple[str, ...]
    """The criteria its record does not say it meets ("not recorded", not "not met")."""
    illustrative: bool
    conference: str = ""
    note_mark: str = ""
    """The mark "(note N)" when the record has notes (listed under the tables)."""


@dataclass(frozen=True)
class GapRow:
    id: str
    title: str
    priority: str
    priority_shown: str
    """The priority, marked when estimated."""
    mission: str
    capability: str
    required: str
    """What the gap needs in words, with its measure and qualifier ("2,750 personnel", "not published")."""
    required_value: int
    """The number needed, 0 when not published (for the chart)."""
    covered: int
    announced: int
    shortfall: str
    by_whom: str
    added: str
    """What the conference's pledges added: coverage on its last day less the day before ("+1")."""
    declared: bool
    """A pledge names the gap in `responds_to` (even if it counts for nothing here)."""
    illustrative: bool
    reported: bool
    """A need a member state, the press or research reports, not one a UN document states."""
    note_mark: str = ""


@dataclass(frozen=True)
class SourceRow:
    record: str
    title: str
    publisher: str
    date: str
    url: str
    illustrative: bool


@dataclass(frozen=True)
class QualityRow:
    file: str
    line: str
    code: str
    message: str


def partnership_chain(pledge: Pledge) -> str:
    """A partnership in words, by role: never a chain of every partner."""
    from pkledger.analysis.brief_sections import partnership_roles

    roles = partnership_roles(pledge)
    if roles is None:
        return ""
    ref = reference()
    return "; ".join(
        f"{ref.label('roles', role)}: {', '.join(un_name(actor) for actor in actors)}"
        for role, actors in roles.roles[1:]
    )


def pledge_row(line: PledgeLine, estimates: Estimates, notes: RecordNotes) -> PledgeRow:
    pledge = line.pledge
    return PledgeRow(
        id=pledge.id,
        link_note=estimates.marker(reason) if (reason := pledge.estimate_of("conference")) else "",
        state=pledge.member_state,
        state_name=un_name(pledge.member_state),
        title=pledge.title,
        category=pledge.category,
        category_label=reference().label("categories", pledge.category),
        capability="; ".join(offer.capability for offer in pledge.offers if offer.capability),
        quantity="; ".join(
            stated_quantity(offer.quantity, offer.capability)
            for offer in pledge.offers
            if offer.quantity is not None
        ),
        status=estimates.mark(status_words(pledge), pledge, "status"),
        chain=partnership_chain(pledge),
        flags=tuple(
            NOT_MET[name].format(year=line.target_year) for name in line.not_met if name not in NOT_RECORDED
        ),
        unrecorded=tuple(
            NOT_MET[name].format(year=line.target_year) for name in line.not_met if name in NOT_RECORDED
        ),
        illustrative=pledge.provenance == "illustrative",
        conference=pledge.conference or "",
        note_mark=notes.mark(pledge),
    )


def status_words(pledge: Pledge) -> str:
    """A pledge's status in words; "(undated)" when no history says since when (it is shown on any date)."""
    words = reference().label("pledge_statuses", pledge.status)
    return f"{words} (undated)" if not pledge.history and pledge.status != "announced" else words


def gap_row(item: GapCoverage, estimates: Estimates, notes: RecordNotes, added: str = "") -> GapRow:
    """A gap's row; ``added`` is what the conference added to its coverage ("+1", "0"), when known."""
    gap = item.gap
    return GapRow(
        added=added,
        id=gap.id,
        title=gap.title,
        priority=gap.priority,
        priority_shown=estimates.mark(gap.priority, gap, "priority"),
        mission=gap.mission,
        capability=reference().capabilities[gap.capability].label,
        required=estimates.mark(quantity_text(item.amount), gap, "quantity"),
        required_value=item.required or 0,
        covered=item.covered,
        announced=item.announced,
        shortfall="-" if item.required is None else f"{item.shortfall:,}",
        by_whom=", ".join(
            [f"{label}: {counted_in(units, item)}" for _, label, units in item.answered_by]
            + [f"{label} declares it, not counted: {why}" for label, why in item.declared]
        ),
        declared=bool(item.declared),
        illustrative=gap.provenance == "illustrative",
        reported=gap.basis == "reported_need",
        note_mark=notes.mark(gap),
    )


def counted_in(units: int, item: GapCoverage) -> str:
    """What an offer gives a gap, in the gap's measure ("140 personnel", "1 unit"), never a bare number."""
    measure = item.amount.measure if item.amount is not None and item.amount.measure else "units"
    return f"{units:,} {measure[:-1] if units == 1 and measure.endswith('s') else measure}"


def estimated_notes(records: Iterable[Record], estimates: Estimates) -> list[str]:
    """The numbered reasons of the values marked in the pack, then the records' other estimated
    values ("2021-seoul-KOR-001, history[0].on: the reason")."""
    notes = estimates.notes()
    marked = set(estimates.reasons)
    for record in records:
        notes += [f"{record.id}, {e.field}: {e.reason}" for e in record.estimated if e.reason not in marked]
    return notes


def by_category(rows: Iterable[PledgeRow]) -> list[tuple[str, list[PledgeRow]]]:
    groups: dict[str, list[PledgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.category].append(row)
    return sorted(groups.items(), key=lambda group: (-len(group[1]), group[0]))


def by_state(rows: Iterable[PledgeRow]) -> list[tuple[str, str, list[PledgeRow]]]:
    groups: dict[str, list[PledgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.state].append(row)
    return [(state, un_name(state), groups[state]) for state in sorted(groups, key=un_name)]


def source_rows(records: Iterable[Record]) -> list[SourceRow]:
    return [
        SourceRow(
            record=record.id,
            title=source.title,
            publisher=source.publisher or "",
            date=str(source.date or ""),
            url=source.url or "",
            illustrative=record.provenance == "illustrative",
        )
        for record in records
        for source in record.sources
    ]


def quality_rows(problems: Iterable[Problem]) -> list[QualityRow]:
    return [
        QualityRow(
            problem.file,
            str(problem.line or ""),
            problem.code,
            f"{problem.path}: {problem.message}".lstrip(": "),
        )
        for problem in problems
    ]
