"""One escaping layer per output kind: every value a ledger or a file name gives reaches a reader
through one of these, and can never become markup, a command or a hidden character there.

- Terminal text (``terminal``): control characters (ANSI escapes among them), bidirectional
  controls and other invisible characters are shown as ``\\x1b``, ``\\u202e``, never emitted.
- JSON (``dump_json``): the same characters as ``\\u`` escapes, which JSON reads back as they were.
- GitHub workflow commands (``workflow_data``, ``workflow_property``, ``workflow_safe``; the stream
  ``streams.WorkflowSafeStream``):
  under GitHub Actions no line pkledger prints can start a workflow command, except the
  annotations it makes itself (``write_command``).
- Markdown (``markdown``, ``markdown_url``): a value is inert text: no link, image, emphasis,
  HTML, autolink, @mention or #reference; links only to http(s) addresses, written by pkledger.
- HTML: Jinja's autoescape, with hidden characters revealed (``reveal``); URLs by ``http_url``.
- SARIF (``sarif_uri``): paths percent-encoded.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from pkledger.format.characters import code_point, is_hidden

__all__ = ["code_point", "is_hidden"]  # the characters this layer shows as escapes, defined with the format


def _escaped(character: str) -> str:
    number = ord(character)
    if number < 0x100:
        return f"\\x{number:02x}"
    return f"\\u{number:04x}" if number < 0x10000 else f"\\U{number:08x}"


def reveal(text: object) -> str:
    """The text with every hidden character shown as its escape (``\\u202e``); tabs and line
    breaks too, so that the text is one line."""
    value = str(text)
    if value.isascii() and value.isprintable():
        return value
    return "".join(_escaped(character) if is_hidden(character) else character for character in value)


def terminal(text: object, *, lines: bool = False) -> str:
    """A value for a terminal: no control character, escape sequence or invisible character is
    emitted. With ``lines``, line breaks are kept (each line is revealed on its own)."""
    value = str(text)
    if lines:
        return "\n".join(reveal(line) for line in value.split("\n"))
    return reveal(value)


# JSON ------------------------------------------------------------------------------------------


def dump_json(document: Any, stream: TextIO, *, indent: int | None = 2) -> None:
    """A document as JSON (non-ASCII text kept readable, hidden characters as \\u escapes), and a
    final line break."""
    stream.write(json_text(document, indent=indent) + "\n")


def json_text(document: Any, *, indent: int | None = 2) -> str:
    """``json.dumps(document, indent=indent, ensure_ascii=False)``, byte for byte, with hidden
    characters as \\u escapes. Indented JSON is laid out here (``_indented``): the standard
    library's encoder falls back to pure Python whenever it indents, and a report of thousands of
    problems spent most of its time there."""
    if indent is None:
        text = json.dumps(document, ensure_ascii=False)
    else:
        try:
            text = _indented(document, "\n", " " * indent)
        except _Unusual:
            text = json.dumps(document, indent=indent, ensure_ascii=False)
    if text.isascii() and "\x7f" not in text:
        return text
    return _BEYOND_PRINTABLE_ASCII.sub(_revealed_in_json, text)


class _Unusual(Exception):
    """A value ``_indented`` leaves to the standard library (a key that is not text, a float, a
    value JSON has no form for), which then says what it says of it."""


_SCALARS: dict[type, Any] = {
    str: json.encoder.encode_basestring,  # ensure_ascii=False, in C
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}
_BEYOND_PRINTABLE_ASCII = re.compile(r"[^\x00-\x7e]")
"""Delete and every character beyond ASCII: the JSON encoder escapes the controls below space."""


def _indented(value: Any, newline: str, step: str) -> str:
    """A value as indented JSON: mappings and lists here, text and numbers by the C encoder."""
    kind = type(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = newline + step
        encode = json.encoder.encode_basestring
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            scalar = _SCALARS.get(type(item))  # most values: no call of this function for them
            items.append(
                f"{inner}{encode(key)}: {_indented(item, inner, step) if scalar is None else scalar(item)}"
            )
        return "{" + ",".join(items) + newline + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = newline + step
        return "[" + ",".join([inner + _indented(item, inner, step) for item in value]) + newline + "]"
    scalar = _SCALARS.get(kind)
    if scalar is None:
        raise _Unusual
    return scalar(value)  # type: ignore[no-any-return]


def _revealed_in_json(match: re.Match[str]) -> str:
    character = match.group()
    return _json_escape(character) if is_hidden(character) else character


def _json_escape(character: str) -> str:
    number = ord(character)
    if number < 0x10000:
        return f"\\u{number:04x}"
    number -= 0x10000  # beyond the BMP: a surrogate pair, as JSON's escapes are 16-bit
    return f"\\u{0xD800 + (number >> 10):04x}\\u{0xDC00 + (number & 0x3FF):04x}"


# GitHub workflow commands ----------------------------------------------------------------------

_V1_COMMAND = "##["


def workflow_data(text: str) -> str:
    """A workflow command's message: line breaks and % escaped, hidden characters revealed."""
    return reveal_keeping_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A workflow command's property value (file, title): also : and , escaped. Hidden characters
    are revealed (an annotation on a file whose name has one is not placed on its lines)."""
    escaped = reveal_keeping_lines(str(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return escaped.replace(":", "%3A").replace(",", "%2C")


def reveal_keeping_lines(text: str) -> str:
    return "\n".join(reveal(line) for line in str(text).split("\n"))


def workflow_safe(line: str) -> str:
    """A line of output that GitHub Actions cannot read as a workflow command: one that would start
    with `::` (after spaces) gets a backslash before it, and `##[` anywhere becomes `##\\[`."""
    stripped = line.lstrip()
    if stripped.startswith("::"):
        line = line[: len(line) - len(stripped)] + "\\" + stripped
    return line.replace(_V1_COMMAND, "##\\[")


# Markdown --------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!&$])")
_SCHEME_COLON = re.compile(r"(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
_WWW_DOT = re.compile(r"(?i)\b(www)\.")
_MENTION_OR_REFERENCE = re.compile(r"[@#]")


def markdown(text: object) -> str:
    """A value as inert Markdown on one line (a table cell, a list item, a heading).

    Markdown's and HTML's special characters are escaped with a backslash; `@` and `#` go in a
    code span, so that no @mention, email link or #reference is made of them; the colon of a
    scheme (`https:`, `javascript:`) and the dot of `www.` are escaped, so that no bare address
    becomes a link; hidden characters are revealed; line breaks become spaces.
    """
    flat = " ".join(reveal_keeping_lines(str(text)).split())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    escaped = _SCHEME_COLON.sub(r"\1\\:", escaped)
    escaped = _WWW_DOT.sub(r"\1\\.", escaped)
    return _MENTION_OR_REFERENCE.sub(lambda found: f"`{found.group(0)}`", escaped)


def http_url(url: object) -> str | None:
    """The address when it is an http(s) URL with a host (the only links pkledger writes), else None."""
    from urllib.parse import urlsplit  # the reports that write no link do without it

    text = str(url).strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(map(is_hidden, text)):
        return None
    return text


def markdown_url(url: str) -> str:
    """An http(s) address for a link destination in angle brackets: every character that could end
    the destination, split a table row or hide is percent-encoded."""
    from urllib.parse import quote

    return quote(url, safe="!#$%&'()*+,-./:;=?@[]_~")


def markdown_link(text: object, url: object) -> str:
    """A link pkledger writes: to an http(s) address only; any other address is shown as text."""
    target = http_url(url)
    if target is None:
        shown = markdown(url)
        return f"{markdown(text)} ({shown})" if shown else markdown(text)
    return f"[{markdown(text)}](<{markdown_url(target)}>)"


# SARIF -----------------------------------------------------------------------------------------


def sarif_uri(path: str) -> str:
    """A relative path as a URI reference: every character but unreserved ones and / percent-encoded."""
    from urllib.parse import quote

    return quote(path, safe="/")


def css_string(text: object) -> str:
    """A quoted CSS string for any text: every character but letters, digits and a few safe marks
    as a hex escape, so that ledger text cannot end the string, the rule or the <style> element."""
    shown = reveal(text)
    return (
        '"'
        + "".join(c if c.isascii() and (c.isalnum() or c in " .,:-()") else f"\\{ord(c):06x} " for c in shown)
        + '"'
    )
