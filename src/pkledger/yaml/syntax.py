"""Parser errors in words: where the YAML broke, and what to do about it."""

from __future__ import annotations

import yaml

from pkledger.problems import Finding, Span
from pkledger.yaml.document import span_of_mark

_SYNTAX_ADVICE = (
    (
        "mapping values are not allowed",
        "a ':' appears where a value was expected",
        "if the value itself contains ': ', put it in quotes; otherwise check the indentation",
    ),
    (
        "could not find expected ':'",
        "a line is neither `key: value` nor a list item",
        "add the ':' after the field name, or quote a value that runs over several lines",
    ),
    (
        "did not find expected key",
        "the indentation does not line up with the fields around it",
        "indent fields of the same mapping by the same number of spaces",
    ),
    (
        "did not find expected '-' indicator",
        "a list item is not indented like the items before it",
        "start every item of a list with '-' at the same column",
    ),
    (
        "found unexpected end of stream",
        "the file ends inside a quoted value or an open bracket",
        "close the quote or bracket that was opened",
    ),
    (
        "found unknown escape character",
        "a backslash in a double-quoted value starts an unknown escape",
        "use single quotes, or write the backslash twice",
    ),
    (
        "found undefined tag handle",
        "a '!' starts a YAML tag, which ledger files do not allow",
        "put the value in quotes if the '!' belongs to the text",
    ),
    (
        "found character that cannot start any token",
        "a character here cannot start a value",
        "put the value in quotes",
    ),
)


def syntax_finding(text: str, error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and "unexpected end of stream" in (error.problem or ""):
        mark = error.context_mark  # where the unclosed quote or bracket was opened
    at = span_of_mark(mark) if mark is not None else None
    problem = error.problem or str(error)
    if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
        message = "a tab character is used for indentation; YAML indents with spaces only"
        return Finding("tab-indentation", (), message, "replace the tab with spaces", at=at)
    if "maximum nesting depth" in problem:
        message = "the data is nested too deeply for a ledger record"
        hint = "ledger records are shallow; check for runaway brackets or indentation"
        return Finding("too-deep", (), message, hint, at=at)
    for needle, message, hint in _SYNTAX_ADVICE:
        if needle in problem:
            return Finding("yaml-syntax", (), f"{message} (YAML: {problem})", hint, at=at)
    return Finding("yaml-syntax", (), f"the file is not valid YAML: {problem}", None, at=at)


def reader_finding(text: str, error: yaml.reader.ReaderError) -> Finding:
    position = min(max(error.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
    message = f"the file contains a control character (U+{code:04X}) that YAML does not allow"
    hint = "remove the character; it is often pasted in from another program"
    return Finding("yaml-syntax", (), message, hint, at=Span(line, column, line, column + 1))


PARSER_ERRORS = (yaml.YAMLError, ValueError, RecursionError, MemoryError)
"""What the parser may raise on a broken file."""


def parser_finding(text: str, error: Exception) -> Finding:
    """A finding for an error the parser raised on ``text``."""
    if isinstance(error, yaml.MarkedYAMLError):
        return syntax_finding(text, error)
    if isinstance(error, yaml.reader.ReaderError):
        return reader_finding(text, error)
    return Finding("yaml-syntax", (), f"the YAML parser gave up: {error}")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line >= len(lines) or column >= len(lines[line]):
        return ""
    return lines[line][column]
