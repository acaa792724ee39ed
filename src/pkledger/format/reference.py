"""Reference data: member states, missions, capabilities, taxonomies and gender targets.

The data lives in YAML files under ``pkledger/reference/`` with their sources; this module reads
them once (with the ledger's own safe loader) and answers questions about codes.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

REFERENCE_FILES = (
    "states.yaml",
    "actors.yaml",
    "missions.yaml",
    "capabilities.yaml",
    "taxonomies.yaml",
    "gender_targets.yaml",
    "un_names.yaml",
    "labels.yaml",
)
ANY_MISSION = "ANY"


@dataclass(frozen=True, slots=True)
class Mission:
    code: str
    name: str
    established: date
    closed: date | None
    checked: bool


@dataclass(frozen=True, slots=True)
class UnitSize:
    """A typical unit's size as a UN manual or statement of unit requirements publishes it."""

    personnel: int | None
    aircraft: int | None
    qualifier: str
    """exact, or about when the source says about (conversions through it are approximate)."""
    source: str
    """The id of its source in capabilities.yaml."""

    def per_unit(self, measure: str) -> int | None:
        """How many of a measure one unit holds (personnel or aircraft), when published."""
        return {"personnel": self.personnel, "aircraft": self.aircraft}.get(measure)


@dataclass(frozen=True, slots=True)
class Capability:
    code: str
    label: str
    component: str
    kind: str
    gender_category: str
    measure: str
    """What a whole-number quantity of it counts: units or personnel."""
    size: UnitSize | None
    """A typical unit's size, only where a UN source publishes it."""
    offerable: bool
    """False for the codes that record needs stated without a capability: no pledge offers them."""
    provides: frozenset[str]
    """Every capability this one can stand in for, itself included (transitive)."""


@dataclass(frozen=True, slots=True)
class GenderTarget:
    category: str
    year: int
    share: Decimal
    provisional: bool


@dataclass(frozen=True)
class Reference:
    """All reference data, loaded once."""

    members: frozenset[str]
    observers: frozenset[str]
    actors: Mapping[str, str]
    missions: Mapping[str, Mission]
    capabilities: Mapping[str, Capability]
    capability_sources: Mapping[str, Mapping[str, Any]]
    """The sources of the capability catalogue, by id."""
    a4p: Mapping[str, str]
    a4p_plus: Mapping[str, str]
    gender_targets: Mapping[str, Mapping[int, GenderTarget]]
    gender_labels: Mapping[str, str]
    un_names: Mapping[str, str]
    """Member and observer states as the UN names them, by code."""
    labels: Mapping[str, Mapping[str, str]]
    """Words for the format's codes, by list (categories, pledge_statuses, roles, ...)."""

    @property
    def states(self) -> frozenset[str]:
        return self.members | self.observers

    def satisfies(self, offered: str, needed: str) -> bool:
        """Whether a pledge offering ``offered`` can fill a need for ``needed``."""
        capability = self.capabilities.get(offered)
        return capability is not None and needed in capability.provides

    def label(self, kind: str, code: str) -> str:
        """The words for a code of the format (the code, spaced, when the list lacks it)."""
        return self.labels.get(kind, {}).get(code) or code.replace("_", " ")

    def gender_target(self, category: str, year: int) -> GenderTarget | None:
        """The target for a year: that year's value, else the latest earlier one."""
        by_year = self.gender_targets.get(category, {})
        earlier = [known for known in by_year if known <= year]
        return by_year[max(earlier)] if earlier else None


@functools.cache
def reference() -> Reference:
    """Load the packaged reference data (cached for the life of the process)."""
    raw = _raw()
    data = {name: _parse(name, content) for name, content in raw.items()}
    states, taxonomies, genders = data["states.yaml"], data["taxonomies.yaml"], data["gender_targets.yaml"]
    return Reference(
        members=frozenset(states["members"]),
        observers=frozenset(states["observers"]),
        actors=dict(data["actors.yaml"]["actors"]),
        missions=_missions(data["missions.yaml"]["missions"]),
        capabilities=read_capabilities(data["capabilities.yaml"]["capabilities"]),
        capability_sources={entry["id"]: entry for entry in data["capabilities.yaml"]["sources"]},
        a4p=dict(taxonomies["a4p"]),
        a4p_plus=dict(taxonomies["a4p_plus"]),
        gender_targets=_gender_targets(genders["categories"]),
        gender_labels={code: entry["label"] for code, entry in genders["categories"].items()},
        un_names=dict(data["un_names.yaml"]["names"]),
        labels={name: dict(words) for name, words in data["labels.yaml"].items() if name != "sources"},
    )


@functools.cache
def fingerprint() -> str:
    """A hash of the reference data's files, as they are read (without parsing them: a warm run of
    `validate` needs this, not the data)."""
    return hashlib.sha256(b"".join(_raw().values())).hexdigest()


@functools.cache
def _raw() -> dict[str, bytes]:
    return {name: _read(name) for name in REFERENCE_FILES}


def _read(name: str) -> bytes:
    return (resources.files("pkledger.format") / "reference" / name).read_bytes()


def _parse(name: str, content: bytes) -> dict[str, Any]:
    from pkledger.yaml.loader import parse_bytes  # the parser when the data is first read

    result = parse_bytes(content)
    if result.document is None or result.findings:
        details = "; ".join(finding.message for finding in result.findings)
        raise RuntimeError(f"packaged reference file {name} is broken: {details}")
    return result.document.data


def _missions(entries: Mapping[str, Any]) -> dict[str, Mission]:
    return {
        code: Mission(
            code=code,
            name=entry["name"],
            established=date.fromisoformat(entry["established"]),
            closed=date.fromisoformat(entry["closed"]) if entry.get("closed") else None,
            checked=entry.get("checked", True),
        )
        for code, entry in entries.items()
    }


def read_capabilities(entries: Mapping[str, Any]) -> dict[str, Capability]:
    """A capability catalogue from its entries as capabilities.yaml writes them (tests build their own)."""
    return {
        code: Capability(
            code=code,
            label=entry["label"],
            component=entry["component"],
            kind=entry["kind"],
            gender_category=entry["gender_category"],
            measure=entry["measure"],
            size=_size(entry.get("size")),
            offerable=entry.get("offerable", True),
            provides=frozenset(_provides(code, entries)),
        )
        for code, entry in entries.items()
    }


def _size(entry: Mapping[str, Any] | None) -> UnitSize | None:
    if entry is None:
        return None
    return UnitSize(
        personnel=entry.get("personnel"),
        aircraft=entry.get("aircraft"),
        qualifier=entry.get("qualifier", "exact"),
        source=entry["source"],
    )


def _provides(code: str, entries: Mapping[str, Any]) -> set[str]:
    reached, todo = {code}, [code]
    while todo:
        for other in entries[todo.pop()].get("satisfies", []):
            if other not in reached:
                reached.add(other)
                todo.append(other)
    return reached


def _gender_targets(categories: Mapping[str, Any]) -> dict[str, dict[int, GenderTarget]]:
    return {
        category: {
            int(year): GenderTarget(
                category, int(year), Decimal(target["share"]), target.get("provisional", False)
            )
            for year, target in entry["targets"].items()
        }
        for category, entry in categories.items()
    }
