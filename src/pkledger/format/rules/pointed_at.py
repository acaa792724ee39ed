"""The fields the rules across files (ledger.py) point at, apart from the rules themselves: a reader
keeps the positions of these values, and a warm run that reads one edited file needs them without
the record models the rules import."""

from __future__ import annotations

from pkledger.problems import FieldPath
from pkledger.yaml.document import EVERY_ITEM

POINTED_AT: frozenset[FieldPath] = frozenset(
    {
        ("id",),
        ("parent",),
        ("start_date",),
        ("conference",),
        ("announced_on",),
        ("offers", EVERY_ITEM, "personnel", "women"),
        ("responds_to",),
    }
)
"""The fields the findings of these rules point at (and the items of those that are lists; EVERY_ITEM
stands for each item of a list); a test checks it. A reader keeps the positions of these values only."""
