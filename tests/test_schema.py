"""The exported JSON Schemas: committed copies are current, and a standard validator agrees with them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pkledger.format.kinds import FOLDERS, kind_of
from pkledger.format.schema import DIALECT, record_schema
from pkledger.output.schemas import write_schemas
from tests.conftest import REPO
from tests.helpers import FIXTURES

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


# Valid for YAML and pkledger, but ruamel.yaml (check-jsonschema's parser) fails on them.
PEER_PARSER_LIMITS = {
    "yaml-tab-inside-text": "ruamel.yaml rejects a tab inside an unquoted value, which YAML allows",
}


def valid_records(kind: str) -> list[Path]:
    folders = [
        *(case for case in sorted((FIXTURES / "valid").iterdir()) if case.name not in PEER_PARSER_LIMITS),
        REPO / "data",
    ]
    return sorted(path for folder in folders for path in (folder / kind).glob("*.y*ml"))


def check_jsonschema(kind: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    schema = REPO / "schemas" / kind_of(kind).schema_file
    command = [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_committed_schemas_are_up_to_date() -> None:
    stale = write_schemas(REPO / "schemas", check=True)
    assert stale == [], "run `make docs` (pkledger schema --out schemas) and commit the result"


@pytest.mark.parametrize("kind", sorted(FOLDERS))
def test_schema_declares_draft_2020_12_and_forbids_unknown_keys(kind: str) -> None:
    schema = record_schema(kind)
    assert schema["$schema"] == DIALECT
    assert schema["additionalProperties"] is False
    for definition in schema.get("$defs", {}).values():
        assert definition["additionalProperties"] is False


@pytest.mark.parametrize("kind", sorted(FOLDERS))
def test_check_jsonschema_accepts_every_valid_record(kind: str) -> None:
    files = valid_records(kind)
    assert files, f"no valid {kind} fixtures"
    result = check_jsonschema(kind, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_an_unknown_key(tmp_path: Path) -> None:
    source = FIXTURES / "valid" / "every-field" / "pledges" / "2021-seoul-KOR-001.yaml"
    misspelt = tmp_path / "2021-seoul-KOR-001.yaml"
    misspelt.write_text(source.read_text(encoding="utf-8") + "quantitiy: 2\n", encoding="utf-8")
    result = check_jsonschema("pledges", [misspelt])
    assert result.returncode == 1
    assert "quantitiy" in result.stdout


def test_schema_is_valid_json_with_descriptions() -> None:
    schema = json.loads((REPO / "schemas" / "pledge.schema.json").read_text(encoding="utf-8"))
    assert all("description" in field for field in schema["properties"].values())


def test_check_jsonschema_accepts_every_valid_ledger_file() -> None:
    files = sorted(
        path
        for folder in [*(FIXTURES / "valid").iterdir(), REPO / "data"]
        if (path := folder / "ledger.yaml").is_file() and folder.name not in PEER_PARSER_LIMITS
    )
    assert REPO / "data" / "ledger.yaml" in files
    result = check_jsonschema("ledger", files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_rejects_a_ledger_file_of_another_format(tmp_path: Path) -> None:
    settings = tmp_path / "ledger.yaml"
    settings.write_text("format: 1\ntitel: x\n", encoding="utf-8")
    result = check_jsonschema("ledger", [settings])
    assert result.returncode == 1


def test_check_jsonschema_takes_partial_dates_and_the_long_form_of_quantities() -> None:
    case = FIXTURES / "valid" / "partial-dates-in-every-date-field"
    for kind in ("conferences", "pledges", "gaps"):
        result = check_jsonschema(kind, sorted((case / kind).glob("*.yaml")))
        assert result.returncode == 0, result.stdout + result.stderr
