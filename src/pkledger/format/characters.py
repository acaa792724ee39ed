"""Characters that do not show as themselves, and letters of other scripts that look like Latin
ones: what the ledger format refuses in codes and ids, and warns about in titles.

A right-to-left override (U+202E) makes `gnp.exe` read `exe.png`, a zero-width space (U+200B)
after `KOR` makes a second code that looks like the first, and a Cyrillic capital Ka (U+041A) in
place of the K another. Findings name the character by its code point and Unicode name, so that a
reader can find what they cannot see.
"""

from __future__ import annotations

import unicodedata

HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs"})
"""Control, format (bidirectional controls, zero-width characters), line and paragraph separator,
private-use and surrogate characters: none shows as itself."""
FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180e")
"""Letters and marks that show as nothing (Hangul fillers, the combining grapheme joiner...)."""
LATIN_LOOKALIKES = dict(
    zip(
        "АВЕЅІЈКМНОРСТХУаеіјорсхуѕԁԛԜΑΒΕΖΗΙΚΜΝΟΡΤΥΧοϲ",
        "ABESIJKMHOPCTXYaeijopcxysdqWABEZHIKMNOPTYXoc",
        strict=True,
    )
)
"""Cyrillic and Greek letters that look like Latin ones, and the Latin letter each looks like."""
_NAMES = {"\x1b": "ESCAPE", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\t": "CHARACTER TABULATION"}


def is_hidden(character: str) -> bool:
    """Whether a character does not show as itself: a control, a format character or a filler."""
    return character in FILLERS or unicodedata.category(character) in HIDDEN_CATEGORIES


def code_point(character: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': a character by its code point and name."""
    name = unicodedata.name(character, "") or _NAMES.get(character, "")
    if not name and unicodedata.category(character) == "Cc":
        name = "a control character"
    return f"U+{ord(character):04X}" + (f" {name}" if name else "")


def first_hidden(text: str) -> str | None:
    """The first hidden character of a text, if it has one."""
    if text.isascii() and text.isprintable():
        return None
    return next((character for character in text if is_hidden(character)), None)


def first_foreign_letter(text: str) -> str | None:
    """The first character of a code that is not ASCII (a code is written in ASCII only)."""
    return next((character for character in text if not character.isascii()), None)


def latin_spelling(text: str) -> str | None:
    """The code as it was probably meant, in ASCII: look-alike letters replaced, full-width forms
    folded; None when some character has no ASCII look-alike."""
    folded = "".join(LATIN_LOOKALIKES.get(character, character) for character in text)
    folded = unicodedata.normalize("NFKC", folded)
    return folded if folded.isascii() and folded != text else None


def shown(text: str) -> str:
    """A text with its hidden characters written as escapes (\\u200b), for messages."""
    return "".join(_escaped(character) if is_hidden(character) else character for character in text)


def _escaped(character: str) -> str:
    number = ord(character)
    if number < 0x100:
        return f"\\x{number:02x}"
    return f"\\u{number:04x}" if number < 0x10000 else f"\\U{number:08x}"
