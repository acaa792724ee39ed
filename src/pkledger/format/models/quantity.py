"""Quantities: a value, what it counts (its measure) and how exactly it is known (its qualifier).

The long form is ``{value: 2750, measure: personnel, qualifier: exact}``. A whole number is the
shorthand: that value, in the default measure of the capability beside it, exact
(pkledger.format.quantities resolves it). Every value is a whole number from 1 to 1,000,000.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag

from pkledger.format.models.base import Strict
from pkledger.format.models.types import MAX_VALUE

Measure = Literal["units", "personnel", "aircraft", "vehicles", "items", "courses", "trainees", "places"]
"""What a quantity counts: formed units, people, aircraft, vehicles, items, courses, trainees, or
training or medical places."""
Qualifier = Literal["exact", "at_least", "up_to", "about"]
"""How the value is known: exactly, as a floor ("over 110"), as a ceiling ("up to 200"), roughly."""
SHORTHAND_TAG = "whole number"
LONG_FORM_TAG = "long form"
UNION_TAGS = frozenset({SHORTHAND_TAG, LONG_FORM_TAG})
"""The names pydantic puts in an error's location for the branch of a number-or-mapping field;
pkledger.format.pydantic_errors leaves them out of field paths."""

Value = Annotated[int, Field(ge=1, le=MAX_VALUE)]
Count = Annotated[int, Field(ge=0, le=MAX_VALUE)]

MEASURE_DESCRIPTION = (
    "What the value counts: units, personnel, aircraft, vehicles, items, courses, trainees or places."
)
QUALIFIER_DESCRIPTION = "exact (the default), at_least (over, more than), up_to, or about."


class Quantity(Strict):
    """A quantity in the long form."""

    value: Value = Field(description="A whole number from 1 to 1,000,000.")
    measure: Measure = Field(description=MEASURE_DESCRIPTION)
    qualifier: Qualifier = Field(default="exact", description=QUALIFIER_DESCRIPTION)


class NeedQuantity(Strict):
    """A gap's quantity in the long form; without a value when the source publishes none."""

    value: Value | None = Field(
        default=None, description="A whole number from 1 to 1,000,000; left out when not published."
    )
    measure: Measure = Field(description=MEASURE_DESCRIPTION)
    qualifier: Qualifier = Field(default="exact", description=QUALIFIER_DESCRIPTION)


class StateCount(Strict):
    """A number of states with its qualifier (states are counted, so there is no measure)."""

    value: Count = Field(description="A whole number from 0 to 1,000,000.")
    qualifier: Qualifier = Field(default="exact", description=QUALIFIER_DESCRIPTION)


def _form(value: Any) -> str:
    return LONG_FORM_TAG if isinstance(value, dict | Strict) else SHORTHAND_TAG


OfferQuantity = Annotated[
    Annotated[Value, Tag(SHORTHAND_TAG)] | Annotated[Quantity, Tag(LONG_FORM_TAG)],
    Discriminator(_form),
]
"""An offer's quantity: a whole number (the capability's default measure, exact) or the long form."""
GapQuantity = Annotated[
    Annotated[Value, Tag(SHORTHAND_TAG)] | Annotated[NeedQuantity, Tag(LONG_FORM_TAG)],
    Discriminator(_form),
]
"""A gap's quantity: a whole number or the long form, whose value may be left out."""
OutcomeFigure = Annotated[
    Annotated[Count, Tag(SHORTHAND_TAG)] | Annotated[Quantity, Tag(LONG_FORM_TAG)],
    Discriminator(_form),
]
"""A published outcome figure: a whole number (a count of what the figure names) or the long form."""
StateFigure = Annotated[
    Annotated[Count, Tag(SHORTHAND_TAG)] | Annotated[StateCount, Tag(LONG_FORM_TAG)],
    Discriminator(_form),
]
"""A published count of states: a whole number, or {value, qualifier}."""
