"""The values a cache file may hold, checked one by one: a cache is untrusted input (docs/security.md),
so each reader takes a value only when it has exactly the expected type, and raises otherwise (the
whole file is then ignored and written again)."""

from __future__ import annotations

from typing import Any

from pkledger.problems import FieldPath


def a_list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


def a_mapping(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise TypeError("expected a mapping")
    return value


def a_text(value: Any, *, empty: bool = True) -> str:
    if type(value) is not str or (not empty and not value):
        raise TypeError("expected text")
    return value


def a_flag(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError("expected true or false")
    return value


def a_field_path(value: Any) -> FieldPath:
    parts = a_list(value)
    if not all(type(part) is str or (type(part) is int and part >= 0) for part in parts):
        raise ValueError("not a field path")
    return tuple(parts)
