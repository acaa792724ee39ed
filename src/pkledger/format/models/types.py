"""Field types shared by the record models: dates, text, identifiers, amounts, shares, categories.

Each check that fails raises a ``PydanticCustomError`` whose type is the diagnostic's catalogue
name, whose message follows the field name ("'2021-02-30' is not ...") and whose context may carry
a ``hint``; pkledger.format.pydantic_errors turns them into findings. Codes checked against the
reference data are in ``codes``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from pkledger.format.dates import PARTIAL_DATE_PATTERN, DateFormError, PartialDate, as_partial_date
from pkledger.wording import described

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PLEDGE_ID_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*)-([A-Z]{3})-([0-9]{3})$"
ONE_LINE_PATTERN = r"^[^\n]*\S[^\n]*$"
URL_PATTERN = r"^https?://[^\s]+$"
NON_BLANK_PATTERN = r"\S"
FIELD_PATH_PATTERN = r"^[a-z][a-z0-9_]*(\[[0-9]+\])*(\.[a-z][a-z0-9_]*(\[[0-9]+\])*)*$"
RESPONDS_TO_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(#[1-9][0-9]*)?$"
MAX_VALUE = 1_000_000
"""The largest quantity or count a record may state: no report may be made slow by a number."""
MAX_AMOUNT = Decimal(10**12)
"""The largest amount of money a record may state."""
MAX_DAYS = 3650
"""The most days a pledge may take to deploy (ten years)."""

PATTERN_HELP = {
    SLUG_PATTERN: "lower-case letters and digits in words joined by hyphens, e.g. 2021-seoul",
    URL_PATTERN: "a web address starting with http:// or https://, without spaces",
    NON_BLANK_PATTERN: "some text, not only spaces",
    PLEDGE_ID_PATTERN: "<conference-id>-<STATE>-<NNN>, e.g. 2021-seoul-KOR-001, or pcrs-<STATE>-<NNN>",
    ONE_LINE_PATTERN: "one line of text (use description for more)",
    FIELD_PATH_PATTERN: "a field path such as conference, money.currency, offers[0].quantity or history[2].on",
    RESPONDS_TO_PATTERN: "a gap id, or a gap id and the number of the offer that answers it, e.g. "
    "2022-03-isr-unit-any#2 (offers counted from 1)",
}


_DATE_HINT = (
    "write dates as year-month-day, e.g. 2021-12-07; where only the month or the year is known, "
    "write 2021-12 or 2021"
)


def _parse_date(value: Any) -> PartialDate:
    try:
        return as_partial_date(value)
    except DateFormError:
        message = "'{value}' is not a date written as YYYY-MM-DD (or YYYY-MM, YYYY)"
        raise PydanticCustomError("invalid-date", message, {"value": value, "hint": _DATE_HINT}) from None
    except ValueError as error:
        raise PydanticCustomError(
            "invalid-date",
            "'{value}' is not a real calendar date ({reason})",
            {"value": value, "reason": str(error), "hint": "check the day and the month"},
        ) from None
    except TypeError:
        message = "expected a date (YYYY-MM-DD, YYYY-MM or YYYY), but the value is " + described(value)
        hint = "write a value after the colon" if value is None else _DATE_HINT
        raise PydanticCustomError("wrong-type", message, {"hint": hint}) from None


LedgerDate = Annotated[
    PartialDate,
    PlainValidator(_parse_date),
    PlainSerializer(str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                {"type": "integer", "minimum": 1, "maximum": 9999},
            ]
        }
    ),
]
"""A date, or a month or a year when only that is known (pkledger.format.dates)."""
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


def int_to_decimal(value: Any) -> Any:
    return Decimal(value) if type(value) is int else value


def _decimal_to_json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


DecimalAsNumber = PlainSerializer(_decimal_to_json, when_used="json")


PositiveAmount = Annotated[
    Decimal,
    BeforeValidator(int_to_decimal),
    Field(gt=0, le=MAX_AMOUNT),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": int(MAX_AMOUNT)}),
    DecimalAsNumber,
]
Share = Annotated[
    Decimal,
    BeforeValidator(int_to_decimal),
    Field(ge=0, le=1),
    WithJsonSchema({"type": "number", "minimum": 0, "maximum": 1}),
    DecimalAsNumber,
]
