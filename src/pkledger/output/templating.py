"""The Jinja environments: templates in the package, StrictUndefined, and one escaping layer per
kind of page (pkledger.output.escape).

- HTML (`*.html.j2`): autoescape, and every value's hidden characters revealed first; links only
  to http(s) addresses (the `httpurl` filter gives None for any other).
- Markdown (`*.md.j2`): every value is escaped as inert Markdown unless it is Markup of pkledger's
  own making (the `md` and `mdlink` filters make it), so that no value can add a link, an image,
  emphasis, HTML or a mention, even one a template forgot to filter.
"""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pkledger.output.escape import css_string, http_url, markdown, markdown_link, reveal


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(".html.j2")


def _reveal_hidden(value: object) -> object:
    """HTML: a value with its hidden characters shown (autoescape then escapes it); Markup as it is."""
    return value if isinstance(value, Markup) or not isinstance(value, str) else reveal(value)


def _markdown_value(value: object) -> Markup:
    """Markdown: any value not made by pkledger as inert text."""
    return value if isinstance(value, Markup) else Markup(markdown(value))


@functools.cache
def environment(kind: str = "html") -> Environment:
    """Templates from pkledger/templates; undefined names are errors, never empty text. ``kind`` is
    "html" (autoescape by template name) or "markdown" (every value escaped as Markdown)."""
    env = Environment(
        loader=PackageLoader("pkledger.output", "templates"),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_markdown_value if kind == "markdown" else _reveal_hidden,
    )
    env.filters["md"] = lambda value: Markup(markdown(value))
    env.filters["mdlink"] = lambda text, url: Markup(markdown_link(text, url))
    env.filters["httpurl"] = http_url
    env.filters["cssstring"] = lambda text: Markup(css_string(text))
    env.filters["pct"] = lambda value: f"{value:.0%}"
    return env


def render(template: str, **context: object) -> str:
    kind = "markdown" if template.endswith(".md.j2") else "html"
    return environment(kind).get_template(template).render(**context)
