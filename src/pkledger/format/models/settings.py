"""`ledger.yaml`, at the root of a ledger folder: the format version and ledger-wide settings."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from pkledger.format.models.base import Source, Strict
from pkledger.format.models.codes import CurrencyCode
from pkledger.format.models.types import DecimalAsNumber, LedgerDate, Line, int_to_decimal

FORMAT_VERSION = 2
"""The version of the ledger format this pkledger reads."""
MAX_RATE = Decimal(1_000_000)

Rate = Annotated[
    Decimal,
    BeforeValidator(int_to_decimal),
    Field(gt=0, le=MAX_RATE),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": int(MAX_RATE)}),
    DecimalAsNumber,
]


class ExchangeRates(Strict):
    """Rates to print a USD equivalent beside totals in other currencies."""

    on: LedgerDate = Field(description="The day the rates were taken: YYYY-MM-DD.")
    source: Source = Field(description="Where the rates are published.")
    to_usd: dict[CurrencyCode, Rate] = Field(
        min_length=1, description="US dollars for one unit of each currency, e.g. EUR: 1.04."
    )


class LedgerSettings(Strict):
    """The ledger file: its format version and ledger-wide settings."""

    format: Literal[2] = Field(description="The version of the ledger format: 2.")
    title: Line | None = Field(default=None, description="The ledger's name, on one line.")
    classification: Line | None = Field(
        default=None, description="Printed on every page of a briefing pack, e.g. Unclassified."
    )
    exchange_rates: ExchangeRates | None = Field(
        default=None, description="Only used to print a USD equivalent beside per-currency totals."
    )

    @field_validator("format", mode="before")
    @classmethod
    def _known_format(cls, value: object) -> object:
        if value != FORMAT_VERSION or type(value) is not int:
            raise PydanticCustomError(
                "invalid-choice",
                "this ledger says format {value}; this pkledger reads format 2",
                {
                    "value": value,
                    "hint": "write `format: 2`; a format 1 ledger has no ledger.yaml (`pkledger migrate` converts it)",
                },
            )
        return value
