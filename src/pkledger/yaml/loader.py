"""Safe YAML loading with positions: one ledger file's bytes in, a document and findings out.

Data files are read with libyaml's event parser (PyYAML's C extension, or its pure-Python parser
where libyaml is missing) and turned into plain values by our own small builder
(``pkledger.yaml.builder``), which implements the ledger format's safe subset. Size is capped
here, before parsing; every failure becomes a finding, never an exception. Every key and value
keeps its line and column.
"""

from __future__ import annotations

from pathlib import Path

from pkledger.files import MAX_FILE_BYTES, NotARegularFile, TooLarge, read_regular
from pkledger.problems import Finding, Span
from pkledger.yaml.builder import Builder
from pkledger.yaml.document import LoadResult
from pkledger.yaml.syntax import PARSER_ERRORS, parser_finding


def load_file(path: Path) -> LoadResult:
    """Read and parse one data file; every failure becomes a finding, never an exception."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotARegularFile as error:
        return _fail(*not_regular_finding(error.what))
    except TooLarge as error:
        return _fail("file-too-large", _too_large_message(error.size), _TOO_LARGE_HINT)
    except OSError as error:
        return _fail("file-unreadable", f"the file cannot be read: {error.strerror or error}", None)
    return parse_bytes(data)


def parse_bytes(data: bytes) -> LoadResult:
    """Parse the bytes of one data file."""
    if len(data) > MAX_FILE_BYTES:
        return _fail("file-too-large", _too_large_message(len(data)), _TOO_LARGE_HINT)
    text_or_failure = _decode(data)
    if isinstance(text_or_failure, LoadResult):
        return text_or_failure
    builder = Builder(text_or_failure)
    try:
        return builder.build()
    except PARSER_ERRORS as error:
        return LoadResult(None, [*builder.findings, parser_finding(text_or_failure, error)])


def not_regular_finding(what: str) -> tuple[str, str, str]:
    """The finding's name, message and hint for a path that is a link, a pipe or a device."""
    message = f"this is {what}, not a regular file: pkledger does not follow or read it"
    return (
        "not-a-regular-file",
        message,
        "replace it with the file itself (a ledger holds regular files only)",
    )


_TOO_LARGE_HINT = "a ledger file holds one record; move long texts to a linked source document"


def _too_large_message(size: int) -> str:
    return f"the file is {size / 1048576:.1f} MiB; ledger files may be at most 1 MiB"


def _fail(name: str, message: str, hint: str | None, at: Span | None = None) -> LoadResult:
    return LoadResult(None, [Finding(name, (), message, hint, at=at)])


_UTF16_OR_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def _decode(data: bytes) -> str | LoadResult:
    if data.startswith(_UTF16_OR_32_BOMS):
        return _fail(
            "not-utf8",
            'the file is saved as UTF-16 or UTF-32 ("Unicode" in some editors), not UTF-8',
            "save the file with UTF-8 encoding",
            Span(1, 1, 1, 2),
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        at = _span_at_byte(data, nul)
        return _fail(
            "binary-file",
            "the file looks binary (it contains NUL bytes), not YAML text",
            "check that the right file was added; ledger files are UTF-8 text",
            at,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return _not_utf8(data, error)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return _fail("empty-file", "the file is empty", "a record file holds one YAML mapping")
    return text


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> LoadResult:
    byte = data[error.start]
    hint = "save the file with UTF-8 encoding"
    try:
        data.decode("cp1252")
        hint += " (it looks like Latin-1 or Windows-1252 text)"
    except UnicodeDecodeError:
        pass
    return _fail(
        "not-utf8",
        f"the file is not valid UTF-8: byte 0x{byte:02X} cannot start or continue a character",
        hint,
        _span_at_byte(data, error.start),
    )


def _span_at_byte(data: bytes, offset: int) -> Span:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Span(line, column, line, column + 1)
