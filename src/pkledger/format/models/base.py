"""The record base class and the small structures every record kind shares."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pkledger.format.models.types import FIELD_PATH_PATTERN, LedgerDate, Text, Url

Provenance = Literal["sourced", "illustrative"]
PcrsLevel = Literal["level_1", "level_2", "level_3", "rapid_deployment"]


class Strict(BaseModel):
    """Strict types, no unknown keys, immutable: the ledger format guesses nothing."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, data: Any) -> Any:
        """An optional field written with an empty value (`missions:`) is as if left out."""
        if type(data) is dict and None in data.values():
            fields = cls.model_fields
            return {
                key: value
                for key, value in data.items()
                if value is not None or key not in fields or fields[key].is_required()
            }
        return data


class Source(Strict):
    """A public document that supports the record."""

    title: Text = Field(description="Title of the document or page.")
    url: Url | None = Field(default=None, description="Web address of the document.")
    date: LedgerDate | None = Field(
        default=None,
        description="Publication date: YYYY-MM-DD, or YYYY-MM or YYYY when only those are known.",
    )
    publisher: Text | None = Field(default=None, description="Who published it.")


SOURCES_DESCRIPTION = "Public documents that support this record; at least one."
PROVENANCE_DESCRIPTION = (
    "`sourced` for a real, documented record; `illustrative` for example data that stands for "
    "no real commitment (briefing packs label it)."
)
NOTES_DESCRIPTION = "Free text: caveats, what is unknown, why a warning is accepted."
ESTIMATED_DESCRIPTION = (
    "Fields whose value is the analyst's reading rather than what a source states, each with the reason; "
    "reports mark them."
)


class Estimate(Strict):
    """A field whose value is the analyst's reading, and why."""

    field: str = Field(
        pattern=FIELD_PATH_PATTERN,
        description="The field's path in the record, e.g. conference, offers[0].quantity or history[2].on.",
    )
    reason: Text = Field(description="Why the value is an estimate: what the source says, and the reading.")


class Record(Strict):
    """Fields every record kind has; each kind narrows the form of its id."""

    id: str = Field(description="The record's id; equals the file name.")
    sources: list[Source] = Field(min_length=1, description=SOURCES_DESCRIPTION)
    provenance: Provenance = Field(description=PROVENANCE_DESCRIPTION)
    estimated: list[Estimate] = Field(default_factory=list, description=ESTIMATED_DESCRIPTION)
    notes: Text | None = Field(default=None, description=NOTES_DESCRIPTION)

    def estimate_of(self, path: str) -> str | None:
        """Why the value at a path is estimated (the field itself, one holding it, or a part of it),
        or None when it is not."""
        for estimate in self.estimated:
            field = estimate.field
            if (
                path == field
                or path.startswith((field + ".", field + "["))
                or field.startswith((path + ".", path + "["))
            ):
                return estimate.reason
        return None
