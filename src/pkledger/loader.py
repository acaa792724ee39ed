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
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from pkledger.problems import FieldPath, Finding, Span

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 64

_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    values: dict[FieldPath, Span] = field(default_factory=dict)
    keys: dict[FieldPath, Span] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, on_key: bool = False) -> Span | None:
        """The span of a field; for an absent field, the key of its nearest enclosing field."""
        if on_key and path in self.keys:
            return self.keys[path]
        if path in self.values:
            return self.values[path]
        while path:
            path = path[:-1]
            span = self.keys.get(path) or self.values.get(path)
            if span is not None:
                return span
        return None


@dataclass(slots=True)
class LoadResult:
    """A document when the file could be read as a record, and what was wrong with it."""

    document: Document | None
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return self.document is not None and not self.findings


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


def _scalar_span(event: Any) -> Span:
    start, end = event.start_mark, event.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _Frame:
    __slots__ = ("container", "is_mapping", "keep", "key", "path")

    def __init__(self, container: Any, path: FieldPath, keep: bool) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None
        self.is_mapping = isinstance(container, dict)
        self.keep = keep


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


class _Builder:
    """Turns parser events into plain values and positions, collecting what it refuses."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.values: dict[FieldPath, Span] = {}
        self.keys: dict[FieldPath, Span] = {}
        self.findings: list[Finding] = []
        self.refused: dict[str, tuple[Span, int, str]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = _ABSENT
        self.documents = 0

    def build(self) -> LoadResult:
        try:
            for event in _events(self.text):
                self._handle(event)
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

    def _result(self) -> LoadResult:
        root = self.root
        if root is _ABSENT or root is None:
            found = Finding("empty-file", (), "the file holds no record", "write one YAML mapping")
            return LoadResult(None, [*self.findings, found])
        if not isinstance(root, dict):
            kind = "a list" if isinstance(root, list) else "a single value"
            message = f"the file holds {kind}, but a record must be a mapping of fields"
            hint = "write the record as `field: value` lines, without a leading '-'"
            found = Finding("not-a-mapping", (), message, hint, at=self.values.get(()))
            return LoadResult(None, [*self.findings, found])
        return LoadResult(Document(root, self.values, self.keys), self.findings)

    def _handle(self, event: Any) -> None:
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            self._scalar(event)
        elif kind is yaml.MappingStartEvent:
            self._collection(event, {})
        elif kind is yaml.SequenceStartEvent:
            self._collection(event, [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self._refuse("alias", _span(event.start_mark), event.anchor)
            self._place(None, _span(event.start_mark))
        elif kind is yaml.DocumentStartEvent:
            self._document_start(event)

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

    def _scalar(self, event: Any) -> None:
        self._check_decorations(event)
        stack = self.stack
        if stack and stack[-1].is_mapping and stack[-1].key is None:
            self._key(stack[-1], event.value, _scalar_span(event))
            return
        span = _scalar_span(event)
        value = resolve_plain(event.value) if event.implicit[0] else event.value
        path, _ = self._place(value, span)
        if event.implicit[0] and type(value) is str:
            self._check_portable(value, path, span)

    def _check_portable(self, text: str, path: FieldPath, span: Span) -> None:
        other = other_readers_type(text)
        if other is not None:
            message = f"'{text}' is text for pkledger, but other YAML readers take it for {other}"
            hint = f'put it in quotes so that every tool reads the same: "{text}"'
            self.findings.append(Finding("ambiguous-value", path, message, hint, at=span))

    def _key(self, frame: _Frame, key: str, span: Span) -> None:
        path = (*frame.path, key)
        if key in frame.container:
            if frame.keep:
                first = self.keys[path].line
                message = f"the key '{key}' appears twice in the same mapping (first on line {first})"
                hint = "keep one of the two; YAML readers silently drop one of them"
                self.findings.append(Finding("duplicate-key", path, message, hint, at=span))
            frame.key = _DISCARD
            return
        if frame.keep:
            self.keys[path] = span
        frame.key = key

    def _collection(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        self._check_decorations(event)
        stack = self.stack
        span = _span(event.start_mark)
        if stack and stack[-1].is_mapping and stack[-1].key is None:
            message = "a key is a list or mapping; keys must be plain names"
            self.findings.append(Finding("yaml-syntax", (), message, None, at=span))
            raise _Stop
        if len(stack) >= MAX_DEPTH:
            message = f"the data is nested more than {MAX_DEPTH} levels deep"
            hint = "ledger records are shallow; check for runaway brackets or indentation"
            self.findings.append(Finding("too-deep", (), message, hint, at=span))
            raise _Stop
        path, keep = self._place(container, span)
        stack.append(_Frame(container, path, keep))

    def _place(self, value: Any, span: Span) -> tuple[FieldPath, bool]:
        """Attach a value to its parent and record where it is; return its path."""
        if not self.stack:
            self.root = value
            self.values[()] = span
            return (), True
        frame = self.stack[-1]
        if frame.is_mapping:
            key = frame.key
            frame.key = None
            if key is _DISCARD or not frame.keep:
                return frame.path, False
            path: FieldPath = (*frame.path, key)  # type: ignore[arg-type]
            frame.container[key] = value
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            if not frame.keep:
                return path, False
        self.values[path] = span
        return path, True

    def _refuse(self, what: str, span: Span, detail: str) -> None:
        first, count, first_detail = self.refused.get(what, (span, 0, detail))
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


def _events(text: str) -> Iterator[Any]:
    loader = _LOADER(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


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
