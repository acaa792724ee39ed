"""Every diagnostic in the catalogue is shown by at least one fixture case."""

from __future__ import annotations

import re

from pkledger.diagnostics import catalogue
from tests.helpers import fixture_cases, read_expected


def test_every_diagnostic_code_has_a_fixture_case() -> None:
    shown = {
        match
        for case in fixture_cases("invalid", "hostile")
        for line in read_expected(case)
        for match in re.findall(r"\bPKL\d{3}\b", line)
    }
    missing = [entry.code for entry in catalogue().values() if entry.code not in shown]
    assert missing == [], "add a case under tests/fixtures/invalid/ for each"
