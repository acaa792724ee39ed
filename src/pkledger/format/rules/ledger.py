"""Rules across files: unique ids, references that resolve, dates that agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from pkledger.format.models import CapabilityGap, Conference, Pledge
from pkledger.format.reference import reference
from pkledger.format.rules.eligibility import broken_rules
from pkledger.ledger.entry import Entry, Ledger
from pkledger.problems import Finding
from pkledger.suggest import did_you_mean
from pkledger.wording import a, conference_kind

PARENT_KINDS = ("summit", "ministerial")


def check_ledger(ledger: Ledger) -> None:
    """Add the cross-file findings to the entries they concern."""
    for entry, finding in _all_findings(ledger):
        entry.findings.append(finding)


def _all_findings(ledger: Ledger) -> Iterator[tuple[Entry, Finding]]:
    yield from _file_names(ledger)
    yield from _unique_ids(ledger)
    conferences, gaps = ledger.conferences, ledger.gaps
    conference_ids, gap_ids = ledger.declared_ids("conferences"), ledger.declared_ids("gaps")
    for entry in ledger.entries:
        record = entry.record
        if isinstance(record, Conference):
            found = _conference_parent(record, conferences, conference_ids)
        elif isinstance(record, Pledge):
            found = _pledge_references(record, conferences, conference_ids, gaps, gap_ids)
        else:
            continue
        yield from ((entry, finding) for finding in found)


def _file_names(ledger: Ledger) -> Iterator[tuple[Entry, Finding]]:
    for entry in ledger.entries:
        declared = entry.declared_id
        if declared is not None and declared != entry.path.stem:
            message = f"the id is '{declared}', but the file is named '{entry.path.name}'"
            hint = f"rename the file to {declared}{entry.path.suffix}, or correct the id"
            yield entry, Finding("id-not-file-name", ("id",), message, hint)


def _unique_ids(ledger: Ledger) -> Iterator[tuple[Entry, Finding]]:
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for entry in ledger.entries:
        if entry.declared_id is not None:
            by_id[entry.declared_id.casefold()].append(entry)
    for entries in by_id.values():
        if len(entries) < 2:
            continue
        for entry in entries:
            others = ", ".join(other.display for other in entries if other is not entry)
            message = f"the id '{entry.declared_id}' is also used by {others}"
            hint = "ids are unique across the ledger, ignoring case; give one record a new id"
            yield entry, Finding("duplicate-id", ("id",), message, hint)


def _conference_parent(
    conference: Conference, conferences: dict[str, Conference], known: set[str]
) -> Iterator[Finding]:
    if conference.parent is None:
        return
    if conference.parent not in known:
        message = f"no conference with id '{conference.parent}' in the ledger"
        yield Finding("unknown-parent", ("parent",), message, did_you_mean(conference.parent, known))
        return
    parent = conferences.get(conference.parent)
    if parent is None:
        return
    if parent.kind not in PARENT_KINDS:
        message = f"the parent {parent.id} is {a(conference_kind(parent.kind))}, not a summit or ministerial"
        yield Finding("parent-wrong-kind", ("parent",), message, None)
    elif _held_after_parent(conference, parent):
        message = (
            f"the parent {parent.id} starts on {parent.start_date} (ends {parent.end_date}), "
            f"but this {'side event' if conference.kind == 'side_event' else 'conference'} starts on "
            f"{conference.start_date}"
        )
        yield Finding("parent-starts-before-child", ("start_date",), message, "check both sets of dates")


def _held_after_parent(conference: Conference, parent: Conference) -> bool:
    if conference.kind == "side_event":
        return conference.start_date > parent.end_date
    return conference.start_date > parent.start_date


def _pledge_references(
    pledge: Pledge,
    conferences: dict[str, Conference],
    conference_ids: set[str],
    gaps: dict[str, CapabilityGap],
    gap_ids: set[str],
) -> Iterator[Finding]:
    yield from _pledge_conference(pledge, conferences, conference_ids)
    yield from _gender_target(pledge, conferences)
    for index, gap_id in enumerate(pledge.responds_to):
        path = ("responds_to", index)
        if gap_id not in gap_ids:
            message = f"no gap with id '{gap_id}' in the ledger"
            yield Finding("unknown-gap", path, message, did_you_mean(gap_id, gap_ids))
        elif (gap := gaps.get(gap_id)) is not None:
            yield from _answers_gap(pledge, gap, path)


def _gender_target(pledge: Pledge, conferences: dict[str, Conference]) -> Iterator[Finding]:
    """The women's share against the parity target of the year the pledge was made.

    The year is the announcement's, else the conference's; pledges without personnel, a
    capability or a known year are not compared.
    """
    ref = reference()
    personnel, capability = pledge.personnel, ref.capabilities.get(pledge.capability or "")
    conference = conferences.get(pledge.conference or "")
    made_on = pledge.announced_on or (conference.start_date if conference else None)
    if personnel is None or personnel.total == 0 or capability is None or made_on is None:
        return
    target = ref.gender_target(capability.gender_category, made_on.year)
    if target is None or personnel.women >= target.share * personnel.total:
        return
    share = 100 * personnel.women / personnel.total
    label = ref.gender_labels[target.category].lower()
    provisional = " (a provisional value)" if target.provisional else ""
    message = (
        f"women are {share:.0f}% of personnel ({personnel.women} of {personnel.total}); "
        f"the {target.year} target for {label} is {target.share * 100:.0f}%{provisional}"
    )
    yield Finding("women-below-target", ("personnel", "women"), message, None)


def _pledge_conference(
    pledge: Pledge, conferences: dict[str, Conference], known: set[str]
) -> Iterator[Finding]:
    if pledge.conference is None:
        return
    if pledge.conference not in known:
        message = f"no conference with id '{pledge.conference}' in the ledger"
        yield Finding("unknown-conference", ("conference",), message, did_you_mean(pledge.conference, known))
        return
    conference = conferences.get(pledge.conference)
    if conference and pledge.announced_on and pledge.announced_on < conference.start_date:
        message = (
            f"announced on {pledge.announced_on}, before {conference.id} started on {conference.start_date}"
        )
        yield Finding(
            "announced-before-conference", ("announced_on",), message, "check the date or the conference"
        )


def _answers_gap(pledge: Pledge, gap: CapabilityGap, path: tuple[str, int]) -> Iterator[Finding]:
    if pledge.capability is None:
        message = f"the pledge names no capability, so it cannot fill {gap.id} ({gap.capability})"
        yield Finding("responds-to-ineligible-gap", path, message, "add the `capability` it offers")
        return
    broken = broken_rules(pledge, gap)
    if broken:
        message = f"it cannot fill {gap.id} by the matching rules: " + "; ".join(broken)
        yield Finding("responds-to-ineligible-gap", path, message, "check the gap id, or the pledge's fields")
