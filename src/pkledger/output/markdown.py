"""Markdown tables, with cells escaped by pkledger.output.escape.markdown (re-exported here as
``escape_markdown``), so that titles and notes cannot break tables or add markup."""

from __future__ import annotations

from pkledger.output.escape import markdown as escape_markdown

__all__ = ["escape_markdown", "table"]


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured Markdown table; cells must already be escaped."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
