"""Matching as of a date: each availability rule, each measure pair, what a conference added, and
the same numbers in `match`, `brief` and `stats` (the contradictions of issue 14)."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from typer.testing import CliRunner

from pkledger.analysis.brief import build_brief
from pkledger.analysis.match import match
from pkledger.cli.app import app
from pkledger.ledger.opening import open_ledger
from pkledger.output.brief import pack_files
from tests.conftest import REPO
from tests.helpers import FIXTURES

CASES = FIXTURES / "match"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def match_json(case: str, *extra: str) -> dict[str, Any]:
    folder = CASES / case
    args = (folder / "args").read_text(encoding="utf-8").split()
    code, output, errors = run("match", "--ledger", str(folder), *args, *extra, "--format", "json")
    assert code == 0, errors
    return json.loads(output)  # type: ignore[no-any-return]


def reasons(document: dict[str, Any], gap: str) -> dict[str, list[str]]:
    found = next(item for item in document["gaps"] if item["id"] == gap)
    return {candidate["pledge"]: candidate["reasons"] for candidate in found["candidates"]}


def pack_markdown(case: str, conference: str, as_of: date) -> str:
    ledger = open_ledger(CASES / case)
    markdown = pack_files(build_brief(ledger, conference, as_of, "test"))[".md"]
    assert isinstance(markdown, str)
    return markdown


def test_each_availability_rule_excludes_with_its_reason_and_date() -> None:
    document = match_json("availability-at-a-date")
    assert document["as_of"] == "2022-06-30"
    assert {item["id"]: item["reason"] for item in document["excluded_gaps"]} == {
        "2020-06-transport-unit-unamid": "mission UNAMID closed 2020-12-31",
        "2021-01-transport-unit-unmiss": "needed until 2021-12-31, before 2022-06-30",
        "2021-06-engineering-unit-unmiss": "gap filled on 2022-02-01",
        "2023-01-transport-unit-minusca": "needed from 2023-01, after 2022-06-30",
    }
    assert [item["id"] for item in document["gaps"]] == ["2021-06-transport-unit-unmiss"]
    assert reasons(document, "2021-06-transport-unit-unmiss") == {
        "pcrs-BGD-001": ["deployment starts 2023-01, after 2022-06-30"],
        "pcrs-GHA-001": ["announced 2023-01-10, after 2022-06-30", "announced only, not yet registered"],
        "pcrs-IND-001": ["deployment ended 2021-12, before 2022-06-30"],
        "pcrs-NPL-001": ["pledge ended on 2022-01-31"],
        "pcrs-PAK-001": [],
    }
    assert document["gaps"][0]["covered"] == 1  # PAK was withdrawn only in 2023


def test_the_same_ledger_at_another_date_gives_other_answers() -> None:
    document = match_json("availability-at-a-date", "--as-of", "2023-06-30")
    found = reasons(document, "2023-01-transport-unit-minusca")
    assert found["pcrs-BGD-001"] == []
    assert found["pcrs-PAK-001"] == ["pledge withdrawn on 2023-03-01"]
    assert "2021-06-transport-unit-unmiss" in {item["id"] for item in document["excluded_gaps"]}


def test_canadas_ended_task_force_fills_no_2022_gap_in_match_or_the_pack() -> None:
    document = match_json("ended-task-force-fills-no-later-gap")
    gap = document["gaps"][0]
    assert (gap["id"], gap["covered"], gap["allocations"]) == (
        "2022-03-utility-helicopter-unit-minusma",
        0,
        [],
    )
    assert reasons(document, gap["id"]) == {"2017-vancouver-CAN-002": ["pledge ended on 2019-08-31"]}
    brief = build_brief(
        open_ledger(CASES / "ended-task-force-fills-no-later-gap"), "2017-vancouver", date(2022, 3, 31), "t"
    )
    assert {item.gap.id: item.covered for item in brief.gaps} == {
        "2022-03-utility-helicopter-unit-minusma": 0
    }
    # the pack's answer is the engine's: nothing allocated, the pledge ineligible for its end
    result = match(open_ledger(CASES / "ended-task-force-fills-no-later-gap"), as_of=date(2022, 3, 31))
    assert brief.gaps[0].answered_by == ()
    assert result.gaps[0].candidates[0].reasons() == ["pledge ended on 2019-08-31"]


def test_measures_convert_only_through_published_sizes() -> None:
    document = match_json("measures")
    gaps = {item["id"]: item for item in document["gaps"]}
    qrf = gaps["2021-06-qrf-personnel-minusca"]
    assert (qrf["covered"], qrf["approximate"]) == (500, False)
    assert {(a["pledge"], a["quantity"]) for a in qrf["allocations"]} == {
        ("pcrs-TGO-001", 300),
        ("pcrs-SEN-001", 200),
    }
    police = gaps["2021-06-fpu-personnel-any"]
    assert (police["covered"], police["approximate"]) == (280, True)  # two units of "about 140"
    helicopters = reasons(document, "2021-06-helicopter-units-any")
    assert helicopters["pcrs-ITA-001"] == [
        (
            "measure: the offer counts aircraft, the gap units; "
            "the catalogue publishes no aircraft per unit of utility_helicopter_unit"
        )
    ]
    crews = reasons(document, "2021-06-helicopter-crews-any")
    assert crews["pcrs-ITA-002"][0].endswith(
        "the catalogue publishes no personnel per unit of utility_helicopter_unit"
    )
    assert gaps["2021-06-transport-units-any"]["approximate"] is True  # an at_least offer
    unknown = gaps["2021-06-police-units-any"]
    assert (unknown["required"], unknown["covered"]) == (None, 1)  # the unit left after the 280 personnel
    assert unknown["allocations"] == [{"pledge": "pcrs-RWA-001", "offer": 0, "quantity": 1}]


def test_aircraft_make_whole_units_only() -> None:
    """The packaged catalogue publishes no aircraft per unit; a catalogue of three to a unit floors."""
    from pkledger.format.quantities import Amount, convert
    from pkledger.format.reference import read_capabilities

    catalogue = read_capabilities(
        {
            "utility_helicopter_unit": {
                "label": "Utility helicopter unit",
                "component": "military",
                "kind": "unit",
                "gender_category": "military_contingents",
                "measure": "units",
                "size": {"aircraft": 3, "source": "test"},
            }
        }
    )
    unit = catalogue["utility_helicopter_unit"]
    assert convert(Amount(8, "aircraft"), unit, "units").value == 2
    assert convert(Amount(2, "aircraft"), unit, "units").refused is not None
    assert convert(Amount(2, "units"), unit, "aircraft").value == 6
    assert convert(Amount(2, "units"), unit, "personnel").refused is not None
    assert convert(Amount(2, "vehicles"), unit, "units").refused is not None


def test_a_conference_shows_coverage_before_and_what_it_added() -> None:
    document = match_json("conference-contribution")
    assert document["as_of"] == "2021-12-08"
    coverage = {item["id"]: (item["covered_before"], item["covered"]) for item in document["gaps"]}
    assert coverage == {"2021-06-infantry-company-minusca": (1, 2), "2021-06-level-2-hospital-unmiss": (0, 1)}
    assert document["unmatched_pledges"] == ["2021-seoul-MNG-001"]  # only the conference's own
    _, text, _ = run(
        "match", "--ledger", str(CASES / "conference-contribution"), "--conference", "2021-seoul"
    )
    assert "required 4 units, covered 2, before 1, added +1, shortfall 2" in text
    _, markdown, _ = run(
        "match",
        "--ledger",
        str(CASES / "conference-contribution"),
        "--conference",
        "2021-seoul",
        "-f",
        "markdown",
    )
    assert "| before | added |" in markdown
    brief = build_brief(open_ledger(CASES / "conference-contribution"), "2021-seoul", date(2021, 12, 8), "t")
    assert {item.gap.id: item.covered for item in brief.gaps} == {
        gap: after for gap, (_, after) in coverage.items()
    }


def test_a_declared_link_answers_a_gap_in_match_and_in_the_pack() -> None:
    document = match_json("declared-link-answers-a-gap")
    allocated = {a["pledge"] for gap in document["gaps"] for a in gap["allocations"]}
    assert allocated == {"2021-seoul-KOR-001", "2021-seoul-JPN-001"}
    assert "2021-seoul-KOR-002" not in document["unmatched_pledges"]
    brief = build_brief(
        open_ledger(CASES / "declared-link-answers-a-gap"), "2021-seoul", date(2021, 12, 8), "t"
    )
    answering = {line.pledge.id for line in brief.pledges if "answers-no-gap" not in line.not_met}
    assert answering >= allocated | {"2021-seoul-KOR-002"}
    _, _, errors = run(
        "match",
        "--ledger",
        str(CASES / "declared-link-answers-a-gap"),
        "--conference",
        "2021-seoul",
        "-f",
        "json",
    )
    assert (
        "2021-seoul-KOR-002 answers 2021-11-helicopter-assets-any but breaks a rule: an equipment pledge"
        in errors
    )


def test_units_and_shares_are_the_same_numbers_in_stats_the_pack_and_validate() -> None:
    folder = CASES / "units-and-shares"
    _, output, _ = run("stats", "--ledger", str(folder), "--format", "json")
    rows = {row["figure"]: row for row in json.loads(output)["outcomes"]}
    assert rows["units pledged"]["ledger"]["value"] == 3  # never the 16 donated helicopters
    brief = build_brief(open_ledger(folder), "2021-seoul", date(2021, 12, 8), "t")
    assert brief.figures.units.value == 3
    markdown = pack_markdown("units-and-shares", "2021-seoul", date(2021, 12, 8))
    assert "| Uniformed units | 3 units |" in markdown
    assert "| 7.9% |" in markdown
    _, text, _ = run("stats", "--ledger", str(folder))
    assert "7.9%" in text and "8% (2021)" in text
    _, report, _ = run("validate", str(folder))
    assert "women are 7.9% of personnel (10 of 126); the 2021 target for military contingents is 8%" in report


def test_percent_never_hides_which_side_of_the_target_a_share_is() -> None:
    from pkledger.wording import percent

    assert percent(10, 126, 0.08) == "7.9%"
    assert percent(10, 126) == "8%"
    assert percent(799, 10000, 0.08) == "7.99%"
    assert percent(8, 100, 0.08) == "8%"
    assert percent(1, 3, 0.15) == "33%"


EXAMPLE = re.compile(
    r"<!-- example: (?P<args>.*?), gap (?P<gap>\S+) -->\n```json\n(?P<body>.*?)```\n<!-- end of example -->",
    re.DOTALL,
)


def test_the_worked_example_in_docs_is_the_output_on_the_bundled_data(update_expected: bool) -> None:
    """docs/match.md shows one gap of `match` on data/; rewritten with --update-expected when data/ changes."""
    page = REPO / "docs" / "match.md"
    text = page.read_text(encoding="utf-8")
    found = EXAMPLE.search(text)
    assert found is not None, "the worked example's markers are missing"
    code, output, errors = run(
        "match", "--ledger", str(REPO / "data"), *found["args"].split(), "--format", "json"
    )
    assert code == 0, errors
    entry = next(gap for gap in json.loads(output)["gaps"] if gap["id"] == found["gap"])
    shown = json.dumps(entry, indent=2) + "\n"
    if update_expected:
        page.write_text(text[: found.start("body")] + shown + text[found.end("body") :], encoding="utf-8")
        return
    assert found["body"] == shown


def test_on_the_bundled_data_every_pack_agrees_with_match_and_stats() -> None:
    """For each conference of data/, at its last day: the pack's gap coverage is match's, and no
    pledge match allocates is marked as answering no gap; as of today (stats has no date), a
    cycle's pack counts the units stats counts."""
    from pkledger.analysis.availability import conference_days
    from pkledger.analysis.stats import compute_stats

    ledger = open_ledger(REPO / "data")
    published = {(row.conference, row.figure): row.ledger for row in compute_stats(ledger).outcomes}
    for conference_id, conference in sorted(ledger.conferences.items()):
        last_day = conference_days(conference)[1]
        pack = build_brief(ledger, conference_id, last_day, "t")
        result = match(ledger, as_of=last_day, conference=conference_id)
        coverage = {item.gap.id: item.covered for item in result.gaps}
        assert {item.gap.id: item.covered for item in pack.gaps} == {
            item.gap.id: coverage[item.gap.id] for item in pack.gaps
        }
        allocated = {supply.pledge.id for item in result.gaps for supply in item.allocations}
        assert not {line.pledge.id for line in pack.pledges if "answers-no-gap" in line.not_met} & allocated
        counted = published.get((conference_id, "units pledged"))
        if counted is not None and pack.scope == "cycle":
            today = build_brief(ledger, conference_id, date.today(), "t")
            assert today.figures.units == counted, conference_id


def test_text_fits_80_columns_without_cutting_an_id_and_wide_shows_every_column() -> None:
    data = str(REPO / "data")
    result = CliRunner().invoke(
        app, ["match", "--ledger", data, "--as-of", "2022-06-30"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    shown = json.loads(run("match", "--ledger", data, "--as-of", "2022-06-30", "-f", "json")[1])
    for gap in shown["gaps"]:
        assert any(line.split()[1:2] == [gap["id"]] for line in lines), gap["id"]
    wide = CliRunner().invoke(
        app, ["match", "--ledger", data, "--as-of", "2022-06-30", "--wide"], env={"COLUMNS": "80"}
    )
    header = next(line for line in wide.stdout.splitlines() if "priority" in line)
    assert all(name in header for name in ("mission", "capability", "shortfall", "by whom"))


def test_a_higher_tier_served_by_conversion_comes_before_a_lower_tier_in_the_same_measure() -> None:
    from pkledger.analysis.allocate import Demand, allocate

    flows = allocate(
        {"unit": 2},
        [Demand("low-in-units", 2, 3), Demand("critical-in-personnel", 300, 0)],
        {"unit": ["low-in-units"]},
        {"critical-in-personnel": [("unit", 1, 250)]},
    )
    assert flows == {"critical-in-personnel": {"unit": 300}}  # both units, nothing left for the low gap
