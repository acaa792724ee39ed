"""`pkledger migrate`: version 1 ledgers rewritten in format 2, losing nothing.

The version 1 fixture ledgers (tests/fixtures/v1/, with a copy of the public record as it was in
version 1) are migrated in a temporary folder: every value and every comment of every file is
found in the result, the result validates (or, for the invalid cases, reports only what version 1
reported), and a second run changes nothing.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkledger.analysis.migrate import plan_migration
from pkledger.analysis.validate import validate
from pkledger.cli.app import app
from pkledger.format.migration import basis_of, measure_of, migrate_text
from pkledger.ledger.discovery import is_ledger_root
from pkledger.yaml.loader import parse_bytes
from tests.helpers import FIXTURES

V1 = FIXTURES / "v1"
V1_LEDGERS = sorted(
    case
    for case in [
        *(case for group in ("valid", "invalid", "match") for case in (V1 / group).iterdir()),
        V1 / "public-record",
    ]
    if is_ledger_root(case)
)
CODES_FORMAT_2_REPORTS_INSTEAD = {"PKL206": set(), "PKL205": {"PKL205"}}
"""Version 1 codes and what format 2 reports for the same record: a unit pledge without a quantity
is valid in format 2 (an offer may state no number)."""

CODES_THE_GATE_REPORTS_INSTEAD = {"PKL001": {"PKL001", "PKL901"}}
"""Version 1 codes and what the pull-request gate reports since: a link in the ledger is refused as a
link (PKL901), not followed and found unreadable (docs/security.md)."""


def migrated(case: Path, tmp_path: Path) -> Path:
    copy = Path(shutil.copytree(case, tmp_path / case.name, symlinks=True))
    result = CliRunner().invoke(app, ["migrate", "--ledger", str(copy)])
    assert result.exit_code == 0, result.output
    return copy


def record_files(root: Path) -> Iterator[Path]:
    for folder in ("conferences", "pledges", "gaps"):
        if (root / folder).is_dir():
            yield from sorted(
                path for path in (root / folder).iterdir() if path.is_file() and not path.is_symlink()
            )


def scalars(value: Any) -> Iterator[Any]:
    """Every scalar value in loaded data (keys left out; an empty value is no value)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from scalars(item)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item)
    elif value is not None:
        yield str(value) if isinstance(value, Decimal) else value


def loaded(path: Path) -> Any:
    result = parse_bytes(path.read_bytes()) if path.is_file() else None
    return result.document.data if result is not None and result.document is not None else None


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.mark.parametrize("case", V1_LEDGERS, ids=lambda case: f"{case.parent.name}/{case.name}")
def test_nothing_is_lost(case: Path, tmp_path: Path) -> None:
    after = migrated(case, tmp_path)
    assert (after / "ledger.yaml").read_text(encoding="utf-8").endswith("format: 2\n")
    for before in record_files(case):
        now = after / before.relative_to(case)
        old_data = loaded(before)
        if old_data is None:  # a file that cannot be read is left exactly as it was
            assert now.read_bytes() == before.read_bytes(), now
            continue
        missing = Counter(scalars(old_data)) - Counter(scalars(loaded(now)))
        assert not missing, f"{now}: values lost: {dict(missing)}"
        old_text, new_text = before.read_text(encoding="utf-8"), now.read_text(encoding="utf-8")
        assert Counter(comments(old_text)) <= Counter(comments(new_text)), now


@pytest.mark.parametrize("case", V1_LEDGERS, ids=lambda case: f"{case.parent.name}/{case.name}")
def test_the_result_validates_or_reports_only_what_version_1_reported(case: Path, tmp_path: Path) -> None:
    after = migrated(case, tmp_path)
    codes = {problem.code for problem in validate([after]).problems}
    if case.parent.name == "invalid":
        reported = set(re.findall(r"\bPKL\d{3}\b", (case / "expected.txt").read_text(encoding="utf-8")))
        instead = CODES_FORMAT_2_REPORTS_INSTEAD | CODES_THE_GATE_REPORTS_INSTEAD
        allowed = set().union(*(instead.get(code, {code}) for code in reported))
        if not any(path.suffix == ".yaml" and path.is_file() for path in record_files(after)):
            allowed.add("PKL903")  # no record read at all: the gate says that nothing was checked
        assert codes <= allowed, f"format 2 reports {codes - allowed}, which version 1 did not"
    else:
        errors = [problem for problem in validate([after]).problems if problem.is_error]
        assert errors == []


@pytest.mark.parametrize("case", V1_LEDGERS[:: max(len(V1_LEDGERS) // 20, 1)], ids=lambda case: case.name)
def test_a_second_run_changes_nothing(case: Path, tmp_path: Path) -> None:
    after = migrated(case, tmp_path)
    texts = {path: path.read_bytes() for path in after.rglob("*") if path.is_file() and not path.is_symlink()}
    result = CliRunner().invoke(app, ["migrate", "--ledger", str(after), "--check"])
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.output
    assert {path: path.read_bytes() for path in texts} == texts


def test_check_lists_what_would_change_writes_nothing_and_fails(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(V1 / "valid" / "small-ledger", tmp_path / "data"))
    before = {path: path.read_bytes() for path in copy.rglob("*") if path.is_file()}
    result = CliRunner().invoke(app, ["migrate", "--ledger", str(copy), "--check"])
    assert result.exit_code == 1
    assert f"{copy.as_posix()}/ledger.yaml: would change" in result.output
    assert "  - moved capability, quantity, personnel, missions into offers[0]" in result.output
    assert "  - added basis: un_requirement (source_doc.issuer is 'UN Department of Peace Operations')" in (
        result.output
    )
    assert {path: path.read_bytes() for path in copy.rglob("*") if path.is_file()} == before
    assert not (copy / "ledger.yaml").exists()


def test_the_public_record_as_it_was_migrates_to_the_bundled_data(tmp_path: Path) -> None:
    plan = plan_migration(migrated(V1 / "public-record", tmp_path))
    assert plan.changed == []
    result = validate([tmp_path / "public-record"])
    assert [problem for problem in result.problems if problem.is_error] == []


def test_a_version_1_ledger_gets_one_error_naming_migrate(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(V1 / "invalid" / "several-bad-files-all-reported", tmp_path / "data"))
    problems = validate([copy]).problems
    assert [(problem.code, problem.line) for problem in problems] == [("PKL017", None)]
    assert "pkledger migrate --ledger" in str(problems[0].hint)
    for command in (["list", "pledges"], ["match"], ["stats"], ["show", "x"], ["brief", "x", "--out", "out"]):
        result = CliRunner().invoke(app, [*command, "--ledger", str(copy)])
        assert result.exit_code == 1, command
        assert "version 1 ledger" in result.output
        assert "pkledger migrate --ledger" in result.output


PLEDGE = """\
# yaml-language-server: $schema=../../schemas/pledge.schema.json
id: pcrs-KOR-001
member_state: KOR   # the state
title: "Two units"
category: uniformed_unit
# the capability below is the analyst's reading
capability: infantry_battalion
quantity: 2  # two of them
quantity_unit: 'infantry battalions'
personnel:
  total: 1600
  women: 80   # 5%

description: >-
  A long text
  over two lines.
missions:
- MINUSCA
languages:
status: announced
sources:
  - title: Statement
provenance: illustrative
"""


def test_the_rewrite_keeps_comments_quotes_and_layout_and_moves_only_what_format_2_moved() -> None:
    result = migrate_text("pledges", PLEDGE.encode())
    assert (
        result.text
        == """\
# yaml-language-server: $schema=../../schemas/pledge.schema.json
id: pcrs-KOR-001
member_state: KOR   # the state
title: "Two units"
category: uniformed_unit
offers:
  # the capability below is the analyst's reading
  - capability: infantry_battalion
    quantity: 2  # two of them
    note: 'infantry battalions'
    personnel:
      total: 1600
      women: 80   # 5%
    missions:
    - MINUSCA

description: >-
  A long text
  over two lines.
status: announced
sources:
  - title: Statement
provenance: illustrative
"""
    )
    assert result.changes == [
        "dropped the empty languages (an empty value means absent)",
        (
            "moved capability, quantity, quantity_unit, personnel, missions into offers[0] "
            "(quantity_unit as its note)"
        ),
    ]
    assert migrate_text("pledges", result.text.encode()).text is None


def test_line_endings_and_a_byte_order_mark_are_kept() -> None:
    text = "\ufeffid: pcrs-KOR-001\r\ncategory: uniformed_unit\r\ncapability: infantry_battalion\r\nstatus: announced\r\n"
    result = migrate_text("pledges", text.encode())
    assert result.text == (
        "\ufeffid: pcrs-KOR-001\r\ncategory: uniformed_unit\r\noffers:\r\n  - capability: infantry_battalion\r\n"
        "status: announced\r\n"
    )


def test_a_quantity_without_a_capability_gets_its_measure_read_from_its_unit_and_marked_estimated() -> None:
    text = "id: pcrs-KOR-001\ncategory: training\nquantity: 3\nquantity_unit: courses\nstatus: announced\nnotes: x\n"
    result = migrate_text("pledges", text.encode())
    assert result.text == (
        "id: pcrs-KOR-001\ncategory: training\noffers:\n  - quantity: {value: 3, measure: courses}\n"
        "    note: courses\nstatus: announced\nestimated:\n  - field: offers[0].quantity.measure\n"
        "    reason: Version 1 gave the number without a measure; pkledger migrate read courses from 'courses'.\n"
        "notes: x\n"
    )


@pytest.mark.parametrize(
    ("unit", "measure"),
    [
        ("additional UK Armed Forces personnel (up to)", "personnel"),
        ("troops and experts", "personnel"),
        ("courses", "courses"),
        ("canine platoon", "units"),
        ("field hospital (level not stated)", "units"),
        ("500MD helicopters", "aircraft"),
        ("peacekeeping training institutions", "items"),
        ("", "items"),
    ],
)
def test_the_measure_read_from_a_version_1_quantity_unit(unit: str, measure: str) -> None:
    assert measure_of(unit) == measure


@pytest.mark.parametrize(
    ("issuer", "basis"),
    [
        ("UN Department of Peace Operations", "un_requirement"),
        ("UN Security Council", "un_requirement"),
        ("United Nations (Security Council briefing by the UN Police Adviser)", "un_requirement"),
        ("United States Mission to the United Nations", "reported_need"),
        ("Republic of Korea, Minister of National Defense", "reported_need"),
        ("Uniting for Peace Network", "reported_need"),
    ],
)
def test_the_basis_of_a_gap_is_read_from_its_issuer(issuer: str, basis: str) -> None:
    assert basis_of(issuer) == basis
