"""Every fixture case under tests/fixtures/{valid,invalid,hostile}/ gives exactly its expected problems.

A case is a small ledger folder named after what it shows; `expected.txt` lists the problems as
`file:line:col: severity CODE path: message`, each followed by its `hint:` line when it has one.
Valid cases expect none. A case with `args.txt` is validated with the paths listed there (one per
line, relative to the case) instead of the whole folder. Rewrite one case's file with
`pytest tests/test_fixture_cases.py -k <case> --update-expected` (all of them: add `--all`) and
review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import case_id, case_problems, fixture_cases, problem_lines, read_expected, write_expected


@pytest.mark.parametrize("case", fixture_cases("valid", "invalid", "hostile"), ids=case_id)
def test_case_reports_exactly_the_expected_problems(case: Path, update_expected: bool) -> None:
    found = problem_lines(case_problems(case), case)
    if update_expected:
        write_expected(case, found)
    assert found == read_expected(case)


@pytest.mark.parametrize("case", fixture_cases("valid"), ids=case_id)
def test_valid_cases_have_no_problems(case: Path) -> None:
    assert read_expected(case) == []
    assert problem_lines(case_problems(case), case) == []


@pytest.mark.parametrize("case", fixture_cases("invalid", "hostile"), ids=case_id)
def test_invalid_cases_have_at_least_one_problem(case: Path) -> None:
    assert read_expected(case) != []
    assert case_problems(case) != ()
