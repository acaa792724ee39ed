"""Code fields checked against the reference data and ISO lists: states, actors, missions,
capabilities, A4P and A4P+ areas, currencies and languages.

A wrong code raises a ``PydanticCustomError`` whose type is the diagnostic's catalogue name and
whose message suggests the code it probably meant.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from pkledger.format import iso
from pkledger.format.characters import code_point, first_foreign_letter, first_hidden, latin_spelling, shown
from pkledger.format.reference import ANY_MISSION, reference


class Capitals:
    """Marks a code written in capital letters (`new` takes it in any case)."""


CAPITALS = Capitals()


def _json_enum(values: Collection[str]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": sorted(values)})


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
        check_characters_of_code(value)
        meant, hint = suggest(value)
        raise PydanticCustomError(
            error_type,
            "'{value}' is not " + what + "{advice}",
            {"value": value, "advice": f"; did you mean {meant}?" if meant else "", "hint": hint},
        )

    return check


def check_characters_of_code(value: str) -> None:
    """Refuse a code with a hidden character, or a letter of another script that looks like a
    Latin one, naming the character (a code is written in ASCII)."""
    hidden = first_hidden(value)
    if hidden is not None:
        raise PydanticCustomError(
            "hidden-character",
            "'{value}' contains {character}, which does not show",
            {"value": shown(value), "character": code_point(hidden), "hint": "retype the code"},
        )
    foreign = first_foreign_letter(value)
    if foreign is not None:
        meant = latin_spelling(value)
        raise PydanticCustomError(
            "homoglyph",
            "'{value}' contains {character}, not a Latin letter or digit",
            {
                "value": value,
                "character": code_point(foreign),
                "hint": f"codes are written in Latin letters: did you mean {meant}?"
                if meant
                else "retype the code",
            },
        )


def _actor_codes() -> frozenset[str]:
    ref = reference()
    return ref.states | frozenset(ref.actors)


def _mission_codes() -> frozenset[str]:
    return frozenset(reference().missions) | {ANY_MISSION}


_ref = reference()
CAPABILITY_HINT = "the capability catalogue is listed in docs/reference-data.md"

StateCode = Annotated[
    str,
    CAPITALS,
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
    CAPITALS,
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
    CAPITALS,
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
    CAPITALS,
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
