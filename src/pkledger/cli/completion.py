"""Tab completion of ids, codes and conference names (bash, zsh and fish, through Typer).

Completion runs on every key press, so it reads little: record ids are the file names of the
ledger's folders (no file is opened), codes come from the package's reference data. It never
fails: whatever goes wrong (no ledger here, a bad configuration) completes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import typer

MAX_SHOWN = 200


def _ledger_root(context: typer.Context) -> Path:
    given = context.params.get("ledger")
    if given:
        return Path(given)
    from pkledger.cli.run import config

    return config().ledger


def _ids(context: typer.Context, folders: Iterable[str]) -> list[str]:
    root = _ledger_root(context)
    found: list[str] = []
    for folder in folders:
        place = root / folder
        if place.is_dir() and not place.is_symlink():
            found += [path.stem for path in place.iterdir() if path.suffix in (".yaml", ".yml")]
    return sorted(found)


def _matching(words: Iterable[str], incomplete: str) -> list[str]:
    folded = incomplete.casefold()
    return [word for word in words if word.casefold().startswith(folded)][:MAX_SHOWN]


def _quietly(find: Callable[[typer.Context], Iterable[str]]) -> Callable[[typer.Context, str], list[str]]:
    def complete(context: typer.Context, incomplete: str) -> list[str]:
        try:
            return _matching(find(context), incomplete)
        except Exception:  # noqa: BLE001 - completion must never show an error at the prompt
            return []

    return complete


def _reference(name: str) -> Callable[[typer.Context], Iterable[str]]:
    def find(context: typer.Context) -> Iterable[str]:
        from pkledger.format.reference import ANY_MISSION, reference

        data = reference()
        if name == "states":
            return sorted(data.states)
        if name == "missions":
            return [*sorted(data.missions), ANY_MISSION]
        return sorted(data.capabilities)

    return find


def _literal(name: str) -> Callable[[typer.Context], Iterable[str]]:
    def find(context: typer.Context) -> Iterable[str]:
        from typing import get_args

        from pkledger.format.models.gap import GapStatus
        from pkledger.format.models.pledge import PledgeStatus
        from pkledger.format.models.quantity import Measure
        from pkledger.format.models.types import Category

        if name == "status":
            return list(dict.fromkeys([*get_args(PledgeStatus), *get_args(GapStatus)]))
        return list(get_args({"category": Category, "measure": Measure}[name]))

    return find


record_ids = _quietly(lambda context: _ids(context, ("pledges", "gaps", "conferences")))
status_ids = _quietly(lambda context: _ids(context, ("pledges", "gaps")))
conference_ids = _quietly(lambda context: _ids(context, ("conferences",)))
state_codes = _quietly(_reference("states"))
mission_codes = _quietly(_reference("missions"))
capability_codes = _quietly(_reference("capabilities"))
statuses = _quietly(_literal("status"))
categories = _quietly(_literal("category"))
measures = _quietly(_literal("measure"))
