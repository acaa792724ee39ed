"""Charts as inline SVG: no JavaScript, nothing loaded from the network, readable by screen readers.

Each chart has a <title> and <desc> (its alt text) and the pack shows the same numbers in a
table beside it. Labels are escaped here; the markup is our own.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as html_escape

from pkledger.output.escape import reveal


def escape(text: str) -> str:
    """Text for SVG: hidden characters revealed, then HTML-escaped."""
    return html_escape(reveal(text))


BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 270
LABEL_CHARACTERS = 40
BAR_WIDTH = 360
COLOURS = {"primary": "#1f4e79", "secondary": "#7f9cbf", "alert": "#a4262c", "track": "#e6e6e6"}


def _frame(chart_id: str, title: str, description: str, height: int, body: list[str]) -> str:
    width = LABEL_WIDTH + BAR_WIDTH + 60
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    )
    return "\n".join(
        [
            head,
            f'<title id="{chart_id}-title">{escape(title)}</title>',
            f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _row(index: int, label: str, parts: Sequence[tuple[int, str]], scale: float, note: str) -> list[str]:
    y = GAP + index * (BAR_HEIGHT + GAP)
    text_y = y + BAR_HEIGHT * 0.7
    shown = label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"
    shapes = [f'<text x="0" y="{text_y:.1f}" font-size="12" fill="#222">{escape(shown)}</text>']
    shapes.append(
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="{COLOURS["track"]}"/>'
    )
    x = float(LABEL_WIDTH)
    for value, colour in parts:
        width = value * scale
        if width > 0:
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
        x += width
    shapes.append(
        f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="{text_y:.1f}" font-size="12" fill="#222">{escape(note)}</text>'
    )
    return shapes


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, one per item, longest first as given."""
    largest = max((value for _, value in items), default=0) or 1
    scale = BAR_WIDTH / largest
    body = [
        shape
        for index, (label, value) in enumerate(items)
        for shape in _row(index, label, [(value, COLOURS["primary"])], scale, str(value))
    ]
    described = "; ".join(f"{label}: {value}" for label, value in items) or "no data"
    return _frame(chart_id, title, described, _height(len(items)), body)


def coverage_chart(chart_id: str, title: str, rows: Sequence[tuple[str, int, int, int]]) -> str:
    """For each gap (label, required, covered by firm pledges, covered by announced ones): a bar of
    what is required, filled with what is covered."""
    largest = max((required for _, required, _, _ in rows), default=0) or 1
    scale = BAR_WIDTH / largest
    body: list[str] = []
    for index, (label, required, firm, announced) in enumerate(rows):
        parts = [(firm, COLOURS["primary"]), (announced, COLOURS["secondary"])]
        note = f"{firm + announced}/{required}"
        body += _row(index, label, parts, scale, note)
    described = "; ".join(
        f"{label}: {firm + announced} of {required} units covered ({announced} by announced pledges)"
        for label, required, firm, announced in rows
    )
    return _frame(chart_id, title, described or "no gaps", _height(len(rows)), body)


def _height(rows: int) -> int:
    return GAP + max(rows, 1) * (BAR_HEIGHT + GAP)
