"""Quantities resolved: the shorthand whole number read in its capability's default measure.

Reports and matching read an ``Amount``, never the field as written, so that `quantity: 16` and
`quantity: {value: 16, measure: units}` are the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pkledger.format.models.quantity import NeedQuantity, Quantity, StateCount
from pkledger.format.reference import Capability, reference


@dataclass(frozen=True, slots=True)
class Amount:
    """A value, what it counts and how exactly it is known."""

    value: int | None
    """None when the source publishes no number (a gap's quantity may leave it out)."""
    measure: str | None
    """None for a bare count whose figure names what it counts (an outcome figure by theme)."""
    qualifier: str = "exact"

    @property
    def approximate(self) -> bool:
        return self.qualifier != "exact"


def amount_of(
    quantity: int | Quantity | NeedQuantity | None,
    capability: str | None,
    capabilities: Mapping[str, Capability] | None = None,
) -> Amount | None:
    """The amount a quantity field states, in the capability's default measure for a whole number.

    None when there is no quantity, or when a whole number has no capability to give its measure
    (the record rules report that).
    """
    if quantity is None:
        return None
    if isinstance(quantity, int):
        found = (capabilities if capabilities is not None else reference().capabilities).get(capability or "")
        return Amount(quantity, found.measure, "exact") if found is not None else None
    return Amount(quantity.value, quantity.measure, quantity.qualifier)


def figure_amount(figure: int | Quantity | StateCount | None, measure: str | None = None) -> Amount | None:
    """A published outcome figure: a whole number counts what the figure names (``measure``)."""
    if figure is None:
        return None
    if isinstance(figure, int):
        return Amount(figure, measure)
    if isinstance(figure, StateCount):
        return Amount(figure.value, measure, figure.qualifier)
    return Amount(figure.value, figure.measure, figure.qualifier)


def total(amounts: list[Amount], measure: str | None) -> Amount:
    """The sum of amounts in one measure, qualified as its parts are: exact only when all are;
    at least (or up to) when every part is exact or at least (or up to); else about."""
    qualifiers = {amount.qualifier for amount in amounts} - {"exact"}
    if not qualifiers:
        qualifier = "exact"
    elif len(qualifiers) == 1:
        qualifier = qualifiers.pop()
    else:
        qualifier = "about"
    return Amount(sum(amount.value or 0 for amount in amounts), measure, qualifier)


@dataclass(frozen=True, slots=True)
class Conversion:
    """An offer's value in a gap's measure, or why it cannot be counted there."""

    value: int | None
    """None when the measures cannot be converted (``refused`` says why)."""
    approximate: bool = False
    """The value is a qualified figure, or was converted through a size the source gives as "about"."""
    refused: str | None = None


def convert(amount: Amount, capability: Capability | None, measure: str | None) -> Conversion:
    """An offer's amount in a gap's measure, only through the catalogue's published unit sizes.

    Same measure: the value. Units to personnel or aircraft: value x the typical size. Aircraft to
    units: whole units only (the floor of aircraft / aircraft per unit). Anything else is refused.
    """
    value, approximate = amount.value or 0, amount.approximate
    if measure is None or amount.measure == measure:
        return Conversion(value, approximate)
    size = capability.size if capability is not None else None
    label = capability.code if capability is not None else "the offer's capability"
    if amount.measure == "units" and measure in {"personnel", "aircraft"}:
        per_unit = size.per_unit(measure) if size else None
        if per_unit is None:
            return _refused(amount, measure, f"the catalogue publishes no {measure} per unit of {label}")
        return Conversion(value * per_unit, approximate or size.qualifier != "exact")  # type: ignore[union-attr]
    if amount.measure == "aircraft" and measure == "units":
        per_unit = size.aircraft if size else None
        if per_unit is None:
            return _refused(amount, measure, f"the catalogue publishes no aircraft per unit of {label}")
        if value < per_unit:
            return _refused(amount, measure, f"{value} aircraft make no whole unit of {label} ({per_unit})")
        return Conversion(value // per_unit, approximate or size.qualifier != "exact")  # type: ignore[union-attr]
    return _refused(amount, measure, f"{amount.measure} cannot be converted to {measure}")


def _refused(amount: Amount, measure: str, why: str) -> Conversion:
    return Conversion(None, refused=f"measure: the offer counts {amount.measure}, the gap {measure}; {why}")
