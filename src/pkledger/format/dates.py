"""Partial dates: a day (2021-12-07), a month (2021-12) or a year (2021), never a made-up day.

A partial date stands for its whole period. Ordering asks whether one period certainly comes after
another (``starts_after``); "as of D" counts a partial date as known from its period's last day
(``known_by``). Models, rules and reports all use this one type.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_FORM = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_YEARS = range(1, 10000)


class DateFormError(ValueError):
    """The text is not written as YYYY-MM-DD, YYYY-MM or YYYY."""


class PartialDate:
    """A calendar day, month or year; immutable, and equal only to the same date at the same precision."""

    __slots__ = ("_parts",)

    _parts: tuple[int, int | None, int | None, date, date]
    """(year, month, day, first day, last day): one attribute, set once (creation is on the hot path)."""

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        if day is not None:
            first = last = date(year, month or 0, day)  # month 0 raises ValueError: a day needs a month
        elif month is not None:
            first = date(year, month, 1)
            last = date(year, month, calendar.monthrange(year, month)[1])
        else:
            first, last = date(year, 1, 1), date(year, 12, 31)
        object.__setattr__(self, "_parts", (year, month, day, first, last))

    @property
    def year(self) -> int:
        return self._parts[0]

    @property
    def month(self) -> int | None:
        return self._parts[1]

    @property
    def day(self) -> int | None:
        return self._parts[2]

    @property
    def first_day(self) -> date:
        """The first day of its period."""
        return self._parts[3]

    @property
    def last_day(self) -> date:
        """The last day of its period."""
        return self._parts[4]

    @classmethod
    def of(cls, day: date) -> PartialDate:
        """A whole calendar date."""
        found = cls.__new__(cls)
        object.__setattr__(found, "_parts", (day.year, day.month, day.day, day, day))
        return found

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def starts_after(self, other: PartialDate) -> bool:
        """Whether this period starts after the other one ends: certainly later."""
        return self._parts[3] > other._parts[4]

    def known_by(self, day: date) -> bool:
        """Whether it had happened by a day: a partial date is known from its period's last day."""
        return self._parts[4] <= day

    def sort_key(self) -> tuple[date, date]:
        return (self._parts[3], self._parts[4])

    def __str__(self) -> str:
        if self.day is not None:
            return self.first_day.isoformat()
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __repr__(self) -> str:
        return f"PartialDate('{self}')"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._parts[:3] == other._parts[:3]

    def __hash__(self) -> int:
        return hash(self._parts[:3])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a PartialDate cannot be changed")

    def __reduce__(self) -> tuple[Any, ...]:
        return (PartialDate, (self.year, self.month, self.day))


@functools.lru_cache(maxsize=8192)
def parse_partial_date(text: str) -> PartialDate:
    """Read YYYY, YYYY-MM or YYYY-MM-DD; ValueError (with the reason) when it is not a real date.

    Cached: a ledger repeats its dates (a conference's days, its pledges' announcements), and a
    PartialDate cannot change, so one value serves every field that writes the same text.
    """
    if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
        try:  # the common case, a whole date, read by the C parser
            return PartialDate.of(date.fromisoformat(text))
        except ValueError:
            pass  # read below, for the reason in words
    found = _FORM.match(text)
    if found is None:
        raise DateFormError("not a date written as YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(part) if part else None for part in found.groups())
    assert year is not None
    if year == 0:
        raise ValueError("year 0 does not exist")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} does not exist")
    try:
        return PartialDate(year, month, day)
    except ValueError as error:
        raise ValueError(str(error)) from None


def as_partial_date(value: object) -> PartialDate:
    """A PartialDate from what a file or a caller gives: text, a year as a whole number, or a date."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return parse_partial_date(value)
    if isinstance(value, date):
        return PartialDate.of(value)
    if type(value) is int and value in _YEARS:
        return PartialDate(value)
    raise TypeError(type(value).__name__)
