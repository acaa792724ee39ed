"""Each file's outcome in the cache, so that after an edit only the changed files are read again.

The outcomes file of a ledger (beside its cache file) keeps, per file key, the content hash of
the file and what reading it produced (``entry.Outcome``: its data, the positions the rules across
files point at, its findings placed, whether its record is valid, and how many of the findings came
from parsing it), written as JSON.

It is read back as untrusted input, like the cache file (``cache_file``): a regular file of at
most MAX_OUTCOMES_BYTES, written by this very tool version, of the expected shape, every finding
named in the catalogue, every position a positive line and column, the data made of what the
loader makes (mappings with text keys, lists, text, whole numbers, decimals, true, false, null),
and a record marked invalid only beside an error that says why. Anything else discards the whole
file, and every file is read again; the rules across files always run over the whole ledger.

Decimals have no JSON form that keeps them apart from floats and integers (a strict model tells
``1`` from ``1.0``), so a decimal is written as a mapping whose one key is a lone surrogate
(``{"\\ud800": "1.5"}``): no ledger file can hold that key, since libyaml refuses surrogates both
in UTF-8 and in escapes, so no mapping of a ledger can pass for a decimal. The JSON module's hooks
do this at C speed; walking the data in Python cost as much as parsing the YAML.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Collection, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pkledger.files import read_regular, write_atomic
from pkledger.ledger.cache_values import a_field_path as _path
from pkledger.ledger.cache_values import a_flag as _flag
from pkledger.ledger.cache_values import a_list as _list
from pkledger.ledger.cache_values import a_mapping as _dict
from pkledger.ledger.cache_values import a_text as _text
from pkledger.ledger.entry import Outcome
from pkledger.problems import Finding, Span

MAX_OUTCOMES_BYTES = 128 * 1024 * 1024
"""A larger outcomes file is neither written nor read (10,000 pledges take about 15 MiB)."""
_DECIMAL = "\ud800"
Stored = dict[str, tuple[str, Outcome]]
"""Outcomes by file key, each with the content hash of the file it is the outcome of."""


def read_outcomes(path: Path, tool: str, wanted: Collection[str] | None = None) -> Stored:
    """The outcomes in a file (of the files ``wanted`` only, when given), if this version wrote it
    and it is whole and every outcome taken is sound; else none."""
    try:
        raw = read_regular(path, MAX_OUTCOMES_BYTES)
        if len(raw) > MAX_OUTCOMES_BYTES:
            return {}
        document = json.loads(
            raw.decode("utf-8"), object_hook=_decoded, parse_float=_no_float, parse_constant=_no_float
        )
        if type(document) is not dict or document.get("tool") != tool:
            return {}
        files = _dict(document["files"])
        if wanted is not None:
            files = {key: files[key] for key in wanted if key in files}
        return {_text(key): _stored(value) for key, value in files.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, InvalidOperation, RecursionError):
        return {}


def write_outcomes(path: Path, tool: str, outcomes: Mapping[str, tuple[str, Outcome]]) -> None:
    """Keep the outcomes on disk (atomically, in a private folder); skipped when they cannot be."""
    try:
        files = {key: [digest, _outcome_json(outcome)] for key, (digest, outcome) in outcomes.items()}
        text = json.dumps({"tool": tool, "files": files}, separators=(",", ":"), default=_encoded)
    except (TypeError, ValueError, RecursionError):
        return
    if len(text) > MAX_OUTCOMES_BYTES:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, text)


def _outcome_json(outcome: Outcome) -> list[Any]:
    return [
        outcome.data,
        [[list(path), list(position)] for path, position in outcome.positions.items()],
        [_finding_json(finding) for finding in outcome.findings],
        outcome.valid,
        outcome.parsed,
    ]


def _encoded(value: object) -> dict[str, str]:
    """A decimal in JSON (the only value of a record's data that JSON has no form for)."""
    if type(value) is Decimal:
        return {_DECIMAL: str(value)}
    raise TypeError(f"not a value the loader makes: {type(value).__name__}")


def _decoded(mapping: dict[str, Any]) -> Any:
    if _DECIMAL not in mapping:
        return mapping
    (text,) = mapping.values()  # a decimal's mapping has that key only
    number = Decimal(_text(text))
    if not number.is_finite():
        raise ValueError("the loader makes finite decimals only")
    return number


def _no_float(text: str) -> None:
    raise ValueError(f"the loader makes no floats: {text}")


def _finding_json(finding: Finding) -> list[Any]:
    at = None if finding.at is None else list(finding.at)
    return [finding.name, list(finding.path), finding.message, finding.hint, at, finding.on_key]


def _stored(value: Any) -> tuple[str, Outcome]:
    digest, raw = _list(value)
    data, positions, findings, valid, parsed = _list(raw)
    outcome = Outcome(
        None if data is None else _dict(data),
        {_path(path): _position(position) for path, position in map(_list, _list(positions))},
        tuple(_finding(finding) for finding in _list(findings)),
        _flag(valid),
        _count(parsed, len(findings)),
    )
    if not outcome.valid and not _explained(outcome):
        raise ValueError("a record marked invalid without an error that says why")
    return _text(digest), outcome


def _count(value: Any, most: int) -> int | None:
    """How many of the findings came from parsing: none given, or a whole number up to them all."""
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= most:
        raise ValueError("not a count of findings")
    return value


def _explained(outcome: Outcome) -> bool:
    from pkledger.format.catalogue import is_error

    return any(is_error(finding) for finding in outcome.findings)


def _finding(raw: Any) -> Finding:
    from pkledger.format.catalogue import catalogue

    name, path, message, hint, at, on_key = _list(raw)
    if _text(name) not in catalogue():
        raise ValueError("a finding this version does not report")
    return Finding(
        name,
        _path(path),
        _text(message),
        None if hint is None else _text(hint),
        None if at is None else Span(*_position(at)),
        _flag(on_key),
    )


def _position(value: Any) -> tuple[int, int, int, int]:
    numbers = _list(value)
    if len(numbers) != 4 or not all(type(number) is int and number >= 1 for number in numbers):
        raise ValueError("not a position")
    return (numbers[0], numbers[1], numbers[2], numbers[3])
