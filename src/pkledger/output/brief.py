"""`pkledger brief`: the briefing pack written as Markdown and as self-contained HTML, both rendered
from one template context (``brief_context``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from markupsafe import Markup

from pkledger.errors import PkledgerError, UsageError
from pkledger.files import write_together
from pkledger.output.brief_context import BriefContext, context
from pkledger.output.brief_pdf import html_to_pdf
from pkledger.output.charts import bar_chart, coverage_chart
from pkledger.output.escape import terminal
from pkledger.output.templating import render

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief


def with_charts(pack: BriefContext) -> BriefContext:
    """The context with its SVG charts drawn (our own markup, labels escaped)."""
    coverage = [(gap.id, gap.required_value, gap.covered - gap.announced, gap.announced) for gap in pack.gaps]
    categories = [(rows[0].category_label, len(rows)) for _, rows in pack.categories]
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
"""The pack's text files, by file name ending."""
FORMATS = ("md", "html", "pdf")
"""What --format may name; the PDF is the HTML printed."""
DEFAULT_FORMATS = ("md", "html")


def parse_formats(text: str) -> tuple[str, ...]:
    """A comma list of formats ("md,html,pdf"), checked, in FORMATS order."""
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(FORMATS))
    if unknown or not asked:
        raise UsageError(
            f"--format {text!r}: unknown format {', '.join(unknown) or '(none)'}",
            hint="name one or more of md, html, pdf, separated by commas (e.g. md,html,pdf)",
        )
    return tuple(name for name in FORMATS if name in asked)


def refusal(left_out: list[tuple[str, str]]) -> PkledgerError:
    """The error for a ledger with record files with errors: each named, safe for a terminal."""
    listed = "\n".join(f"  {terminal(name)}: {terminal(why)}" for name, why in left_out)
    return PkledgerError(
        f"the ledger has {len(left_out)} record file(s) with errors; a pack without them would mislead:\n{listed}",
        hint="fix them (`pkledger validate`), or pass --allow-invalid to write the pack with a box naming them",
    )


def pack_files(brief: Brief, formats: tuple[str, ...] = DEFAULT_FORMATS) -> dict[str, str | bytes]:
    """The content of each file of the pack, by file name ending."""
    pack = context(brief)
    files: dict[str, str | bytes] = {}
    for suffix, renderer in RENDERERS.items():
        if suffix[1:] in formats or (suffix == ".html" and "pdf" in formats):
            text = io.StringIO()
            renderer(pack, text)
            files[suffix] = text.getvalue()
    if "pdf" in formats:
        html = files[".html"]
        files[".pdf"] = html_to_pdf(html if isinstance(html, str) else html.decode())
        if "html" not in formats:
            del files[".html"]
    return files


def write_brief(brief: Brief, out: Path, formats: tuple[str, ...] = DEFAULT_FORMATS) -> list[Path]:
    """Write <id>.md, <id>.html and <id>.pdf (as asked) into ``out`` (made if missing), as one
    change; return their paths."""
    files = {f"{brief.conference.id}{suffix}": text for suffix, text in pack_files(brief, formats).items()}
    return write_pack(out, files)


def write_pack(out: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write a pack's files into the folder ``out`` (made if missing) as one change, or say in
    words why they cannot be written there."""
    if out.exists() and not out.is_dir():
        raise PkledgerError(
            f"{out.as_posix()}: is a file, not a folder", hint="--out names the folder to write the pack to"
        )
    try:
        return write_together(out, files)
    except OSError as error:
        raise PkledgerError(
            f"{out.as_posix()}: the pack cannot be written there: {error.strerror or error}",
            hint="pass --out a folder you may write to",
        ) from None
