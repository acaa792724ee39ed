"""Small helpers for messages in plain English."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

CONFERENCE_KINDS = {"preparatory": "preparatory conference", "side_event": "side event"}


def a(words: str) -> str:
    """The words with their indefinite article: "an equipment pledge", "a summit"."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def described(value: Any) -> str:
    """A YAML value as a message names it: "empty", "true", "the number 12", "the text 'abc'",
    "a list", "a mapping"."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | Decimal):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def conference_kind(kind: str) -> str:
    """A conference kind in words: "preparatory conference", "side event", "ministerial"."""
    return CONFERENCE_KINDS.get(kind, kind)


def percent(part: int, whole: int, target: float | Decimal | None = None) -> str:
    """A share as a percentage, rounded once by one rule for every report: whole percents, with
    one more decimal (or two, or three) while rounding would hide which side of the target the
    share is on (10 of 126 against a target of 8% is "7.9%", never "8%")."""
    share = Fraction(part, whole) * 100
    goal = None if target is None else Fraction(Decimal(str(target))) * 100
    for places in range(4):
        shown = (Decimal(share.numerator) / Decimal(share.denominator)).quantize(
            Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
        if goal is None or (share < goal) == (Fraction(shown) < goal):
            break
    return f"{shown}%"


def target_percent(target: float | Decimal) -> str:
    """A target share as a percentage ("8%", "15%", "2.5%")."""
    shown = (Decimal(str(target)) * 100).normalize()
    return f"{shown:f}%"
