"""Field types shared by the record models, with checks against the reference data.

Each check that fails raises a ``PydanticCustomError`` whose type is the diagnostic's catalogue
name, whose message follows the field name ("member_state 'NO' is not ...") and whose context
may carry a ``hint``. The translator in ``pkledger.format.pydantic_errors`` turns them into findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from pkledger.format import iso
from pkledger.format.reference import ANY_MISSION, reference

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


def _json_enum(values: Collection[str]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": sorted(values)})


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


def _code_check(
    error_type: str,
    what: str,
    known: Callable[[], Collection[str]],
    suggest: Callable[[str], iso.Suggestion],
) -> Callable[[str], str]:
    """A validator accepting the codes ``known()`` lists (asked once, on first use)."""
    cached: list[Collection[str]] = []

    def check(value: str) -> str:
        if not cached:
            cached.append(frozenset(known()))
        if value in cached[0]:
            return value
        meant, hint = suggest(value)
        raise PydanticCustomError(
            error_type,
            "'{value}' is not " + what + "{advice}",
            {"value": value, "advice": f"; did you mean {meant}?" if meant else "", "hint": hint},
        )

    return check


def _actor_codes() -> frozenset[str]:
    ref = reference()
    return ref.states | frozenset(ref.actors)


def _mission_codes() -> frozenset[str]:
    return frozenset(reference().missions) | {ANY_MISSION}


_ref = reference()
CAPABILITY_HINT = "the capability catalogue is listed in docs/reference-data.md"

StateCode = Annotated[
    str,
    AfterValidator(
        _code_check(
            "unknown-state",
            "a UN member or observer state code (ISO 3166-1 alpha-3)",
            lambda: reference().states,
            iso.suggest_state,
        )
    ),
    _json_enum(_ref.states),
]
ActorCode = Annotated[
    str,
    AfterValidator(
        _code_check(
            "unknown-actor",
            "a state code (ISO 3166-1 alpha-3) or a reserved actor code (UN, UN-DPO, UN-DOS, AU, EU, NATO, OTHER)",
            _actor_codes,
            iso.suggest_actor,
        )
    ),
    _json_enum(_actor_codes()),
]
MissionCode = Annotated[
    str,
    AfterValidator(
        _code_check(
            "unknown-mission",
            "a known UN peacekeeping mission code (or ANY)",
            _mission_codes,
            iso.suggest_among(_mission_codes, "mission codes: " + ", ".join(sorted(_ref.missions))),
        )
    ),
    _json_enum(_mission_codes()),
]
CapabilityCode = Annotated[
    str,
    AfterValidator(
        _code_check(
            "unknown-capability",
            "a capability in the catalogue",
            lambda: reference().capabilities.keys(),
            iso.suggest_among(lambda: reference().capabilities.keys(), CAPABILITY_HINT),
        )
    ),
    _json_enum(_ref.capabilities),
]
A4PCode = Annotated[
    str,
    AfterValidator(
        _code_check(
            "unknown-code",
            "one of the eight A4P commitment areas",
            lambda: reference().a4p.keys(),
            iso.suggest_among(lambda: reference().a4p.keys(), "A4P codes: " + ", ".join(_ref.a4p)),
        )
    ),
    _json_enum(_ref.a4p),
]
A4PPlusCode = Annotated[
    str,
    AfterValidator(
        _code_check(
            "unknown-code",
            "one of the A4P+ priorities or cross-cutting themes",
            lambda: reference().a4p_plus.keys(),
            iso.suggest_among(lambda: reference().a4p_plus.keys(), "A4P+ codes: " + ", ".join(_ref.a4p_plus)),
        )
    ),
    _json_enum(_ref.a4p_plus),
]
CurrencyCode = Annotated[
    str,
    AfterValidator(
        _code_check("unknown-code", "an ISO 4217 currency code", iso.currencies, iso.suggest_currency)
    ),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{3}$"}),
]
LanguageCode = Annotated[
    str,
    AfterValidator(
        _code_check("unknown-code", "an ISO 639-1 language code", iso.languages, iso.suggest_language)
    ),
    WithJsonSchema({"type": "string", "pattern": "^[a-z]{2}$"}),
]
