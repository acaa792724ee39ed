"""The safe YAML loader: the spec's subset, positions, and refusals as findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pkledger.problems import Span
from pkledger.yaml import loader
from pkledger.yaml.builder import MAX_DEPTH
from pkledger.yaml.loader import load_file, parse_bytes
from pkledger.yaml.scalars import resolve_plain


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0", 0),
        ("1.50", Decimal("1.50")),
        ("1e3", Decimal("1E+3")),
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("True", "True"),
        ("Null", "Null"),
        ("012", "012"),
        ("0x1F", "0x1F"),
        ("1:20", "1:20"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        ("2021-12-07", "2021-12-07"),
    ],
)
def test_plain_scalars_are_typed_by_the_safe_subset(text: str, value: object) -> None:
    resolved = resolve_plain(text)
    assert resolved == value
    assert type(resolved) is type(value)


def test_quoted_scalars_stay_text() -> None:
    data = parse_bytes(b"a: '12'\nb: \"true\"\nc: 'null'\n").document
    assert data is not None
    assert data.data == {"a": "12", "b": "true", "c": "null"}


def test_keys_are_names_whatever_they_look_like() -> None:
    document = parse_bytes(b"on: 2021-01-01\nno: 1\n12: x\n").document
    assert document is not None
    assert document.data == {"on": "2021-01-01", "no": 1, "12": "x"}


def test_positions_of_keys_and_values() -> None:
    document = parse_bytes(b"id: x\npersonnel:\n  total: 10\n  women: 2\nmissions: [A, B]\n").document
    assert document is not None
    assert document.keys[("personnel", "women")] == Span(4, 3, 4, 8)
    assert document.values[("personnel", "women")] == Span(4, 10, 4, 11)
    assert document.values[("missions", 1)] == Span(5, 15, 5, 16)


def test_locate_an_absent_field_points_at_its_parent_key() -> None:
    document = parse_bytes(b"id: x\npersonnel:\n  total: 10\n").document
    assert document is not None
    assert document.locate(("personnel", "women")) == Span(2, 1, 2, 10)
    assert document.locate(("quantity",)) == Span(1, 1, 1, 2)


def test_bom_and_crlf_are_accepted() -> None:
    result = parse_bytes(b"\xef\xbb\xbfid: x\r\ntitle: z\r\n")
    assert result.findings == []
    assert result.document is not None
    assert result.document.data == {"id": "x", "title": "z"}


def test_duplicate_keys_name_both_lines_and_keep_the_first() -> None:
    result = parse_bytes(b"a: 1\nb: 2\na: 3\n")
    assert [finding.name for finding in result.findings] == ["duplicate-key"]
    assert "first on line 1" in result.findings[0].message
    assert result.findings[0].at == Span(3, 1, 3, 2)
    assert result.document is not None
    assert result.document.data["a"] == 1


def test_duplicate_keys_in_nested_and_discarded_mappings() -> None:
    result = parse_bytes(b"a:\n  x: 1\n  x: 2\na:\n  y: 1\n  y: 1\n")
    assert [finding.at.line for finding in result.findings if finding.at] == [3, 4]


def test_aliases_are_refused_without_expansion() -> None:
    result = parse_bytes(b"a: &x [1, 2]\nb: *x\nc: *x\n")
    names = sorted(finding.name for finding in result.findings)
    assert names == ["anchor-or-alias", "anchor-or-alias"]
    alias = next(finding for finding in result.findings if "aliases" in finding.message)
    assert "2 in this file" in alias.message
    assert result.document is not None
    assert result.document.data["b"] is None


def test_tags_are_refused_and_nothing_is_constructed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = parse_bytes(b'a: !!python/object/apply:os.system ["touch executed"]\n')
    assert [finding.name for finding in result.findings] == ["tag-not-allowed"]
    assert "!!python/object/apply:os.system" in result.findings[0].message
    assert not (tmp_path / "executed").exists()


@pytest.mark.parametrize(
    ("data", "name", "line"),
    [
        (b"", "empty-file", None),
        (b"   \n\n", "empty-file", None),
        (b"# only a comment\n", "empty-file", None),
        (b"---\n", "empty-file", None),
        (b"- a\n", "not-a-mapping", 1),
        (b"just text\n", "not-a-mapping", 1),
        (b"a: 1\n---\nb: 2\n", "multiple-documents", 2),
        (b"a:\n\tb: 1\n", "tab-indentation", 2),
        (b"a: b: c\n", "yaml-syntax", 1),
        (b"a: 'open\n", "yaml-syntax", 1),
        (b"a: \x07\n", "yaml-syntax", 1),
        (b"x\x00y", "binary-file", 1),
        (b"a: caf\xe9\n", "not-utf8", 1),
        (b"? [a]\n: 1\n", "yaml-syntax", 1),
    ],
)
def test_unreadable_documents_become_one_finding(data: bytes, name: str, line: int | None) -> None:
    result = parse_bytes(data)
    assert result.document is None
    assert [finding.name for finding in result.findings] == [name]
    at = result.findings[0].at
    assert (at.line if at else None) == line


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    nested = b"a: " + b"[" * (MAX_DEPTH + 5) + b"]" * (MAX_DEPTH + 5) + b"\n"
    result = parse_bytes(nested)
    assert [finding.name for finding in result.findings] == ["too-deep"]


def test_nesting_at_the_limit_is_accepted() -> None:
    nested = b"a: " + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"\n"
    assert parse_bytes(nested).findings == []


def test_block_nesting_beyond_the_limit() -> None:
    lines = [" " * depth + f"k{depth}:" for depth in range(MAX_DEPTH + 2)]
    result = parse_bytes(("\n".join(lines) + " x\n").encode())
    assert [finding.name for finding in result.findings] == ["too-deep"]


@pytest.mark.parametrize("text", ["NO", "yes", "On", "012", "0x1A", "1:20", "1_000", "NULL", ".inf"])
def test_values_other_readers_type_differently_are_flagged(text: str) -> None:
    result = parse_bytes(f"a: {text}\nb: '{text}'\n".encode())
    assert [(finding.name, finding.path) for finding in result.findings] == [("ambiguous-value", ("a",))]
    assert result.document is not None
    assert result.document.data == {"a": text, "b": text}


def test_utf16_is_named_as_such() -> None:
    result = parse_bytes("a: b\n".encode("utf-16"))
    assert [finding.name for finding in result.findings] == ["not-utf8"]
    assert "UTF-16" in result.findings[0].message


def test_a_file_over_the_size_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 10)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: 12345678901234567890\n")
    result = load_file(big)
    assert [finding.name for finding in result.findings] == ["file-too-large"]


def test_an_unreadable_file_is_a_finding(tmp_path: Path) -> None:
    result = load_file(tmp_path / "missing.yaml")
    assert [finding.name for finding in result.findings] == ["file-unreadable"]


def test_latin1_hint_names_the_encoding() -> None:
    result = parse_bytes("title: Unité\n".encode("latin-1"))
    assert result.findings[0].hint is not None
    assert "Latin-1" in result.findings[0].hint
    assert result.findings[0].at == Span(1, 12, 1, 13)
