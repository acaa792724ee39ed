"""The briefing pack's first page and cross-cutting views as the templates show them: key
messages, asks, follow-up of the previous cycle, money, the A4P+ matrix and partnerships by role."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pkledger.analysis.brief_messages import asks, key_messages
from pkledger.analysis.brief_sections import FOLLOW_UPS
from pkledger.format.iso import un_name
from pkledger.format.quantities import figure_amount
from pkledger.format.reference import reference
from pkledger.output.brief_rows import PledgeRow, RecordNotes, by_category
from pkledger.output.quantities import money_text, quantity_text

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief
    from pkledger.analysis.brief_coverage import GapCoverage
    from pkledger.analysis.brief_sections import FollowUpLine, MoneyTotal, Roles
    from pkledger.format.models import Conference


AS_OF_BASIS = {
    "given": "the date asked for",
    "last-day": "the conference's last day (it is past)",
    "today": "today (the conference is to come)",
}


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    state_name: str
    title: str
    status: str
    follow_up: str
    note_mark: str = ""


@dataclass(frozen=True)
class RolesRow:
    """A partnership drawn as roles: who gives, who trains, who receives, who deploys."""

    id: str
    title: str
    roles: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class MoneyRow:
    currency: str
    amount: str
    pledges: int
    qualifier: str
    usd: str


@dataclass(frozen=True)
class AskRow:
    title: str
    mission: str
    priority: str
    missing: str
    reported: bool


@dataclass(frozen=True)
class Extras:
    """The pack's first page and cross-cutting views (kept apart from BriefContext's core)."""

    messages: list[str]
    asks: list[AskRow]
    as_of_basis: str
    left_out: list[tuple[str, str]]
    classification: str
    earlier: list[tuple[str, list[PledgeRow]]]
    by_theme: list[tuple[str, str]]
    own_by_category: list[tuple[str, int]]
    previous: str
    follow_up: list[FollowUpRow]
    follow_up_states: list[tuple[str, list[tuple[str, int]]]]
    follow_up_totals: list[tuple[str, int]]
    money: list[MoneyRow]
    rates: str
    a4p_columns: list[str]
    a4p_rows: list[tuple[str, list[int]]]
    roles: list[RolesRow]
    medical: list[PledgeRow]
    technology: list[PledgeRow]
    unrecorded_personnel: int
    footer: str


def extras(brief: Brief, rows: list[PledgeRow], earlier: list[PledgeRow], notes: RecordNotes) -> Extras:
    ref = reference()
    by_id = {row.id: row for row in rows}
    columns = sorted({category for _, counts in brief.a4p_plus for category in counts})
    return Extras(
        messages=key_messages(brief),
        asks=[ask_row(item) for item in asks(brief)],
        as_of_basis=AS_OF_BASIS[brief.as_of_basis],
        left_out=brief.left_out,
        classification=brief.classification or "not stated in ledger.yaml",
        earlier=by_category(earlier),
        by_theme=published_by_theme(brief.conference),
        own_by_category=[(label, len(group)) for label, group in by_label(rows)],
        previous=f"{brief.previous.title} ({brief.previous.start_date})" if brief.previous else "",
        follow_up=[follow_up_row(line, notes) for line in brief.follow_up],
        follow_up_states=follow_up_by_state(brief.follow_up),
        follow_up_totals=[
            (name, sum(1 for line in brief.follow_up if line.follow_up == name)) for name in FOLLOW_UPS
        ],
        money=[money_row(total) for total in brief.money],
        rates=rates_note(brief),
        a4p_columns=[ref.label("categories", column) for column in columns],
        a4p_rows=[
            (ref.a4p_plus[code], [counts.get(column, 0) for column in columns])
            for code, counts in brief.a4p_plus
        ],
        roles=[roles_row(roles) for roles in brief.roles],
        medical=[by_id[line.pledge.id] for line in brief.medical],
        technology=[by_id[line.pledge.id] for line in brief.technology],
        unrecorded_personnel=brief.unrecorded_personnel,
        footer=footer_text(brief),
    )


def footer_text(brief: Brief) -> str:
    classification = brief.classification or "classification not stated"
    return f"{brief.conference.title} · as of {brief.as_of} · {brief.ledger_version} · {classification}"


def ask_row(item: GapCoverage) -> AskRow:
    gap = item.gap
    if item.required is None:
        named = ", ".join(label for label, _ in item.declared)
        missing = "quantity not published; nothing pledged counts for it" + (
            f" ({named} names it but fails a matching rule: see gap coverage)" if named else ""
        )
    else:
        missing = (
            quantity_text(replace(item.amount, value=item.shortfall)) if item.amount else str(item.shortfall)
        )
    return AskRow(gap.title, gap.mission, gap.priority, missing, gap.basis == "reported_need")


def published_by_theme(conference: Conference) -> list[tuple[str, str]]:
    outcome = conference.outcome
    if outcome is None:
        return []
    return [(theme, quantity_text(figure_amount(value))) for theme, value in outcome.by_theme.items()]


def by_label(rows: Iterable[PledgeRow]) -> list[tuple[str, list[PledgeRow]]]:
    return [(group[0].category_label, group) for _, group in by_category(rows)]


def follow_up_row(line: FollowUpLine, notes: RecordNotes) -> FollowUpRow:
    pledge = line.pledge
    return FollowUpRow(
        pledge.id,
        un_name(pledge.member_state),
        pledge.title,
        reference().label("pledge_statuses", line.status),
        line.follow_up,
        notes.mark(pledge),
    )


def follow_up_by_state(lines: Iterable[FollowUpLine]) -> list[tuple[str, list[tuple[str, int]]]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FOLLOW_UPS, 0))
    for line in lines:
        counts[un_name(line.pledge.member_state)][line.follow_up] += 1
    return [(state, list(found.items())) for state, found in sorted(counts.items())]


def money_row(total: MoneyTotal) -> MoneyRow:
    qualifier = f"{total.qualified} of them approximate or bounds" if total.qualified else "all exact"
    usd = (
        f"about {total.usd:,} USD"
        if total.usd is not None
        else ("-" if total.currency == "USD" else "no rate given")
    )
    return MoneyRow(total.currency, money_text(total.amount, total.currency), total.pledges, qualifier, usd)


def rates_note(brief: Brief) -> str:
    rates = brief.rates
    if rates is None:
        return "ledger.yaml gives no exchange rates: totals are per currency, never converted."
    return f"USD equivalents at the rates of {rates.on}, from {rates.source.title}; currencies are never added together."


def roles_row(roles: Roles) -> RolesRow:
    ref = reference()
    return RolesRow(
        roles.pledge.id,
        roles.pledge.title,
        [(ref.label("roles", role), [un_name(actor) for actor in actors]) for role, actors in roles.roles],
    )
