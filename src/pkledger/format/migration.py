"""Format 1 to format 2, one file at a time: the text of a record in, its new text out.

The rewrite edits the file's text at the positions the safe loader reports, so everything it does
not change stays byte for byte as it was: comments, key order, quotes, folded text, blank lines,
line endings and a byte-order mark. What changes:

- a pledge's `capability`, `quantity`, `quantity_unit`, `personnel`, `pcrs_level`,
  `deployable_within_days`, `missions` and `languages` move, with the comments right above them,
  into one offer (`offers: [...]`) at the place of the first of them; `quantity_unit` becomes the
  offer's `note`; fields written empty are dropped (an empty value meant "absent");
- a whole-number quantity stays a whole number (the shorthand, in the capability's default
  measure); an offer without a capability cannot use the shorthand, so its quantity is written
  `{value: N, measure: M}` with the measure read from `quantity_unit`, listed in `estimated`;
- a gap gains `basis` (before `source_doc`): un_requirement when `source_doc.issuer` is a UN body,
  reported_need otherwise.

Applied to a file already in format 2 it changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pkledger.format.catalogue import is_error
from pkledger.format.models.pledge import OFFER_FIELDS
from pkledger.yaml.document import Document
from pkledger.yaml.loader import parse_bytes
from pkledger.yaml.writer import dump_record

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_UN_ISSUER = re.compile(r"(un|united nations)\b", re.IGNORECASE)
_MEASURE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("courses", ("course",)),
    ("aircraft", ("helicopter", "aircraft", "airplane", "plane")),
    ("vehicles", ("vehicle", "truck", "carrier")),
    ("units", ("unit", "company", "companies", "battalion", "platoon", "squad", "hospital", "team")),
    ("trainees", ("trainee",)),
    ("places", ("place", "bed")),
    (
        "personnel",
        ("personnel", "troop", "soldier", "officer", "expert", "peacekeeper", "police", "staff", "member"),
    ),
)
"""Words of a version 1 `quantity_unit` and the measure they read as, tried in this order."""
SETTINGS_TEXT = "# The ledger file: this folder is a ledger in format 2 (docs/ledger-format.md).\nformat: 2\n"
"""What migrate writes as ledger.yaml."""


@dataclass
class Migrated:
    """One file after migration: its new text (None when it does not change), and what changed."""

    text: str | None
    changes: list[str] = field(default_factory=list)
    skipped: str | None = None
    """Why the file was left as it is, when it could not be migrated."""


def migrate_text(folder: str, content: bytes) -> Migrated:
    """The file of a record folder (conferences, pledges or gaps) in format 2."""
    loaded = parse_bytes(content)
    document = loaded.document
    if document is None or any(is_error(finding) for finding in loaded.findings):
        return Migrated(None, skipped="it cannot be read as a record; `pkledger validate` says why")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:  # pragma: no cover - the loader refused it already
        return Migrated(None, skipped="it is not UTF-8")
    lines = _Lines(text)
    if not lines.one_key_per_line(document):
        return Migrated(None, skipped="its fields are not written one per line; move them by hand")
    try:
        changes = (
            _pledge(lines, document)
            if folder == "pledges"
            else _gap(lines, document)
            if folder == "gaps"
            else []
        )
    except _Unsupported as reason:
        return Migrated(None, skipped=f"{reason}; move the fields by hand")
    return Migrated(lines.text() if changes else None, changes)


class _Lines:
    """A file's lines, edited in place; line numbers are those of the original file (from 1)."""

    def __init__(self, text: str) -> None:
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text.removeprefix("\ufeff")
        breaks = _LINE_BREAK.findall(body)
        self.newline = breaks[0] if breaks else "\n"
        parts = _LINE_BREAK.split(body)
        self.ends_with_newline = bool(breaks) and parts[-1] == ""
        self.lines: list[str] = parts[:-1] if self.ends_with_newline else parts

    def text(self) -> str:
        body = self.newline.join(self.lines) + (self.newline if self.ends_with_newline else "")
        return self.bom + body

    def one_key_per_line(self, document: Document) -> bool:
        starts = [position[0] for path, position in document.keys.items() if len(path) == 1]
        return len(starts) == len(set(starts)) and all(
            position[1] == 1 for path, position in document.keys.items() if len(path) == 1
        )

    def is_comment(self, number: int) -> bool:
        return self.lines[number - 1].lstrip().startswith("#")

    def is_blank(self, number: int) -> bool:
        return not self.lines[number - 1].strip()


@dataclass(frozen=True)
class _Block:
    """A top-level field's lines: its leading comments, its key line and what follows it."""

    name: str
    first: int
    """The first line (a leading comment, else the key's line), from 1."""
    key: int
    last: int


def _blocks(lines: _Lines, document: Document) -> list[_Block]:
    """Each top-level field's lines, in the file's order. Comment lines right above a key (with no
    blank line between) belong to it; blank and comment lines before the next key's own comments
    stay with the field above."""
    starts = sorted((position[0], path[0]) for path, position in document.keys.items() if len(path) == 1)
    blocks: list[_Block] = []
    total = len(lines.lines)
    for index, (key_line, name) in enumerate(starts):
        first = key_line
        floor = starts[index - 1][0] + 1 if index else 1
        while first - 1 >= floor and lines.is_comment(first - 1):
            first -= 1
        blocks.append(_Block(str(name), first, key_line, total))
    for index in range(len(blocks) - 1):
        following = blocks[index + 1]
        blocks[index] = _Block(
            blocks[index].name, blocks[index].first, blocks[index].key, following.first - 1
        )
    return blocks


def _trailing_gap(lines: _Lines, block: _Block) -> int:
    """The number of blank and comment lines at the end of a block that are not part of its value."""
    count = 0
    while block.last - count > block.key and (
        lines.is_blank(block.last - count) or _comment_at_top(lines, block.last - count)
    ):
        count += 1
    return count


def _comment_at_top(lines: _Lines, number: int) -> bool:
    line = lines.lines[number - 1]
    return line.startswith("#")


# Pledges


def _pledge(lines: _Lines, document: Document) -> list[str]:
    data = document.data
    moved = [name for name in data if name in OFFER_FIELDS]
    if not moved:
        return []
    blocks = {block.name: block for block in _blocks(lines, document)}
    kept = [name for name in moved if not _empty(data[name])]
    changes = []
    dropped = [name for name in moved if name not in kept]
    if dropped:
        changes.append("dropped the empty " + ", ".join(dropped) + " (an empty value means absent)")
    estimate = _quantity_without_capability(lines, document, kept)
    offer = _offer_lines(lines, [blocks[name] for name in moved], kept)
    _replace_blocks(lines, [blocks[name] for name in moved], offer)
    if kept:
        changes.append("moved " + ", ".join(kept) + " into offers[0]" + _renamed(kept))
    if estimate is not None:
        changes.append(f"wrote the quantity with measure {estimate[0]}, read from quantity_unit (estimated)")
        _add_estimate(lines, document, estimate[1])
    return changes


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _renamed(kept: Sequence[str]) -> str:
    return " (quantity_unit as its note)" if "quantity_unit" in kept else ""


def _quantity_without_capability(
    lines: _Lines, document: Document, kept: Sequence[str]
) -> tuple[str, dict[str, str]] | None:
    """Write a whole-number quantity with no capability beside it in the long form, in place."""
    data = document.data
    quantity = data.get("quantity")
    if "quantity" not in kept or type(quantity) is not int or data.get("capability"):
        return None
    unit = data.get("quantity_unit")
    measure = measure_of(unit if isinstance(unit, str) else "")
    line, column, _, end_column = document.values[("quantity",)]
    text = lines.lines[line - 1]
    lines.lines[line - 1] = (
        f"{text[: column - 1]}{{value: {quantity}, measure: {measure}}}{text[end_column - 1 :]}"
    )
    read = f"'{unit}'" if isinstance(unit, str) else "no quantity_unit"
    reason = f"Version 1 gave the number without a measure; pkledger migrate read {measure} from {read}."
    return measure, {"field": "offers[0].quantity.measure", "reason": reason}


def measure_of(unit: str) -> str:
    """The measure a version 1 `quantity_unit` reads as; items when its words say nothing."""
    words = unit.lower()
    for measure, stems in _MEASURE_WORDS:
        if any(re.search(rf"\b{stem}", words) for stem in stems):
            return measure
    return "items"


def _offer_lines(lines: _Lines, blocks: Sequence[_Block], kept: Sequence[str]) -> list[str]:
    """`offers:` and the kept fields' lines as its one item, indented, in the file's order."""
    out = ["offers:"]
    first_key = True
    for block in blocks:
        end = block.last - _trailing_gap(lines, block)
        for number in range(block.first, end + 1):
            text = lines.lines[number - 1]
            if block.name not in kept and number >= block.key:
                continue  # an empty field is dropped; its comments are kept
            if number == block.key and block.name == "quantity_unit":
                text = "note" + text[len("quantity_unit") :]
            if number == block.key and first_key:
                out.append("  - " + text)
                first_key = False
            elif not text.strip():
                out.append("")
            else:
                out.append(
                    ("  " if first_key else "    ") + text
                )  # comments above the item align with its dash
    return out if not first_key else out[1:]


def _replace_blocks(lines: _Lines, blocks: Sequence[_Block], replacement: list[str]) -> None:
    """Take the blocks' lines out (their trailing blank and comment lines stay) and put the
    replacement where the first of them was."""
    removed: set[int] = set()
    for block in blocks:
        end = block.last - _trailing_gap(lines, block)
        removed.update(range(block.first, end + 1))
    start = min(block.first for block in blocks)
    new: list[str] = []
    for number, text in enumerate(lines.lines, start=1):
        if number == start:
            new += replacement
        if number not in removed:
            new.append(text)
    lines.lines = new


def _add_estimate(lines: _Lines, document: Document, estimate: dict[str, str]) -> None:
    """Add an `estimated` entry: to the list if there is one, else as a new field before `notes`."""
    existing = document.data.get("estimated")
    if isinstance(existing, list) and existing:
        raise _Unsupported("the file already has an estimated list")
    fragment = dump_record({"estimated": [estimate]}).rstrip("\n").split("\n")
    notes = next((index for index, text in enumerate(lines.lines) if text.startswith("notes:")), None)
    at = notes if notes is not None else len(lines.lines)
    while at > 0 and notes is not None and lines.lines[at - 1].startswith("#"):
        at -= 1  # before the comments right above notes, which are about it
    lines.lines[at:at] = fragment


class _Unsupported(Exception):
    pass


# Gaps


def _gap(lines: _Lines, document: Document) -> list[str]:
    data = document.data
    if "basis" in data:
        return []
    source = data.get("source_doc")
    issuer = source.get("issuer") if isinstance(source, dict) else None
    basis = basis_of(issuer if isinstance(issuer, str) else "")
    blocks = {block.name: block for block in _blocks(lines, document)}
    anchor = blocks.get("source_doc") or blocks.get("status")
    at = anchor.first - 1 if anchor else len(lines.lines)
    lines.lines[at:at] = [f"basis: {basis}"]
    said = f"source_doc.issuer is '{issuer}'" if isinstance(issuer, str) else "no source_doc.issuer"
    return [f"added basis: {basis} ({said})"]


def basis_of(issuer: str) -> str:
    """un_requirement when the issuer is a UN body (its name starts with UN or United Nations)."""
    return "un_requirement" if _UN_ISSUER.match(issuer.strip()) else "reported_need"
