"""Counts of what pledges offer, by measure: the one count of "units pledged" that `stats`, `brief`
and `match` share.

An offer counts in its own measure only (16 helicopters are 16 aircraft, never 16 units), and only
when its pledge provides what it offers: an equipment pledge naming a helicopter unit's capability
donates helicopters, it does not deploy a unit. Conversions between measures happen only in
matching, through the catalogue's published unit sizes (pkledger.format.quantities.convert).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pkledger.format.models import Pledge
from pkledger.format.models.pledge import UNIT_CATEGORIES
from pkledger.format.quantities import Amount, amount_of, total


def offered_by_measure(pledges: Iterable[Pledge]) -> dict[str, Amount]:
    """What unit and personnel pledges offer, summed in each measure, qualified as the offers are."""
    found: dict[str, list[Amount]] = defaultdict(list)
    for pledge in pledges:
        if pledge.category not in UNIT_CATEGORIES:
            continue
        for offer in pledge.offers:
            amount = amount_of(offer.quantity, offer.capability)
            if amount is not None and amount.measure is not None and amount.value is not None:
                found[amount.measure].append(amount)
    return {measure: total(amounts, measure) for measure, amounts in sorted(found.items())}


def units_pledged(pledges: Iterable[Pledge]) -> Amount:
    """Formed units offered by unit pledges, counted in units."""
    return offered_by_measure(pledges).get("units", Amount(0, "units"))
