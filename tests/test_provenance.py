"""Every number in data/ is traceable: its value is in its own evidence quote, and the quote is in the source text."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pytest

import dxanalysis as dx
from dxanalysis.data.numbers import MULTIPLIERS, parse_number

_TOKEN = re.compile(
    r"(\d[\d.,\u00a0 ]*\d|\d)\s*(" + "|".join(sorted(MULTIPLIERS, key=len, reverse=True)) + r")?",
    re.IGNORECASE,
)


def numbers_in(text: str) -> set[float]:
    """Every number a reader could take from the text, in either convention, with multiplier words applied."""
    found: set[float] = set()
    text = unicodedata.normalize("NFC", text)
    for m in _TOKEN.finditer(text):
        token, word = m.group(1).strip(), m.group(2)
        # a CSV line quoted from a data file ("Vietnam,VNM,2021,19.830288") holds its numbers between separators
        pieces = {token} | set(re.split(r"[\u00a0 ;,]", token)) | set(token.split(";"))
        if token.count(",") > 1 or ";" in token:
            pieces |= set(token.split(","))
        for piece in pieces:
            for decimal in (".", ","):
                try:
                    value = parse_number(piece, decimal)
                except ValueError:
                    continue
                found.add(value)
                if word:
                    found.add(value * MULTIPLIERS[word.lower()])
    return found


def _contains(values: set[float], value: float) -> bool:
    return any(abs(v - value) <= 1e-9 * max(1.0, abs(value)) for v in values)


def _frame(kind: str) -> pd.DataFrame:
    return dx.load_observations(vintage="all") if kind == "observations" else dx.load_targets()


#: A rank the page writes in words (the DTI's "ranked third", "dẫn đầu"), in English and Vietnamese.
ORDINALS = {
    1: ("first", "topped", "dẫn đầu", "đứng đầu", "nhất"),
    2: ("second", "thứ hai", "thứ nhì", "nhì"),
    3: ("third", "thứ ba"),
    4: ("fourth", "thứ tư"),
    5: ("fifth", "thứ năm"),
}


def _rank_in_words(r) -> bool:
    """A rank written as an ordinal word, or as its place in a quoted list when the note says whom it follows."""
    if not str(r.indicator).endswith(("_rank", "_rank_merged")) or r.value not in ORDINALS:
        return False
    text = _norm(r.evidence)
    return any(word in text for word in ORDINALS[int(r.value)]) or "follows" in str(getattr(r, "note", ""))


@pytest.mark.parametrize("kind", ["observations", "targets"])
def test_every_value_appears_in_its_evidence_quote(kind):
    frame = _frame(kind)
    missing = [
        f"{r.indicator} {getattr(r, 'period', getattr(r, 'year', ''))} = {r.value:g}: {r.evidence!r}"
        for r in frame.itertuples()
        if not _contains(numbers_in(r.evidence), r.value) and not _rank_in_words(r)
    ]
    assert not missing, "values not found in their evidence:\n" + "\n".join(missing)


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("**", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def test_seed_quotes_are_verbatim_in_the_seed_articles(shared):
    seeds = {
        "kontum_2024_04_24": next((shared / "seeds").glob("003_*.txt")),
        "truyenhinhquochoi_2024_07_10": next((shared / "seeds").glob("000_*.txt")),
    }
    for kind in ("observations", "targets"):
        frame = _frame(kind)
        for source, path in seeds.items():
            article = _norm(path.read_text(encoding="utf-8"))
            for r in frame[frame.source == source].itertuples():
                for piece in re.split(r"\s*(?:…|\.\.\.)\s*", r.evidence):
                    if piece.strip():
                        assert _norm(piece) in article, f"{r.indicator}: {piece!r} not in {path.name}"


#: Pages found with the search tool's stored pages on 2026-12-03 (issue 16: the 2025 outcomes), after the research
#: notes were written: their quotes are checked against the stored page when the source is added, not here. The
#: 18.72% of the first was read again in the stored page by a second person.
FOUND_AFTER_THE_NOTES = {
    "vietnam_vn_en_2025_12_31_dx_block",
    "vneconomy_2026_01_12_telecom",
    "vietnamnet_en_2025_12_17_5g",
    "vneconomy_2025_09_05_5g",
    "thanhnien_2026_02_26_bcd",
}


def test_other_quotes_are_in_the_research_notes(shared):
    """Quotes from pages are in the research notes (which copy them: the indicator notes and the data audit's new
    figures); a data file's quote is its own line."""
    datasets = set(dx.load_sources().query("kind == 'dataset'")["id"]) | FOUND_AFTER_THE_NOTES
    research = " ".join(
        _norm((shared / "research" / name).read_text(encoding="utf-8"))
        for name in ("vn_indicators.md", "data_audit.md")
        if (shared / "research" / name).exists()
    )
    seeds = " ".join(_norm(p.read_text(encoding="utf-8")) for p in (shared / "seeds").glob("*.txt"))
    corpus = research + " " + seeds
    absent = []
    for kind in ("observations", "targets"):
        for r in _frame(kind).itertuples():
            if r.source in datasets:
                continue
            for piece in re.split(r"\s*(?:…|\.\.\.|\[…\])\s*", r.evidence):
                if len(piece.strip()) >= 4 and _norm(piece) not in corpus:
                    absent.append(f"{kind}: {r.indicator} ({r.source}): {piece!r}")
    assert not absent, "quotes not found verbatim in ../shared:\n" + "\n".join(absent)
