"""The one Jinja environment: templates in the package, StrictUndefined, HTML autoescape, a
Markdown escaping filter for user text."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined

from pkledger.output.markdown import escape_markdown


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(".html.j2")


@functools.cache
def environment() -> Environment:
    """Templates from pkledger/templates; undefined names are errors, never empty text."""
    env = Environment(
        loader=PackageLoader("pkledger.output", "templates"),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["mdurl"] = lambda url: str(url).replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    env.filters["pct"] = lambda value: f"{value:.0%}"
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
