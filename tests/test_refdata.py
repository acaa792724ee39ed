"""The packaged reference data is well-formed, sourced and consistent with itself and with ISO."""

from __future__ import annotations

from importlib import resources

import pycountry
import pytest

from pkledger.format.reference import REFERENCE_FILES, reference
from pkledger.yaml.loader import parse_bytes

ENTRY_KEYS = {
    "missions.yaml": ("missions", {"name", "established", "closed", "checked"}),
    "capabilities.yaml": (
        "capabilities",
        {"label", "component", "kind", "measure", "size", "offerable", "gender_category", "satisfies"},
    ),
}


def raw(name: str) -> dict[str, object]:
    result = parse_bytes((resources.files("pkledger.format") / "reference" / name).read_bytes())
    assert result.findings == []
    assert result.document is not None
    return result.document.data


@pytest.mark.parametrize("name", REFERENCE_FILES)
def test_every_reference_file_names_its_sources(name: str) -> None:
    sources = raw(name)["sources"]
    assert isinstance(sources, list)
    assert sources
    assert all(isinstance(source, dict) and source.get("title") for source in sources)


@pytest.mark.parametrize("name", sorted(ENTRY_KEYS))
def test_entries_use_only_known_keys(name: str) -> None:
    section, allowed = ENTRY_KEYS[name]
    entries = raw(name)[section]
    assert isinstance(entries, dict)
    for code, entry in entries.items():
        assert isinstance(entry, dict)
        assert set(entry) <= allowed, f"{code}: unknown keys {set(entry) - allowed}"
        assert all(value is not None for value in entry.values()), code


def test_193_members_and_2_observers_all_known_to_iso() -> None:
    ref = reference()
    assert len(ref.members) == 193
    assert ref.observers == {"VAT", "PSE"}
    assert all(pycountry.countries.get(alpha_3=code) for code in ref.states)


def test_capability_relations_point_at_catalogue_entries() -> None:
    ref = reference()
    for capability in ref.capabilities.values():
        assert capability.provides <= set(ref.capabilities), capability.code
        assert capability.gender_category in ref.gender_targets, capability.code
        assert capability.component in {"military", "police", "civilian"}
        assert capability.kind in {"unit", "individual"}


def test_satisfies_is_directional_and_transitive() -> None:
    ref = reference()
    assert ref.satisfies("infantry_battalion", "quick_reaction_force")
    assert not ref.satisfies("quick_reaction_force", "infantry_battalion")
    assert ref.satisfies("level_3_hospital", "level_1_hospital")
    assert not ref.satisfies("armed_helicopter_unit", "utility_helicopter_unit")
    assert not ref.satisfies("utility_helicopter_unit", "armed_helicopter_unit")


def test_missions_close_after_they_open() -> None:
    for mission in reference().missions.values():
        assert mission.closed is None or mission.closed > mission.established, mission.code


def test_gender_targets_are_shares_and_2028_values_are_sourced() -> None:
    ref = reference()
    for category, targets in ref.gender_targets.items():
        for target in targets.values():
            assert 0 < target.share < 1, category
        if 2028 in targets:
            assert not targets[2028].provisional


def test_gender_target_falls_back_to_the_latest_earlier_year() -> None:
    ref = reference()
    target = ref.gender_target("formed_police_units", 2030)
    assert target is not None
    assert target.year == 2028
    assert ref.gender_target("formed_police_units", 2019) is None


def test_each_record_kind_has_its_model() -> None:
    from pkledger.format import models
    from pkledger.format.kinds import KINDS

    assert [kind.model for kind in KINDS] == [models.Conference, models.Pledge, models.CapabilityGap]


def test_every_capability_has_a_measure_and_every_size_a_source_that_publishes_it() -> None:
    ref = reference()
    measures = {"units", "personnel", "aircraft", "vehicles", "items", "courses", "trainees", "places"}
    for capability in ref.capabilities.values():
        assert capability.measure in measures, capability.code
        assert capability.measure == ("units" if capability.kind == "unit" else "personnel"), capability.code
        size = capability.size
        if size is None:
            continue
        assert size.source in ref.capability_sources, capability.code
        assert size.personnel or size.aircraft, capability.code
        assert size.qualifier in {"exact", "about"}, capability.code


def test_only_the_published_sizes_are_given() -> None:
    sizes = {code: cap.size for code, cap in reference().capabilities.items() if cap.size is not None}
    assert set(sizes) == {"quick_reaction_force", "formed_police_unit"}
    assert (sizes["quick_reaction_force"].personnel, sizes["quick_reaction_force"].qualifier) == (
        250,
        "exact",
    )
    assert (sizes["formed_police_unit"].personnel, sizes["formed_police_unit"].qualifier) == (140, "about")
    for code in ("infantry_battalion", "utility_helicopter_unit", "armed_helicopter_unit"):
        assert reference().capabilities[code].size is None


def test_the_codes_for_needs_without_a_capability_satisfy_nothing_and_cannot_be_offered() -> None:
    ref = reference()
    for code in ("military_capability_unspecified", "police_capability_unspecified"):
        capability = ref.capabilities[code]
        assert not capability.offerable
        assert capability.provides == {code}
        assert capability.size is None
        assert not any(code in other.provides for other in ref.capabilities.values() if other.code != code)
