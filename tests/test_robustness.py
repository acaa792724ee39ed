"""No input makes the loader or `validate` crash: random documents and random bytes (hypothesis)."""

from __future__ import annotations

import json
import shutil
import string
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.yaml.loader import parse_bytes
from tests.helpers import FIXTURES

REPORT_CONTRACT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["summary", "problems"],
    "properties": {
        "summary": {
            "type": "object",
            "additionalProperties": False,
            "required": ["files", "errors", "warnings"],
            "properties": {
                name: {"type": "integer", "minimum": 0} for name in ("files", "errors", "warnings")
            },
        },
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "line", "column", "path", "code", "severity", "message", "hint"],
                "properties": {
                    "file": {"type": "string", "minLength": 1},
                    "line": {"type": ["integer", "null"], "minimum": 1},
                    "column": {"type": ["integer", "null"], "minimum": 1},
                    "path": {"type": "string"},
                    "code": {"type": "string", "pattern": "^PKL[0-9]{3}$"},
                    "severity": {"enum": ["error", "warning"]},
                    "message": {"type": "string", "minLength": 1},
                    "hint": {"type": ["string", "null"]},
                },
            },
        },
    },
}

FIELD_NAMES = [
    "id",
    "member_state",
    "title",
    "category",
    "quantity",
    "personnel",
    "missions",
    "on",
    "NO",
    "x",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 10**6),
    st.sampled_from(
        ["NO", "yes", "012", "1:20", "2021-02-30", "2021-12-07", "KOR", "uniformed_unit", "", " "]
    ),
    st.text(alphabet=string.printable, max_size=12),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=4)
    ),
    max_leaves=12,
)
documents = st.dictionaries(st.sampled_from(FIELD_NAMES), values, max_size=8)


def as_yaml(value: object, indent: int = 0) -> str:
    """A YAML rendering of generated data, block or flow style, valid or not."""
    return (
        json.dumps(value)
        if not isinstance(value, dict)
        else "{" + ", ".join(f"{key}: {as_yaml(item)}" for key, item in value.items()) + "}"
    )


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(data: bytes) -> None:
    result = parse_bytes(data)
    assert result.document is not None or result.findings


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=string.printable + "äé€\t", max_size=200))
def test_random_text_never_raises(text: str) -> None:
    result = parse_bytes(text.encode("utf-8"))
    assert result.document is not None or result.findings
    for finding in result.findings:
        assert finding.message


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    records=st.lists(documents, min_size=1, max_size=3),
    kind=st.sampled_from(["pledges", "gaps", "conferences"]),
)
def test_validate_reports_every_random_ledger_within_the_json_contract(
    records: list[dict[str, object]], kind: str, tmp_path: Path
) -> None:
    root = tmp_path / "ledger"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(FIXTURES / "valid" / "small-ledger", root)
    for number, record in enumerate(records):
        text = "\n".join(f"{key}: {as_yaml(value)}" for key, value in record.items())
        (root / kind / f"random-{number}.yaml").write_text(text + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--format", "json", str(root)])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    jsonschema.validate(report, REPORT_CONTRACT)
    assert all(problem["file"] for problem in report["problems"])
