"""Escaping user text for Markdown, so titles and notes cannot break tables or add markup."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def escape_markdown(text: object) -> str:
    """Escape Markdown and HTML-significant characters; newlines become spaces (table cells are one line)."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
