"""Plain scalars in the ledger format's safe subset, and what other YAML readers would make of them.

Only ``true``/``false`` are booleans, only ``null``/``~``/empty are null, numbers are decimal (no
octal, no sexagesimal); everything else is text. Text that YAML 1.1 or 1.2 readers would type
differently is recognised, so that it can be flagged.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

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
MAYBE_AMBIGUOUS = frozenset("yYnNtTfFoONn0123456789+-.")
"""The first characters of every text that other readers may type differently (a quick filter)."""


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
