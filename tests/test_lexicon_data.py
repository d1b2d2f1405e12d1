"""The built-in lexicon file is well formed: what the aligner's lookup relies on."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest

from align.normalize import with_canonical_tones

LINES = resources.files("align").joinpath("data/lexicon/vi-en.tsv").read_text(encoding="utf-8").splitlines()
PAIRS = [line for line in LINES if line and not line.startswith("#")]


def test_it_is_large_enough_to_matter():
    assert len(PAIRS) >= 5000
    assert len({line.split("\t")[0] for line in PAIRS}) >= 3000


@pytest.mark.parametrize(
    "problem, is_bad",
    [
        ("not exactly one tab", lambda vi, en, line: line.count("\t") != 1),
        ("an empty side", lambda vi, en, line: not vi.strip() or not en.strip()),
        ("stray spaces", lambda vi, en, line: vi != vi.strip() or en != en.strip() or "  " in vi),
        ("a multi-word English side", lambda vi, en, line: " " in en),
        ("not NFC", lambda vi, en, line: unicodedata.normalize("NFC", line) != line),
        ("not lowercase", lambda vi, en, line: line != line.lower()),
        ("old tone placement", lambda vi, en, line: with_canonical_tones(vi) != vi),
    ],
)
def test_no_line_has(problem, is_bad):
    bad = [line for line in PAIRS if is_bad(*(line.split("\t", 1) + [""])[:2], line)]
    assert not bad, f"{len(bad)} lines with {problem}, e.g. {bad[:3]}"


def test_no_duplicates():
    assert len(PAIRS) == len(set(PAIRS))
