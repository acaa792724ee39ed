"""`pkledger stats`: counts, personnel against targets, published figures beside the ledger's."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.helpers import FIXTURES

LEDGER = FIXTURES / "valid" / "small-ledger"


def stats_json() -> dict[str, object]:
    result = CliRunner().invoke(app, ["stats", "--ledger", str(LEDGER), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_counts_by_ministerial_category_and_status() -> None:
    figures = stats_json()
    assert figures["pledges"] == 6
    assert figures["by_ministerial"] == {"2021-seoul": 4, "2023-accra": 1, "outside any conference": 1}
    assert figures["by_category"] == {
        "uniformed_unit": 3,
        "medical": 1,
        "individual_personnel": 1,
        "financial": 1,
    }
    assert figures["by_status"] == {"announced": 2, "registered": 2, "deployed": 2}


def test_personnel_against_the_target_of_the_year() -> None:
    rows = stats_json()["personnel"]
    assert rows == [
        {
            "ministerial": "2021-seoul", "category": "military_contingents", "total": 100, "women": 10,
            "share": 0.1, "target": 0.08, "target_year": 2021, "provisional": False,
        },
        {
            "ministerial": "2021-seoul", "category": "military_staff_observers", "total": 20, "women": 5,
            "share": 0.25, "target": 0.18, "target_year": 2021, "provisional": False,
        },
        {
            "ministerial": "2023-accra", "category": "formed_police_units", "total": 140, "women": 35,
            "share": 0.25, "target": 0.13, "target_year": 2023, "provisional": True,
        },
    ]  # fmt: skip


def test_published_figures_beside_the_ledger_counts() -> None:
    rows = {(row["conference"], row["figure"]): row for row in stats_json()["outcomes"]}  # type: ignore[attr-defined]
    exact = {"measure": None, "qualifier": "exact"}
    assert rows[("2021-seoul", "pledging states")] == {
        "conference": "2021-seoul", "figure": "pledging states",
        "published": {"value": 62, **exact}, "ledger": {"value": 4, **exact}, "estimated": None,
    }  # fmt: skip
    assert rows[("2021-seoul", "units pledged")]["ledger"] == {
        "value": 2,
        "measure": "units",
        "qualifier": "exact",
    }
    assert rows[("2023-accra", "participating states")]["published"] == {"value": 91, **exact}


def test_published_figures_keep_their_qualifiers_and_measures() -> None:
    ledger = FIXTURES / "valid" / "conference-outcome-qualified-figures"
    result = CliRunner().invoke(app, ["stats", "--ledger", str(ledger)])
    assert result.exit_code == 0, result.output
    assert "about 79 (est. 1)" in result.output
    assert "at least 110 units" in result.output
    assert "est. 1: The UN says about 79; other reports give no figure." in result.output


def test_text_output_has_every_table() -> None:
    result = CliRunner().invoke(app, ["stats", "--ledger", str(LEDGER)])
    assert result.exit_code == 0
    for heading in ("By ministerial", "By category", "By status", "Personnel", "Published outcome figures"):
        assert heading in result.output
