"""No value of a ledger, and no file name, can forge output: each injection in each output format,
checked as a reader sees it (the terminal's bytes, GitHub's workflow-command parser, Markdown
through markdown-it-py, HTML through Chromium's DOM, SARIF's URIs).

The ledger of tests/fixtures/security/injection puts Markdown, HTML, addresses, mentions, ANSI
escapes, a right-to-left override and line breaks before workflow commands in every value a
command shows; file names with the same are made at test time.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner, Result

from pkledger.cli.app import app
from tests.gitrepo import commit_all
from tests.security.conftest import CASES
from tests.test_brief import CHROMIUM_FLAGS, chromium

INJECTION = CASES / "injection"
HOSTILE_NAMES = {
    "pledges/2021-seoul-KOR-002.yaml\n::error title=owned::pwned.yaml": "id: nope\n",
    "pledges/\u202egnp.exe": "not a record\n",
    "pledges/2021-seoul-KOR-009.yaml": '"k\u202e\\n::warning::forged\\e[2J": 1\nid: 2021-seoul-KOR-009\n',
}
"""Files made at test time (git cannot hold some of these names portably): name -> content."""
SOURCE_URLS = [
    "https://example.org/a|![x](https://evil.example/i.png)**VERIFIED**|",
    "https://example.org/s|![x](https://evil.example/i.png)**VERIFIED**|",
]
"""The only addresses a link may go to: the sources' http(s) URLs, linked by pkledger."""
DATA_MARKERS = re.compile(r"VERIFIED|struck|x\^2|bold|click")
GITHUB = {"GITHUB_ACTIONS": "true"}
HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}


@pytest.fixture
def hostile(repo: Path) -> tuple[Path, str]:
    """The repository with the small ledger committed (the base), and the hostile ledger in the
    working tree: returns the repository and the base commit."""
    base = commit_all(repo, "base")
    shutil.rmtree(repo / "data")
    shutil.copytree(INJECTION, repo / "data")
    for name, text in HOSTILE_NAMES.items():
        (repo / "data" / name).write_text(text, encoding="utf-8")
    return repo, base


def invoke(arguments: list[str], *, github: bool = False) -> Result:
    return CliRunner().invoke(app, arguments, env=GITHUB if github else {"GITHUB_ACTIONS": None})


# What a terminal receives, byte by byte -----------------------------------------------------------


def assert_terminal_safe(data: bytes, where: str) -> None:
    """UTF-8 text whose only control characters are line breaks and tabs, with no escape sequence,
    bidirectional control or invisible character."""
    text = data.decode("utf-8")
    hidden = [
        f"U+{ord(c):04X}" for c in text if c not in "\n\t" and unicodedata.category(c) in HIDDEN_CATEGORIES
    ]
    assert hidden == [], f"{where} emits {hidden[:8]}"


def assert_no_forged_commands(text: str, where: str) -> None:
    """No line GitHub Actions reads as a workflow command, but pkledger's own annotations."""
    assert "##[" not in text, f"{where}: a v1 workflow command"
    for line in text.splitlines():
        if line.lstrip().startswith("::"):
            own = re.match(r"::(error|warning) file=[^,:\n]*(,line=\d+)?(,col=\d+)?,title=PKL\d{3}::", line)
            assert own, f"{where}: a forged workflow command: {line!r}"


OUTPUTS = [
    ["validate", "--format", "text", "data"],
    ["validate", "--format", "json", "data"],
    ["validate", "--format", "github", "data"],
    ["validate", "--format", "sarif", "data"],
    ["match", "--format", "text"],
    ["match", "--format", "markdown"],
    ["list", "pledges", "--format", "table"],
    ["list", "pledges", "--format", "csv"],
    ["list", "gaps", "--format", "json"],
    ["list", "conferences", "--format", "table"],
    ["show", "2021-seoul-KOR-001", "--format", "text"],
    ["show", "2021-seoul", "--format", "text"],
    ["show", "2021-seoul-KOR-001", "--format", "json"],
]


@pytest.mark.parametrize("arguments", OUTPUTS, ids=" ".join)
def test_output_is_safe_for_a_terminal_and_for_github_actions(
    hostile: tuple[Path, str], arguments: list[str]
) -> None:
    result = invoke(arguments, github=True)
    assert result.exit_code in (0, 1), result.output
    assert_terminal_safe(result.stdout_bytes, "stdout")
    assert_terminal_safe(result.stderr_bytes, "stderr")
    assert_no_forged_commands(result.stdout, "stdout")
    assert_no_forged_commands(result.stderr, "stderr")


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_diff_is_safe_for_a_terminal_and_for_github_actions(
    hostile: tuple[Path, str], output_format: str
) -> None:
    _, base = hostile
    result = invoke(["diff", base, "--format", output_format], github=True)
    assert result.exit_code == 0, result.output
    assert_terminal_safe(result.stdout_bytes, "stdout")
    assert_no_forged_commands(result.stdout, "stdout")
    assert_no_forged_commands(result.stderr, "stderr")


def test_brief_notes_are_safe_for_a_terminal_and_for_github_actions(
    hostile: tuple[Path, str], tmp_path: Path
) -> None:
    arguments = ["brief", "2021-seoul", "--out", str(tmp_path / "pack"), "--as-of", "2024-01-31"]
    refused = invoke(arguments, github=True)  # the refusal lists the bad files and their errors
    assert refused.exit_code == 1, refused.output
    assert "record file(s) with errors" in refused.stderr
    result = invoke([*arguments, "--allow-invalid"], github=True)
    assert result.exit_code == 0, result.output
    assert "left out" in result.stderr
    for output in (refused, result):
        assert_terminal_safe(output.stderr_bytes, "stderr")
        assert_no_forged_commands(output.stderr, "stderr")


def test_a_bidirectional_override_is_shown_not_obeyed(hostile: tuple[Path, str]) -> None:
    result = invoke(["list", "pledges", "--format", "csv"])
    assert "\\u202egnp.exe" in result.stdout  # the reader sees the override, written out
    assert "\u202e" not in result.stdout


# Markdown, as markdown-it-py parses it -----------------------------------------------------------


def markdown_reader() -> MarkdownIt:
    """CommonMark with GitHub's tables and strikethrough, and its autolinks of bare addresses (www.,
    http(s)://, e-mail) by linkify."""
    reader = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    assert reader.linkify is not None, "linkify-it-py (the dev extra) recognises bare addresses"
    reader.linkify.set({"fuzzy_link": False})  # GitHub links `www.x` and `https://x`, not a bare `x.org`
    return reader


def flat(tokens: list[Token]) -> list[Token]:
    return [found for token in tokens for found in [token, *flat(token.children or [])]]


def assert_inert_markdown(text: str, where: str) -> None:
    """No image, no link but to a source's http(s) address, no emphasis, strikethrough or HTML made
    of data, no @mention or #reference, and every table row whole."""
    reader = markdown_reader()
    allowed = {reader.normalizeLink(url) for url in SOURCE_URLS}
    tokens = flat(reader.parse(text))
    assert [t for t in tokens if t.type == "image"] == [], f"{where}: an image"
    for token in tokens:
        if token.type == "link_open":
            assert token.attrs["href"] in allowed, f"{where}: a link to {token.attrs['href']}"
        if token.type in ("html_inline", "html_block"):
            for line in token.content.strip().splitlines():
                own = re.fullmatch(r"</?details>|<summary>[^<>]*</summary>|<!-- pkledger-diff -->", line)
                assert own, f"{where}: HTML {line!r}"
        if token.type == "text":
            assert not re.search(r"(?:^|[^\w`])@\w", token.content), (
                f"{where}: a mention in {token.content!r}"
            )
            assert not re.search(r"(?:^|[^\w&])#\d", token.content), (
                f"{where}: a reference in {token.content!r}"
            )
    for opening, closing in (("strong_open", "strong_close"), ("em_open", "em_close"), ("s_open", "s_close")):
        for inner in spans(tokens, opening, closing):
            assert not DATA_MARKERS.search(inner), f"{where}: {opening} around data: {inner!r}"
    assert_tables_whole(reader, text, where)


def spans(tokens: list[Token], opening: str, closing: str) -> list[str]:
    found, depth, inner = [], 0, ""
    for token in tokens:
        if token.type == opening:
            depth += 1
        elif token.type == closing:
            depth -= 1
            if depth == 0:
                found.append(inner)
                inner = ""
        elif depth and token.type in ("text", "code_inline"):
            inner += token.content
    return found


def assert_tables_whole(reader: MarkdownIt, text: str, where: str) -> None:
    cells, rows = 0, []
    for token in reader.parse(text):
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            rows.append(cells)
        elif token.type == "table_close":
            assert len(set(rows)) == 1, f"{where}: a table row with the wrong number of cells: {rows}"
            rows = []


def test_the_markdown_pack_is_inert(hostile: tuple[Path, str], tmp_path: Path) -> None:
    result = invoke(
        ["brief", "2021-seoul", "--out", str(tmp_path / "pack"), "--as-of", "2024-01-31", "--allow-invalid"]
    )
    assert result.exit_code == 0, result.output
    pack = (tmp_path / "pack" / "2021-seoul.md").read_bytes()
    assert_inert_markdown(pack.decode(), "the .md pack")
    assert_terminal_safe(pack, "the .md pack")
    assert markdown_reader().normalizeLink(SOURCE_URLS[0]) in markdown_reader().render(pack.decode())


def test_the_pull_request_comment_is_inert(hostile: tuple[Path, str]) -> None:
    _, base = hostile
    result = invoke(["diff", base, "--format", "markdown"])
    assert "2021-seoul-KOR-001" in result.stdout
    assert_inert_markdown(result.stdout, "the comment")


def test_the_match_report_in_markdown_is_inert(hostile: tuple[Path, str]) -> None:
    result = invoke(["match", "--format", "markdown"])
    assert "2021-seoul-USA-001" in result.stdout
    assert_inert_markdown(result.stdout, "match --format markdown")


# HTML, as Chromium builds it ---------------------------------------------------------------------


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def chromium_dom(page: Path, profile: Path) -> _Dom:
    """The document as Chromium built it (scripts, had any been allowed, run first)."""
    command = [
        chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=3000",
        "--dump-dom", page.as_uri(),
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    dom = _Dom()
    dom.feed(completed.stdout)
    return dom


def test_the_html_pack_is_inert_in_a_browser(hostile: tuple[Path, str], tmp_path: Path) -> None:
    result = invoke(
        ["brief", "2021-seoul", "--out", str(tmp_path / "pack"), "--as-of", "2024-01-31", "--allow-invalid"]
    )
    assert result.exit_code == 0, result.output
    dom = chromium_dom(tmp_path / "pack" / "2021-seoul.html", tmp_path / "profile")
    tags = [tag for tag, _ in dom.elements]
    assert not {"script", "img", "iframe", "object", "embed", "form", "link", "base"} & set(tags)
    for tag, attributes in dom.elements:
        assert not [name for name in attributes if name.startswith("on")], f"an event handler on <{tag}>"
        href = attributes.get("href") or ""
        if tag == "a" and not href.startswith("#"):
            assert href in [url.replace("|", "%7C") for url in SOURCE_URLS] + SOURCE_URLS, href
    policy = [a.get("content") for tag, a in dom.elements if tag == "meta" and a.get("http-equiv")]
    assert policy == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    hidden = [
        f"U+{ord(c):04X}"
        for c in dom.text
        if c not in "\n\t" and unicodedata.category(c) in HIDDEN_CATEGORIES
    ]
    assert hidden == []
    assert "<script>alert(1)</script>" in dom.text  # shown as text, never run


# SARIF and JSON --------------------------------------------------------------------------------


def test_sarif_uris_are_percent_encoded(hostile: tuple[Path, str]) -> None:
    result = invoke(["validate", "--format", "sarif", "data"])
    log: dict[str, Any] = json.loads(result.stdout)
    uris = [
        location["physicalLocation"]["artifactLocation"]["uri"]
        for found in log["runs"][0]["results"]
        for location in found["locations"]
    ]
    assert any("pwned" in uri for uri in uris)
    for uri in uris:
        assert re.fullmatch(r"[A-Za-z0-9._~/%-]+", uri), uri


def test_json_keeps_every_value_but_hides_no_character(hostile: tuple[Path, str]) -> None:
    result = invoke(["show", "2021-seoul-KOR-001", "--format", "json"])
    assert_terminal_safe(result.stdout_bytes, "show --format json")
    record = json.loads(result.stdout)["record"]
    assert "\u202egnp.exe" in record["title"] and "\x1b[31m" in record["title"]  # read back as it was
