"""Did-you-mean: the closest valid names for a wrong key, code or value."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """Up to ``limit`` choices closest to ``value``, best first; case is ignored for ranking."""
    options = sorted(set(choices))
    by_folded: dict[str, str] = {}
    for option in options:
        by_folded.setdefault(option.casefold(), option)
    folded = value.casefold()
    if folded in by_folded:
        return [by_folded[folded]]
    matches = difflib.get_close_matches(folded, list(by_folded), n=limit, cutoff=0.6)
    prefixed = [key for key in by_folded if folded and key.startswith(folded) and key not in matches]
    return [by_folded[key] for key in [*matches, *prefixed][:limit]]


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """A hint such as "did you mean 'quantity'?", or None when nothing is close."""
    found = closest(value, choices)
    if not found:
        return None
    return "did you mean " + " or ".join(f"'{option}'" for option in found) + "?"


def one_of(choices: Iterable[str], *, limit: int = 12) -> str:
    """A readable list of allowed values, cut short when long."""
    options = sorted(choices)
    shown = ", ".join(options[:limit])
    return shown + (f", ... ({len(options)} in all)" if len(options) > limit else "")
