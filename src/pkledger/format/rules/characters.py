"""Hidden characters and look-alike letters in a record's ids and titles, found in its raw values
(codes are checked where they are validated: pkledger.format.models.codes).

An id, or a reference to one, with a hidden character or a letter of another script is an error
(it names another record than it seems to); a title with a hidden character is a warning (a
right-to-left override can make a title read backwards; a zero-width joiner can be a real part of
a word in some scripts).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pkledger.format.characters import code_point, first_foreign_letter, first_hidden, latin_spelling, shown
from pkledger.problems import FieldPath, Finding

ID_FIELDS = frozenset({"id", "conference", "parent", "responds_to"})
"""Fields holding ids (of the record, or of the records it names), at the top of a record."""


def check_characters(data: dict[str, Any]) -> list[Finding]:
    """Findings for the ids and titles of a record's raw data."""
    found = []
    for name, value in data.items():
        if name in ID_FIELDS:
            found += list(_ids((name,), value))
    found += list(_titles((), data))
    return found


def _ids(path: FieldPath, value: Any) -> Iterator[Finding]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _ids((*path, index), item)
        return
    if not isinstance(value, str):
        return
    hidden = first_hidden(value)
    if hidden is not None:
        message = f"the id '{shown(value)}' contains {code_point(hidden)}, which does not show"
        yield Finding("hidden-character", path, message, "retype the id")
        return
    foreign = first_foreign_letter(value)
    if foreign is not None:
        meant = latin_spelling(value)
        message = f"the id '{value}' contains {code_point(foreign)}, not a Latin letter or digit"
        hint = f"ids are written in Latin letters: did you mean '{meant}'?" if meant else "retype the id"
        yield Finding("homoglyph", path, message, hint)


def _titles(path: FieldPath, value: Any) -> Iterator[Finding]:
    """Every `title` in the record, at any depth (its own, its sources', its source document's)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "title" and isinstance(item, str):
                yield from _title((*path, key), item)
            elif isinstance(item, dict | list):
                yield from _titles((*path, key), item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _titles((*path, index), item)


def _title(path: FieldPath, title: str) -> Iterator[Finding]:
    hidden = first_hidden(title.replace("\n", " ").replace("\t", " "))  # line breaks: the field's form says
    if hidden is not None:
        message = f"the title contains {code_point(hidden)}, which does not show: '{shown(title)}'"
        hint = (
            "remove it (a right-to-left override or an invisible character can make a title read as another)"
        )
        yield Finding("hidden-character-in-title", path, message, hint)
