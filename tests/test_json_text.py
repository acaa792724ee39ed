"""The JSON writer (pkledger.output.escape.json_text) lays out indented JSON itself, for speed: its
text must be the standard library's, character for character, except that hidden characters are
\\u escapes, which JSON reads back as they were."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pkledger.format.characters import is_hidden
from pkledger.output.escape import json_text

_SCALARS = st.none() | st.booleans() | st.integers() | st.text() | st.floats(allow_nan=False)
DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


def standard(document: Any, indent: int | None) -> str:
    return json.dumps(document, indent=indent, ensure_ascii=False)


@settings(max_examples=150, deadline=None)
@given(DOCUMENTS, st.sampled_from([None, 0, 2, 4]))
def test_the_text_is_the_standard_librarys_and_reads_back_the_same(document: Any, indent: int | None) -> None:
    text = json_text(document, indent=indent)
    assert json.loads(text) == json.loads(standard(document, indent))
    if not any(is_hidden(character) for character in standard(document, indent)):
        assert text == standard(document, indent)
    assert not any(is_hidden(character) for character in text if character not in "\n")


def test_a_report_of_problems_is_laid_out_as_the_standard_library_lays_it_out() -> None:
    report = {
        "summary": {"files": 2, "errors": 1, "warnings": 0},
        "problems": [
            {"file": "pledges/a.yaml", "line": 3, "column": None, "path": "", "ok": True, "hint": "é"},
            {"empty": {}, "none": [], "tuple": (1, "two")},
        ],
    }
    assert json_text(report) == standard(report, 2)


def test_a_hidden_character_is_an_escape_and_reads_back() -> None:
    document = {"title": "gnp\u202eexe", "name\u200b": ["\U000e0041"]}
    text = json_text(document)
    assert "\\u202e" in text and "\\u200b" in text and "\\udb40\\udc41" in text
    assert json.loads(text) == document


@pytest.mark.parametrize(
    "document",
    [{1: "a number as a key"}, [1.5, float("inf")], {"nested": [True, 2**70]}],
    ids=["key-not-text", "floats", "big-integer"],
)
def test_values_left_to_the_standard_library_come_out_as_it_writes_them(document: Any) -> None:
    assert json_text(document) == standard(document, 2)


def test_a_value_json_has_no_form_for_is_refused_as_the_standard_library_refuses_it() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        json_text({"amount": Decimal("1.5")})
