"""Rendering and writing the briefing pack: Markdown and self-contained HTML from one context."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from pkledger.analysis.brief import BriefContext
from pkledger.errors import PkledgerError
from pkledger.files import write_atomic
from pkledger.ledger.git import run_git
from pkledger.output.charts import bar_chart, coverage_chart
from pkledger.output.templating import render


def ledger_version(root: Path) -> str:
    """The git commit the ledger is at, so a pack can be traced to its data."""
    try:
        commit = run_git(["rev-parse", "--short=12", "HEAD"], root).decode().strip()
        changed = run_git(["status", "--porcelain", "--", "."], root).strip()
    except PkledgerError:
        return "not under git version control"
    return f"git commit {commit}" + (", with uncommitted changes" if changed else "")


def with_charts(brief: BriefContext) -> BriefContext:
    """The context with its SVG charts drawn (our own markup, labels escaped)."""
    coverage = [(gap.id, gap.required, gap.covered - gap.announced, gap.announced) for gap in brief.gaps]
    categories = [(category.replace("_", " "), len(rows)) for category, rows in brief.categories]
    brief.charts = {
        "coverage": Markup(coverage_chart("chart-coverage", "Gap coverage", coverage)),
        "categories": Markup(bar_chart("chart-categories", "Pledges by category", categories)),
        "pipeline": Markup(bar_chart("chart-pipeline", "Status pipeline", brief.pipeline)),
    }
    return brief


def render_markdown(brief: BriefContext) -> str:
    return render("brief.md.j2", brief=brief)


def render_html(brief: BriefContext) -> str:
    return render("brief.html.j2", brief=with_charts(brief))


def write_brief(brief: BriefContext, out: Path) -> list[Path]:
    """Write <id>.md and <id>.html into ``out``; return their paths."""
    stem = out / brief.conference.id
    written = []
    for suffix, content in ((".md", render_markdown(brief)), (".html", render_html(brief))):
        path = stem.with_suffix(suffix)
        write_atomic(path, content)
        written.append(path)
    return written
