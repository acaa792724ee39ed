"""Optional fields that the value of another field makes required: rules the JSON Schemas state,
the record rules check, and `new` asks by."""

from __future__ import annotations

from dataclasses import dataclass

from pkledger.format.models.conference import NEEDS_PARENT
from pkledger.format.models.pledge import REQUIRED_BY_CATEGORY


@dataclass(frozen=True)
class RequiredWhen:
    """A field required when another field (``deciding``) has one of some values."""

    field: str
    deciding: str
    values: tuple[str, ...]
    only_then: bool = False
    """The field is allowed for those values only."""


MEASURE_NEEDED_WITHOUT = "capability"
"""A whole-number quantity takes its measure from the capability beside it; without one, a quantity
is written with its measure (`{value: 3, measure: courses}`)."""
CONDITIONS: dict[str, tuple[RequiredWhen, ...]] = {
    "conferences": (RequiredWhen("parent", "kind", NEEDS_PARENT, only_then=True),),
    "pledges": tuple(
        RequiredWhen(field, "category", values) for field, values in REQUIRED_BY_CATEGORY.items()
    ),
}
"""The conditions of each record folder's records."""
