"""Turn pydantic validation errors into findings an analyst can act on."""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from pkledger.format.catalogue import catalogue
from pkledger.format.kinds import label_of
from pkledger.format.models.pledge import OFFER_FIELDS
from pkledger.format.models.quantity import UNION_TAGS
from pkledger.format.models.types import PATTERN_HELP
from pkledger.problems import FieldPath, Finding, format_field_path
from pkledger.suggest import closest, did_you_mean, one_of
from pkledger.wording import described

EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping of names to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "decimal_type": "a number",
    "float_type": "a number",
    "date_type": "a date (YYYY-MM-DD)",
    "int_from_float": "a whole number",
    "decimal_parsing": "a number",
    "is_instance_of": "a number",
}
MOVED_TO_OFFERS = (
    "format 2 moved `{name}` into `offers` (offers: [{{capability: ..., quantity: ...}}]){note}; "
    "`pkledger migrate` moves it for you"
)
_BOOL_WORDS = {"yes", "no", "y", "n", "on", "off", "true", "false"}
_QUOTED_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?\Z")
_LITERAL_CHOICE = re.compile(r"'([^']*)'")


def findings_from_error(error: ValidationError, model: type[BaseModel]) -> list[Finding]:
    """One finding per pydantic error, in the order pydantic reports them.

    A misspelt required field gives one finding, not two: the unknown key names the field it
    probably stands for, and the "missing" error for that field is dropped.
    """
    findings = [_finding(details, model) for details in error.errors(include_url=False)]
    return _merge_misspelt_required(findings, model)


def _merge_misspelt_required(findings: list[Finding], model: type[BaseModel]) -> list[Finding]:
    missing = {finding.path for finding in findings if finding.name == "missing-field"}
    covered: set[FieldPath] = set()
    merged = []
    for finding in findings:
        if finding.name == "unknown-field":
            allowed = _fields_at(model, finding.path[:-1])
            meant = closest(str(finding.path[-1]), allowed, limit=1)
            target = (*finding.path[:-1], meant[0]) if meant else None
            if target in missing:
                covered.add(target)
                hint = f"did you mean '{meant[0]}'? It is required and missing"
                finding = Finding(finding.name, finding.path, finding.message, hint, on_key=True)
        merged.append(finding)
    return [
        finding for finding in merged if not (finding.name == "missing-field" and finding.path in covered)
    ]


def _finding(details: ErrorDetails, model: type[BaseModel]) -> Finding:
    path: FieldPath = tuple(part for part in details["loc"] if part not in UNION_TAGS and part != "[key]")
    if "[key]" in details["loc"]:  # a mapping's key is wrong, not its value
        finding = _finding_for(details, path, model)
        return Finding(finding.name, finding.path, finding.message, finding.hint, on_key=True)
    return _finding_for(details, path, model)


def _finding_for(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    kind = details["type"]
    if kind in catalogue():
        context = details.get("ctx") or {}
        return Finding(kind, path, details["msg"], context.get("hint"))
    handler = _HANDLERS.get(kind)
    if handler is not None:
        return handler(details, path, model)
    if kind in EXPECTED:
        return _wrong_type(details, path, model)
    return Finding("wrong-type", path, details["msg"], None)


def _missing(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    name = str(path[-1])
    description = _field_description(model, path)
    hint = f"add `{name}:` ({description})" if description else f"add `{name}:`"
    return Finding("missing-field", path, f"required field '{name}' is missing", hint)


def _unknown_field(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    name = str(path[-1])
    allowed = _fields_at(model, path[:-1])
    label = label_of(model)
    where = format_field_path(path[:-1]) or ("ledger.yaml" if label == "ledger" else f"a {label} record")
    hint = did_you_mean(name, allowed) or (f"fields here: {one_of(allowed)}" if allowed else None)
    if len(path) == 1 and "offers" in allowed:
        hint = _moved_to_offers(name, allowed) or hint
    message = f"'{name}' is not a field of {where}"
    return Finding("unknown-field", path, message, hint, on_key=True)


def _moved_to_offers(name: str, allowed: list[str]) -> str | None:
    """The hint for a version 1 pledge field (or a misspelling of one) that format 2 moved into offers."""
    meant = closest(name, [*allowed, *OFFER_FIELDS], limit=1)
    if not meant or meant[0] not in OFFER_FIELDS:
        return None
    moved = meant[0]
    note = ", where quantity_unit is written as the offer's `note`" if moved == "quantity_unit" else ""
    hint = MOVED_TO_OFFERS.format(name=moved, note=note)
    return hint if moved == name else f"did you mean '{moved}'? " + hint


def _invalid_choice(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    value = details["input"]
    allowed = _LITERAL_CHOICE.findall(str((details.get("ctx") or {}).get("expected", "")))
    if not isinstance(value, str):
        return _wrong_type(details, path, model, expected="one of: " + one_of(allowed))
    meant = did_you_mean(value, allowed)
    message = f"'{value}' is not an allowed value" + (f"; {meant}" if meant else "")
    return Finding("invalid-choice", path, message, "allowed values: " + one_of(allowed))


def _invalid_format(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    pattern = str((details.get("ctx") or {}).get("pattern", ""))
    form = PATTERN_HELP.get(pattern, f"text matching {pattern}")
    message = f"'{details['input']}' is not in the expected form"
    return Finding("invalid-format", path, message, f"expected {form}")


def _out_of_range(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    context = details.get("ctx") or {}
    bounds = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("greater than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    words, key = bounds[details["type"]]
    limit = context.get(key)
    shown = str(limit) if isinstance(limit, Decimal) else limit
    message = f"{described(details['input'])} is out of range: it must be {words} {shown}"
    return Finding("out-of-range", path, message, None)


def _too_long(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    limit = (details.get("ctx") or {}).get("max_length")
    message = f"the text is {len(str(details['input']))} characters long; at most {limit} are allowed"
    hint = "keep the title to one line; put the detail in `description`"
    return Finding("out-of-range", path, message, hint)


def _too_short(details: ErrorDetails, path: FieldPath, model: type[BaseModel]) -> Finding:
    minimum = (details.get("ctx") or {}).get("min_length", 1)
    if isinstance(details["input"], list):
        noun = "item" if minimum == 1 else "items"
        return Finding("empty-list", path, f"the list needs at least {minimum} {noun}", None)
    return Finding("out-of-range", path, f"the text must be at least {minimum} characters", None)


def _wrong_type(
    details: ErrorDetails, path: FieldPath, model: type[BaseModel], expected: str | None = None
) -> Finding:
    value = details["input"]
    kind = details["type"]
    wanted = expected or EXPECTED.get(kind, "another kind of value")
    if kind == "int_type" and isinstance(value, Decimal):
        message = f"expected a whole number, but the value is written as a decimal number ({value})"
        return Finding("wrong-type", path, message, "write the number as digits only, e.g. 2")
    message = f"expected {wanted}, but the value is {described(value)}"
    if value is None:
        hint = "write a value after the colon" + ("" if _is_required(model, path) else ", or remove the line")
        return Finding("wrong-type", path, message, hint)
    return Finding("wrong-type", path, message, _type_hint(kind, value))


def _is_required(model: type[BaseModel], path: FieldPath) -> bool:
    parent = _model_at(model, path[:-1])
    field = parent.model_fields.get(str(path[-1])) if parent and path else None
    return field is not None and field.is_required()


def _type_hint(kind: str, value: Any) -> str | None:
    if kind in ("int_type", "decimal_type", "float_type", "is_instance_of") and isinstance(value, str):
        return _number_text_hint(value)
    if kind == "int_type" and isinstance(value, Decimal):
        return "write a whole number, without a decimal point"
    if kind == "bool_type" and isinstance(value, str) and value.lower() in _BOOL_WORDS:
        return f"write true or false in lower case; '{value}' is read as text"
    if kind == "string_type" and isinstance(value, int | Decimal | bool):
        return "put the value in quotes to make it text"
    if kind in ("list_type",) and isinstance(value, str):
        return "write a list as `- item` lines, or as [item, item]"
    return None


def _number_text_hint(value: str) -> str:
    stripped = value.strip()
    if re.fullmatch(r"[-+]?0[0-9]+", stripped):
        return f"write the number without a leading zero ('{value}' is not read as a number)"
    if _QUOTED_NUMBER.match(stripped):
        return "remove the quotes around the number"
    if re.fullmatch(r"[-+]?[0-9][0-9,' ]*(\.[0-9]+)?", stripped):
        return "write the number without thousands separators, e.g. 1000000"
    return "write the number as digits"


_HANDLERS: dict[str, Callable[[ErrorDetails, FieldPath, type[BaseModel]], Finding]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "literal_error": _invalid_choice,
    "string_pattern_mismatch": _invalid_format,
    "greater_than_equal": _out_of_range,
    "greater_than": _out_of_range,
    "less_than_equal": _out_of_range,
    "less_than": _out_of_range,
    "string_too_long": _too_long,
    "too_short": _too_short,
}


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in _type_arguments(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _type_arguments(annotation: Any) -> Iterator[Any]:
    origin = get_origin(annotation)
    if origin in (list, Union, types.UnionType) or origin is not None:
        yield from get_args(annotation)


def _fields_at(model: type[BaseModel], path: FieldPath) -> list[str]:
    found = _model_at(model, path)
    return list(found.model_fields) if found else []


def _field_description(model: type[BaseModel], path: FieldPath) -> str | None:
    parent = _model_at(model, path[:-1])
    if parent is None:
        return None
    field = parent.model_fields.get(str(path[-1]))
    return field.description if field else None
