"""`pkledger brief`: the briefing pack for a conference, as a typed context for the templates.

Everything here is a pure function of the ledger, the conference and the as-of date, so the same
ledger and `--as-of` give byte-identical packs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from pkledger import __version__
from pkledger.analysis.match import MatchResult, match
from pkledger.analysis.query import family
from pkledger.errors import PkledgerError
from pkledger.format.iso import state_name
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.models.conference import Focus
from pkledger.format.reference import reference
from pkledger.format.rules.eligibility import UNIT_CATEGORIES
from pkledger.format.rules.record import HIGHEST_LEVELS
from pkledger.ledger.entry import Ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean

PIPELINE = (
    ("announced", ("announced",)),
    ("registered", ("registered", "in_progress")),
    ("deployed", ("deployed", "partially_fulfilled")),
    ("fulfilled", ("fulfilled",)),
)
STOPPED = ("withdrawn", "lapsed")
MEDICAL_CAPABILITIES = frozenset(
    {
        "level_1_hospital",
        "level_2_hospital",
        "level_3_hospital",
        "aeromedical_evacuation_team",
        "medical_team",
    }
)
SUPPORT_ROLES = ("donor", "funder", "equipment_provider", "trainer", "maintenance_transport", "host")


@dataclass(frozen=True)
class PledgeRow:
    """A pledge as the pack shows it, with its status on the as-of date and the concept note's checks."""

    id: str
    state: str
    state_name: str
    title: str
    category: str
    capability: str
    quantity: str
    status: str
    chain: str
    flags: tuple[str, ...]
    illustrative: bool


@dataclass(frozen=True)
class GapRow:
    id: str
    title: str
    priority: str
    mission: str
    capability: str
    required: int
    covered: int
    announced: int
    shortfall: int
    by_whom: str
    illustrative: bool


@dataclass(frozen=True)
class Figure:
    label: str
    ledger: str
    published: str


@dataclass(frozen=True)
class ShareRow:
    category: str
    personnel: int
    women: int
    share: str
    target: str


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


@dataclass
class BriefContext:
    """Everything the Markdown and HTML templates show; nothing else reaches them."""

    conference: Conference
    kind: str
    parent: Conference | None
    as_of: date
    ledger_version: str
    generator: str
    scope: str
    figures: list[Figure]
    shares: list[ShareRow]
    gaps: list[GapRow]
    open_gaps: list[GapRow]
    categories: list[tuple[str, list[PledgeRow]]]
    pipeline: list[tuple[str, int]]
    stopped: int
    states: list[tuple[str, str, list[PledgeRow]]]
    sources: list[SourceRow]
    quality: list[QualityRow]
    illustrative_records: int
    charts: dict[str, str] = field(default_factory=dict)


def find_conference(ledger: Ledger, conference_id: str) -> Conference:
    conferences = ledger.conferences
    if conference_id not in conferences:
        hint = did_you_mean(conference_id, conferences)
        raise PkledgerError(f"no conference with id '{conference_id}' in the ledger", hint=hint)
    return conferences[conference_id]


def status_on(pledge: Pledge, as_of: date) -> str:
    """The pledge's status on a date, from its history (its current status when it has none)."""
    if not pledge.history:
        return pledge.status
    known = [event.status for event in pledge.history if event.on <= as_of]
    return known[-1] if known else "announced"


def known_on(pledge: Pledge, as_of: date, conferences: dict[str, Conference]) -> bool:
    """Whether the pledge had been made by the as-of date."""
    conference = conferences.get(pledge.conference or "")
    made = pledge.announced_on or (conference.start_date if conference else None)
    return made is None or made <= as_of


def ledger_as_of(ledger: Ledger, as_of: date) -> Ledger:
    """The ledger as it stood on a date: later pledges and gaps left out, statuses from history."""
    conferences = ledger.conferences
    entries = []
    for entry in ledger.entries:
        record = entry.record
        if isinstance(record, Pledge):
            if not known_on(record, as_of, conferences):
                continue
            record = record.model_copy(update={"status": status_on(record, as_of)})
        elif isinstance(record, CapabilityGap) and record.source_doc.date > as_of:
            continue
        entries.append(replace(entry, record=record))
    return Ledger(root=ledger.root, entries=entries)


def pledges_in_scope(ledger: Ledger, conference: Conference) -> tuple[list[Pledge], str]:
    """The pledges the pack is about, and a sentence saying how they were chosen."""
    pledges = sorted(ledger.pledges.values(), key=lambda pledge: pledge.id)
    if conference.kind in ("summit", "ministerial"):
        members = family(ledger, conference.id)
        chosen = [pledge for pledge in pledges if pledge.conference in members]
        return chosen, f"Pledges made at {conference.id} and its preparatory conferences and side events."
    focus = conference.focus
    if focus is None:
        members = family(ledger, conference.parent or conference.id)
        chosen = [pledge for pledge in pledges if pledge.conference in members]
        return chosen, f"The conference has no focus recorded: pledges of the {conference.parent} cycle."
    chosen = [pledge for pledge in pledges if pledge.conference == conference.id or _on_focus(pledge, focus)]
    return chosen, "Pledges made here, and pledges from any conference on the conference's focus."


def _on_focus(pledge: Pledge, focus: Focus) -> bool:
    return (
        pledge.category in focus.categories
        or (pledge.capability is not None and pledge.capability in focus.capabilities)
        or bool(set(pledge.a4p) & set(focus.a4p))
        or bool(set(pledge.a4p_plus) & set(focus.a4p_plus))
    )


def gap_on_focus(gap: CapabilityGap, focus: Focus | None) -> bool:
    """Whether a gap bears on the conference: its capability, or the category its capability serves."""
    if focus is None or gap.capability in focus.capabilities:
        return True
    capability = reference().capabilities[gap.capability]
    served = {"uniformed_unit" if capability.kind == "unit" else "individual_personnel"}
    if gap.capability in MEDICAL_CAPABILITIES:
        served.add("medical")
    return bool(served & set(focus.categories))


def partnership_chain(pledge: Pledge) -> str:
    """A triangular partnership as a chain: pledging state -> supporting partners -> recipients."""
    if pledge.partnership == "none" or not pledge.partners:
        return ""
    supporters = [
        f"{p.actor} ({p.role.replace('_', ' ')})" for p in pledge.partners if p.role in SUPPORT_ROLES
    ]
    recipients = [f"{p.actor} (recipient)" for p in pledge.partners if p.role == "recipient"]
    return " → ".join([pledge.member_state, *supporters, *recipients])


def quality_flags(pledge: Pledge, answers_need: bool, year: int) -> tuple[str, ...]:
    """The concept note's criteria a pledge does not show: level, timeframe, a UN need, gender."""
    flags = []
    if pledge.announced_by is None:
        flags.append("level not recorded")
    elif pledge.announced_by not in HIGHEST_LEVELS:
        flags.append("below ministerial level")
    if pledge.timeframe is None:
        flags.append("no timeframe")
    if not answers_need and pledge.category in UNIT_CATEGORIES:
        flags.append("answers no recorded gap")
    flags.extend(_gender_flag(pledge, year))
    return tuple(flags)


def _gender_flag(pledge: Pledge, year: int) -> list[str]:
    capability = reference().capabilities.get(pledge.capability or "")
    personnel = pledge.personnel
    if capability is None or pledge.category not in UNIT_CATEGORIES:
        return []
    if personnel is None or personnel.total == 0:
        return ["no gender data"]
    target = reference().gender_target(capability.gender_category, year)
    if target is not None and personnel.women < target.share * personnel.total:
        return [f"women below the {target.year} target"]
    return []


def pledge_row(pledge: Pledge, answers_need: bool, year: int) -> PledgeRow:
    return PledgeRow(
        id=pledge.id,
        state=pledge.member_state,
        state_name=state_name(pledge.member_state),
        title=pledge.title,
        category=pledge.category,
        capability=pledge.capability or "",
        quantity=f"{pledge.quantity} {pledge.quantity_unit or ''}".strip() if pledge.quantity else "",
        status=pledge.status,
        chain=partnership_chain(pledge),
        flags=quality_flags(pledge, answers_need, year),
        illustrative=pledge.provenance == "illustrative",
    )


def gap_rows(result: MatchResult, focus: Focus | None) -> list[GapRow]:
    return [
        GapRow(
            id=item.gap.id,
            title=item.gap.title,
            priority=item.gap.priority,
            mission=item.gap.mission,
            capability=item.gap.capability,
            required=item.required,
            covered=item.covered,
            announced=item.covered_by(firm=False),
            shortfall=item.shortfall,
            by_whom=", ".join(f"{pledge} x{units}" for pledge, units in item.allocations.items()),
            illustrative=item.gap.provenance == "illustrative",
        )
        for item in result.gaps
        if gap_on_focus(item.gap, focus) and item.gap.status not in ("filled", "withdrawn")
    ]


def headline_figures(conference: Conference, pledges: Sequence[Pledge]) -> list[Figure]:
    units = sum(pledge.quantity or 0 for pledge in pledges if _provides_units(pledge))
    personnel = sum(pledge.personnel.total for pledge in pledges if pledge.personnel)
    outcome = conference.outcome

    def published(figure: str) -> str:
        value = getattr(outcome, figure) if outcome else None
        return "" if value is None else str(value)

    states = len({pledge.member_state for pledge in pledges})
    return [
        Figure("Pledges", str(len(pledges)), ""),
        Figure("Pledging states", str(states), published("pledging_states")),
        Figure("Uniformed units", str(units), published("units_pledged")),
        Figure("Personnel", str(personnel), ""),
        Figure("Participating states", "", published("participating_states")),
    ]


def _provides_units(pledge: Pledge) -> bool:
    capability = reference().capabilities.get(pledge.capability or "")
    return capability is not None and capability.kind == "unit" and pledge.category in UNIT_CATEGORIES


def share_rows(pledges: Iterable[Pledge], year: int) -> list[ShareRow]:
    ref = reference()
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pledge in pledges:
        capability = ref.capabilities.get(pledge.capability or "")
        if pledge.personnel is not None and capability is not None:
            sums[capability.gender_category][0] += pledge.personnel.total
            sums[capability.gender_category][1] += pledge.personnel.women
    rows = []
    for category, (total, women) in sorted(sums.items()):
        target = ref.gender_target(category, year)
        target_text = (
            f"{target.share:.0%} ({target.year}{', provisional' if target.provisional else ''})"
            if target
            else "none set"
        )
        share = f"{women / total:.0%}" if total else ""
        rows.append(ShareRow(ref.gender_labels[category], total, women, share, target_text))
    return rows


def pipeline(pledges: Iterable[Pledge]) -> tuple[list[tuple[str, int]], int]:
    counts: Counter[str] = Counter(pledge.status for pledge in pledges)
    stages = [(stage, sum(counts[status] for status in statuses)) for stage, statuses in PIPELINE]
    return stages, sum(counts[status] for status in STOPPED)


def by_category(rows: Iterable[PledgeRow]) -> list[tuple[str, list[PledgeRow]]]:
    groups: dict[str, list[PledgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.category].append(row)
    return sorted(groups.items(), key=lambda group: (-len(group[1]), group[0]))


def by_state(rows: Iterable[PledgeRow]) -> list[tuple[str, str, list[PledgeRow]]]:
    groups: dict[str, list[PledgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.state].append(row)
    return [(state, state_name(state), groups[state]) for state in sorted(groups)]


def source_rows(records: Iterable[Record]) -> list[SourceRow]:
    rows = []
    for record in records:
        for source in record.sources:
            rows.append(
                SourceRow(
                    record=record.id,
                    title=source.title,
                    publisher=source.publisher or "",
                    date=str(source.date or ""),
                    url=source.url or "",
                    illustrative=record.provenance == "illustrative",
                )
            )
    return rows


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


def build_brief(ledger: Ledger, conference_id: str, as_of: date, ledger_version: str) -> BriefContext:
    """The whole pack for one conference, as of a date."""
    conference = find_conference(ledger, conference_id)
    then = ledger_as_of(ledger, as_of)
    pledges, scope = pledges_in_scope(then, conference)
    result = match(then)
    allocated = {pledge for item in result.gaps for pledge in item.allocations}
    year = conference.start_date.year
    rows = [pledge_row(p, bool(p.responds_to) or p.id in allocated, year) for p in pledges]
    gaps = gap_rows(result, conference.focus)
    stages, stopped = pipeline(pledges)
    shown = {record.id for record in [conference, *pledges]} | {gap.id for gap in gaps}
    records: list[Record] = [conference, *pledges, *(then.gaps[gap.id] for gap in gaps)]
    return BriefContext(
        conference=conference,
        kind=conference.kind.replace("_", " "),
        parent=then.conferences.get(conference.parent or ""),
        as_of=as_of,
        ledger_version=ledger_version,
        generator=f"pkledger {__version__}",
        scope=scope,
        figures=headline_figures(conference, pledges),
        shares=share_rows(pledges, year),
        gaps=gaps,
        open_gaps=[gap for gap in gaps if gap.covered == 0],
        categories=by_category(rows),
        pipeline=stages,
        stopped=stopped,
        states=by_state(rows),
        sources=source_rows(records),
        quality=quality_rows(p for e in ledger.entries if e.declared_id in shown for p in e.problems()),
        illustrative_records=sum(1 for record in records if record.provenance == "illustrative"),
    )
