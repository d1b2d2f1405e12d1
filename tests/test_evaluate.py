"""The standard scorer: hand-computed cases, known numbers on the shared gold sets, the CLI."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.errors import VienalignError
from align.evaluate import Counts, count_document, evaluate, evaluate_files
from align.formats import read_ladder, write_ladder
from align.types import Bead


def beads(text: str) -> list[Bead]:
    """Beads from bead-file lines written on one line: ``"[0]:[0] [1, 2]:[1]"``."""
    return read_ladder(re.split(r"(?<=\])\s+(?=\[)", text))


# (gold, test, (strict P, lax P, strict R, lax R)), worked out by hand from the definitions.
SINGLE_DOCUMENT_CASES = [
    # 1) identical beads: everything right
    ("[0]:[0] [1]:[1, 2]", "[0]:[0] [1]:[1, 2]", (1.0, 1.0, 1.0, 1.0)),
    # 2) two gold 1-1 beads merged into one 2-2: laxly right, strictly wrong, both ways
    ("[0]:[0] [1]:[1]", "[0, 1]:[0, 1]", (0.0, 1.0, 0.0, 1.0)),
    # 3) a 1-1 gold bead output as two null beads: null beads are never laxly right
    ("[0]:[0]", "[0]:[] []:[0]", (0.0, 0.0, 0.0, 0.0)),
    # 4) a null bead is right when the identical null bead is gold; recall ignores gold null beads
    ("[0]:[0] [1]:[]", "[0]:[0] [1]:[]", (1.0, 1.0, 1.0, 1.0)),
    # 5) a 1-2 gold bead split into 1-1 + 0-1: the 1-1 is laxly right, the 0-1 is wrong
    ("[0]:[0, 1]", "[0]:[0] []:[1]", (0.0, 0.5, 0.0, 1.0)),
    # 6) a bead listed twice counts once (the beads of a document are a set, as in vecalign)
    ("[0]:[0]", "[0]:[0] [0]:[0]", (1.0, 1.0, 1.0, 1.0)),
    # 7) off by one everywhere: no overlap with any gold bead
    ("[0]:[0] [1]:[1] [2]:[2]", "[0]:[] [1]:[0] [2]:[1] []:[2]", (0.0, 0.0, 0.0, 0.0)),
    # 8) lax overlap through one sentence of each side; the test null bead stays wrong
    ("[0, 1]:[0] [2]:[1]", "[0]:[] [1, 2]:[0, 1]", (0.0, 0.5, 0.0, 1.0)),
    # 9) the null bead [1]:[] is wrong (gold pairs sentence 1), the 1-1 bead strictly right
    ("[0]:[0] [1]:[1]", "[0]:[0] [1]:[] []:[1]", (1 / 3, 1 / 3, 0.5, 0.5)),
    # 10) gold with only null beads: nothing to recall, so recall (and F1) are 0 by convention
    ("[0]:[] []:[0]", "[0]:[] []:[0]", (1.0, 1.0, 0.0, 0.0)),
]


@pytest.mark.parametrize("gold, test, expected", SINGLE_DOCUMENT_CASES)
def test_hand_computed_cases(gold, test, expected):
    score = evaluate([beads(gold)], [beads(test)])
    got = (score.precision_strict, score.precision_lax, score.recall_strict, score.recall_lax)
    assert got == pytest.approx(expected)
    for p, r, f in ((expected[0], expected[2], score.f1_strict), (expected[1], expected[3], score.f1_lax)):
        assert f == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_counts_are_summed_over_documents_before_dividing():
    # Document 1: 1 test bead, right. Document 2: 3 test beads, all wrong (a rotation).
    # Summed: strict precision 1/4 (the mean of per-document precisions would be 1/2).
    gold = [beads("[0]:[0]"), beads("[0]:[0] [1]:[1] [2]:[2]")]
    test = [beads("[0]:[0]"), beads("[0]:[1] [1]:[2] [2]:[0]")]
    score = evaluate(gold, test)
    assert score.counts == Counts(test_beads=4, strict_right=1, lax_right=1,
                                  gold_beads=4, strict_found=1, lax_found=1)
    assert score.precision_strict == pytest.approx(0.25)
    assert score.documents == 2


def test_empty_test_scores_zero_without_dividing_by_zero():
    score = evaluate([beads("[0]:[0]")], [[]])
    assert (score.precision_strict, score.recall_strict, score.f1_strict) == (0.0, 0.0, 0.0)


def test_document_count_mismatch_is_an_error():
    with pytest.raises(VienalignError, match="1 gold documents but 2 test documents"):
        evaluate([beads("[0]:[0]")], [beads("[0]:[0]"), beads("[0]:[0]")])


# --- invariants ------------------------------------------------------------------------------------

@st.composite
def ladders(draw) -> list[Bead]:
    """A monotone ladder with bead sides of 0-3 sentences (never both empty)."""
    result, i, j = [], 0, 0
    for _ in range(draw(st.integers(0, 12))):
        a, b = draw(st.sampled_from([(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)]))
        result.append(Bead(tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
    return result


@given(ladders(), ladders())
def test_scores_are_in_unit_interval_and_lax_is_at_least_strict(gold, test):
    score = evaluate([gold], [test])
    for strict, lax in ((score.precision_strict, score.precision_lax),
                        (score.recall_strict, score.recall_lax)):
        assert 0.0 <= strict <= lax <= 1.0


@given(ladders())
def test_a_ladder_scored_against_itself_is_perfect(ladder):
    counts = count_document(ladder, ladder)
    assert counts.strict_right == counts.lax_right == counts.test_beads == len(ladder)
    assert counts.strict_found == counts.lax_found == counts.gold_beads


# --- known numbers on the shared gold sets ---------------------------------------------------------

def test_gold_against_itself_is_perfect(shared_data):
    golds = sorted((shared_data / "textberg" / "test").glob("doc*.gold.vecalign"))
    golds += sorted((shared_data / "bible-vi-en").glob("*/gold.vecalign"))
    score = evaluate_files(golds, golds)
    assert (score.f1_strict, score.f1_lax) == (1.0, 1.0)
    assert score.documents == 7 + 27


def _diagonal_ladder(n_src: int, n_tgt: int) -> list[Bead]:
    """[i]:[i] while both sides last, then the leftover sentences of the longer side as null beads."""
    common = min(n_src, n_tgt)
    return ([Bead((i,), (i,)) for i in range(common)]
            + [Bead((i,), ()) for i in range(common, n_src)]
            + [Bead((), (j,)) for j in range(common, n_tgt)])


def test_diagonal_ladder_on_textberg_test_matches_vecalign(shared_data, tmp_path):
    # Pinned numbers: the diagonal ladders written by this test were scored with vecalign's own
    # score.py (thompsonb/vecalign, run from a local copy outside the project) with
    # `score.py -g doc{0..6}.gold.vecalign -t doc{0..6}.diag`, which printed precision_strict
    # 0.05242718446601942, recall_strict 0.05827505827505827, precision_lax 0.08349514563106795,
    # recall_lax 0.09324009324009325, f1_strict 0.055196663668329385, f1_lax 0.08809895766640202.
    folder = shared_data / "textberg" / "test"
    golds, tests = [], []
    for k in range(7):
        n_src = len((folder / f"doc{k}.de").read_text(encoding="utf-8").splitlines())
        n_tgt = len((folder / f"doc{k}.fr").read_text(encoding="utf-8").splitlines())
        write_ladder(_diagonal_ladder(n_src, n_tgt), tmp_path / f"doc{k}.diag")
        golds.append(folder / f"doc{k}.gold.vecalign")
        tests.append(tmp_path / f"doc{k}.diag")
    score = evaluate_files(golds, tests)
    assert score.counts == Counts(test_beads=1030, strict_right=54, lax_right=86,
                                  gold_beads=858, strict_found=50, lax_found=80)
    assert score.precision_strict == pytest.approx(0.05242718446601942, abs=1e-12)
    assert score.recall_strict == pytest.approx(0.05827505827505827, abs=1e-12)
    assert score.f1_strict == pytest.approx(0.055196663668329385, abs=1e-12)
    assert score.precision_lax == pytest.approx(0.08349514563106795, abs=1e-12)
    assert score.recall_lax == pytest.approx(0.09324009324009325, abs=1e-12)
    assert score.f1_lax == pytest.approx(0.08809895766640202, abs=1e-12)


# --- command line ----------------------------------------------------------------------------------

@pytest.fixture
def bead_files(tmp_path):
    """A gold file and a test file (case 5 above) in ``tmp_path``."""
    gold, test = tmp_path / "doc.gold", tmp_path / "doc.test"
    gold.write_text("[0]:[0, 1]\n[1]:[2]\n", encoding="utf-8")
    test.write_text("[0]:[0]\n[]:[1]\n[1]:[2]\n", encoding="utf-8")
    return gold, test


def test_cli_prints_a_table(run_cli, bead_files):
    gold, test = bead_files
    result = run_cli("evaluate", "--gold", gold, "--test", test)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.decode().splitlines()[1:4]}
    assert rows == {"precision": ["0.3333", "0.6667"], "recall": ["0.5000", "1.0000"],
                    "F1": ["0.4000", "0.8000"]}


def test_cli_json_pairs_files_in_order(run_cli, bead_files):
    gold, test = bead_files
    result = run_cli("evaluate", "--gold", gold, gold, "--test", test, gold, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 2
    assert report["counts"] == {"test_beads": 5, "strict_right": 3, "lax_right": 4,
                                "gold_beads": 4, "strict_found": 3, "lax_found": 4}


@pytest.mark.parametrize("problem, expected", [
    ("count", "2 gold files but 1 test files"),
    ("missing", "no such file"),
    ("bad line", "doc.test:2: not a bead line"),
    ("not utf-8", "not UTF-8"),
])
def test_cli_errors_are_one_line_exit_2(run_cli, bead_files, problem, expected):
    gold, test = bead_files
    args = ["--gold", gold, "--test", test]
    if problem == "count":
        args = ["--gold", gold, gold, "--test", test]
    elif problem == "missing":
        args = ["--gold", gold, "--test", test.with_name("absent")]
    elif problem == "bad line":
        test.write_text("[0]:[0]\n[1] [2]\n", encoding="utf-8")
    elif problem == "not utf-8":
        test.write_bytes(b"[0]:[0]\n\x81\xff\n")
    result = run_cli("evaluate", *args)
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert expected in stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
