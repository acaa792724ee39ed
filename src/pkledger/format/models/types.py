"""Field types shared by the record models: dates, text, identifiers, amounts, shares, categories.

Each check that fails raises a ``PydanticCustomError`` whose type is the diagnostic's catalogue
name, whose message follows the field name ("'2021-02-30' is not ...") and whose context may carry
a ``hint``; pkledger.format.pydantic_errors turns them into findings. Codes checked against the
reference data are in ``codes``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PLEDGE_ID_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*)-([A-Z]{3})-([0-9]{3})$"
ONE_LINE_PATTERN = r"^[^\n]*\S[^\n]*$"
URL_PATTERN = r"^https?://[^\s]+$"
NON_BLANK_PATTERN = r"\S"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

PATTERN_HELP = {
    SLUG_PATTERN: "lower-case letters and digits in words joined by hyphens, e.g. 2021-seoul",
    URL_PATTERN: "a web address starting with http:// or https://, without spaces",
    NON_BLANK_PATTERN: "some text, not only spaces",
    PLEDGE_ID_PATTERN: "<conference-id>-<STATE>-<NNN>, e.g. 2021-seoul-KOR-001, or pcrs-<STATE>-<NNN>",
    ONE_LINE_PATTERN: "one line of text (use description for more)",
}


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        if not ISO_DATE.match(value):
            raise PydanticCustomError(
                "invalid-date",
                "'{value}' is not a date written as YYYY-MM-DD",
                {"value": value, "hint": "write dates as year-month-day, e.g. 2021-12-07"},
            )
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise PydanticCustomError(
                "invalid-date",
                "'{value}' is not a real calendar date ({reason})",
                {"value": value, "reason": str(error), "hint": "check the day and the month"},
            ) from None
    return value


IsoDate = Annotated[date, BeforeValidator(_parse_date)]
Text = Annotated[str, StringConstraints(pattern=NON_BLANK_PATTERN)]
Line = Annotated[str, StringConstraints(pattern=ONE_LINE_PATTERN)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]


Category = Literal[
    "uniformed_unit",
    "individual_personnel",
    "equipment",
    "training",
    "capacity_building",
    "financial",
    "technology",
    "medical",
    "environment",
    "women_peace_security",
    "conduct_discipline",
    "strategic_communications",
    "safety_security",
    "mental_health",
    "other",
]
"""What kind of pledge it is; pledges and conferences' focus name them."""

T = TypeVar("T")
Many = list[T]
"""An optional list; an empty value (`missions:`) means the same as leaving the field out (see
``Strict``), and the exported JSON Schemas allow it."""


def _int_to_decimal(value: Any) -> Any:
    return Decimal(value) if type(value) is int else value


def _decimal_to_json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


DecimalAsNumber = PlainSerializer(_decimal_to_json, when_used="json")


PositiveAmount = Annotated[
    Decimal,
    BeforeValidator(_int_to_decimal),
    Field(gt=0),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0}),
    DecimalAsNumber,
]
Share = Annotated[
    Decimal,
    BeforeValidator(_int_to_decimal),
    Field(ge=0, le=1),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
    DecimalAsNumber,
]
