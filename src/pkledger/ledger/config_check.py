"""The settings as written in a settings file, checked: their shape, with an error that names the
setting, its line and what is allowed. Imported only when a settings file is found, so that a run
without one does not load pydantic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from pkledger.ledger.config_files import Locator, SeverityOverride, config_error
from pkledger.suggest import did_you_mean


class Settings(BaseModel):
    """The settings as written, before codes are checked and paths resolved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ledger: str = "data"
    severity: dict[str, SeverityOverride] = {}
    ignore: list[str] = []


def checked_settings(raw: Any, source: Path, locate: Locator) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        loc = tuple(first["loc"])
        on_key = first["type"] == "extra_forbidden"
        message, hint = _explain(first, loc)
        raise config_error(source, locate(loc, on_key), message, hint) from None


def _explain(error: Any, loc: tuple[str | int, ...]) -> tuple[str, str | None]:
    name = ".".join(str(part) for part in loc)
    if not loc:
        return "must be a table of settings (`name = value` lines)", None
    if error["type"] == "extra_forbidden":
        return f"unknown setting '{name}'", did_you_mean(str(loc[-1]), Settings.model_fields) or (
            "the settings are " + ", ".join(Settings.model_fields)
        )
    if error["type"] == "literal_error":
        return f"{name}: {error['input']!r} is not a severity", 'use "error", "warning" or "off"'
    if error["type"] in ("dict_type", "model_type"):
        return f"{name} must be a table of settings (a mapping)", None
    if error["type"] == "string_type":
        return f"{name} must be text (in quotes)", None
    if error["type"] == "list_type":
        return f"{name} must be a list of glob patterns", 'e.g. ignore = ["data/pledges/drafts"]'
    return f"{name}: {error['msg'][0].lower()}{error['msg'][1:]}", None
