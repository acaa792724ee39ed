"""The builder: libyaml's parser events turned into plain values and positions, safely.

It implements the ledger format's safe subset: duplicate keys, anchors, aliases, tags and extra
documents are refused, depth is capped, and nothing is ever guessed, constructed from a tag or
expanded from an alias, so no input can run code or blow up memory.
"""

from __future__ import annotations

import sys
from typing import Any

import yaml

from pkledger.problems import FieldPath, Finding, Span
from pkledger.yaml.document import Document, LoadResult, Position, span_of_mark
from pkledger.yaml.scalars import MAYBE_AMBIGUOUS, other_readers_type, resolve_plain

MAX_DEPTH = 64


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


class Builder:
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
        """The document and what was refused; a parser error is raised (pkledger.yaml.syntax explains it)."""
        try:
            self._read_events()
        except _Stop:
            return LoadResult(None, self.findings)
        self._report_refused()
        return self._result()

    def _read_events(self) -> None:  # noqa: C901 - one flat loop: it runs for every node of every file
        values, keys, intern = self.values, self.keys, sys.intern
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
                        text = intern(text)  # a field name: one copy for every file of a ledger
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
                        if plain and type(value) is str and value and value[0] in MAYBE_AMBIGUOUS:
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
        if kept and plain and type(value) is str and value and value[0] in MAYBE_AMBIGUOUS:
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
            self.findings.append(
                Finding("multiple-documents", (), message, hint, at=span_of_mark(event.start_mark))
            )
            raise _Stop

    def _check_decorations(self, event: Any) -> None:
        if event.anchor is not None:
            self._refuse("anchor", span_of_mark(event.start_mark), event.anchor)
        if event.tag is not None:
            self._refuse("tag", span_of_mark(event.start_mark), event.tag)

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
_C_PARSER: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)


def _parser(text: str) -> Any:
    """libyaml's event parser when PyYAML was built with it, else PyYAML's own."""
    return _C_PARSER(text) if _C_PARSER is not None else yaml.SafeLoader(text)


def _as_span(span: Position | None) -> Span | None:
    return None if span is None else Span(*span)


def _short_tag(tag: str) -> str:
    """A YAML tag as written: !!str for tag:yaml.org,2002:str."""
    return "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
