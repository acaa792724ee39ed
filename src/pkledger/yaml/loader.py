"""Safe YAML loading with positions.

Data files are read with libyaml's event parser (PyYAML's C extension, or its pure-Python parser
where libyaml is missing) and turned into plain Python values by our own small builder, which
implements the ledger format's safe subset: only ``true``/``false`` are booleans, only
``null``/``~``/empty are null, numbers are decimal (no octal, no sexagesimal), everything else is
text; duplicate keys, anchors, aliases, tags and extra documents are refused; size and depth are
capped. Nothing is ever guessed, constructed from a tag, or expanded from an alias, so no input can
run code or blow up memory. Every key and value keeps its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from pkledger.problems import FieldPath, Finding, Span

Position = tuple[int, int, int, int]
"""(line, column, end line, end column), 1-based: a Span before it is needed as one."""
MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 64

_SPECIAL_PLAIN: dict[str, Any] = {"": None, "~": None, "null": None, "true": True, "false": False}
_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")
_NUMBER_START = frozenset("0123456789+-")
# Plain scalars that pkledger reads as text but other YAML readers (YAML 1.1 such as PyYAML, or
# YAML 1.2 such as ruamel.yaml) read as something else: flagged so the file reads the same anywhere.
_OTHER_BOOLEANS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "True",
        "TRUE",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)
_OTHER_NULLS = frozenset(["Null", "NULL"])
_OTHER_NUMBER = re.compile(
    r"[-+]?(0[0-9_]+|0o[0-7]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?"
    r"|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|\.[0-9]+([eE][-+]?[0-9]+)?|\.(inf|Inf|INF))\Z|\.(nan|NaN|NAN)\Z"
)
_OTHER_NUMBER_START = frozenset("0123456789+-.")


@dataclass(slots=True)
class Document:
    """A parsed record: its data and where each key and value sits in the file."""

    data: dict[str, Any]
    values: dict[FieldPath, Position] = field(default_factory=dict)
    """Where each value is: (line, column, end line, end column), 1-based; see ``locate``."""
    keys: dict[FieldPath, Position] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, on_key: bool = False) -> Span | None:
        """The span of a field; for an absent field, the key of its nearest enclosing field."""
        if on_key and path in self.keys:
            return Span(*self.keys[path])
        if path in self.values:
            return Span(*self.values[path])
        while path:
            path = path[:-1]
            span = self.keys.get(path) or self.values.get(path)
            if span is not None:
                return Span(*span)
        return None


@dataclass(slots=True)
class LoadResult:
    """A document when the file could be read as a record, and what was wrong with it."""

    document: Document | None
    findings: list[Finding]


def resolve_plain(text: str) -> Any:
    """Type an unquoted scalar by the safe subset; whatever is not null, bool or number is text."""
    if text in _SPECIAL_PLAIN:
        return _SPECIAL_PLAIN[text]
    if text[0] in _NUMBER_START and _NUMBER.match(text):
        if "." in text or "e" in text or "E" in text:
            return Decimal(text)
        return int(text)
    return text


def other_readers_type(text: str) -> str | None:
    """What other YAML readers would make of an unquoted value that pkledger reads as text."""
    if text in _OTHER_BOOLEANS:
        return "true or false"
    if text in _OTHER_NULLS:
        return "null"
    if text and text[0] in _OTHER_NUMBER_START and _OTHER_NUMBER.match(text):
        return "a number"
    return None


def load_file(path: Path) -> LoadResult:
    """Read and parse one data file; every failure becomes a finding, never an exception."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _fail("file-too-large", _too_large_message(size), _TOO_LARGE_HINT)
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return _fail("file-unreadable", f"the file cannot be read: {error.strerror or error}", None)
    return parse_bytes(data)


def parse_bytes(data: bytes) -> LoadResult:
    """Parse the bytes of one data file."""
    if len(data) > MAX_FILE_BYTES:
        return _fail("file-too-large", _too_large_message(len(data)), _TOO_LARGE_HINT)
    text_or_failure = _decode(data)
    if isinstance(text_or_failure, LoadResult):
        return text_or_failure
    return _Builder(text_or_failure).build()


_TOO_LARGE_HINT = "a ledger file holds one record; move long texts to a linked source document"


def _too_large_message(size: int) -> str:
    return f"the file is {size / 1048576:.1f} MiB; ledger files may be at most 1 MiB"


def _fail(name: str, message: str, hint: str | None, at: Span | None = None) -> LoadResult:
    return LoadResult(None, [Finding(name, (), message, hint, at=at)])


_UTF16_OR_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def _decode(data: bytes) -> str | LoadResult:
    if data.startswith(_UTF16_OR_32_BOMS):
        return _fail(
            "not-utf8",
            'the file is saved as UTF-16 or UTF-32 ("Unicode" in some editors), not UTF-8',
            "save the file with UTF-8 encoding",
            Span(1, 1, 1, 2),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        at = _span_at_byte(data, nul)
        return _fail(
            "binary-file",
            "the file looks binary (it contains NUL bytes), not YAML text",
            "check that the right file was added; ledger files are UTF-8 text",
            at,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _not_utf8(data, error)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _fail("empty-file", "the file is empty", "a record file holds one YAML mapping")
    return text


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> LoadResult:
    byte = data[error.start]
    hint = "save the file with UTF-8 encoding"
    try:
        data.decode("cp1252")
        hint += " (it looks like Latin-1 or Windows-1252 text)"
    except UnicodeDecodeError:
        pass
    return _fail(
        "not-utf8",
        f"the file is not valid UTF-8: byte 0x{byte:02X} cannot start or continue a character",
        hint,
        _span_at_byte(data, error.start),
    )


def _span_at_byte(data: bytes, offset: int) -> Span:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Span(line, column, line, column + 1)


def _span(mark: Any) -> Span:
    return Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


class _Stop(Exception):
    """Raised inside the builder when the rest of the file cannot be read safely."""


_REFUSED = {
    "anchor": (
        "anchor-or-alias",
        "anchors (&name) are not allowed in ledger files",
        "write the value out in full; each record stands on its own",
    ),
    "alias": (
        "anchor-or-alias",
        "aliases (*name) are not allowed in ledger files",
        "write the value out in full instead of referring to an anchor",
    ),
    "tag": (
        "tag-not-allowed",
        "YAML tags such as {tag} are not allowed in ledger files",
        "remove the tag; values are read as plain text, numbers, dates, true/false or null",
    ),
}

# A frame is one open mapping or list: [container, path, pending key, is a mapping, kept].
# Entries of a duplicate key's value are read (to stay in step with the parser) but not kept.
_CONTAINER, _PATH, _KEY, _IS_MAPPING, _KEEP = range(5)


class _Builder:
    """Turns parser events into plain values and positions, collecting what it refuses.

    ``build`` is the hot path of every command (a ledger has thousands of files), so it works on
    local variables and plain tuples; the rarer cases are handed to small methods.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.values: dict[FieldPath, Position] = {}
        self.keys: dict[FieldPath, Position] = {}
        self.findings: list[Finding] = []
        self.refused: dict[str, tuple[Span, int, str]] = {}
        self.root: Any = _ABSENT
        self.documents = 0

    def build(self) -> LoadResult:
        try:
            self._read_events()
        except _Stop:
            return LoadResult(None, self.findings)
        except yaml.MarkedYAMLError as error:
            return LoadResult(None, [*self.findings, _syntax_finding(self.text, error)])
        except yaml.reader.ReaderError as error:
            return LoadResult(None, [*self.findings, _reader_finding(self.text, error)])
        except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as error:
            message = f"the YAML parser gave up: {error}"
            return LoadResult(None, [*self.findings, Finding("yaml-syntax", (), message)])
        self._report_refused()
        return self._result()

    def _read_events(self) -> None:  # noqa: C901 - one flat loop: it runs for every node of every file
        values, keys = self.values, self.keys
        stack: list[list[Any]] = []
        get_event = _parser(self.text).get_event
        event = get_event()
        while event is not None:
            kind = event.__class__
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    self._check_decorations(event)
                start, end = event.start_mark, event.end_mark
                span = (start.line + 1, start.column + 1, end.line + 1, end.column + 1)
                text = event.value
                frame = stack[-1] if stack else None
                if frame is not None and frame[_IS_MAPPING] and frame[_KEEP]:
                    key = frame[_KEY]
                    if key is None:
                        if text in frame[_CONTAINER]:
                            self._key(frame, text, span)
                        else:
                            keys[(*frame[_PATH], text)] = span
                            frame[_KEY] = text
                        event = get_event()
                        continue
                    if key is not _DISCARD:  # the common case: a value in a mapping
                        frame[_KEY] = None
                        plain = event.implicit[0]
                        value = resolve_plain(text) if plain else text
                        path = (*frame[_PATH], key)
                        frame[_CONTAINER][key] = value
                        values[path] = span
                        if plain and type(value) is str and value and value[0] in _MAYBE_AMBIGUOUS:
                            self._check_portable(value, path, span)
                        event = get_event()
                        continue
                self._other_scalar(stack, event, span)
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                self._open(stack, event, {} if kind is _MAPPING_START else [])
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                stack.pop()
            elif kind is _ALIAS:
                mark = event.start_mark
                span = (mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
                self._refuse("alias", span, event.anchor)
                self._place(stack, None, span)
            elif kind is _DOCUMENT_START:
                self._document_start(event)
            event = get_event()

    def _other_scalar(self, stack: list[list[Any]], event: Any, span: Position) -> None:
        """A scalar that is a list item, the root, a key or a value in a discarded mapping."""
        frame = stack[-1] if stack else None
        if frame is not None and frame[_IS_MAPPING] and frame[_KEY] is None:
            self._key(frame, event.value, span)
            return
        plain = event.implicit[0]
        value = resolve_plain(event.value) if plain else event.value
        path, kept = self._place(stack, value, span)
        if kept and plain and type(value) is str and value and value[0] in _MAYBE_AMBIGUOUS:
            self._check_portable(value, path, span)

    def _result(self) -> LoadResult:
        root = self.root
        if root is _ABSENT or root is None:
            found = Finding("empty-file", (), "the file holds no record", "write one YAML mapping")
            return LoadResult(None, [*self.findings, found])
        if not isinstance(root, dict):
            kind = "a list" if isinstance(root, list) else "a single value"
            message = f"the file holds {kind}, but a record must be a mapping of fields"
            hint = "write the record as `field: value` lines, without a leading '-'"
            found = Finding("not-a-mapping", (), message, hint, at=_as_span(self.values.get(())))
            return LoadResult(None, [*self.findings, found])
        return LoadResult(Document(root, self.values, self.keys), self.findings)

    def _document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            message = "the file holds more than one YAML document ('---' starts a second one)"
            hint = "keep one record per file; remove the second '---' and what follows"
            self.findings.append(Finding("multiple-documents", (), message, hint, at=_span(event.start_mark)))
            raise _Stop

    def _check_decorations(self, event: Any) -> None:
        if event.anchor is not None:
            self._refuse("anchor", _span(event.start_mark), event.anchor)
        if event.tag is not None:
            self._refuse("tag", _span(event.start_mark), event.tag)

    def _check_portable(self, text: str, path: FieldPath, span: Position) -> None:
        other = other_readers_type(text)
        if other is not None:
            message = f"'{text}' is text for pkledger, but other YAML readers take it for {other}"
            hint = f'put it in quotes so that every tool reads the same: "{text}"'
            self.findings.append(Finding("ambiguous-value", path, message, hint, at=_as_span(span)))

    def _key(self, frame: list[Any], key: str, span: Position) -> None:
        path = (*frame[_PATH], key)
        if key in frame[_CONTAINER]:
            if frame[_KEEP]:
                first = self.keys[path][0]
                message = f"the key '{key}' appears twice in the same mapping (first on line {first})"
                hint = "keep one of the two; YAML readers silently drop one of them"
                self.findings.append(Finding("duplicate-key", path, message, hint, at=_as_span(span)))
            frame[_KEY] = _DISCARD
            return
        if frame[_KEEP]:
            self.keys[path] = span
        frame[_KEY] = key

    def _open(self, stack: list[list[Any]], event: Any, container: dict[str, Any] | list[Any]) -> None:
        if event.anchor is not None or event.tag is not None:
            self._check_decorations(event)
        mark = event.start_mark
        position = (mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)
        if stack and stack[-1][_IS_MAPPING] and stack[-1][_KEY] is None:
            message = "a key is a list or mapping; keys must be plain names"
            self.findings.append(Finding("yaml-syntax", (), message, None, at=Span(*position)))
            raise _Stop
        if len(stack) >= MAX_DEPTH:
            message = f"the data is nested more than {MAX_DEPTH} levels deep"
            hint = "ledger records are shallow; check for runaway brackets or indentation"
            self.findings.append(Finding("too-deep", (), message, hint, at=Span(*position)))
            raise _Stop
        path, keep = self._place(stack, container, position)
        stack.append([container, path, None, type(container) is dict, keep])

    def _place(self, stack: list[list[Any]], value: Any, span: Position) -> tuple[FieldPath, bool]:
        """Attach a value to its parent and record where it is; return its path and if it is kept."""
        if not stack:
            self.root = value
            self.values[()] = span
            return (), True
        frame = stack[-1]
        if frame[_IS_MAPPING]:
            key = frame[_KEY]
            frame[_KEY] = None
            if key is _DISCARD or not frame[_KEEP]:
                return frame[_PATH], False
            path: FieldPath = (*frame[_PATH], key)
            frame[_CONTAINER][key] = value
        else:
            container = frame[_CONTAINER]
            path = (*frame[_PATH], len(container))
            container.append(value)
            if not frame[_KEEP]:
                return path, False
        self.values[path] = span
        return path, True

    def _refuse(self, what: str, span: Position, detail: str) -> None:
        first, count, first_detail = self.refused.get(what, (Span(*span), 0, detail))
        self.refused[what] = (first, count + 1, first_detail)

    def _report_refused(self) -> None:
        for what, (span, count, detail) in self.refused.items():
            name, message, hint = _REFUSED[what]
            message = message.format(tag=_short_tag(detail))
            if count > 1:
                message += f" ({count} in this file; the first is shown)"
            self.findings.append(Finding(name, (), message, hint, at=span))


_ABSENT: Any = object()
_DISCARD: Any = object()
_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_ALIAS, _DOCUMENT_START = yaml.AliasEvent, yaml.DocumentStartEvent
_MAYBE_AMBIGUOUS = frozenset("yYnNtTfFoONn0123456789+-.")
_C_PARSER: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)


def _parser(text: str) -> Any:
    """libyaml's event parser when PyYAML was built with it, else PyYAML's own."""
    return _C_PARSER(text) if _C_PARSER is not None else yaml.SafeLoader(text)


def _as_span(span: Position | None) -> Span | None:
    return None if span is None else Span(*span)


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


def _syntax_finding(text: str, error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and "unexpected end of stream" in (error.problem or ""):
        mark = error.context_mark  # where the unclosed quote or bracket was opened
    at = _span(mark) if mark is not None else None
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


def _reader_finding(text: str, error: yaml.reader.ReaderError) -> Finding:
    position = min(max(error.position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "?")
    message = f"the file contains a control character (U+{code:04X}) that YAML does not allow"
    hint = "remove the character; it is often pasted in from another program"
    return Finding("yaml-syntax", (), message, hint, at=Span(line, column, line, column + 1))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    if line >= len(lines) or column >= len(lines[line]):
        return ""
    return lines[line][column]
