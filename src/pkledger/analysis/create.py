"""`pkledger new`: build a record from flags or answers, give it the next free id, write it safely.

The questions are data (``QUESTIONS``); each answer is checked against the model's own field type
as soon as it is given, and the whole record is validated before anything is written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol, get_args

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from pkledger.errors import PkledgerError
from pkledger.format.kinds import kind_of
from pkledger.format.models.base import Provenance
from pkledger.format.models.conference import ConferenceFormat, ConferenceKind
from pkledger.format.models.gap import GapStatus, Priority
from pkledger.format.models.pledge import AnnouncedBy, Category, PledgeStatus
from pkledger.format.pydantic_errors import findings_from_error
from pkledger.ledger.entry import Ledger
from pkledger.problems import FieldPath, Problem

Answers = dict[str, Any]


class Asker(Protocol):
    """Asks questions for `new` and says why an answer was refused (the CLI prompts)."""

    def ask(self, question: Question, answers: Answers) -> str: ...

    def refuse(self, message: str) -> None: ...


def _text(raw: str) -> Any:
    return raw.strip() or None


def _upper(raw: str) -> Any:
    return raw.strip().upper() or None


def _whole(raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"'{text}' is not a whole number")
    return int(text)


def _date(raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text
    except ValueError:
        return text  # the field check explains what is wrong with it


def _amount(raw: str) -> Any:
    text = raw.strip().replace(",", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{raw.strip()}' is not a number") from None


@dataclass(frozen=True)
class Question:
    """One field to ask for: where it goes in the record, how to read it, when it is needed."""

    name: str
    target: FieldPath
    prompt: str
    parse: Callable[[str], Any] = _text
    choices: tuple[str, ...] = ()
    required: Callable[[Answers], bool] = lambda answers: True
    default: str | None = None
    applies: Callable[[Answers], bool] = lambda answers: True
    """Whether to ask at all, given the answers so far (a ministerial has no parent)."""

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def _optional(answers: Answers) -> bool:
    return False


def _category_is(*categories: str) -> Callable[[Answers], bool]:
    return lambda answers: answers.get("category") in categories


def _kind_is(*kinds: str) -> Callable[[Answers], bool]:
    return lambda answers: answers.get("kind") in kinds


SOURCE_QUESTIONS = (
    Question("source_title", ("sources", 0, "title"), "Title of the public source"),
    Question("source_url", ("sources", 0, "url"), "Its web address (optional)", required=_optional),
)
QUESTIONS: dict[str, tuple[Question, ...]] = {
    "pledges": (
        Question("member_state", ("member_state",), "Pledging state (ISO alpha-3, e.g. KOR)", _upper),
        Question("conference", ("conference",), "Conference id (blank if none)", required=_optional),
        Question("announced_on", ("announced_on",), "Announced on (YYYY-MM-DD, optional)", _date, required=_optional),
        Question(
            "announced_by", ("announced_by",), "Announced by (optional)",
            choices=get_args(AnnouncedBy), required=_optional,
        ),
        Question("title", ("title",), "Title (one line)"),
        Question("category", ("category",), "Category", choices=get_args(Category)),
        Question(
            "capability", ("capability",), "Capability (catalogue code)",
            required=_category_is("uniformed_unit", "individual_personnel"),
        ),
        Question("quantity", ("quantity",), "Quantity", _whole, required=_category_is("uniformed_unit")),
        Question("amount", ("money", "amount"), "Amount of money (optional unless financial)", _amount, required=_category_is("financial")),
        Question(
            "currency", ("money", "currency"), "Currency (ISO 4217, e.g. USD)", _upper,
            applies=lambda answers: "amount" in answers,
        ),
        Question("timeframe", ("timeframe", "text"), "Timeframe, as announced (optional)", required=_optional),
        Question("status", ("status",), "Status", choices=get_args(PledgeStatus), default="announced"),
        *SOURCE_QUESTIONS,
        Question("provenance", ("provenance",), "Provenance", choices=get_args(Provenance), default="sourced"),
        Question("notes", ("notes",), "Notes (optional)", required=_optional),
    ),
    "gaps": (
        Question("title", ("title",), "Title (one line)"),
        Question("capability", ("capability",), "Capability (catalogue code)"),
        Question("mission", ("mission",), "Mission code (or ANY)", _upper),
        Question("quantity", ("quantity",), "Quantity (units or officers)", _whole),
        Question("priority", ("priority",), "Priority", choices=get_args(Priority)),
        Question("required_by", ("required_by",), "Required by (YYYY-MM-DD, optional)", _date, required=_optional),
        Question("paper_title", ("source_doc", "title"), "Title of the UN paper stating the need"),
        Question("paper_issuer", ("source_doc", "issuer"), "Its issuer", default="UN Department of Peace Operations"),
        Question("paper_date", ("source_doc", "date"), "Its date (YYYY-MM-DD)", _date),
        Question("status", ("status",), "Status", choices=get_args(GapStatus), default="open"),
        *SOURCE_QUESTIONS,
        Question("provenance", ("provenance",), "Provenance", choices=get_args(Provenance), default="sourced"),
        Question("notes", ("notes",), "Notes (optional)", required=_optional),
    ),
    "conferences": (
        Question("kind", ("kind",), "Kind", choices=get_args(ConferenceKind)),
        Question("title", ("title",), "Title"),
        Question(
            "parent", ("parent",), "Parent summit or ministerial (id)",
            applies=_kind_is("preparatory", "side_event"),
        ),
        Question("start_date", ("start_date",), "First day (YYYY-MM-DD)", _date),
        Question("end_date", ("end_date",), "Last day (YYYY-MM-DD)", _date),
        Question("format", ("format",), "Format", choices=get_args(ConferenceFormat)),
        Question("city", ("city",), "City (optional)", required=_optional),
        Question("host_country", ("host_country",), "Host state (alpha-3, optional)", _upper, required=_optional),
        *SOURCE_QUESTIONS,
        Question("provenance", ("provenance",), "Provenance", choices=get_args(Provenance), default="sourced"),
        Question("notes", ("notes",), "Notes (optional)", required=_optional),
    ),
}  # fmt: skip


def check_answer(kind: str, question: Question, raw: str) -> tuple[Any, str | None]:
    """Read one answer; return its value and, when it is not acceptable, why."""
    try:
        value = question.parse(raw)
    except ValueError as error:
        return None, str(error)
    if value is None:
        return None, None
    if question.choices and value not in question.choices:
        from pkledger.suggest import did_you_mean

        hint = did_you_mean(str(value), question.choices) or "choose one of: " + ", ".join(question.choices)
        return None, f"'{value}' is not allowed; {hint}"
    return value, _field_error(kind_of(kind).model, question.target, value)


def _field_error(model: type[BaseModel], target: FieldPath, value: Any) -> str | None:
    adapter = _field_adapter(model, [part for part in target if isinstance(part, str)])
    if adapter is None:
        return None
    try:
        adapter.validate_python(value, strict=True)
    except ValidationError as error:
        finding = findings_from_error(error, model)[0]
        return finding.message + (f" ({finding.hint})" if finding.hint else "")
    return None


def _field_adapter(model: type[BaseModel], names: list[str]) -> TypeAdapter[Any] | None:
    from pkledger.format.pydantic_errors import _inner_model

    current: type[BaseModel] | None = model
    for name in names[:-1]:
        field = current.model_fields.get(name) if current else None
        current = _inner_model(field.annotation) if field else None
    field = current.model_fields.get(names[-1]) if current else None
    if field is None:
        return None
    annotation: Any = field.rebuild_annotation()
    return TypeAdapter(annotation)


def collect(kind: str, given: Mapping[str, str | None], asker: Asker | None) -> Answers:
    """Answers for every question: flags first, then (unless ``asker`` is None) by asking."""
    answers: Answers = {}
    for question in QUESTIONS[kind]:
        raw = given.get(question.name)
        if raw is None and not question.applies(answers):
            continue
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
    return answers


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
    """The record's fields, nested as the model wants them."""
    data: dict[str, Any] = {}
    for question in QUESTIONS[kind]:
        if question.name in answers:
            _put(data, question.target, answers[question.name])
    return data


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


def next_id(kind: str, data: dict[str, Any], ledger: Ledger) -> str:
    """The next free id for the record, following the ledger format's id conventions."""
    taken = {entry.declared_id.casefold() for entry in ledger.entries if entry.declared_id}
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


def _base_id(kind: str, data: dict[str, Any]) -> str:
    if kind == "gaps":
        month = str(data["source_doc"]["date"])[:7]
        return slug(f"{month} {data['capability']} {data['mission']}")
    year = str(data["start_date"])[:4]
    if data["kind"] in ("preparatory", "side_event"):
        words = re.sub(r"(?i)^(preparatory conference|side event)( on| for)?", "", data["title"])
        prefix = "prep" if data["kind"] == "preparatory" else "side"
        return slug(f"{year} {prefix} {words}")
    return slug(f"{year} {data.get('city') or data['title']}")


class _RecordDumper(yaml.SafeDumper):
    """Plain YAML for records: decimals as numbers, dates unquoted, text that could be misread quoted,
    list items indented under their key as in the rest of the ledger."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # ledger files refuse anchors and aliases


_RecordDumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def render_record(kind: str, record_id: str, data: dict[str, Any]) -> str:
    """The file's text: the editor modeline, then the fields in the schema's order."""
    from pkledger.format.schema import record_schema

    ordered = {"id": record_id}
    for name in record_schema(kind)["properties"]:
        if name in data:
            ordered[name] = data[name]
    body = yaml.dump(ordered, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema=../../schemas/{kind_of(kind).schema_file}\n{body}"


def target_path(ledger_root: Path, kind: str, record_id: str) -> Path:
    return ledger_root / kind / f"{record_id}.yaml"


@dataclass(frozen=True)
class NewRecord:
    """A record ready to be written, and the warnings it carries."""

    path: Path
    text: str
    warnings: list[Problem]


def prepare(
    kind: str,
    answers: Answers,
    ledger: Ledger,
    record_id: str | None = None,
    ignore: Callable[[Path], bool] | None = None,
) -> NewRecord:
    """Give the record its id, render it, and check it against the whole ledger before writing.

    ``ignore`` leaves out the ledger's files as when it was opened; ``ledger`` itself is not changed.
    """
    from pkledger.ledger.opening import open_ledger

    data = record_data(kind, answers)
    record_id = record_id or next_id(kind, data, ledger)
    path = target_path(ledger.root, kind, record_id)
    text = render_record(kind, record_id, data)
    checked = open_ledger(ledger.root, ignore=ignore, adding={path: text})
    problems = list(checked.entries[-1].problems())
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        details = "; ".join(f"{p.path or 'record'}: {p.message}" for p in errors)
        raise PkledgerError(f"the new record would not be valid: {details}", hint=errors[0].hint)
    return NewRecord(path=path, text=text, warnings=problems)


def write_new(record: NewRecord) -> None:
    """Write the file atomically; refuse if a file of that name exists."""
    from pkledger.files import write_atomic

    write_atomic(record.path, record.text, overwrite=False)
