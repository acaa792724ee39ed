"""Every diagnostic in the catalogue is reported by at least one fixture case, and expected there."""

from __future__ import annotations

import re

from pkledger.format.catalogue import catalogue
from tests.helpers import case_problems, fixture_cases, read_expected

ONLY_IN_GIT = {"PKL902": "tests/security/test_config.py"}
"""Diagnostics only a comparison with a git revision reports, so no plain folder can show them;
each is tested where named."""


def test_every_diagnostic_code_is_reported_by_a_fixture_case() -> None:
    cases = fixture_cases("invalid", "hostile")
    reported = {problem.code for case in cases for problem in case_problems(case)}
    expected = {
        code for case in cases for line in read_expected(case) for code in re.findall(r"\bPKL\d{3}\b", line)
    }
    missing = [
        entry.code
        for entry in catalogue().values()
        if entry.code not in reported & expected and entry.code not in ONLY_IN_GIT
    ]
    assert missing == [], "add a case under tests/fixtures/invalid/ for each"
