"""Renderings of `pkledger diff`: plain text, JSON, and Markdown sized for a pull-request comment."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from pkledger.output.diff.json import write_json
from pkledger.output.diff.markdown import write_markdown
from pkledger.output.diff.text import write_text

if TYPE_CHECKING:
    from pkledger.analysis.diff import LedgerDiff

RENDERERS: dict[str, Callable[[LedgerDiff, TextIO], None]] = {
    "text": write_text,
    "json": write_json,
    "markdown": write_markdown,
}
