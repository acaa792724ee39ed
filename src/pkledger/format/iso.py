"""ISO code lookups (countries, currencies, languages) through pycountry, imported on first use."""

from __future__ import annotations

import functools
import re
from typing import Any

from pkledger.format.reference import reference
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


def _countries(value: str) -> list[Any]:
    """Countries a code or name may stand for: one for an exact match, several for a vague name."""
    countries = _pycountry().countries
    text = value.strip()
    if len(text) <= 3:
        try:
            return [countries.lookup(text)]
        except LookupError:
            return []
    named = _names().get(_normal(text))
    if named is not None:
        return [countries.get(alpha_3=named)]
    try:
        return list(countries.search_fuzzy(text))[:3]
    except LookupError:
        return []


def _normal(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))


@functools.cache
def _names() -> dict[str, str]:
    """Every name of every country, including UN-style inverted names ("Republic of Korea")."""
    index: dict[str, str] = {}
    for country in _pycountry().countries:
        names = [getattr(country, key, None) for key in ("name", "common_name", "official_name")]
        head, _, tail = country.name.partition(", ")
        if tail:
            names.append(f"{tail} {head}")
        for name in filter(None, names):
            index.setdefault(_normal(name), country.alpha_3)
    return index


def suggest_state(value: str) -> Suggestion:
    """Map an alpha-2 code, a name or a near miss to the alpha-3 code it probably meant."""
    states = reference().states
    if value.strip().upper() in states:
        return value.strip().upper(), "state codes are written in capital letters"
    found = _countries(value)
    members = [country for country in found if country.alpha_3 in states]
    if len(found) == 1 and not members:
        return None, f"{found[0].name} is not a UN member or observer state"
    if len(members) == 1:
        code = members[0].alpha_3
        if value.strip().upper() == members[0].alpha_2:
            hint = f"'{value}' is the two-letter code of {state_name(code)}; " + STATE_HINT
        else:
            hint = f"write the state's code, not its name: {state_name(code)} is {code}"
        return code, hint
    if members:
        named = ", ".join(f"{state_name(country.alpha_3)} is {country.alpha_3}" for country in members)
        return " or ".join(country.alpha_3 for country in members), f"write the state's code: {named}"
    near = closest(value.upper(), states)
    return (" or ".join(near) if near else None), STATE_HINT


def suggest_actor(value: str) -> Suggestion:
    actors = reference().actors
    by_label = {label.casefold(): code for code, label in actors.items()}
    if value.strip().casefold() in by_label:
        code = by_label[value.strip().casefold()]
        return code, f"write the code, not the name: {actors[code]} is {code}"
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


def un_name(code: str) -> str:
    """A state's name as the UN writes it ("Republic of Korea", "Viet Nam"); for other codes, a
    reserved actor's name or pycountry's."""
    ref = reference()
    return ref.un_names.get(code) or ref.actors.get(code) or state_name(code)
