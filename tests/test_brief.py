"""`pkledger brief`: golden packs, escaping, determinism, the as-of date, and a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from pkledger.analysis.availability import status_on
from pkledger.analysis.brief import build_brief
from pkledger.cli.app import app
from pkledger.ledger.opening import open_ledger
from pkledger.ledger.revisions import ledger_version
from pkledger.output.brief import pack_files
from pkledger.output.templating import environment
from tests.conftest import REPO
from tests.helpers import FIXTURES

GOLDEN = REPO / "tests" / "golden"
SMALL = FIXTURES / "valid" / "small-ledger"
INJECTION = FIXTURES / "brief" / "injection"
AS_OF = date(2024, 1, 31)


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    """The small ledger outside git, so the pack's ledger line does not depend on this repository."""
    return Path(shutil.copytree(SMALL, tmp_path / "data"))


def packs(ledger: Path, conference: str, as_of: date = AS_OF) -> tuple[str, str]:
    files = pack_files(build_brief(open_ledger(ledger), conference, as_of, ledger_version(ledger)))
    return str(files[".md"]), str(files[".html"])


@pytest.mark.parametrize("conference", ["2021-seoul", "2021-prep-protection-safety-security", "2023-accra"])
def test_packs_match_their_golden_files(copied: Path, conference: str, update_expected: bool) -> None:
    import pkledger  # the version that made a pack changes with every commit: the golden files say VERSION

    for suffix, pack in zip(("md", "html"), packs(copied, conference), strict=True):
        text = pack.replace(f"pkledger {pkledger.__version__}", "pkledger VERSION")
        golden = GOLDEN / f"brief-{conference}.{suffix}"
        if update_expected:
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"review the diff of {golden.name}"


def test_the_same_ledger_and_date_give_byte_identical_packs(copied: Path) -> None:
    assert packs(copied, "2021-seoul") == packs(copied, "2021-seoul")


def test_user_text_is_escaped_in_html(tmp_path: Path) -> None:
    ledger = Path(shutil.copytree(INJECTION, tmp_path / "data"))
    _, html = packs(ledger, "2021-seoul")
    assert "<script" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html)


def markdown_tables(text: str) -> list[list[int]]:
    """Cells per row of every table, as markdown-it-py parses the document."""
    tables: list[list[int]] = []
    current: list[int] = []
    cells = 0
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            current = []
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            current.append(cells)
        elif token.type == "table_close":
            tables.append(current)
    return tables


def test_pipes_and_markup_in_user_text_leave_markdown_tables_intact(tmp_path: Path) -> None:
    ledger = Path(shutil.copytree(INJECTION, tmp_path / "data"))
    markdown, _ = packs(ledger, "2021-seoul")
    tables = markdown_tables(markdown)
    assert len(tables) >= 6
    for rows in tables:
        assert len(set(rows)) == 1, f"a row has the wrong number of cells: {rows}"
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html


def test_the_as_of_date_leaves_out_later_pledges_and_uses_history(copied: Path) -> None:
    early, _ = packs(copied, "2021-seoul", date(2021, 12, 7))
    assert "2021-seoul-USA-001" not in early  # announced on 2021-12-08
    row = next(line for line in early.splitlines() if line.startswith("| 2021-seoul-KOR-001"))
    assert "| announced |" in row  # registered only on 2022-03-01
    later, _ = packs(copied, "2021-seoul", date(2022, 6, 30))
    assert "2021-seoul-USA-001" in later


def test_status_on_a_date() -> None:
    pledge = open_ledger(SMALL).pledges["2023-accra-GHA-001"]
    assert status_on(pledge, date(2023, 12, 1)) == "announced"
    assert status_on(pledge, date(2023, 12, 5)) == "announced"
    assert status_on(pledge, date(2024, 7, 1)) == "deployed"


def test_the_ledger_line_names_the_git_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "test@example.org")
    repo = tmp_path / "repo"
    shutil.copytree(SMALL, repo / "data")
    assert ledger_version(repo / "data") == "not under git version control"
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "ledger"]):
        subprocess.run(["git", "-C", str(repo), *command], check=True)
    commit = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert ledger_version(repo / "data") == f"git commit {commit}"
    (repo / "data" / "pledges" / "pcrs-BTN-001.yaml").write_text("id: x\n", encoding="utf-8")
    assert ledger_version(repo / "data") == f"git commit {commit}, with uncommitted changes"


def test_the_html_loads_nothing_and_runs_no_script(copied: Path) -> None:
    _, html = packs(copied, "2021-seoul")
    assert "<script" not in html
    assert "<link" not in html
    assert not re.search(r"\ssrc=", html)
    assert html.count("<svg") == 3
    assert all(
        f'aria-labelledby="chart-{name}-title chart-{name}-desc"' in html
        for name in ("coverage", "categories", "pipeline")
    )


def test_the_template_environment_is_strict() -> None:
    env = environment()
    with pytest.raises(Exception, match="undefined"):
        env.from_string("{{ missing }}").render()
    assert env.autoescape("brief.html.j2") is True  # type: ignore[operator]
    assert env.autoescape("brief.md.j2") is False  # type: ignore[operator]


def test_cli_writes_both_files(copied: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["brief", "2021-seoul", "--ledger", str(copied), "--out", str(out), "--as-of", "2024-01-31"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["2021-seoul.html", "2021-seoul.md"]
    assert (out / "2021-seoul.md").read_text(encoding="utf-8") == packs(copied, "2021-seoul")[0]


def test_cli_unknown_conference(copied: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["brief", "2021-seol", "--ledger", str(copied), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "did you mean '2021-seoul'" in result.output


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--enable-logging=stderr", "--v=0",
]  # fmt: skip


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    assert found, "install Chromium (apt-get install chromium); `make test` and .ci/run do it when missing"
    return found


def run_chromium(page: Path, profile: Path, *action: str) -> str:
    command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *action, page.as_uri()]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stderr


@pytest.mark.parametrize("conference", ["2021-seoul", "2021-prep-protection-safety-security"])
def test_chromium_reads_the_golden_pack_and_prints_it_with_footer_and_page_numbers(
    tmp_path: Path, conference: str
) -> None:
    from pypdf import PdfReader

    from pkledger.output.brief_pdf import html_to_pdf

    html = (GOLDEN / f"brief-{conference}.html").read_text(encoding="utf-8")
    page = tmp_path / f"{conference}.html"
    page.write_text(html, encoding="utf-8")
    screenshot = tmp_path / "pack.png"
    logs = run_chromium(page, tmp_path / "profile", "--window-size=1200,2000", f"--screenshot={screenshot}")
    assert screenshot.read_bytes().startswith(b"\x89PNG")
    assert screenshot.stat().st_size > 20_000
    console = [line for line in logs.splitlines() if ":CONSOLE" in line or "Failed to load" in line]
    assert console == []
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(html_to_pdf(html))
    pages = [sheet.extract_text() for sheet in PdfReader(pdf).pages]
    assert len(pages) >= 3, "an A4 pack of several pages"
    footer = "as of 2024-01-31 · not under git version control · classification not stated"
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert footer in text
    assert "Summary" in pages[0] and "Asks: critical and high gaps still open" in pages[0]
    opening = pages[0] + pages[1]
    assert "Contents" in opening and "7. Follow-up of the previous cycle" in opening


def test_not_met_shows_the_quality_findings_of_validate(copied: Path) -> None:
    """The year of the announcement sets the target, and an empty timeframe is no timeframe."""
    pledge = copied / "pledges" / "2021-seoul-KOR-001.yaml"
    text = pledge.read_text(encoding="utf-8")
    text = text.replace("timeframe: {start: 2022-06-01}", "timeframe: {}")
    pledge.write_text(text.replace("announced_on: 2021-12-07", "announced_on: 2026-03-01"), encoding="utf-8")
    markdown, _ = packs(copied, "2021-seoul", date(2027, 1, 1))
    row = next(line for line in markdown.splitlines() if line.startswith("| 2021-seoul-KOR-001"))
    assert row.endswith("| no timeframe; women below the 2026 target | - |")
    codes = {problem.code for problem in open_ledger(copied).problems()}
    assert {"PKL302", "PKL303"} <= codes


def test_estimated_values_are_marked_in_both_files_with_their_reasons(tmp_path: Path) -> None:
    ledger = Path(shutil.copytree(FIXTURES / "valid" / "estimated-fields-with-reasons", tmp_path / "data"))
    import html

    for pack in map(html.unescape, packs(ledger, "2021-seoul")):
        assert "2021-seoul-KOR-001</code> (est. 1)" in pack or "2021-seoul-KOR-001 (est. 1)" in pack
        assert "high (est. 2)" in pack
        assert "est. 1: The source says a 2021 pledge; Seoul is the analyst's reading." in pack
        assert "est. 2: The paper states no priority." in pack
        assert "2021-seoul, format: The sources do not state the format." in pack


def test_a_partial_date_is_known_from_the_last_day_of_its_period() -> None:
    from pkledger.analysis.brief import known_on

    ledger = open_ledger(FIXTURES / "valid" / "partial-dates-in-every-date-field")
    pledge = ledger.pledges[
        "2021-seoul-KOR-001"
    ]  # announced 2021-12, registered 2021-12-07, in progress 2022
    assert not known_on(pledge, date(2021, 12, 30), ledger.conferences)
    assert known_on(pledge, date(2021, 12, 31), ledger.conferences)
    assert status_on(pledge, date(2021, 12, 31)) == "registered"
    assert status_on(pledge, date(2022, 12, 30)) == "registered"
    assert status_on(pledge, date(2022, 12, 31)) == "in_progress"
