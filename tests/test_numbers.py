"""The number parser for user files: both conventions, percent signs, multiplier words, and garbage refused."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dxanalysis.data.numbers import MULTIPLIERS, parse_number


def write(x: float, decimals: int, decimal: str, grouped: bool) -> str:
    """x written as a person would: English 1,234.5 or Vietnamese 1.234,5 (grouped or not)."""
    text = f"{x:,.{decimals}f}" if grouped else f"{x:.{decimals}f}"
    if decimal == ",":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


amounts = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
conventions = st.sampled_from([".", ","])


@given(amounts, st.integers(0, 4), conventions, st.booleans())
def test_round_trip_in_both_conventions(x, decimals, decimal, grouped):
    text = write(x, decimals, decimal, grouped)
    assert parse_number(text, decimal) == pytest.approx(round(x, decimals), rel=1e-12, abs=10**-decimals)


@given(st.floats(0, 100, allow_nan=False), st.integers(0, 3), conventions)
def test_trailing_percent_keeps_the_value_in_percent(x, decimals, decimal):
    text = write(x, decimals, decimal, grouped=False) + "%"
    assert parse_number(text, decimal) == pytest.approx(round(x, decimals), abs=10**-decimals)


@given(st.integers(1, 999), st.integers(0, 99), st.sampled_from(sorted(MULTIPLIERS)), st.sampled_from([" ", ""]))
def test_multiplier_words(whole, hundredths, word, space):
    text = f"{whole},{hundredths:02d}{space}{word}"
    expected = (whole + hundredths / 100) * MULTIPLIERS[word]
    assert parse_number(text, ",") == pytest.approx(expected, rel=1e-12)


@given(st.text(max_size=30), conventions)
def test_any_text_gives_a_finite_number_or_a_value_error(text, decimal):
    try:
        value = parse_number(text, decimal)
    except ValueError:
        return
    assert math.isfinite(value)


@given(st.from_regex(r"\A[0-9]{1,6}[a-df-zA-DF-Z@#&]{1,4}\Z"), conventions)
def test_numbers_with_stray_letters_are_refused(text, decimal):
    assume(not any(text.lower().endswith(w) for w in MULTIPLIERS))
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text, decimal)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [
        ("80,2", ",", 80.2),
        ("80,2%", ",", 80.2),
        ("1.234,5", ",", 1234.5),
        ("1.500", ",", 1500.0),
        ("1.500", ".", 1.5),
        ("268 triệu", ",", 268e6),
        ("1,5 tỷ", ",", 1.5e9),
        ("1,5 tỉ", ",", 1.5e9),
        ("1,5 nghìn tỷ", ",", 1.5e12),
        ("12,5 ngàn", ",", 12500.0),
        ("−3,2", ",", -3.2),
        ("1\u00a0234,5", ",", 1234.5),
        ("4.37347303003985E-06", ".", 4.37347303003985e-06),
        ("  99.8 ", ".", 99.8),
        (" 1,234,567.25", ".", 1234567.25),
        ("2 million", ".", 2e6),
        ("268 TRIỆU", ",", 268e6),
        ("tri\u0065\u0323\u0302u", ",", None),  # decomposed (NFD) Vietnamese letters alone are not a number
    ],
)
def test_examples(text, decimal, expected):
    if expected is None:
        with pytest.raises(ValueError):
            parse_number(text, decimal)
    else:
        assert parse_number(text, decimal) == pytest.approx(expected)


def test_decomposed_unicode_multiplier_is_read():
    # macOS and some editors store "triệu" decomposed (NFD); it must read the same as the composed form
    import unicodedata

    assert parse_number("268 " + unicodedata.normalize("NFD", "triệu"), ",") == 268e6


@pytest.mark.parametrize(
    ("text", "decimal", "hint"),
    [
        (
            "1,5",
            ".",
            "decimal=','",
        ),  # a Vietnamese decimal in an English-convention file: the message says so
        ("80.2", ",", "decimal='.'"),
        ("", ".", "not a number"),
        ("12 hộ", ",", "not a number"),
        ("5%%", ".", "not a number"),
        ("1.2.3", ".", "not a number"),
        ("nan", ".", "not a number"),
        ("inf", ".", "not a number"),
        ("50% triệu", ",", "percentage cannot carry a multiplier"),
    ],
)
def test_garbage_is_refused_with_a_message_naming_the_text(text, decimal, hint):
    with pytest.raises(ValueError) as info:
        parse_number(text, decimal)
    assert hint in str(info.value)
    assert repr(text) in str(info.value)


def test_native_numbers_pass_through_and_non_finite_are_refused():
    assert parse_number(80.2, ",") == 80.2
    assert parse_number(2023) == 2023.0
    for bad in (float("nan"), float("inf"), True, None, [1]):
        with pytest.raises(ValueError):
            parse_number(bad)


def test_unknown_convention_is_refused():
    with pytest.raises(ValueError, match="decimal must be"):
        parse_number("1", decimal=";")
