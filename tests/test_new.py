"""`pkledger new`: by flags and interactively; next free id; valid output; never overwrites."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.analysis.validate import validate
from pkledger.cli.app import app
from tests.helpers import FIXTURES


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "small-ledger", root)
    return root


def lines(*answers: str) -> str:
    """Answers to the prompts, one per line."""
    return "".join(f"{answer}\n" for answer in answers)


def new(ledger: Path, kind: str, *args: str, answers: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["new", kind, "--ledger", str(ledger), *args], input=answers)
    return result.exit_code, result.output


PLEDGE_FLAGS = [
    "--member-state", "kor", "--conference", "2021-seoul", "--announced-on", "2021-12-08",
    "--announced-by", "minister", "--title", "Two level II hospitals", "--category", "uniformed_unit",
    "--capability", "level_2_hospital", "--quantity", "2", "--timeframe", "by 2023",
    "--source-title", "Statement", "--provenance", "illustrative", "--no-input",
]  # fmt: skip


def test_pledge_by_flags_gets_the_next_free_id_and_validates(ledger: Path) -> None:
    code, output = new(ledger, "pledge", *PLEDGE_FLAGS)
    assert code == 0, output
    created = ledger / "pledges" / "2021-seoul-KOR-002.yaml"
    assert f"created {created.as_posix()}" in output
    text = created.read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/pledge.schema.json\nid: 2021-seoul-KOR-002\n"
    )
    assert "announced_on: 2021-12-08\n" in text
    assert "sources:\n  - title: Statement\n" in text
    assert validate([ledger]).problems == []


def test_the_id_counts_on_from_the_highest_number(ledger: Path) -> None:
    assert new(ledger, "pledge", *PLEDGE_FLAGS)[0] == 0
    assert new(ledger, "pledge", *PLEDGE_FLAGS)[0] == 0
    assert (ledger / "pledges" / "2021-seoul-KOR-003.yaml").exists()


def test_a_pledge_outside_a_conference_gets_a_pcrs_id(ledger: Path) -> None:
    flags = [flag for flag in PLEDGE_FLAGS if flag not in ("--conference", "2021-seoul")]
    code, output = new(ledger, "pledge", *flags)
    assert code == 0, output
    assert (ledger / "pledges" / "pcrs-KOR-001.yaml").exists()


def test_an_existing_id_is_refused_and_nothing_is_written(ledger: Path) -> None:
    existing = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    before = existing.read_bytes()
    code, output = new(ledger, "pledge", *PLEDGE_FLAGS, "--id", "2021-seoul-KOR-001")
    assert code == 1
    assert "would not be valid" in output
    assert existing.read_bytes() == before


def test_an_existing_file_is_never_overwritten(ledger: Path) -> None:
    squatter = ledger / "pledges" / "2021-seoul-KOR-002.yaml"
    squatter.write_text("not yet a record\n", encoding="utf-8")
    code, output = new(ledger, "pledge", *PLEDGE_FLAGS, "--id", "2021-seoul-KOR-002")
    assert code == 1
    assert "already exists; it was not changed" in output
    assert squatter.read_text(encoding="utf-8") == "not yet a record\n"
    assert not list((ledger / "pledges").glob(".*.tmp"))


def test_a_bad_flag_value_is_explained(ledger: Path) -> None:
    flags = [("NO" if flag == "kor" else flag) for flag in PLEDGE_FLAGS]
    code, output = new(ledger, "pledge", *flags)
    assert code == 1
    assert "--member-state: 'NO' is not a UN member or observer state code" in output
    assert "did you mean NOR?" in output


def test_a_missing_required_flag_with_no_input(ledger: Path) -> None:
    code, output = new(ledger, "pledge", "--member-state", "KOR", "--no-input")
    assert code == 1
    assert "--title is required" in output


def test_a_record_that_breaks_a_cross_file_rule_is_not_written(ledger: Path) -> None:
    flags = [("2099-nowhere" if flag == "2021-seoul" else flag) for flag in PLEDGE_FLAGS]
    code, output = new(ledger, "pledge", *flags)
    assert code == 1
    assert "no conference with id '2099-nowhere'" in output
    assert not (ledger / "pledges" / "2099-nowhere-KOR-001.yaml").exists()


def test_pledge_interactively_with_bad_answers_asked_again(ledger: Path) -> None:
    answers = lines(
        "NO", "NOR",            # member state: refused, then accepted
        "2021-seoul",           # conference
        "2021-02-30", "2021-12-08",  # announced on: not a real date, then a date
        "minister",             # announced by
        "Formed police unit",   # title
        "uniformed", "uniformed_unit",  # category: refused, then accepted
        "formed_police_unit",   # capability
        "two", "1",             # quantity
        "",                     # measure: the capability's (units)
        "",                     # qualifier: exact
        "140", "x", "28",       # personnel, then women: not a number, refused, then accepted
        "level_9", "level_2",   # PCRS level: refused, then accepted
        "",                     # days to deploy
        "minusca, UNMISS",      # missions: a list, in any case
        "",                     # another offer? no
        "",                     # amount (none)
        "within a year",        # timeframe
        "2022-12",              # to be delivered by
        "bilateral",            # partnership
        "FRA",  "FRA:trainer",  # partners: refused (no role), then accepted
        "",                     # gaps answered
        "performance", "performance_accountability",  # A4P areas: refused with a suggestion, then accepted
        "",                     # A4P+
        "",                     # status: default announced
        "Statement by Norway",  # source title
        "",                     # url
        "",                     # date
        "illustrative",         # provenance
        "",                     # notes
    )  # fmt: skip
    code, output = new(ledger, "pledge", answers=answers)
    assert code == 0, output
    assert "did you mean NOR?" in output
    assert "'2021-02-30' is not a real calendar date" in output
    assert "did you mean 'uniformed_unit'?" in output
    assert "'two' is not a whole number" in output
    text = (ledger / "pledges" / "2021-seoul-NOR-001.yaml").read_text(encoding="utf-8")
    assert "'x' is not a whole number" in output
    assert "offers:\n  - capability: formed_police_unit\n    quantity: 1\n    personnel:\n" in text
    assert "    missions:\n      - MINUSCA\n      - UNMISS\n" in text
    assert "partners:\n  - actor: FRA\n    role: trainer\n" in text
    assert "write each partner as ACTOR:role" in output
    assert "a4p:\n  - performance_accountability\n" in text
    assert "did you mean performance_accountability?" in output
    assert "status: announced\n" in text
    assert validate([ledger]).problems == []


def test_flags_and_questions_mix(ledger: Path) -> None:
    answers = "\n" * 30
    flags = ["--member-state", "GHA", "--conference", "2023-accra", "--title", "Staff officers",
             "--category", "individual_personnel", "--capability", "staff_officers", "--quantity", "4",
             "--source-title", "Statement"]  # fmt: skip
    code, output = new(ledger, "pledge", *flags, answers=answers)
    assert code == 0, output
    assert (ledger / "pledges" / "2023-accra-GHA-002.yaml").exists()


def test_end_of_input_aborts_cleanly(ledger: Path) -> None:
    code, output = new(ledger, "pledge", answers="KOR\n")
    assert code == 1
    assert "aborted" in output


def test_gap_by_flags(ledger: Path) -> None:
    code, output = new(
        ledger, "gap", "--title", "Armed helicopters for MINUSCA", "--capability", "armed_helicopter_unit",
        "--mission", "minusca", "--quantity", "1", "--priority", "critical", "--paper-title", "Requirements",
        "--paper-date", "2022-03-01", "--source-title", "Paper", "--no-input",
    )  # fmt: skip
    assert code == 0, output
    text = (ledger / "gaps" / "2022-03-armed-helicopter-unit-minusca.yaml").read_text(encoding="utf-8")
    assert "issuer: UN Department of Peace Operations\n" in text
    assert "status: open\n" in text


def test_conference_interactively(ledger: Path) -> None:
    answers = lines(
        "preparatory", "Preparatory Conference on Women in Peacekeeping", "2023-accra",
        "2023-06-25", "2023-06-26", "in_person", "Dhaka", "BGD", "Observer report", "", "", "", "",
    )  # fmt: skip
    code, output = new(ledger, "conference", answers=answers)
    assert code == 0, output
    created = ledger / "conferences" / "2023-prep-women-in-peacekeeping.yaml"
    assert "parent: 2023-accra\n" in created.read_text(encoding="utf-8")
    assert validate([ledger]).problems == []


def test_checking_a_new_record_leaves_the_open_ledger_as_it_was(ledger: Path) -> None:
    from pkledger.analysis.create import collect, prepare
    from pkledger.ledger.opening import open_ledger

    pledge = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("[2021-06-utility-helicopter-unit-minusca]", "[2099-01-nowhere]"))
    opened = open_ledger(ledger)
    before = opened.problems()
    assert [problem.code for problem in before] == ["PKL406"]  # a finding of a rule across files
    given = dict(zip(PLEDGE_FLAGS[:-1:2], PLEDGE_FLAGS[1::2], strict=True))
    answers = collect("pledges", {flag[2:].replace("-", "_"): value for flag, value in given.items()}, None)
    prepare("pledges", answers, opened)
    assert opened.problems() == before


def test_several_offers_by_flags_with_measures_qualifiers_and_partial_dates(ledger: Path) -> None:
    flags = [
        "--member-state", "KOR", "--conference", "2021-seoul", "--announced-on", "2021-12",
        "--title", "Infantry and helicopters", "--category", "uniformed_unit",
        "--capability", "infantry_battalion", "--quantity", "6", "--measure", "", "--qualifier", "",
        "--capability", "utility_helicopter_unit", "--quantity", "16", "--measure", "aircraft",
        "--qualifier", "at_least", "--personnel", "850", "--women", "70", "--timeframe", "2022",
        "--source-title", "Statement", "--no-input",
    ]  # fmt: skip
    code, output = new(ledger, "pledge", *flags)
    assert code == 0, output
    text = (ledger / "pledges" / "2021-seoul-KOR-002.yaml").read_text(encoding="utf-8")
    assert "announced_on: 2021-12\n" in text
    assert (
        "offers:\n  - capability: infantry_battalion\n    quantity: 6\n    personnel:\n      total: 850\n"
        "      women: 70\n  - capability: utility_helicopter_unit\n    quantity:\n      value: 16\n"
        "      measure: aircraft\n      qualifier: at_least\n"
    ) in text
    assert validate([ledger]).problems == []


def test_an_offer_without_a_capability_needs_its_measure(ledger: Path) -> None:
    flags = [
        "--member-state", "KOR", "--title", "Courses", "--category", "training", "--quantity", "3",
        "--source-title", "Statement", "--timeframe", "2022", "--no-input",
    ]  # fmt: skip
    code, output = new(ledger, "pledge", *flags)
    assert code == 1
    assert "--measure is required" in output
    code, output = new(ledger, "pledge", *flags[:-1], "--measure", "courses", "--no-input")
    assert code == 0, output
    text = (ledger / "pledges" / "pcrs-KOR-001.yaml").read_text(encoding="utf-8")
    assert "offers:\n  - quantity:\n      value: 3\n      measure: courses\n" in text


def test_a_gap_without_a_published_quantity(ledger: Path) -> None:
    code, output = new(
        ledger, "gap", "--title", "Police units", "--capability", "formed_police_unit", "--mission", "any",
        "--priority", "high", "--basis", "reported_need", "--paper-title", "Statement",
        "--paper-issuer", "A member state", "--paper-date", "2023-11", "--source-title", "Statement",
        "--no-input",
    )  # fmt: skip
    assert code == 0, output
    text = (ledger / "gaps" / "2023-11-formed-police-unit-any.yaml").read_text(encoding="utf-8")
    assert "quantity:\n  measure: units\n" in text
    assert "basis: reported_need\n" in text
    assert "date: 2023-11\n" in text
    assert validate([ledger]).problems == []


@pytest.mark.parametrize("kind", ["pledges", "gaps", "conferences"])
def test_every_flag_has_help_naming_its_allowed_values(kind: str) -> None:
    from pkledger.analysis.asked import ASKED
    from pkledger.analysis.questions import questions

    helps = {ask.name: ask.help for ask in ASKED[kind]}
    for question in questions(kind):
        if kind == "pledges":
            assert helps[question.name], f"--{question.name} has no help"
        missing = [choice for choice in question.choices if choice not in helps[question.name]]
        assert helps[question.name] or not question.choices, f"--{question.name} has no help"
        assert not missing, f"the help of --{question.name} omits {missing}"


def test_offers_missions_partners_and_a4p_by_flags(ledger: Path) -> None:
    flags = [*PLEDGE_FLAGS, "--missions", "minusca,UNMISS", "--pcrs-level", "level_2",
             "--partnership", "bilateral", "--partners", "FRA:trainer", "--a4p", "performance_accountability",
             "--responds-to", "2021-06-utility-helicopter-unit-minusca"]  # fmt: skip
    code, output = new(ledger, "pledge", *flags)
    assert code == 0, output
    text = (ledger / "pledges" / "2021-seoul-KOR-002.yaml").read_text(encoding="utf-8")
    assert "missions:\n      - MINUSCA\n      - UNMISS\n" in text
    assert "responds_to:\n  - 2021-06-utility-helicopter-unit-minusca\n" in text


def test_a_sourced_record_whose_source_has_no_address_or_date_is_warned_about(ledger: Path) -> None:
    sourced = [flag if flag != "illustrative" else "sourced" for flag in PLEDGE_FLAGS]
    code, output = new(ledger, "pledge", *sourced)
    assert code == 0, output
    assert "the source 'Statement' has no web address and no date" in output
    dated = [*sourced, "--source-url", "https://example.org/s", "--source-date", "2021-12-08"]
    code, output = new(ledger, "pledge", *dated)
    assert code == 0, output
    assert "has no web address" not in output
    assert (
        "has no" not in new(ledger, "pledge", *PLEDGE_FLAGS)[1]
    )  # illustrative: a statement in words will do
