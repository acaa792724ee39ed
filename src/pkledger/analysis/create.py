"""`pkledger new`: the answers to `new`'s questions, the record they make, its next free id, and its
check against the whole ledger before anything is written."""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import TypeAdapter, ValidationError

from pkledger.analysis.questions import OFFER_INDEX, Answers, Question, questions
from pkledger.errors import PkledgerError
from pkledger.format.kinds import kind_of
from pkledger.format.models.conference import NEEDS_PARENT
from pkledger.format.pydantic_errors import findings_from_error
from pkledger.format.schema import record_schema
from pkledger.ledger.entry import Ledger
from pkledger.ledger.opening import open_ledger
from pkledger.problems import FieldPath, Problem
from pkledger.suggest import did_you_mean
from pkledger.yaml.writer import dump_record


class Asker(Protocol):
    """Asks questions for `new` and says why an answer was refused (the CLI prompts)."""

    def ask(self, question: Question, answers: Answers) -> str: ...

    def refuse(self, message: str) -> None: ...

    def another(self, group: str) -> bool:
        """Whether to add one more item to a list asked item by item (another offer)."""
        ...


Given = Mapping[str, str | Sequence[str] | None]
"""The answers given as flags, by name; a flag of a list's items may be given once per item."""


def check_answer(kind: str, question: Question, raw: str) -> tuple[Any, str | None]:
    """Read one answer; return its value and, when it is not acceptable, why."""
    try:
        value = question.parse(raw)
    except ValueError as error:
        return None, str(error)
    if value is None:
        return None, None
    for item in value if isinstance(value, list) else [value]:
        if question.choices and item not in question.choices:
            hint = did_you_mean(str(item), question.choices) or "choose one of: " + ", ".join(
                question.choices
            )
            return None, f"'{item}' is not allowed; {hint}"
    return value, _field_error(kind, question, value)


def _field_error(kind: str, question: Question, value: Any) -> str | None:
    """Why the value does not fit the field's type in the model, if it does not."""
    try:
        TypeAdapter(question.annotation).validate_python(value, strict=True)
    except ValidationError as error:
        finding = findings_from_error(error, kind_of(kind).model)[0]
        return finding.message + (f" ({finding.hint})" if finding.hint else "")
    return None


def collect(kind: str, given: Given, asker: Asker | None) -> Answers:
    """Answers for every question: flags first, then (unless ``asker`` is None) by asking.

    The questions of a list asked item by item (offers) are asked once for each item: as many
    items as a flag of theirs is given, then more while ``asker`` says there is another. Their
    answers are a list of answers, one per item, under the list's name.
    """
    answers: Answers = {}
    asked = questions(kind)
    position = 0
    while position < len(asked):
        group = asked[position].group
        if group:
            items = [question for question in asked[position:] if question.group == group]
            answers[group] = _collect_items(kind, items, given, asker, answers)
            position += len(items)
            continue
        _collect_one(kind, asked[position], _single(given.get(asked[position].name)), asker, answers)
        position += 1
    return answers


def _single(raw: str | Sequence[str] | None) -> str | None:
    if raw is None or isinstance(raw, str):
        return raw
    if len(raw) > 1:
        raise PkledgerError("this flag may be given once only")
    return raw[0] if raw else None


def _collect_one(
    kind: str, question: Question, raw: str | None, asker: Asker | None, answers: Answers
) -> None:
    if raw is None and not question.applies(answers):
        return
    if raw is not None:
        value, error = check_answer(kind, question, raw)
        if error:
            raise PkledgerError(f"{question.option}: {error}")
    elif asker is not None:
        value = _ask_until_valid(kind, question, answers, asker)
    elif question.default is not None:
        value = question.default
    elif question.required(answers):
        raise PkledgerError(f"{question.option} is required", hint="give it, or leave out --no-input")
    else:
        value = None
    if value is not None:
        answers[question.name] = value


def _collect_items(
    kind: str, items: list[Question], given: Given, asker: Asker | None, answers: Answers
) -> list[Answers]:
    """One answers dict per item: the Nth value of each flag belongs to the Nth item ("" for none)."""
    flags = {question.name: _many(given.get(question.name)) for question in items}
    count = max((len(values) for values in flags.values()), default=0)
    found: list[Answers] = []
    while True:
        index = len(found)
        item: Answers = {**answers, OFFER_INDEX: index}
        for question in items:
            values = flags[question.name]
            raw = values[index] if index < len(values) else None
            _collect_one(kind, question, raw or None, asker, item)
        found.append(
            {name: value for name, value in item.items() if name not in answers and name != OFFER_INDEX}
        )
        if len(found) >= count and (asker is None or not asker.another(items[0].group)):
            return [answers for answers in found if answers]


def _many(raw: str | Sequence[str] | None) -> list[str]:
    if raw is None:
        return []
    return [raw] if isinstance(raw, str) else list(raw)


def _ask_until_valid(kind: str, question: Question, answers: Answers, asker: Asker) -> Any:
    while True:
        raw = asker.ask(question, answers)
        if not raw.strip() and question.default is not None:
            raw = question.default
        value, error = check_answer(kind, question, raw)
        if error is None and value is None and question.required(answers):
            error = "an answer is needed"
        if error is None:
            return value
        asker.refuse(error)


def record_data(kind: str, answers: Answers) -> dict[str, Any]:
    """The record's fields, nested as the model wants them; a quantity in the shorthand (a whole
    number) when its capability gives its measure and it is exact."""
    data: dict[str, Any] = {}
    for question in questions(kind):
        if question.group:
            for index, item in enumerate(answers.get(question.group, [])):
                if question.name in item:
                    _put(data, (question.target[0], index, *question.target[2:]), item[question.name])
        elif question.name in answers:
            _put(data, question.target, answers[question.name])
    for holder in data.get("offers", []):
        _shape_quantity(holder, keep_measure=False)
    if kind == "gaps":
        data.setdefault("quantity", {})
        _shape_quantity(data, keep_measure=True)
    return data


def _shape_quantity(holder: dict[str, Any], *, keep_measure: bool) -> None:
    """`{value}` alone (exact, with a capability) becomes the shorthand; an exact qualifier is left
    out. Without a value there is no quantity, except for a gap, which keeps its measure (its
    capability's default when none was given): the quantity is not published."""
    quantity = holder.get("quantity")
    if not isinstance(quantity, dict):
        return
    if quantity.get("qualifier") == "exact":
        del quantity["qualifier"]
    if "value" not in quantity:
        if keep_measure:
            holder["quantity"] = {
                "measure": quantity.get("measure") or _default_measure(holder.get("capability"))
            }
        else:
            del holder["quantity"]
    elif set(quantity) == {"value"} and holder.get("capability"):
        holder["quantity"] = quantity["value"]


def _default_measure(capability: Any) -> str:
    from pkledger.format.reference import reference

    found = reference().capabilities.get(str(capability))
    return found.measure if found else "units"


def _put(data: dict[str, Any], target: FieldPath, value: Any) -> None:
    node: Any = data
    for part, following in itertools.pairwise(target):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append(empty)
            node = node[part]
        else:
            node = node.setdefault(part, empty)
    last = target[-1]
    if isinstance(last, int):
        node.append(value)
    else:
        node[last] = value


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def next_id(kind: str, data: dict[str, Any], ledger: Ledger, also_taken: Collection[str] = ()) -> str:
    """The next free id for the record, following the ledger format's id conventions; ``also_taken``
    names ids taken since the ledger was read (by another `new` at the same time)."""
    taken = {entry.declared_id.casefold() for entry in ledger.entries if entry.declared_id}
    taken |= {name.casefold() for name in also_taken}
    if kind == "pledges":
        prefix = f"{data.get('conference') or 'pcrs'}-{data['member_state']}-"
        numbers = [
            int(found[-3:]) for found in taken if found.startswith(prefix.casefold()) and found[-3:].isdigit()
        ]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"
    base = _base_id(kind, data)
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _free_id(kind: str, data: dict[str, Any], ledger: Ledger, taken: set[str]) -> str:
    """The next free id whose file does not exist yet either (another `new` may have written one)."""
    for _ in range(100):
        candidate = next_id(kind, data, ledger, taken)
        if not os.path.lexists(target_path(ledger.root, kind, candidate)):
            return candidate
        taken.add(candidate)
    raise PkledgerError("no free id was found: a hundred in a row are taken")


def _base_id(kind: str, data: dict[str, Any]) -> str:
    if kind == "gaps":
        month = str(data["source_doc"]["date"])[:7]
        return slug(f"{month} {data['capability']} {data['mission']}")
    year = str(data["start_date"])[:4]
    if data["kind"] in NEEDS_PARENT:
        words = re.sub(r"(?i)^(preparatory conference|side event)( on| for)?", "", data["title"])
        prefix = "prep" if data["kind"] == "preparatory" else "side"
        return slug(f"{year} {prefix} {words}")
    return slug(f"{year} {data.get('city') or data['title']}")


def render_record(kind: str, record_id: str, data: dict[str, Any]) -> str:
    """The file's text: the editor modeline, then the fields in the schema's order."""
    ordered = {"id": record_id}
    for name in field_order(kind):
        if name in data:
            ordered[name] = data[name]
    return (
        f"# yaml-language-server: $schema=../../schemas/{kind_of(kind).schema_file}\n{dump_record(ordered)}"
    )


@functools.cache
def field_order(kind: str) -> tuple[str, ...]:
    """The fields of a kind of record in the order files write them (the schema's); made once, as
    generating the schema takes a while and `import` renders many records."""
    return tuple(record_schema(kind)["properties"])


def target_path(ledger_root: Path, kind: str, record_id: str) -> Path:
    return ledger_root / kind / f"{record_id}.yaml"


@dataclass(frozen=True)
class NewRecord:
    """A record ready to be written, and the warnings it carries."""

    path: Path
    text: str
    warnings: list[Problem]
    notes: list[str] = field(default_factory=list)
    """What the record lacks that a reader would want (a sourced record's source address or date)."""


def prepare(
    kind: str,
    answers: Answers,
    ledger: Ledger,
    record_id: str | None = None,
    ignore: Callable[[Path], bool] | None = None,
    taken: Collection[str] = (),
) -> NewRecord:
    """Give the record its id, render it, and check it against the whole ledger before writing.

    ``ignore`` leaves out the ledger's files as when it was opened; ``ledger`` itself is not changed.
    ``taken`` names ids found taken since the ledger was read.
    """
    data = record_data(kind, answers)
    if record_id is None:
        record_id = _free_id(kind, data, ledger, set(taken))
    path = target_path(ledger.root, kind, record_id)
    text = render_record(kind, record_id, data)
    checked = open_ledger(ledger.root, ignore=ignore, adding={path: text})
    problems = list(checked.entries[-1].problems())
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        details = "; ".join(f"{p.path or 'record'}: {p.message}" for p in errors)
        raise PkledgerError(f"the new record would not be valid: {details}", hint=errors[0].hint)
    return NewRecord(path=path, text=text, warnings=problems, notes=_source_notes(data))


def _source_notes(data: dict[str, Any]) -> list[str]:
    """A sourced record's sources should be findable: each with its web address and its date. An
    illustrative record (example data) may cite a statement in words only."""
    if data.get("provenance") == "illustrative":
        return []
    notes = []
    for source in data.get("sources", []):
        missing = [name for name, key in (("web address", "url"), ("date", "date")) if not source.get(key)]
        if missing:
            notes.append(
                f"the source '{source.get('title')}' has no {' and no '.join(missing)}: a sourced record's "
                "reader needs them to find it (give --source-url and --source-date, or --provenance "
                "illustrative for example data)"
            )
    return notes
