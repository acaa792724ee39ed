"""`new`'s questions, generated from the record models for the fields ``asked.ASKED`` lists.

From the model comes how an answer is read (a date, a whole number, an amount, a code in capitals),
its choices, whether it is needed (the field is required, or another answer makes it so:
pkledger.format.conditions), and the type each answer is checked against.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pkledger.analysis.asked import ASKED, Ask
from pkledger.format.conditions import CONDITIONS, MEASURE_NEEDED_WITHOUT
from pkledger.format.dates import PartialDate
from pkledger.format.kinds import kind_of
from pkledger.format.models.codes import Capitals
from pkledger.problems import FieldPath

Answers = dict[str, Any]


def _text(raw: str) -> Any:
    return raw.strip() or None


def _capitals(raw: str) -> Any:
    return raw.strip().upper() or None


def _whole(raw: str) -> Any:
    text = raw.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"'{text}' is not a whole number")
    return int(text)


def _date(raw: str) -> Any:
    """A whole date as a date (written unquoted), a month or a year as text (2021-12, 2021)."""
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


def _always(answers: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    """One field to ask for: where it goes in the record, how to read it, when it is needed."""

    name: str
    target: FieldPath
    prompt: str
    parse: Callable[[str], Any] = _text
    choices: tuple[str, ...] = ()
    required: Callable[[Answers], bool] = _always
    default: str | None = None
    applies: Callable[[Answers], bool] = _always
    """Whether to ask at all, given the answers so far (a ministerial has no parent)."""
    annotation: Any = field(default=str, repr=False)
    """The field's type in the model, to check an answer against."""
    group: str = ""
    """The list whose items are asked one after the other (`offers`), or ""."""

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def questions(kind: str) -> tuple[Question, ...]:
    """The questions for a kind of record, in the order they are asked."""
    model = kind_of(kind).model
    asked = ASKED[kind]
    return tuple(_question(kind, model, ask, asked[:position]) for position, ask in enumerate(asked))


def _question(kind: str, model: type[BaseModel], ask: Ask, before: tuple[Ask, ...]) -> Question:
    target: FieldPath = tuple(int(part) if part.isdigit() else part for part in ask.target.split("."))
    fields = list(_fields_on(model, target))
    annotation = fields[-1].rebuild_annotation()
    base, metadata = _unwrapped(annotation)
    listed = get_origin(base) is list
    if listed:  # a list is answered as items separated by commas, each read as the item's type
        base, metadata = _unwrapped(get_args(base)[0])
    name = ask.name
    required, applies = _when_needed(kind, fields, ask, before)
    return Question(
        name=name,
        target=target,
        prompt=ask.prompt or _prompt(name, base, optional=required is _optional),
        parse=_list_parser(base, metadata) if listed else _parser(base, metadata),
        choices=tuple(str(choice) for choice in get_args(base)) if get_origin(base) is Literal else (),
        required=required,
        default=ask.default,
        applies=applies,
        annotation=annotation,
        group=ask.group,
    )


def _fields_on(model: type[BaseModel], target: FieldPath) -> Iterator[FieldInfo]:
    """The model's field for each name along the path (a list's items are of the list's model)."""
    current: Any = model
    for part in target:
        if isinstance(part, int):
            continue
        found = current.model_fields[part]
        yield found
        current = _model_in(found.annotation)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((model for argument in get_args(annotation) if (model := _model_in(argument))), None)


def _unwrapped(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside an optional and annotated one, and the annotations around it."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = next(argument for argument in get_args(annotation) if argument is not type(None))
        return _unwrapped(inner)
    if get_origin(annotation) is Annotated:
        base, metadata = _unwrapped(get_args(annotation)[0])
        return base, [*annotation.__metadata__, *metadata]
    return annotation, []


def _parser(base: Any, metadata: list[Any]) -> Callable[[str], Any]:
    if base in (date, PartialDate):
        return _date
    if base is int:
        return _whole
    if base is Decimal:
        return _amount
    return _capitals if any(isinstance(item, Capitals) for item in metadata) else _text


def _list_parser(base: Any, metadata: list[Any]) -> Callable[[str], Any]:
    """Items separated by commas, each read as one answer; ACTOR:role for partners."""
    item = _partner if isinstance(base, type) and issubclass(base, BaseModel) else _parser(base, metadata)

    def parse(raw: str) -> Any:
        items = [item(part) for part in raw.split(",") if part.strip()]
        return [value for value in items if value is not None] or None

    return parse


def _partner(raw: str) -> Any:
    actor, colon, role = raw.strip().partition(":")
    if not colon or not actor.strip() or not role.strip():
        raise ValueError(f"'{raw.strip()}': write each partner as ACTOR:role, e.g. FRA:trainer")
    return {"actor": actor.strip().upper(), "role": role.strip()}


def _prompt(name: str, base: Any, *, optional: bool) -> str:
    dated = base in (date, PartialDate)
    notes = [
        note for note, wanted in (("YYYY-MM-DD, or YYYY-MM, YYYY", dated), ("optional", optional)) if wanted
    ]
    words = name.replace("_", " ").capitalize()
    return f"{words} ({', '.join(notes)})" if notes else words


def _is_required(fields: list[FieldInfo]) -> bool:
    return all(found.is_required() for found in fields)


def _when_needed(
    kind: str, fields: list[FieldInfo], ask: Ask, before: tuple[Ask, ...]
) -> tuple[Callable[[Answers], bool], Callable[[Answers], bool]]:
    """Whether the answer is needed, and whether to ask at all, given the answers before it.

    A field the model requires is needed; so is one that another answer requires
    (pkledger.format.conditions), and asked only then if it is allowed only then. A required field
    inside an optional one (a currency inside money) is asked once a field beside it was answered.
    """
    top = ask.target.split(".")[0]
    if ask.target.endswith("quantity.measure") or ask.target.endswith("quantity.qualifier"):
        return _quantity_part(ask)
    if ask.group:
        return _in_group(kind, ask)
    condition = next((found for found in CONDITIONS.get(kind, ()) if found.field == top), None)
    if _is_required(fields):
        return _always, _always
    parent = ask.target.rsplit(".", 1)[0]
    siblings = [earlier.name for earlier in before if earlier.target.rsplit(".", 1)[0] == parent]
    if len(fields) > 1 and fields[-1].is_required() and siblings:
        return _always, lambda answers: any(name in answers for name in siblings)
    if condition is None:
        return _optional, _always
    needed = _answer_in(condition.deciding, condition.values)
    return needed, needed if condition.only_then else _always


def _optional(answers: Answers) -> bool:
    return False


OFFER_INDEX = "_offer"
"""In the answers an offer's questions see: the index of the offer asked for (from 0)."""


def _quantity_part(ask: Ask) -> tuple[Callable[[Answers], bool], Callable[[Answers], bool]]:
    """A quantity's measure and qualifier: asked once its value is; the measure is needed when no
    capability gives it (an offer without one)."""
    asked = _answered("quantity")
    if ask.target.endswith("measure") and ask.group:
        return (lambda answers: asked(answers) and MEASURE_NEEDED_WITHOUT not in answers), asked
    return _optional, asked


def _in_group(kind: str, ask: Ask) -> tuple[Callable[[Answers], bool], Callable[[Answers], bool]]:
    """An offer's fields: the first offer of a unit pledge needs a capability; women are asked once
    personnel is."""
    name = ask.target.rsplit(".", 1)[-1]
    condition = next((found for found in CONDITIONS.get(kind, ()) if found.field == ask.group), None)
    if name == "capability" and condition is not None:
        needed = _answer_in(condition.deciding, condition.values)
        return (lambda answers: answers.get(OFFER_INDEX) == 0 and needed(answers)), _always
    if name == "women":
        return _always, _answered("personnel")
    return _optional, _always


def _answered(name: str) -> Callable[[Answers], bool]:
    return lambda answers: answers.get(name) is not None


def _answer_in(name: str, values: tuple[str, ...]) -> Callable[[Answers], bool]:
    return lambda answers: answers.get(name) in values
