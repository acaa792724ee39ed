"""The rules across files, remembered (pkledger.ledger.across): after an edit that leaves what they
read unchanged, only the edited file is read and no rule across files runs; whatever the edit, the
report is byte for byte that of a cold run without the cache."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.ledger import across, opening, parallel
from pkledger.yaml import loader
from tests.helpers import FIXTURES

KOR = "pledges/2021-seoul-KOR-001.yaml"
GHA = "pledges/2023-accra-GHA-001.yaml"
GAP = "gaps/2021-06-utility-helicopter-unit-minusca.yaml"
FORMATS = ("json", "text")


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger with two warnings of the rules across files, both on KOR (women under the target,
    and a gap its offer cannot fill)."""
    monkeypatch.delenv("PKLEDGER_NO_CACHE")
    monkeypatch.setenv("PKLEDGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(FIXTURES / "cache" / "warned-ledger", tmp_path / "data"))


def output(form: str, *arguments: str) -> str:
    result = CliRunner().invoke(app, [*arguments, "validate", "--format", form, "data"])
    assert result.exit_code in (0, 1), result.output  # 1: an error in the ledger
    return result.stdout


def edit(ledger: Path, name: str, old: str, new: str) -> None:
    path = ledger / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def watched(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[int]]:
    """The keys of the files read from here on, and a mark for each time the whole ledger is opened."""
    read: list[str] = []
    opened: list[int] = []
    real_read, real_open = parallel.read_entry, opening._with_rules_across_files  # type: ignore[attr-defined]

    def counting_read(file: Any, *arguments: Any, **options: Any) -> Any:
        read.append(file.key)
        return real_read(file, *arguments, **options)

    def counting_open(*arguments: Any, **options: Any) -> Any:
        opened.append(1)
        return real_open(*arguments, **options)

    monkeypatch.setattr(parallel, "read_entry", counting_read)
    monkeypatch.setattr(opening, "_with_rules_across_files", counting_open)
    return read, opened


def restored_models(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the files whose model is restored from the cache's outcomes from here on."""
    restored: list[str] = []
    real_restored = parallel._restored

    def counting(file: Any, *arguments: Any) -> Any:
        restored.append(file.key)
        return real_restored(file, *arguments)

    monkeypatch.setattr(parallel, "_restored", counting)
    return restored


def assert_warm_is_cold() -> None:
    """Every format, from the cache and fully warm, is byte for byte the cold run's."""
    for form in FORMATS:
        cold = output(form, "--no-cache")
        assert output(form) == cold
        assert output(form) == cold  # fully warm


def test_warm_runs_report_what_a_cold_run_does(ledger: Path) -> None:
    cold = output("json", "--no-cache")
    assert '"PKL303"' in cold and '"PKL304"' in cold
    assert_warm_is_cold()


def test_an_edit_the_rules_across_files_do_not_see_reads_that_file_only(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output("json")
    edit(ledger, KOR, "id: 2021-seoul-KOR-001", "# moved down\n\nid: 2021-seoul-KOR-001")
    read, opened = watched(monkeypatch)
    parsed: list[bytes] = []
    real_parse = loader.parse_bytes

    def counting_parse(content: bytes) -> Any:
        parsed.append(content)
        return real_parse(content)

    monkeypatch.setattr(across, "parse_bytes", counting_parse)
    edited = output("json")
    assert (read, opened) == ([], [])  # no file validated (its data is unchanged), no rule across files
    assert len(parsed) == 1  # the edited file is parsed, for its data and the findings of the new text
    assert edited == output("json", "--no-cache")
    assert '"line": 16' in edited  # the warning across files placed anew, two lines down
    assert_warm_is_cold()


def test_a_file_with_the_same_data_gets_the_findings_of_its_new_text(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(ledger, KOR, "title: Utility helicopter unit for MINUSCA", 'title: "NO"')
    output("json")
    edit(ledger, KOR, 'title: "NO"', "title: NO")  # the same text to pkledger, not to YAML 1.1
    read, opened = watched(monkeypatch)
    edited = output("json")
    assert (read, opened) == ([], [])  # the data is unchanged: nothing validated or run again
    assert '"PKL' in edited and "other YAML readers take it for true or false" in edited
    assert edited == output("json", "--no-cache")
    assert_warm_is_cold()


def test_a_file_whose_data_changed_is_validated_again(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output("json")
    edit(ledger, KOR, "total: 100, women: 1}", "total: 100, women: 2}  # another value")
    read, _ = watched(monkeypatch)
    edited = output("json")
    assert read == [KOR]
    assert edited == output("json", "--no-cache")
    assert_warm_is_cold()


PLEDGE_EDITS = {
    "title": (KOR, "title: Utility helicopter unit for MINUSCA", "title: Helicopters"),
    "women-below-target-fixed": (KOR, "women: 1}", "women: 20}"),
    "an-ineligible-gap-dropped": (
        KOR,
        "responds_to: [2021-06-utility-helicopter-unit-minusca]",
        "responds_to: []",
    ),
    "an-unknown-gap": (
        GHA,
        "responds_to: [2023-01-formed-police-unit-any]",
        "responds_to: [2023-01-no-such-gap]",
    ),
    "an-unknown-conference": (GHA, "conference: 2023-accra", "conference: 2023-acra"),
    "announced-before-the-conference": (KOR, "announced_on: 2021-12-07", "announced_on: 2021-01-07"),
    "made-invalid": (KOR, "member_state: KOR", "member_state: Korea"),
}


@pytest.mark.parametrize("change", PLEDGE_EDITS.values(), ids=PLEDGE_EDITS.keys())
def test_an_edit_to_a_pledge_is_checked_against_conferences_and_gaps_only(
    ledger: Path, change: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pkledger.ledger.across_pledges: no other pledge is read or restored, the ledger is not
    opened, and the report is the cold run's."""
    output("json")
    edit(ledger, *change)
    read, opened = watched(monkeypatch)
    restored = restored_models(monkeypatch)
    edited = output("json")
    assert read == [change[0]] and opened == []
    assert {key for key in restored if key.startswith("pledges/")} <= {change[0]}  # no other pledge
    assert edited == output("json", "--no-cache")
    assert_warm_is_cold()


def test_a_pledge_whose_id_changed_opens_the_whole_ledger(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output("json")
    edit(ledger, KOR, "id: 2021-seoul-KOR-001", "id: 2021-seoul-USA-001")  # now a duplicate too
    _, opened = watched(monkeypatch)
    edited = output("json")
    assert opened == [1]
    assert '"PKL' in edited and "is also used by" in edited
    assert edited == output("json", "--no-cache")
    assert_warm_is_cold()


def test_duplicate_ids_kept_for_an_edited_pledge_are_the_cold_runs(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = ledger / "pledges" / "2021-seoul-KOR-002.yaml"
    copy.write_bytes((ledger / KOR).read_bytes())  # the same id in two files
    output("json")
    edit(ledger, KOR, "title: Utility helicopter unit for MINUSCA", "title: Helicopters")
    read, opened = watched(monkeypatch)
    edited = output("json")
    assert (read, opened) == ([KOR], [])
    assert edited.count("is also used by") == 2
    assert edited == output("json", "--no-cache")
    assert_warm_is_cold()


def test_an_edit_to_a_gap_opens_the_whole_ledger(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output("json")
    edit(ledger, GAP, "title:", "title: Edited")
    read, opened = watched(monkeypatch)
    edited = output("json")
    assert (read, opened) == ([GAP], [1])
    assert edited == output("json", "--no-cache")


def test_an_edit_in_one_file_changes_the_findings_in_another(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output("json")
    edit(ledger, GAP, "capability: armed_helicopter_unit", "capability: utility_helicopter_unit")
    read, opened = watched(monkeypatch)
    edited = output("json")
    assert (read, opened) == ([GAP], [1])  # the rules across files ran again
    assert edited == output("json", "--no-cache")
    assert '"PKL304"' not in edited and '"PKL303"' in edited
    assert_warm_is_cold()


def test_an_edit_that_breaks_a_record_is_seen_across_files(ledger: Path) -> None:
    output("json")
    edit(ledger, GAP, "quantity: 2", "quantity: two")
    edited = output("json", "--no-cache")
    assert '"PKL304"' not in edited  # the gap is no record now: nothing to answer
    assert_warm_is_cold()


def _forged_name(across: list[Any]) -> None:
    across[2][KOR][0][0] = "no-such-finding"


def _forged_input(across: list[Any]) -> None:
    across[1][KOR] = "not a fingerprint"


def _forged_shape(across: list[Any]) -> None:
    across.pop()


def _forged_own(across: list[Any]) -> None:
    across[3][KOR] = [["no-such-finding", ["title"], "a finding", None, False]]


FORGERIES = {
    "unknown-finding": _forged_name,
    "input-not-a-hash": _forged_input,
    "shape": _forged_shape,
    "unknown-finding-of-a-files-data": _forged_own,
}


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_a_forged_memory_of_the_rules_across_files_is_not_trusted(
    ledger: Path, forge: Callable[[list[Any]], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    output("json")
    (path,) = (ledger.parent / "cache").glob("ledger-*.across.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    forge(document["across"])
    path.write_text(json.dumps(document), encoding="utf-8")
    edit(ledger, KOR, "id: 2021-seoul-KOR-001", "# edited\nid: 2021-seoul-KOR-001")
    read, opened = watched(monkeypatch)
    edited = output("json")
    assert (read, opened) == ([KOR], [1])  # the rules across files ran again
    assert edited == output("json", "--no-cache")
    assert_warm_is_cold()


def test_a_memory_of_the_rules_that_is_a_link_is_not_read(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output("json")
    (path,) = (ledger.parent / "cache").glob("ledger-*.across.json")
    real = path.with_name("elsewhere.json")
    path.rename(real)
    path.symlink_to(real)
    edit(ledger, KOR, "id: 2021-seoul-KOR-001", "# moved down\nid: 2021-seoul-KOR-001")
    _, opened = watched(monkeypatch)
    edited = output("json")
    assert opened == [1]  # nothing kept was taken: the whole ledger is opened
    assert edited == output("json", "--no-cache")
    assert not path.is_symlink()  # replaced by a file of its own
