"""The briefing pack an analyst hands on: refusing to mislead, the default date, follow-up of the
previous cycle, the gender section, UN names, partnerships by role, money, state packs."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pkledger.analysis.brief import build_brief
from pkledger.analysis.brief_guard import default_as_of, prepare_brief
from pkledger.analysis.brief_sections import is_overdue
from pkledger.cli.app import app
from pkledger.errors import PkledgerError
from pkledger.format.reference import reference
from pkledger.ledger.opening import open_ledger
from pkledger.output.brief import pack_files, parse_formats
from pkledger.output.escape import css_string
from tests.helpers import FIXTURES

BRIEF = FIXTURES / "brief"
SMALL = FIXTURES / "valid" / "small-ledger"


def pack(ledger: Path, conference: str, as_of: date, suffix: str = ".md") -> str:
    return str(pack_files(build_brief(open_ledger(ledger), conference, as_of, "git commit abc"))[suffix])


def brief_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["brief", *args])
    return result.exit_code, result.output


def test_a_ledger_with_errors_is_refused_with_the_list(tmp_path: Path) -> None:
    code, output = brief_cli("2021-seoul", "--ledger", str(BRIEF / "invalid-pledge"), "--out", str(tmp_path))
    assert code == 1
    assert "1 record file(s) with errors" in output
    assert "pledges/2021-seoul-KOR-001.yaml: status: 'promised' is not an allowed value" in output
    assert "--allow-invalid" in output
    assert list(tmp_path.iterdir()) == []


def test_allow_invalid_names_every_record_left_out_on_the_first_page(tmp_path: Path) -> None:
    code, output = brief_cli(
        "2021-seoul", "--ledger", str(BRIEF / "invalid-pledge"), "--out", str(tmp_path), "--allow-invalid"
    )
    assert code == 0, output
    markdown = (tmp_path / "2021-seoul.md").read_text(encoding="utf-8")
    html = (tmp_path / "2021-seoul.html").read_text(encoding="utf-8")
    box = markdown.index("**Records left out.**")
    assert box < markdown.index("## Summary")
    assert "2021-seoul-KOR-001.yaml: status: 'promised' is not an allowed value" in markdown
    assert html.index("Records left out.") < html.index('id="summary"')
    assert "2021-seoul-KOR-001.yaml</code>" in html


def test_a_record_breaking_a_rule_across_files_is_refused_too_or_left_out(tmp_path: Path) -> None:
    """Not only unreadable files: a record `validate` reports an error on (here a link to a gap the
    ledger lacks, PKL406) is refused, and with --allow-invalid left out of the pack and named."""
    ledger = str(BRIEF / "pledge-answering-a-gap-not-in-the-ledger")
    code, output = brief_cli("2021-seoul", "--ledger", ledger, "--out", str(tmp_path / "refused"))
    assert code == 1
    assert "no gap with id '2021-06-utility-helicopter-unit-minusca' in the ledger" in output
    code, output = brief_cli(
        "2021-seoul", "--ledger", ledger, "--out", str(tmp_path / "packs"), "--allow-invalid"
    )
    assert code == 0, output
    markdown = (tmp_path / "packs" / "2021-seoul.md").read_text(encoding="utf-8")
    box, summary = markdown.index("**Records left out.**"), markdown.index("## Summary")
    assert "2021-seoul-KOR-001.yaml: responds\\_to\\[0\\]: no gap" in markdown[box:summary]
    assert "2021-seoul-KOR-001 " not in markdown[summary:] and "| 2021-seoul-KOR-001 |" not in markdown


def test_the_default_as_of_is_the_last_day_when_past_and_today_when_to_come() -> None:
    seoul = open_ledger(SMALL).conferences["2021-seoul"]
    assert default_as_of(seoul, date(2026, 1, 1)) == (date(2021, 12, 8), "last-day")
    assert default_as_of(seoul, date(2021, 12, 1)) == (date(2021, 12, 1), "today")
    made = prepare_brief(open_ledger(SMALL), "2021-seoul", None, "x", today=date(2026, 1, 1))
    text = str(pack_files(made)[".md"])
    assert "| As of | 2021-12-08: the conference's last day (it is past) |" in text
    assert "2023-accra-GHA-001" not in text  # a 2023 pledge is not in a pack of December 2021


def test_an_as_of_before_any_pledge_is_an_error_with_a_hint(tmp_path: Path) -> None:
    code, output = brief_cli(
        "2021-seoul", "--ledger", str(SMALL), "--out", str(tmp_path), "--as-of", "2010-01-01"
    )
    assert code == 1
    assert "no pledge on 2021-seoul had been made" in output
    assert "the first one dates from" in output


def test_follow_up_of_the_previous_ministerial_with_an_overdue_pledge() -> None:
    text = pack(BRIEF / "overdue-follow-up", "2021-seoul", date(2021, 12, 8))
    rows = {
        line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| 2019-")
    }
    assert rows["2019-new-york-NPL-001"].endswith("| registered in the PCRS | overdue |")
    assert rows["2019-new-york-NOR-001"].endswith("| deployed | delivered |")
    assert rows["2019-new-york-VNM-001"].endswith("| in progress | in progress |")  # due by 2023
    assert rows["2019-new-york-GBR-001"].endswith("| announced | no news since |")
    assert "| Nepal | 0 | 0 | 1 | 0 | 0 | 0 |" in text
    assert "1 delivered, 1 in progress, 1 overdue, 1 no news since, 1 status not dated" in text
    pledge = open_ledger(BRIEF / "overdue-follow-up").pledges["2019-new-york-NPL-001"]  # by 2020-06-30
    assert not is_overdue(pledge, "registered", date(2020, 6, 30))
    assert is_overdue(pledge, "registered", date(2020, 7, 1))
    assert not is_overdue(pledge, "deployed", date(2020, 7, 1))


def test_the_gender_section_is_there_when_no_personnel_is_recorded() -> None:
    for suffix in (".md", ".html"):
        text = pack(BRIEF / "cross-cutting", "2021-seoul", date(2022, 1, 1), suffix)
        assert "Gender parity" in text
        assert "the share of women is not recorded" in text
        assert "1 offer(s) of uniformed capabilities record no personnel: women not recorded." in text


def test_states_carry_their_un_names() -> None:
    text = pack(BRIEF / "cross-cutting", "2021-seoul", date(2022, 1, 1))
    for name in (
        "Republic of Korea",
        "Viet Nam",
        "Türkiye",
        "United Kingdom of Great Britain and Northern Ireland",
    ):
        assert name in text
    for pycountry_name in ("South Korea", "Vietnam", "Turkey"):
        assert pycountry_name not in text
    assert "| Co-chairs | Republic of Korea; Türkiye; United Kingdom" in text


def test_every_member_and_observer_state_has_a_un_name() -> None:
    ref = reference()
    assert sorted(ref.un_names) == sorted(ref.states)
    names = yaml.safe_load(
        (Path(__file__).parents[1] / "src/pkledger/format/reference/un_names.yaml").read_text()
    )
    assert names["sources"][0]["url"] == "https://www.un.org/en/about-us/member-states"


def test_a_multilateral_pledge_is_drawn_as_roles_not_a_chain() -> None:
    markdown = pack(BRIEF / "cross-cutting", "2021-seoul", date(2022, 1, 1))
    html = pack(BRIEF / "cross-cutting", "2021-seoul", date(2022, 1, 1), ".html")
    assert "→" not in markdown and "→" not in html and "-&gt;" not in html
    section = markdown[markdown.index("- 2021-seoul-AUS-001: Police training") :]
    assert section.splitlines()[1:6] == [
        "  - pledging state: Australia",
        "  - donor: Japan",
        "  - trainer: UN Department of Peace Operations",
        "  - host: Canada",
        "  - recipient: Fiji, Kiribati, Viet Nam",
    ]
    assert html.count('<div class="role"><dt>') >= 5


def test_a_triangular_partnership_shows_who_deploys() -> None:
    markdown = pack(BRIEF / "deploying-state", "2021-seoul", date(2022, 1, 1))
    html = pack(BRIEF / "deploying-state", "2021-seoul", date(2022, 1, 1), ".html")
    diagrams = markdown[markdown.index("Each partnership by role") : markdown.index("### Money")]
    kenya = diagrams[diagrams.index("- 2021-seoul-KOR-001") :].splitlines()
    assert kenya[3:5] == ["  - recipient: Kenya", "  - deploying: Kenya"]  # the recipient deploys
    japan = diagrams[diagrams.index("- 2021-seoul-JPN-001") :].splitlines()
    assert japan[4] == "  - deploying: Japan"  # no recipient: the state that offers its own unit
    norway = diagrams[diagrams.index("- 2021-seoul-NOR-001") :]
    assert "deploying" not in norway  # bilateral: format 2 gives no ground to name one
    assert "<dt>deploying</dt><dd>Kenya</dd>" in html


def test_the_summary_counts_what_the_conference_added_to_gaps_without_a_quantity() -> None:
    text = pack(BRIEF / "unpublished-gap", "2021-seoul", date(2021, 12, 8))
    summary = text[text.index("## Summary") : text.index("### Asks")]
    # pcrs-PAK-001 answers the gap before the conference, 2021-seoul-VNM-001 at it
    assert "counted on them: 1 unit the day before it opened, 2 units on its last day" in summary
    assert "No gap on its themes is rated critical." in summary  # not "none left open"
    assert "| Personnel | 60 | - |" in text


def test_personnel_not_recorded_is_not_zero() -> None:
    from pkledger.output.brief_context import personnel_text

    assert personnel_text(0, 2) == "not recorded (2 uniformed offers)"
    assert personnel_text(1200, 1) == "1,200 (1 uniformed offer records none)"
    assert personnel_text(0, 0) == "none offered"


def test_money_totals_per_currency_with_rates() -> None:
    text = pack(BRIEF / "cross-cutting", "2021-seoul", date(2022, 1, 1))
    assert "| CAD | 70,000,000 CAD | 1 | 1 of them approximate or bounds | about 48,300,000 USD |" in text
    assert "| EUR | 800,000 EUR | 1 | all exact | about 832,000 USD |" in text
    assert "| USD | 1,000,000 USD | 1 | all exact | - |" in text
    assert "USD equivalents at the rates of 2025-01-02, from Reference exchange rates" in text
    assert "| Classification | Unclassified |" in text


def test_money_totals_without_rates_are_never_converted(tmp_path: Path) -> None:
    ledger = Path(shutil.copytree(BRIEF / "cross-cutting", tmp_path / "data"))
    (ledger / "ledger.yaml").write_text("format: 2\n", encoding="utf-8")
    text = pack(ledger, "2021-seoul", date(2022, 1, 1))
    assert "| CAD | 70,000,000 CAD | 1 | 1 of them approximate or bounds | no rate given |" in text
    assert "ledger.yaml gives no exchange rates: totals are per currency, never converted." in text
    assert "about" not in text.split("### Money")[1].split("##")[0].replace("approximate", "")


def test_key_messages_and_asks_are_on_page_one() -> None:
    text = pack(SMALL, "2021-seoul", date(2024, 1, 31))
    summary = text[text.index("## Summary") : text.index("## This conference")]
    messages = [line for line in summary.splitlines() if line.startswith("- ")]
    assert 5 <= len(messages) <= 8
    assert "4 pledges by 4 member states recorded as made at Seoul UN Peacekeeping Ministerial." in summary
    assert "| Utility helicopter units for MINUSCA | MINUSCA | critical | 1 unit |" in summary


def test_a_preparatory_pack_counts_its_own_pledges_apart_from_earlier_ones() -> None:
    text = pack(SMALL, "2021-prep-protection-safety-security", date(2024, 1, 31))
    assert "| Pledges | 1 | - |" in text
    earlier = text[text.index("## Earlier pledges") : text.index("## Follow-up")]
    assert "2021-seoul-KOR-001" in earlier


def test_formats_are_a_checked_comma_list() -> None:
    assert parse_formats("pdf, md") == ("md", "pdf")
    with pytest.raises(PkledgerError, match="unknown format docx"):
        parse_formats("md,docx")


def test_a_missing_browser_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    code, output = brief_cli("2021-seoul", "--ledger", str(SMALL), "--out", str(tmp_path / "o"), "-f", "pdf")
    assert code == 1
    assert "--format pdf needs Chromium" in output and "hint:" in output
    assert "Traceback" not in output


def test_css_strings_cannot_end_the_rule_or_the_style_element() -> None:
    quoted = css_string('a"; } </style><script>x</script>\n')
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and "}" not in quoted and "\n" not in quoted


def test_a_member_state_pack(tmp_path: Path) -> None:
    code, output = brief_cli(
        "--state", "kor", "--ledger", str(SMALL), "--out", str(tmp_path), "--as-of", "2024-01-31"
    )
    assert code == 0, output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["state-KOR.html", "state-KOR.md"]
    text = (tmp_path / "state-KOR.md").read_text(encoding="utf-8")
    assert text.startswith("# Member state pack: Republic of Korea")
    assert "| 2021-seoul-KOR-001 (ILLUSTRATIVE) | 2021-seoul | Utility helicopter unit for MINUSCA |" in text
    assert "Utility helicopter units for MINUSCA" in text.split("## Open gaps its offers could fill")[1]


def test_a_state_pack_needs_a_state_code(tmp_path: Path) -> None:
    code, output = brief_cli("--state", "KORR", "--ledger", str(SMALL), "--out", str(tmp_path))
    assert code == 1 and "not the code of a UN member" in output
    code, output = brief_cli("2021-seoul", "--state", "KOR", "--ledger", str(SMALL), "--out", str(tmp_path))
    assert code == 2 and "not both or neither" in output


def test_a_status_without_dated_history_is_marked_undated() -> None:
    text = pack(SMALL, "2021-seoul", date(2021, 12, 8))
    row = next(
        line
        for line in text.splitlines()
        if line.startswith("| 2021-prep-protection-safety-security-PAK-001")
    )
    assert "| deployed (undated) |" in row
    dated = next(line for line in text.splitlines() if line.startswith("| 2021-seoul-KOR-001"))
    assert "(undated)" not in dated


def test_a_status_the_record_does_not_date_is_held_back() -> None:
    text = pack(BRIEF / "overdue-follow-up", "2021-seoul", date(2021, 12, 8))
    row = next(line for line in text.splitlines() if line.startswith("| 2019-new-york-FRA-001"))
    assert row.endswith("| fulfilled | status not dated |")  # not "delivered": since when is unknown
    pipeline = text[text.index("## Status pipeline") : text.index("## Annex A")]
    assert "| deployed | 0 |" in pipeline  # 2021-seoul-FRA-001 says deployed, with no date
    assert "| status not dated | 1 |" in pipeline
    assert "not taken as known on that date" in text


def test_record_notes_are_marked_and_listed_short_and_escaped() -> None:
    markdown = pack(SMALL, "2021-seoul", date(2024, 1, 31))
    html = pack(SMALL, "2021-seoul", date(2024, 1, 31), ".html")
    row = next(line for line in markdown.splitlines() if line.startswith("| 2021-seoul-IDN-001"))
    assert "(note 2)" in row
    notes = markdown[markdown.index("## Notes on the records") : markdown.index("## Annex A")]
    assert (
        "- note 2, 2021-seoul-IDN-001: The missions the officers will serve were not announced; the "
        "\\<b\\>officer \\| count\\</b\\> is the minister's." in notes
    )
    assert "Everything after the first sentence" not in markdown + html
    gap = next(line for line in notes.splitlines() if "2022-03-quick-reaction-force-unmiss" in line)
    assert gap.endswith("...") and len(gap.split(": ", 1)[1]) <= 300
    assert "&lt;b&gt;officer | count&lt;/b&gt; is the minister&#39;s." in html
    assert '<span class="note-mark">(note 2)</span>' in html


def test_records_with_the_same_note_share_its_number() -> None:
    from pkledger.output.brief_rows import RecordNotes

    pledges = open_ledger(SMALL).pledges
    same = "The six pledges were presented together. Which six is not said."
    first, second, third = (
        pledges[id].model_copy(update={"notes": note})
        for id, note in [
            ("2021-seoul-KOR-001", same),
            ("2021-seoul-USA-001", same),
            ("2023-accra-GHA-001", "Other."),
        ]
    )
    notes = RecordNotes()
    assert [notes.mark(first), notes.mark(third), notes.mark(second)] == ["(note 1)", "(note 2)", "(note 1)"]
    assert notes.notes() == [
        "note 1, 2021-seoul-KOR-001, 2021-seoul-USA-001: The six pledges were presented together.",
        "note 2, 2023-accra-GHA-001: Other.",
    ]


def test_the_state_pack_matches_its_golden_files(update_expected: bool) -> None:
    import pkledger
    from pkledger.analysis.brief_state import prepare_state_brief
    from pkledger.output.brief_state import state_pack_files

    made = prepare_state_brief(
        open_ledger(SMALL), "KOR", date(2024, 1, 31), "git commit abc", today=date(2026, 1, 1)
    )
    for suffix, content in state_pack_files(made, ("md", "html")).items():
        text = str(content).replace(f"pkledger {pkledger.__version__}", "pkledger VERSION")
        golden = Path(__file__).parent / "golden" / f"brief-state-KOR{suffix}"
        if update_expected:
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"review the diff of {golden.name}"


def test_women_are_held_to_the_target_of_the_year_each_pledge_was_announced(tmp_path: Path) -> None:
    ledger = Path(shutil.copytree(SMALL, tmp_path / "data"))
    pledge = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("announced_on: 2021-12-07", "announced_on: 2026-03-01"), encoding="utf-8")
    rows = [
        line
        for line in pack(ledger, "2021-seoul", date(2027, 1, 1)).splitlines()
        if line.startswith("| Military")
    ]
    years = {line.split(" | ")[1] for line in rows}
    assert years == {"2021", "2026"}, rows
