"""ISO code lookups (countries, currencies, languages) through pycountry, imported on first use."""

from __future__ import annotations

import functools
from typing import Any

from pkledger.refdata import reference
from pkledger.suggest import closest

Suggestion = tuple[str | None, str | None]
"""What to offer for a wrong code: the code(s) it probably meant, and a hint."""

STATE_HINT = "state codes are ISO 3166-1 alpha-3 (three capital letters), e.g. KOR, NOR, GHA"


def _pycountry() -> Any:
    import pycountry

    return pycountry


@functools.cache
def currencies() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in _pycountry().currencies)


@functools.cache
def languages() -> frozenset[str]:
    return frozenset(language.alpha_2 for language in _pycountry().languages if hasattr(language, "alpha_2"))


@functools.cache
def state_name(code: str) -> str:
    """A readable name for a state code (the code itself when pycountry does not know it)."""
    country = _pycountry().countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


def _country(value: str) -> Any:
    try:
        return _pycountry().countries.lookup(value.strip())
    except LookupError:
        return None


def suggest_state(value: str) -> Suggestion:
    """Map an alpha-2 code, a name or a near miss to the alpha-3 code it probably meant."""
    states = reference().states
    country = _country(value)
    if country is not None and country.alpha_3 in states and country.alpha_3 != value:
        code = country.alpha_3
        if value.strip().upper() == country.alpha_2:
            hint = f"'{value}' is the two-letter code of {state_name(code)}; " + STATE_HINT
        else:
            hint = f"write the state's code, not its name: {state_name(code)} is {code}"
        return code, hint
    if country is not None and country.alpha_3 not in states:
        return None, f"{country.name} is not a UN member or observer state"
    found = closest(value.upper(), states)
    return (" or ".join(found) if found else None), STATE_HINT


def suggest_actor(value: str) -> Suggestion:
    actors = reference().actors
    found = closest(value, actors)
    if found:
        return " or ".join(found), "reserved actor codes: " + ", ".join(actors)
    return suggest_state(value)


def suggest_currency(value: str) -> Suggestion:
    found = closest(value.upper(), currencies())
    return (" or ".join(found) if found else None), "currencies are ISO 4217 codes, e.g. USD, EUR"


def suggest_language(value: str) -> Suggestion:
    try:
        language = _pycountry().languages.lookup(value.strip())
    except LookupError:
        language = None
    if language is not None and hasattr(language, "alpha_2") and language.alpha_2 != value:
        return language.alpha_2, f"{language.name} is '{language.alpha_2}' in ISO 639-1"
    found = closest(value.lower(), languages())
    return (" or ".join(found) if found else None), "languages are ISO 639-1 codes, e.g. en, fr, ar"


def suggest_among(choices: frozenset[str] | Any, hint: str | None = None) -> Any:
    """A suggester that offers the closest of a fixed set of codes."""

    def suggest(value: str) -> Suggestion:
        found = closest(value, choices() if callable(choices) else choices)
        return (" or ".join(found) if found else None), hint

    return suggest
