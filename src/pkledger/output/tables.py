"""Tables that fit the terminal: the columns that matter most are kept, whole, and the others give
way as the window narrows; ids are never cut, since they are what `show` and `update` take.

Each column has a rank (0: always shown); the least important columns are left out, one by one,
until the rest fit. A flexible column (a title) wraps down to a floor instead of being left out.
Used by `list`; `--wide` shows every column whatever the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

CELL_OVERHEAD = 3
"""A column's padding and border in rich's default table (one space each side, one rule)."""
FLEXIBLE_FLOOR = 12
"""The narrowest a wrapping column is allowed to get before another column gives way."""
NATURAL_CAP = 40
"""A flexible column asks for no more than this when the others are reckoned."""


@dataclass(frozen=True)
class Fit:
    """How a column behaves when the table is too wide."""

    rank: int = 1
    """0: always shown; higher ranks are left out first."""
    whole: bool = False
    """Never cut nor wrapped (an id)."""
    flexible: bool = False
    """Wraps (a title) rather than being left out."""


def fitting(
    names: Sequence[str], fits: Sequence[Fit], rows: Sequence[Sequence[str]], width: int
) -> list[int]:
    """The indexes of the columns to show in ``width`` characters, in their order."""
    shown = list(range(len(names)))
    needs = [_need(index, names, fits, rows) for index in shown]
    by_rank = sorted((index for index in shown if fits[index].rank > 0), key=lambda i: (-fits[i].rank, -i))
    while _table_width(shown, needs) > width and by_rank:
        shown.remove(by_rank.pop(0))
    return shown


def _need(index: int, names: Sequence[str], fits: Sequence[Fit], rows: Sequence[Sequence[str]]) -> int:
    natural = max([len(names[index]), *(len(row[index]) for row in rows)])
    return min(natural, FLEXIBLE_FLOOR) if fits[index].flexible else natural


def _table_width(shown: list[int], needs: list[int]) -> int:
    return sum(needs[index] for index in shown) + CELL_OVERHEAD * len(shown) + 1


def add_fitted_columns(
    table: Table, names: Sequence[str], fits: Sequence[Fit], rows: Sequence[Sequence[str]]
) -> None:
    """Add the columns to a rich table: whole ones at their full width, flexible ones folding."""
    for index, name in enumerate(names):
        fit = fits[index]
        if fit.whole:
            width = max([len(name), *(len(row[index]) for row in rows)])
            table.add_column(name, no_wrap=True, min_width=width, overflow="fold")
        else:
            table.add_column(name, no_wrap=not fit.flexible, overflow="fold" if fit.flexible else "ellipsis")
