"""`pkledger brief`: the briefing pack written as Markdown and as self-contained HTML, both rendered
from one template context (``brief_context``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from markupsafe import Markup

from pkledger.errors import PkledgerError
from pkledger.files import write_together
from pkledger.output.brief_context import BriefContext, context
from pkledger.output.charts import bar_chart, coverage_chart
from pkledger.output.templating import render

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief


def with_charts(pack: BriefContext) -> BriefContext:
    """The context with its SVG charts drawn (our own markup, labels escaped)."""
    coverage = [(gap.id, gap.required_value, gap.covered - gap.announced, gap.announced) for gap in pack.gaps]
    categories = [(category.replace("_", " "), len(rows)) for category, rows in pack.categories]
    charts = {
        "coverage": Markup(coverage_chart("chart-coverage", "Gap coverage", coverage)),
        "categories": Markup(bar_chart("chart-categories", "Pledges by category", categories)),
        "pipeline": Markup(bar_chart("chart-pipeline", "Status pipeline", pack.pipeline)),
    }
    return replace(pack, charts=charts)


def render_markdown(pack: BriefContext, stream: TextIO) -> None:
    stream.write(render("brief.md.j2", brief=pack))


def render_html(pack: BriefContext, stream: TextIO) -> None:
    stream.write(render("brief.html.j2", brief=with_charts(pack)))


RENDERERS: dict[str, Callable[[BriefContext, TextIO], None]] = {".md": render_markdown, ".html": render_html}
"""The pack's files, by file name ending."""


def pack_files(brief: Brief) -> dict[str, str]:
    """The text of each file of the pack, by file name ending."""
    pack = context(brief)
    files = {}
    for suffix, renderer in RENDERERS.items():
        text = io.StringIO()
        renderer(pack, text)
        files[suffix] = text.getvalue()
    return files


def write_brief(brief: Brief, out: Path) -> list[Path]:
    """Write <id>.md and <id>.html into ``out`` (made if missing), as one change; return their paths."""
    if out.exists() and not out.is_dir():
        raise PkledgerError(
            f"{out.as_posix()}: is a file, not a folder", hint="--out names the folder to write the pack to"
        )
    files = {f"{brief.conference.id}{suffix}": text for suffix, text in pack_files(brief).items()}
    try:
        return write_together(out, files)
    except OSError as error:
        raise PkledgerError(
            f"{out.as_posix()}: the pack cannot be written there: {error.strerror or error}",
            hint="pass --out a folder you may write to",
        ) from None
