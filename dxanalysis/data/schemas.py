"""What each data table must hold: columns, accepted values, keys and cross-references.

One specification per table serves both the package's own files and the user's: the user's observations are held
to the same rules, with defaults for the columns a user may leave out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import pandas as pd

from dxanalysis.data.numbers import parse_number
from dxanalysis.data.periods import DATE_FORMATS, PERIOD_FORMATS, parse_period, parse_publication_date
from dxanalysis.data.validation import Rule, TableSpec, argued, cells_ok, is_missing
from dxanalysis.data.vocabularies import (  # the vocabularies the rules check, importable from here too
    COMPARATORS,
    FIGURE_STATUSES,
    LANGUAGES,
    PILLARS,
    SOURCE_KINDS,
    STATUSES,
    TIMINGS,
    UNITS,
)
from dxanalysis.errors import UnknownIndicatorError

__all__ = [
    "COMPARATORS",
    "FIGURE_STATUSES",
    "HELP",
    "INDICATOR_FIELDS",
    "LANGUAGES",
    "OBSERVATION_COLUMNS",
    "OBSERVATION_KEY",
    "OUTPUT_COLUMNS",
    "PILLARS",
    "SOURCE_FIELDS",
    "SOURCE_KINDS",
    "STATUSES",
    "TARGET_COLUMNS",
    "TIMINGS",
    "UNITS",
    "indicator_spec",
    "observation_spec",
    "source_spec",
    "target_spec",
    "unknown_fields",
]

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
GEO = re.compile(r"^(VN(-[0-9A-Z]{2,3})?|[A-Z]{3})$")  # Vietnam and its provinces, or another country's ISO3 code
URL = re.compile(r"^https?://\S+$")

OBSERVATION_COLUMNS = (
    "indicator",
    "geo",
    "period",
    "series",
    "value",
    "status",
    "source",
    "published",
    "evidence",
    "note",
)
OBSERVATION_KEY = ("indicator", "geo", "period", "series", "published")
#: The columns of an observations frame as the package returns it: the file's columns typed, then each period's
#: first and last day, how precisely the publication date is known, and the file the row came from.
OUTPUT_COLUMNS = [
    "indicator",
    "geo",
    "series",
    "period",
    "value",
    "status",
    "published",
    "source",
    "evidence",
    "note",
    "period_start",
    "period_end",
    "published_precision",
    "file",
]
TARGET_COLUMNS = (
    "indicator",
    "geo",
    "series",
    "year",
    "value",
    "comparator",
    "document",
    "adopted",
    "source",
    "evidence",
    "note",
)
INDICATOR_FIELDS = (
    "id",
    "name_en",
    "name_vi",
    "pillar",
    "unit",
    "unit_label_en",
    "unit_label_vi",
    "lower",
    "upper",
    "higher_is_better",
    "timing",
    "measures_en",
    "measures_vi",
    "related",
    "ceiling",
    "ceiling_note",
    "missing",
    "discontinued",
    "discontinued_note",
)
#: Fields an indicator may leave out: bounds (an unbounded unit), related indicators, a saturating take-up's
#: plausible ceiling with its argument (the logit models' ceiling where the unit's upper bound is not credible), why
#: figures are missing ("searched, not published as of 2026-12"), and since when the measure is discontinued, with
#: its source (its targets are then judged "measure discontinued").
OPTIONAL_INDICATOR_FIELDS = ("lower", "upper", "related", *INDICATOR_FIELDS[INDICATOR_FIELDS.index("ceiling") :])
#: ``retrieved_from``: for a publisher's data release (the source), the public copy its figures were read from.
SOURCE_FIELDS = ("id", "publisher", "title", "date", "url", "kind", "language", "retrieved_from", "note")

HELP = {
    "indicator": "an indicator id of the catalogue (dx.indicators()['id'])",
    "geo": "VN, an ISO 3166-2:VN code such as VN-SG, or another country's ISO 3166 alpha-3 code such as THA",
    "period": PERIOD_FORMATS,
    "series": "a short snake_case name of who produced the figure, e.g. mic, gso, itu",
    "value": "a number in the indicator's unit",
    "status": ", ".join(FIGURE_STATUSES),
    "source": "an id of sources.yml",
    "published": DATE_FORMATS,
    "adopted": DATE_FORMATS,
    "evidence": "a short verbatim quote of the phrase that carries the number",
    "year": "a year such as 2025",
    "comparator": ", ".join(COMPARATORS),
    "document": "the legal or policy document that sets the target",
}


def _text_matches(pattern: re.Pattern[str]) -> Callable[[pd.Series], pd.Series]:
    def check(value: Any) -> None:
        if not isinstance(value, str) or not pattern.match(value.strip()):
            raise ValueError(value)

    return cells_ok(check)


def _snake_id() -> Rule:
    """The ``id`` of a catalogue entry or a source: a snake_case name."""
    return Rule(
        "id:format",
        "id",
        "not a snake_case id",
        "lower-case letters, digits and _",
        lambda f: _text_matches(SNAKE)(f["id"]),
    )


def _one_of(column: str, allowed: Collection[str], accepted: str | None = None) -> Rule:
    allowed = set(allowed)
    return Rule(
        f"{column}:one_of",
        column,
        "not an accepted value",
        accepted or ", ".join(sorted(allowed)),
        lambda f: f[column].map(lambda v: is_missing(v) or (isinstance(v, str) and v.strip() in allowed)),
    )


def _parse_error(parser: Callable[[Any], object]) -> Callable[[Any, pd.Series], str]:
    def explain(value: Any, row: pd.Series) -> str:
        try:
            parser(value)
        except (ValueError, TypeError) as exc:
            return str(exc).split("; accepted:")[0]  # the rule says what is accepted, once
        return "cannot be read"

    return explain


def _numbers(frame: pd.DataFrame, column: str, decimal: str) -> pd.Series:
    def one(v: Any) -> float:
        try:
            return parse_number(v, decimal)
        except (ValueError, TypeError):
            return float("nan")

    return frame[column].map(one).astype(float)


def _bounds_rule(catalogue: pd.DataFrame, decimal: str) -> Rule:
    bounds = catalogue.set_index("id")[["lower", "upper", "unit"]]

    def ok(f: pd.DataFrame) -> pd.Series:
        values = _numbers(f, "value", decimal)
        ind = f["indicator"].map(lambda v: v.strip() if isinstance(v, str) else v)
        lower = ind.map(bounds["lower"]).astype(float)
        upper = ind.map(bounds["upper"]).astype(float)
        bad = (values < lower) | (values > upper)
        return ~bad.fillna(False)

    def explain(value: Any, row: pd.Series) -> str:
        ind = str(row["indicator"]).strip()
        lo, hi, unit = bounds.loc[ind, ["lower", "upper", "unit"]]
        return f"outside the bounds of {ind} ({unit}): {_interval(lo, hi)}"

    return Rule(
        "value:bounds",
        "value",
        "outside the bounds of the indicator's unit",
        "a value within the indicator's lower and upper bounds (dx.indicators())",
        ok,
        explain,
    )


def _interval(lo: Any, hi: Any) -> str:
    lo_s = "-inf" if is_missing(lo) else f"{lo:g}"
    hi_s = "inf" if is_missing(hi) else f"{hi:g}"
    return f"[{lo_s}, {hi_s}]"


def _known_indicator(ids: Collection[str]) -> Rule:
    known = sorted(ids)
    return Rule(
        "indicator:known",
        "indicator",
        "unknown indicator",
        HELP["indicator"],
        lambda f: f["indicator"].map(lambda v: is_missing(v) or (isinstance(v, str) and v.strip() in ids)),
        lambda value, row: str(UnknownIndicatorError(str(value), known)),
    )


def observation_spec(
    catalogue: pd.DataFrame,
    source_ids: Collection[str] | None,
    *,
    decimal: str = ".",
    require_evidence: bool = True,
    name: str = "observations",
) -> TableSpec:
    """The rules for an observations table. ``source_ids=None`` accepts any source text (user files).

    >>> from dxanalysis.data.catalogue import package_tables
    >>> observation_spec(package_tables().catalogue, None, require_evidence=False).required_columns
    ('indicator', 'period', 'value')
    """
    rules = [
        _known_indicator(set(catalogue["id"])),
        Rule("geo:format", "geo", "not a place code", HELP["geo"], lambda f: _text_matches(GEO)(f["geo"])),
        Rule(
            "period:format",
            "period",
            "not a period",
            HELP["period"],
            lambda f: cells_ok(parse_period)(f["period"]),
            _parse_error(parse_period),
        ),
        Rule(
            "series:format",
            "series",
            "not a series name",
            HELP["series"],
            lambda f: _text_matches(SNAKE)(f["series"]),
        ),
        Rule(
            "value:number",
            "value",
            "not a number",
            HELP["value"] + f" (decimal={decimal!r})",
            lambda f: cells_ok(lambda v: parse_number(v, decimal))(f["value"]),
            _parse_error(lambda v: parse_number(v, decimal)),
        ),
        _bounds_rule(catalogue, decimal),
        _one_of("status", FIGURE_STATUSES),
        Rule(
            "published:format",
            "published",
            "not a date",
            HELP["published"],
            lambda f: cells_ok(parse_publication_date)(f["published"]),
            _parse_error(parse_publication_date),
        ),
        Rule(
            "published:after_period",
            "published",
            "published before the period it describes began",
            "a date on or after the start of the period, or status 'projection' for a forecast",
            _published_after_period,
        ),
        Rule(
            "published:not_future",
            "published",
            "a publication date in the future",
            "the date the figure was published: today or earlier",
            lambda f: cells_ok(_not_in_future)(f["published"]),
            lambda value, row: f"a publication date in the future (checked on {dt.date.today().isoformat()})",
        ),
    ]
    if source_ids is not None:
        ids = set(source_ids)
        rules.append(
            Rule(
                "source:known",
                "source",
                "unknown source",
                HELP["source"],
                lambda f: f["source"].map(lambda v: is_missing(v) or str(v).strip() in ids),
            )
        )
    required = ["indicator", "geo", "period", "series", "value", "status", "source"]
    if require_evidence:
        required += ["evidence"]
        rules.append(
            Rule(
                "published:missing_without_note",
                "published",
                "no publication date and no note saying why",
                "a date (" + DATE_FORMATS + "), or an empty date with a note saying the source prints none",
                lambda f: ~(f["published"].map(is_missing) & f["note"].map(is_missing)).astype(bool),
            )
        )
    return TableSpec(
        name=name,
        required_columns=OBSERVATION_COLUMNS[:-1] if require_evidence else ("indicator", "period", "value"),
        optional_columns=("note",),
        not_missing=required,
        key=OBSERVATION_KEY,
        rules=rules,
        column_help=HELP,
    )


def _published_after_period(f: pd.DataFrame) -> pd.Series:
    seen: dict[tuple[str, str, bool], bool] = {}

    def one(period: Any, published: Any, status: Any) -> bool:
        key = (str(period), str(published), str(status).strip() == "projection")
        if key not in seen:  # a table repeats its periods and dates: each pair is parsed once
            try:
                start = parse_period(period).start
                known = parse_publication_date(published).known_by
            except (ValueError, TypeError):
                seen[key] = True  # reported by the format rules
            else:
                seen[key] = known >= start or key[2]
        return seen[key]

    if f.empty:
        return pd.Series(True, index=f.index)
    return pd.Series(
        [one(*r) for r in zip(f["period"], f["published"], f["status"], strict=True)], index=f.index, dtype=bool
    )


def _not_in_future(value: Any) -> None:
    """Raise ValueError for a publication date whose first possible day is after today (a month or a year printed
    counts from its first day: "2026-12" is not in the future on 3 December 2026)."""
    if is_missing(value):
        return
    try:
        label = parse_publication_date(value).label
        first = parse_period(label).start
    except (ValueError, TypeError):
        return  # reported by the format rule
    if first > dt.date.today():
        raise ValueError(f"{value!r} is in the future")


def target_spec(catalogue: pd.DataFrame, source_ids: Collection[str]) -> TableSpec:
    """The rules for the targets table: known indicators and sources, years, comparators, adoption dates.

    >>> from dxanalysis.data.catalogue import package_tables
    >>> target_spec(package_tables().catalogue, set()).key
    ('indicator', 'geo', 'year', 'document')
    """
    ids = set(source_ids)

    def year_ok(v: Any) -> None:
        y = parse_number(v)
        if not (y.is_integer() and 1990 <= y <= 2100):
            raise ValueError(f"{v!r} is not a year between 1990 and 2100")

    return TableSpec(
        name="targets",
        required_columns=[c for c in TARGET_COLUMNS if c not in ("series", "note")],
        optional_columns=("series", "note"),
        not_missing=[c for c in TARGET_COLUMNS if c not in ("series", "note")],
        key=("indicator", "geo", "year", "document"),
        rules=[
            _known_indicator(set(catalogue["id"])),
            Rule("geo:format", "geo", "not a place code", HELP["geo"], lambda f: _text_matches(GEO)(f["geo"])),
            Rule(
                "series:format",
                "series",
                "not a series name",
                HELP["series"] + ", or empty for a target that applies to every series",
                lambda f: _text_matches(SNAKE)(f["series"]) if "series" in f else pd.Series(True, index=f.index),
            ),
            Rule(
                "year:format",
                "year",
                "not a year",
                HELP["year"],
                lambda f: cells_ok(year_ok)(f["year"]),
                _parse_error(year_ok),
            ),
            Rule(
                "value:number",
                "value",
                "not a number",
                HELP["value"],
                lambda f: cells_ok(parse_number)(f["value"]),
                _parse_error(parse_number),
            ),
            _bounds_rule(catalogue, "."),
            _one_of("comparator", COMPARATORS),
            Rule(
                "adopted:format",
                "adopted",
                "not a date",
                HELP["adopted"],
                lambda f: cells_ok(parse_publication_date)(f["adopted"]),
                _parse_error(parse_publication_date),
            ),
            Rule(
                "source:known",
                "source",
                "unknown source",
                HELP["source"],
                lambda f: f["source"].map(lambda v: is_missing(v) or str(v).strip() in ids),
            ),
        ],
        column_help=HELP,
    )


def indicator_spec(ids: Collection[str]) -> TableSpec:
    """The rules for the catalogue's entries; ``ids`` are the catalogue's own, which ``related`` may name.

    >>> indicator_spec({"internet_users"}).key
    ('id',)
    """
    known = set(ids)

    def number_or_missing(v: Any) -> None:
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise ValueError(v)

    def ceiling_ok(c: Any, lo: Any, hi: Any) -> bool:
        if is_missing(c):
            return True
        if isinstance(c, bool) or not isinstance(c, int | float):
            return False
        low = -math.inf if is_missing(lo) or not isinstance(lo, int | float) else float(lo)
        high = math.inf if is_missing(hi) or not isinstance(hi, int | float) else float(hi)
        return low < float(c) <= high

    def related_ok(v: Any) -> bool:
        if is_missing(v):
            return True
        return isinstance(v, list) and all(isinstance(x, str) and x in known for x in v)

    return TableSpec(
        name="indicators",
        required_columns=[c for c in INDICATOR_FIELDS if c not in OPTIONAL_INDICATOR_FIELDS],
        not_missing=[c for c in INDICATOR_FIELDS if c not in OPTIONAL_INDICATOR_FIELDS],
        key=("id",),
        rules=[
            _snake_id(),
            _one_of("pillar", PILLARS),
            _one_of("unit", UNITS),
            _one_of("timing", TIMINGS),
            Rule(
                "lower:number",
                "lower",
                "not a number",
                "a number, or no value for an unbounded unit",
                lambda f: cells_ok(number_or_missing)(f["lower"]),
            ),
            Rule(
                "upper:number",
                "upper",
                "not a number",
                "a number, or no value for an unbounded unit",
                lambda f: cells_ok(number_or_missing)(f["upper"]),
            ),
            Rule(
                "upper:above_lower",
                "upper",
                "not above the lower bound",
                "upper > lower",
                lambda f: (
                    ~(pd.to_numeric(f["upper"], errors="coerce") <= pd.to_numeric(f["lower"], errors="coerce")).fillna(
                        False
                    )
                ),
            ),
            Rule(
                "ceiling:within_bounds",
                "ceiling",
                "not a number within the unit's bounds",
                "a number above the lower bound and at most the upper bound (e.g. 95 for a take-up in percent), or "
                "no value for the upper bound",
                lambda f: pd.Series(
                    [ceiling_ok(c, lo, hi) for c, lo, hi in zip(f["ceiling"], f["lower"], f["upper"], strict=True)],
                    index=f.index,
                ),
            ),
            argued("ceiling", "a ceiling_note giving the ceiling's source or argument, in words"),
            Rule(
                "discontinued:format",
                "discontinued",
                "not a date",
                DATE_FORMATS,
                lambda f: cells_ok(parse_publication_date)(f["discontinued"]),
                _parse_error(parse_publication_date),
            ),
            argued("discontinued", "a discontinued_note saying what replaced the measure, with its source"),
            Rule(
                "higher_is_better:bool",
                "higher_is_better",
                "not true or false",
                "true or false",
                lambda f: f["higher_is_better"].map(lambda v: is_missing(v) or isinstance(v, bool)),
            ),
            Rule(
                "related:known",
                "related",
                "names an indicator the catalogue does not have",
                "a list of catalogue ids",
                lambda f: f["related"].map(related_ok),
            ),
        ],
    )


def source_spec() -> TableSpec:
    """The rules for the sources' entries: ids, dates, web addresses (``url``, ``retrieved_from``), kinds, languages.

    >>> source_spec().not_missing
    ('id', 'publisher', 'title', 'kind', 'language')
    """
    return TableSpec(
        name="sources",
        required_columns=("id", "publisher", "title", "date", "kind", "language"),
        optional_columns=("url", "retrieved_from", "note"),
        not_missing=("id", "publisher", "title", "kind", "language"),
        key=("id",),
        rules=[
            _snake_id(),
            Rule(
                "date:format",
                "date",
                "not a date",
                DATE_FORMATS,
                lambda f: cells_ok(parse_publication_date)(f["date"]),
                _parse_error(parse_publication_date),
            ),
            *(
                Rule(f"{c}:format", c, "not a web address", "http(s)://…", _address(c))
                for c in ("url", "retrieved_from")
            ),
            _one_of("kind", SOURCE_KINDS),
            _one_of("language", LANGUAGES),
        ],
    )


def _address(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda f: _text_matches(URL)(f[column]) if column in f else pd.Series(True, index=f.index)


def unknown_fields(entries: Sequence[Mapping[str, Any]], fields: Collection[str]) -> list[tuple[int, str]]:
    """(entry number, field) for every field of a YAML entry that the format does not define (typos).

    >>> unknown_fields([{"id": "a"}, {"id": "b", "nmae_en": "B"}], SOURCE_FIELDS)
    [(2, 'nmae_en')]
    """
    return [(i + 1, k) for i, e in enumerate(entries) for k in e if k not in fields]
