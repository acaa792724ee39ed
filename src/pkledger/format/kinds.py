"""The record kinds of the ledger format, defined once: folder, label, schema file and model.

Light on purpose: discovery and the CLI read the folder names at start-up, and the pydantic
model of a kind is imported only when a file of that kind is first validated (a run answered
from the cache never needs one).
"""

from __future__ import annotations

import functools
from pathlib import PurePath
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pkledger.format.models.base import Strict


class RecordKind(NamedTuple):
    """One kind of record: the folder that holds its files, and what the format calls it."""

    folder: str
    """The ledger folder of its files, e.g. pledges."""
    label: str
    """A record of this kind in words, e.g. pledge."""
    model_name: str
    """The name of its model in pkledger.format.models, e.g. Pledge."""

    @property
    def schema_file(self) -> str:
        """The name of its JSON Schema file, e.g. pledge.schema.json."""
        return f"{self.label}.schema.json"

    @property
    def model(self) -> type[Strict]:
        """The pydantic model of its records (imported on first use)."""
        return _model(self.model_name)


KINDS = (
    RecordKind("conferences", "conference", "Conference"),
    RecordKind("pledges", "pledge", "Pledge"),
    RecordKind("gaps", "gap", "CapabilityGap"),
)
FOLDERS = tuple(kind.folder for kind in KINDS)
"""The record folders of a ledger, in the format's order."""
LEDGER_FILE = "ledger.yaml"
"""The file at the root of a ledger folder that marks format 2 and holds ledger-wide settings."""
SETTINGS = RecordKind("ledger", "ledger", "LedgerSettings")
"""The ledger file, read as a record of its own (the `kind` of its LedgerFile is its folder name, "ledger")."""
SCHEMA_KINDS = (SETTINGS, *KINDS)
"""Every kind of file with a JSON Schema: the ledger file and the three record kinds."""
_BY_FOLDER = {kind.folder: kind for kind in (*KINDS, SETTINGS)}
SUFFIXES = (".yaml", ".yml")
"""The endings of ledger file names."""


@functools.cache
def _model(name: str) -> type[Strict]:
    from pkledger.format import models

    model: type[Strict] = getattr(models, name)
    return model


def kind_of(folder: str) -> RecordKind:
    """The record kind whose files a folder holds."""
    return _BY_FOLDER[folder]


def label_of(model: type[object]) -> str:
    """A record model in words: "pledge" for Pledge, "gap" for CapabilityGap."""
    return next(
        (kind.label for kind in SCHEMA_KINDS if kind.model_name == model.__name__), model.__name__.lower()
    )


def is_yaml(path: PurePath) -> bool:
    """Whether a file is named as a ledger file (.yaml or .yml, in any case)."""
    return path.suffix.lower() in SUFFIXES
