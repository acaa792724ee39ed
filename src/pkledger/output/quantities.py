"""Quantities and estimated values in words, the same in every output.

``quantity_text`` is the one way a quantity is written ("at least 110 units", "up to 200
personnel", "not published"); ``Estimates`` marks estimated values ("16 aircraft (est. 1)") and
lists their reasons as notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decimal import Decimal

    from pkledger.format.models import Record
    from pkledger.format.quantities import Amount

QUALIFIER_WORDS = {"exact": "", "at_least": "at least ", "up_to": "up to ", "about": "about "}
SINGULAR = {
    "units": "unit",
    "vehicles": "vehicle",
    "items": "item",
    "courses": "course",
    "trainees": "trainee",
    "places": "place",
}
NOT_PUBLISHED = "not published"
NO_QUANTITY = "no quantity stated"


def number_text(value: int) -> str:
    """A whole number with thousands separated by commas (2,750)."""
    return f"{value:,}"


def quantity_text(amount: Amount | None) -> str:
    """A quantity in words: its qualifier, its value and its measure."""
    if amount is None:
        return NO_QUANTITY
    if amount.value is None:
        return NOT_PUBLISHED + (f" ({amount.measure})" if amount.measure else "")
    words = QUALIFIER_WORDS.get(amount.qualifier, "") + number_text(amount.value)
    if amount.measure is None:
        return words
    measure = SINGULAR.get(amount.measure, amount.measure) if amount.value == 1 else amount.measure
    return f"{words} {measure}"


def stated_quantity(quantity: Any, capability: str | None) -> str:
    """A quantity field as written (a whole number in its capability's default measure), in words."""
    from pkledger.format.quantities import amount_of  # the models: not at start-up

    return quantity_text(amount_of(quantity, capability))


def money_text(amount: Decimal, currency: str, qualifier: str = "exact") -> str:
    """An amount of money in words: "up to 6,200,000 CAD"."""
    shown = f"{amount:,}" if amount != amount.to_integral_value() else f"{int(amount):,}"
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{shown} {currency}"


class Estimates:
    """Estimated values marked "(est. N)", with their reasons kept as numbered notes."""

    def __init__(self) -> None:
        self.reasons: list[str] = []

    def mark(self, text: str, record: Record, path: str) -> str:
        """The text, marked when the record lists the field (or one holding it) in `estimated`."""
        reason = record.estimate_of(path)
        return text if reason is None else f"{text} {self.marker(reason)}"

    def marker(self, reason: str) -> str:
        if reason not in self.reasons:
            self.reasons.append(reason)
        return f"(est. {self.reasons.index(reason) + 1})"

    def notes(self) -> list[str]:
        """Each reason as a note: "est. 1: the reason"."""
        return [f"est. {number}: {reason}" for number, reason in enumerate(self.reasons, start=1)]
