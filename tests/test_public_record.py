"""The bundled public record (`data/`) says what its sources say: the figures and corrections of
docs/data-audit.md (sections 7.1 and 7.2) are pinned here, read from the files, so that they cannot
silently regress. Each expected value is the one a source publishes, quoted in the audit."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from pkledger.analysis.validate import validate
from pkledger.yaml.loader import load_file

DATA = Path(__file__).parent.parent / "data"
KINDS = ("conferences", "pledges", "gaps")


def record(record_id: str) -> dict[str, Any]:
    """One record of `data/`, as the ledger's loader reads it (dates as text, as written)."""
    for kind in KINDS:
        path = DATA / kind / f"{record_id}.yaml"
        if path.exists():
            return _read(path)
    raise AssertionError(f"{record_id} is not in data/")


@functools.cache
def every(kind: str) -> list[dict[str, Any]]:
    return [_read(path) for path in sorted((DATA / kind).glob("*.yaml"))]


def _read(path: Path) -> dict[str, Any]:
    document = load_file(path).document
    assert document is not None, path
    return _dates_as_text(document.data)  # type: ignore[no-any-return]


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def long_form(figure: Any) -> dict[str, Any]:
    """A figure as {value, measure, qualifier}; a whole number is exact, with no measure."""
    if isinstance(figure, int):
        return {"value": figure, "measure": None, "qualifier": "exact"}
    return {
        "value": figure.get("value"),
        "measure": figure.get("measure"),
        "qualifier": figure.get("qualifier", "exact"),
    }


def history_dates(pledge: dict[str, Any]) -> list[str]:
    return [str(entry["on"]) for entry in pledge.get("history", [])]


def estimated_fields(item: dict[str, Any]) -> set[str]:
    return {entry["field"] for entry in item.get("estimated", [])}


# Section 7.1: the published outcome figures, with their measures and qualifiers.
OUTCOME_FIGURES = [
    ("2015-new-york", "troops and police pledged", 40000, "personnel", "at_least"),
    ("2015-new-york", "helicopters pledged", 40, "aircraft", "at_least"),
    ("2015-new-york", "engineering companies pledged", 15, "units", "at_least"),
    ("2015-new-york", "field hospitals pledged", 10, "units", "at_least"),
    ("2017-vancouver", "new pledges (UN count)", 46, None, "exact"),
    ("2017-vancouver", "delegations making new pledges (Canada)", 48, None, "exact"),
    ("2017-vancouver", "delegations reaffirming earlier pledges", 13, None, "exact"),
    ("2017-vancouver", "endorsements of the Vancouver Principles", 54, None, "exact"),
    ("2017-vancouver", "gender pledges", 26, None, "exact"),
    ("2021-seoul", "military and police capabilities", 36, None, "exact"),
    ("2021-seoul", "training and capacity building", 45, None, "exact"),
    ("2021-seoul", "medical", 18, None, "exact"),
    ("2021-seoul", "women peacekeepers", 23, None, "exact"),
    ("2021-seoul", "environment", 7, None, "exact"),
    ("2023-accra", "states pledging military and police units", 33, None, "exact"),
    ("2023-accra", "states pledging specialized training", 45, None, "exact"),
    ("2025-berlin", "uniformed capabilities (states)", 53, None, "exact"),
    ("2025-berlin", "specialized training", 59, None, "exact"),
    ("2025-berlin", "technology and data", 18, None, "exact"),
    ("2025-berlin", "women, peace and security", 38, None, "exact"),
    ("2025-berlin", "safety and protection", 16, None, "exact"),
    ("2025-berlin", "accountability and sexual exploitation and abuse", 11, None, "exact"),
    ("2025-berlin", "strategic communications", 8, None, "exact"),
]


@pytest.mark.parametrize(("conference", "theme", "value", "measure", "qualifier"), OUTCOME_FIGURES)
def test_published_figures_by_theme(
    conference: str, theme: str, value: int, measure: str | None, qualifier: str
) -> None:
    figure = record(conference)["outcome"]["by_theme"][theme]
    assert long_form(figure) == {"value": value, "measure": measure, "qualifier": qualifier}


STATE_COUNTS = [
    ("2017-vancouver", "participating_states", {"value": 79, "qualifier": "about"}),  # the UN's "about 79"
    ("2017-vancouver", "pledging_states", None),  # the UN's 46 counts pledges, not pledging states
    ("2015-new-york", "pledging_states", None),  # the published 52 counts nations and organizations
    ("2019-new-york", "participating_states", None),  # "about 45" is the analyst's inference
    ("2019-new-york", "pledging_states", None),
    ("2021-seoul", "participating_states", 75),
    ("2021-seoul", "pledging_states", 62),
    ("2023-accra", "participating_states", 91),
    ("2023-accra", "pledging_states", 57),
    ("2025-berlin", "pledging_states", 74),
    ("2025-berlin", "participating_states", None),  # "over 130 Member States and partners"
]


@pytest.mark.parametrize(("conference", "field", "value"), STATE_COUNTS)
def test_published_state_counts(conference: str, field: str, value: object) -> None:
    assert record(conference).get("outcome", {}).get(field) == value


def test_units_pledged_keep_their_qualifiers() -> None:
    assert long_form(record("2023-accra")["outcome"]["units_pledged"]) == {
        "value": 110, "measure": "units", "qualifier": "at_least",
    }  # fmt: skip
    assert long_form(record("2025-berlin")["outcome"]["units_pledged"])["value"] == 88
    assert long_form(record("2025-berlin")["outcome"]["units_pledged"])["qualifier"] == "exact"


def test_china_2015_offers_28_units_across_fields_with_six_infantry_battalions() -> None:
    pledge = record("2015-new-york-CHN-001")
    offers = pledge["offers"]
    battalions = [offer for offer in offers if offer["capability"] == "infantry_battalion"]
    assert [long_form(offer["quantity"]) for offer in battalions] == [
        {"value": 6, "measure": "units", "qualifier": "exact"}
    ]
    assert {
        "infantry_battalion",
        "quick_reaction_force",
        "utility_helicopter_unit",
        "transport_unit",
        "uas_unit",
    } <= {offer["capability"] for offer in offers}
    units = sum(long_form(offer["quantity"])["value"] for offer in offers if "quantity" in offer)
    assert units <= 28
    assert "28 units across 10 fields" in pledge["description"]
    assert history_dates(pledge)[2] == "2018-10"


def test_korea_helicopters_went_to_the_united_states_not_to_kenya() -> None:
    pledge = record("2021-seoul-KOR-001")
    assert long_form(pledge["offers"][0]["quantity"]) == {
        "value": 16,
        "measure": "aircraft",
        "qualifier": "exact",
    }
    assert "2024-02-01" not in history_dates(pledge)
    last = pledge["history"][-1]
    assert last["on"] in ("2023-12-21", "2023-12")
    assert last["status"] == "in_progress"
    assert "United States" in last["note"]
    assert all("handed over to Kenya" not in entry["note"] for entry in pledge["history"])
    assert "2021-11-helicopter-assets-any" not in pledge.get("responds_to", [])


def test_the_us_helicopters_for_kenya_are_not_counted_twice() -> None:
    transfer = record("pcrs-USA-001")
    assert all("capability" not in offer for offer in transfer.get("offers", []))
    assert history_dates(transfer)[0] == "2024-07"
    assert "2021-seoul-KOR-001" in transfer["notes"]
    seoul_support = record("2021-seoul-USA-001")
    assert "offers" not in seoul_support
    helicopters = [
        long_form(offer["quantity"])["value"]
        for pledge in every("pledges")
        for offer in pledge.get("offers", [])
        if "KEN" in [partner["actor"] for partner in pledge.get("partners", [])]
        and offer.get("capability", "").endswith("helicopter_unit")
        and "quantity" in offer
    ]
    assert helicopters == [16]


def test_canada_airlift_ended_in_march_2022() -> None:
    pledge = record("2017-vancouver-CAN-001")
    assert pledge["status"] == "ended"
    assert pledge["history"][-1]["on"] == "2022-03-31"
    assert pledge["history"][-1]["status"] == "ended"
    assert not {"2022-06-15", "2023-12-05", "2025-05-13"} & set(history_dates(pledge))
    assert pledge["history"][0]["on"] == "2019-08"
    assert "history[0].on" in estimated_fields(pledge)


def test_canada_mali_task_force_ended_in_2019() -> None:
    pledge = record("2017-vancouver-CAN-002")
    assert pledge["status"] == "ended"
    assert pledge["timeframe"]["kind"] == "during"
    assert str(pledge["timeframe"]["end"]) == "2019"


def test_canada_quick_reaction_force_of_up_to_200_is_one_unit() -> None:
    offer = record("2017-vancouver-CAN-003")["offers"][0]
    assert long_form(offer["quantity"]) == {"value": 1, "measure": "units", "qualifier": "exact"}
    assert "up to 200 personnel" in offer["note"]


def test_uk_role_2_hospital_deployed_to_bentiu_in_2017() -> None:
    pledge = record("2016-london-GBR-001")
    assert pledge["status"] == "deployed"
    deployed = [entry for entry in pledge["history"] if entry["status"] == "deployed"]
    assert [str(entry["on"]) for entry in deployed] == ["2017"]
    assert "Bentiu" in deployed[0]["note"]


NORWAY_MINUSMA = [
    ("2019-new-york-NOR-001", "ended", "2019-11"),
    ("2019-new-york-NOR-002", "ended", "2022-11"),
    ("2019-new-york-NOR-003", "ended", "2021-05"),
    ("2019-new-york-NOR-004", "deployed", "2021-01-20"),
]


@pytest.mark.parametrize(("pledge_id", "status", "on"), NORWAY_MINUSMA)
def test_norway_minusma_pledges_later_statuses(pledge_id: str, status: str, on: str) -> None:
    pledge = record(pledge_id)
    assert pledge["status"] == status
    assert pledge["history"][-1] == pledge["history"][-1] | {"status": status, "on": on}


def test_norway_aircraft_of_2019_served_six_months() -> None:
    assert record("2019-new-york-NOR-001")["timeframe"] | {} == {
        "kind": "during", "start": "2019-05", "end": "2019-11", "text": "six months from May 2019",
    }  # fmt: skip


def test_minusca_reinforcements_are_the_published_personnel() -> None:
    military = record("2021-03-minusca-military-reinforcement")
    police = record("2021-03-minusca-police-reinforcement")
    assert long_form(military["quantity"]) == {"value": 2750, "measure": "personnel", "qualifier": "exact"}
    assert long_form(police["quantity"]) == {"value": 940, "measure": "personnel", "qualifier": "exact"}
    assert military["basis"] == police["basis"] == "un_requirement"


@pytest.mark.parametrize(
    "gap_id",
    [
        "2021-11-helicopter-assets-any",
        "2021-12-medical-units-any",
        "2021-12-peacekeeping-intelligence-units-any",
    ],
)
def test_needs_stated_by_member_states_are_reported_needs(gap_id: str) -> None:
    assert record(gap_id)["basis"] == "reported_need"


def test_no_gap_keeps_a_placeholder_quantity() -> None:
    for gap in every("gaps"):
        assert gap["provenance"] == "sourced", gap["id"]
        quantity = gap["quantity"]
        assert isinstance(quantity, dict), f"{gap['id']}: quantity in the long form"
        if quantity.get("value") == 1:
            # one company read from a unit SUR's title, and said to be read
            assert gap["id"] == "2020-06-mechanized-infantry-company-qrf-minusma"
            assert "quantity.value" in estimated_fields(gap)


def test_every_estimated_value_has_a_reason() -> None:
    for kind in KINDS:
        for item in every(kind):
            for entry in item.get("estimated", []):
                assert entry["reason"].strip(), f"{item['id']}: {entry['field']}"


MONEY = [
    ("2023-accra-CAN-001", 20400000, "CAD", "at_least"),
    ("2023-accra-CAN-002", 6200000, "CAD", "up_to"),
    ("2023-accra-USA-007", 35000000, "USD", "about"),
]


@pytest.mark.parametrize(("pledge_id", "amount", "currency", "qualifier"), MONEY)
def test_money_keeps_its_qualifier(pledge_id: str, amount: int, currency: str, qualifier: str) -> None:
    money = record(pledge_id)["money"]
    assert (money["amount"], money["currency"], money.get("qualifier", "exact")) == (
        amount,
        currency,
        qualifier,
    )


QUANTITIES = [
    ("2015-new-york-RWA-002", 2, "aircraft", "exact"),
    ("2016-london-GBR-002", 100, "personnel", "up_to"),
    ("2025-berlin-CAN-002", 450, "trainees", "at_least"),
]


@pytest.mark.parametrize(("pledge_id", "value", "measure", "qualifier"), QUANTITIES)
def test_offers_keep_their_measures_and_qualifiers(
    pledge_id: str, value: int, measure: str, qualifier: str
) -> None:
    quantity = record(pledge_id)["offers"][0]["quantity"]
    assert long_form(quantity) == {"value": value, "measure": measure, "qualifier": qualifier}


PARTIAL_DATES = [
    ("2014-new-york", "start_date", "2014-09-26"),
    ("pcrs-BTN-001", "history[0].on", "2017-08"),
    ("2023-accra-MNG-001", "history[0].on", "2025-05"),
]


@pytest.mark.parametrize(("record_id", "field", "on"), PARTIAL_DATES)
def test_no_first_of_month_proxies(record_id: str, field: str, on: str) -> None:
    item = record(record_id)
    value = item["history"][0]["on"] if field == "history[0].on" else item[field]
    assert str(value) == on


ADDED = [
    "2016-paris",
    "2019-prep-protection-performance",
    "2019-prep-women-peace-security",
    "2023-prep-protection-strategic-communications",
    "2022-03-vanguard-brigade-rdl-units-any",
    "2022-03-pcrs-level-2-pledges-any",
    "2023-specialized-capabilities-partnerships-any",
    "2023-protection-mobility-early-warning-any",
    "2023-11-police-social-media-monitoring-tools-any",
    "2025-05-future-of-peacekeeping-requirements-any",
    "2025-05-partnership-areas-any",
    "2015-new-york-GBR-002",
    "2025-berlin-CAN-005",
    "2025-berlin-CAN-006",
    "2016-paris-FRA-001",
]


@pytest.mark.parametrize("record_id", ADDED)
def test_records_the_audit_added_are_present(record_id: str) -> None:
    assert record(record_id)["id"] == record_id


def test_needs_without_a_catalogue_capability_publish_no_value() -> None:
    unspecified = [gap for gap in every("gaps") if gap["capability"].endswith("_capability_unspecified")]
    assert len(unspecified) == 7
    assert all("value" not in gap["quantity"] for gap in unspecified)


def test_the_public_record_validates_without_errors() -> None:
    problems = validate([DATA]).problems
    assert [problem for problem in problems if problem.severity == "error"] == []
