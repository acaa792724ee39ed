"""Rules across files: unique ids, references that resolve, dates that agree.

The rules read the files of a ledger through ``RecordFile`` (what pkledger.ledger's entries
offer) and say which file each finding concerns; placing the findings in the files is the
reader's business. They only point at values that are present, of the fields in ``POINTED_AT`` (pointed_at.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from pkledger.format.models import CapabilityGap, Conference, LedgerSettings, Pledge, Record
from pkledger.format.models.conference import LEADING_KINDS
from pkledger.format.models.pledge import split_response
from pkledger.format.rules.eligibility import broken_rules
from pkledger.format.rules.quality import made_on, women_below_target
from pkledger.problems import Finding
from pkledger.suggest import did_you_mean
from pkledger.wording import a, conference_kind

R = TypeVar("R", bound=Record)


class RecordFile(Protocol):
    """A file of a ledger, as the rules across files read it."""

    @property
    def path(self) -> Path: ...

    @property
    def kind(self) -> str: ...

    @property
    def display(self) -> str: ...

    @property
    def declared_id(self) -> str | None: ...

    @property
    def record(self) -> Record | LedgerSettings | None: ...


def check_ledger(files: Sequence[RecordFile]) -> Iterator[tuple[int, Finding]]:
    """Every finding of the rules across files, with the index of the file it concerns."""
    position = {id(file): index for index, file in enumerate(files)}
    for file, finding in _all_findings(files):
        yield position[id(file)], finding


def _all_findings(files: Sequence[RecordFile]) -> Iterator[tuple[RecordFile, Finding]]:
    yield from _file_names(files)
    yield from _unique_ids(files)
    conferences, gaps = _records(files, Conference), _records(files, CapabilityGap)
    conference_ids, gap_ids = _declared_ids(files, "conferences"), _declared_ids(files, "gaps")
    for file in files:
        record = file.record
        if isinstance(record, Conference):
            found = _conference_parent(record, conferences, conference_ids)
        elif isinstance(record, Pledge):
            found = _pledge_references(record, conferences, conference_ids, gaps, gap_ids)
        else:
            continue
        yield from ((file, finding) for finding in found)


def _records(files: Sequence[RecordFile], model: type[R]) -> dict[str, R]:
    return {record.id: record for file in files if isinstance(record := file.record, model)}


def _declared_ids(files: Sequence[RecordFile], kind: str) -> set[str]:
    return {declared for file in files if file.kind == kind and (declared := file.declared_id) is not None}


def _file_names(files: Sequence[RecordFile]) -> Iterator[tuple[RecordFile, Finding]]:
    for file in files:
        declared = file.declared_id
        if declared is not None and declared != file.path.stem:
            message = f"the id is '{declared}', but the file is named '{file.path.name}'"
            hint = f"rename the file to {declared}{file.path.suffix}, or correct the id"
            yield file, Finding("id-not-file-name", ("id",), message, hint)


def _unique_ids(files: Sequence[RecordFile]) -> Iterator[tuple[RecordFile, Finding]]:
    by_id: dict[str, list[RecordFile]] = defaultdict(list)
    for file in files:
        if file.declared_id is not None:
            by_id[file.declared_id.casefold()].append(file)
    for sharing in by_id.values():
        if len(sharing) < 2:
            continue
        for file in sharing:
            others = ", ".join(other.display for other in sharing if other is not file)
            message = f"the id '{file.declared_id}' is also used by {others}"
            hint = "ids are unique across the ledger, ignoring case; give one record a new id"
            yield file, Finding("duplicate-id", ("id",), message, hint)


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
    if parent.kind not in LEADING_KINDS:
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
        return conference.start_date.starts_after(parent.end_date)
    return conference.start_date.starts_after(parent.start_date)


def _pledge_references(
    pledge: Pledge,
    conferences: dict[str, Conference],
    conference_ids: set[str],
    gaps: dict[str, CapabilityGap],
    gap_ids: set[str],
) -> Iterator[Finding]:
    yield from _pledge_conference(pledge, conferences, conference_ids)
    yield from women_below_target(pledge, made_on(pledge, conferences.get(pledge.conference or "")))
    for index, entry in enumerate(pledge.responds_to):
        path = ("responds_to", index)
        gap_id, number = split_response(entry)
        if gap_id not in gap_ids:
            message = f"no gap with id '{gap_id}' in the ledger"
            yield Finding("unknown-gap", path, message, did_you_mean(gap_id, gap_ids))
        elif (gap := gaps.get(gap_id)) is not None and (number is None or number <= len(pledge.offers)):
            yield from _answers_gap(pledge, gap, number, path)


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
    if conference and pledge.announced_on and conference.start_date.starts_after(pledge.announced_on):
        message = (
            f"announced on {pledge.announced_on}, before {conference.id} started on {conference.start_date}"
        )
        yield Finding(
            "announced-before-conference", ("announced_on",), message, "check the date or the conference"
        )


def _answers_gap(
    pledge: Pledge, gap: CapabilityGap, number: int | None, path: tuple[str, int]
) -> Iterator[Finding]:
    """The offer named (or, for a gap id alone, at least one offer) can fill the gap by the rules."""
    indexes = range(len(pledge.offers)) if number is None else [number - 1]
    able = [index for index in indexes if pledge.offers[index].capability is not None]
    if not able:
        which = "the pledge names no capability" if number is None else f"offer {number} names no capability"
        message = f"{which}, so it cannot fill {gap.id} ({gap.capability})"
        yield Finding("responds-to-ineligible-gap", path, message, "add the `capability` it offers")
        return
    broken = [(index, broken_rules(pledge, index, gap)) for index in able]
    if all(rules for _, rules in broken):
        named = len(broken) > 1
        reasons = "; ".join(
            (f"offer {index + 1}: " if named else "") + "; ".join(rules) for index, rules in broken
        )
        message = f"it cannot fill {gap.id} by the matching rules: {reasons}"
        yield Finding("responds-to-ineligible-gap", path, message, "check the gap id, or the pledge's fields")
