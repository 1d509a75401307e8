"""Reading numbers written the way people write them: ``80,2%``, ``1.234,5``, ``268 triệu``, ``1,5 tỷ``.

Vietnamese usage writes the decimal separator as a comma and groups thousands with a dot (``1.234,5``); English usage
the other way round. The two cannot be told apart from a single value (``1.500`` is one and a half, or fifteen
hundred), so the caller says which convention a file uses: ``decimal="."`` (the default) or ``decimal=","``.
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["MULTIPLIERS", "parse_number"]

#: Words that multiply the number before them. They compose: "nghìn tỷ" is 10**12, "triệu tỷ" 10**15.
MULTIPLIERS: dict[str, float] = {
    "nghìn": 1e3,
    "ngàn": 1e3,
    "triệu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}

_SPACES = "\u00a0\u202f\u2009\u2007 \t"
_MINUS = "-\u2212\u2012\u2013"
_MULT_RE = re.compile(r"\s*(" + "|".join(sorted(MULTIPLIERS, key=len, reverse=True)) + r")\s*$", re.IGNORECASE)


def _number_pattern(decimal: str) -> re.Pattern[str]:
    group = "," if decimal == "." else "."
    d = re.escape(decimal)
    grouped = rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+|\d{{1,3}}(?: \d{{3}})+"
    return re.compile(rf"^(?:(?:{grouped}|\d+)(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?$")


_PATTERNS = {".": _number_pattern("."), ",": _number_pattern(",")}


def parse_number(text: object, decimal: str = ".") -> float:
    """Read one number from a cell of a user's file.

    Accepts an optional sign (``-`` or the Unicode minus), digits grouped by thousands (``,`` when
    ``decimal="."``; ``.`` when ``decimal=","``; or spaces, in either), a decimal part, an exponent (``4.37E-06``),
    a trailing ``%`` (dropped: the value stays in percent, ``38,3%`` is 38.3) and multiplier words
    (``nghìn``/``ngàn``, ``triệu``, ``tỷ``/``tỉ``, ``thousand``, ``million``, ``billion``, ``trillion``).

    Raises ``ValueError`` naming the text and the convention for anything else: empty text, stray letters, groups
    that are not three digits long (``1,23`` with ``decimal="."``), NaN or infinity.

    Examples
    --------
    >>> parse_number("80,2%", decimal=",")
    80.2
    >>> parse_number("1.234,5", decimal=",")
    1234.5
    >>> parse_number("1,5 tỷ", decimal=",")
    1500000000.0
    >>> parse_number("1,234.5")
    1234.5
    """
    if decimal not in _PATTERNS:
        raise ValueError(f"decimal must be '.' or ',', not {decimal!r}")
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a number")
    if isinstance(text, int | float):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"{text!r} is not a finite number")
        return value
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a number")
    original = text
    s = unicodedata.normalize("NFC", text).strip(_SPACES)
    for ch in _SPACES[:-1]:
        s = s.replace(ch, " ")
    factor = 1.0
    while (m := _MULT_RE.search(s)) and m.start() > 0:
        factor *= MULTIPLIERS[m.group(1).lower()]
        s = s[: m.start()]
    s = s.strip()
    if s.endswith("%"):
        if factor != 1.0:
            raise ValueError(f"{original!r}: a percentage cannot carry a multiplier word")
        s = s[:-1].rstrip()
    sign = 1.0
    if s[:1] in _MINUS:
        sign, s = -1.0, s[1:]
    elif s[:1] == "+":
        s = s[1:]
    if not _PATTERNS[decimal].match(s):
        other = "," if decimal == "." else "."
        example = "1,234.5 or 38.3%" if decimal == "." else "1.234,5 or 38,3%"
        hint = ""
        if _PATTERNS[other].match(s):
            hint = f" (it reads as a number with decimal={other!r}: does the file use that convention?)"
        raise ValueError(f"{original!r} is not a number written with decimal={decimal!r}, such as {example}{hint}")
    s = s.replace(" ", "")
    s = s.replace(".", "").replace(",", ".") if decimal == "," else s.replace(",", "")
    value = sign * float(s) * factor
    if not math.isfinite(value):
        raise ValueError(f"{original!r} is too large to be a number")
    return value
