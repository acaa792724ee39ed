"""Quantities and partial dates: the one way each is read, compared and written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pkledger.format.dates import PartialDate, parse_partial_date
from pkledger.format.models import Pledge
from pkledger.format.quantities import Amount, amount_of, total
from pkledger.output.quantities import Estimates, money_text, quantity_text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Amount(110, "units", "at_least"), "at least 110 units"),
        (Amount(200, "personnel", "up_to"), "up to 200 personnel"),
        (Amount(1, "units"), "1 unit"),
        (Amount(2750, "personnel", "about"), "about 2,750 personnel"),
        (Amount(16, "aircraft"), "16 aircraft"),
        (Amount(1, "courses"), "1 course"),
        (Amount(None, "units"), "not published (units)"),
        (Amount(62, None), "62"),
        (None, "no quantity stated"),
    ],
)
def test_a_quantity_in_words(amount: Amount | None, text: str) -> None:
    assert quantity_text(amount) == text


def test_money_in_words() -> None:
    from decimal import Decimal

    assert money_text(Decimal(6200000), "CAD", "up_to") == "up to 6,200,000 CAD"
    assert money_text(Decimal("84140.50"), "EUR") == "84,140.50 EUR"


def test_the_shorthand_is_the_capability_default_measure_exactly() -> None:
    assert amount_of(6, "infantry_battalion") == Amount(6, "units", "exact")
    assert amount_of(4, "staff_officers") == Amount(4, "personnel", "exact")
    assert amount_of(3, None) is None


def test_a_total_is_exact_only_when_every_part_is() -> None:
    assert total([Amount(1, "units"), Amount(2, "units")], "units") == Amount(3, "units", "exact")
    assert total([Amount(1, "units"), Amount(110, "units", "at_least")], "units").qualifier == "at_least"
    assert total([Amount(1, "units", "up_to"), Amount(2, "units", "at_least")], "units").qualifier == "about"


def test_estimated_values_are_numbered_once_per_reason() -> None:
    pledge = Pledge.model_validate(
        {
            "id": "pcrs-KOR-001",
            "member_state": "KOR",
            "title": "x",
            "category": "training",
            "offers": [{"quantity": {"value": 3, "measure": "courses"}}],
            "status": "announced",
            "history": [{"on": "2021-12", "status": "announced"}],
            "estimated": [
                {"field": "offers[0].quantity", "reason": "Read from the words."},
                {"field": "history[0].on", "reason": "Only the month is known."},
            ],
            "sources": [{"title": "x"}],
            "provenance": "sourced",
        }
    )
    estimates = Estimates()
    assert estimates.mark("3 courses", pledge, "offers[0].quantity.value") == "3 courses (est. 1)"
    assert estimates.mark("announced", pledge, "status") == "announced"
    assert estimates.mark("2021-12", pledge, "history[0].on") == "2021-12 (est. 2)"
    assert estimates.mark("3 courses", pledge, "offers[0].quantity") == "3 courses (est. 1)"
    assert estimates.notes() == ["est. 1: Read from the words.", "est. 2: Only the month is known."]


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(days)
    precision = draw(st.sampled_from(["day", "month", "year"]))
    text = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
    return parse_partial_date(text)


@given(partial_dates())
def test_a_partial_date_reads_back_from_its_text_and_spans_its_period(found: PartialDate) -> None:
    assert parse_partial_date(str(found)) == found
    assert found.first_day <= found.last_day
    assert found.precision in ("day", "month", "year")
    assert found.known_by(found.last_day)
    assert not found.known_by(found.last_day - timedelta(days=1))


@given(partial_dates(), partial_dates())
def test_one_period_starts_after_another_only_when_they_do_not_overlap(
    a: PartialDate, b: PartialDate
) -> None:
    if a.starts_after(b):
        assert not b.starts_after(a)
        assert a.first_day > b.last_day
    overlapping = a.first_day <= b.last_day and b.first_day <= a.last_day
    assert not (overlapping and (a.starts_after(b) or b.starts_after(a)))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("2024-02", date(2024, 2, 1), date(2024, 2, 29)), ("2021", date(2021, 1, 1), date(2021, 12, 31))],
)
def test_a_month_or_a_year_stands_for_its_whole_period(text: str, first: date, last: date) -> None:
    found = parse_partial_date(text)
    assert (found.first_day, found.last_day) == (first, last)


@pytest.mark.parametrize(
    "text", ["2021-02-30", "2021-13", "2021-00", "21-01-01", "2021-1-1", "0000", "2021/01"]
)
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_partial_date(text)


def test_a_partial_date_cannot_change_and_has_no_order_of_its_own() -> None:
    found = parse_partial_date("2021-12")
    with pytest.raises(AttributeError):
        found.year = 2022  # type: ignore[misc]
    with pytest.raises(TypeError):
        _ = found < parse_partial_date("2022")  # type: ignore[operator]
