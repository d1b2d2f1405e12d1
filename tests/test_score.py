"""score: sacrebleu's own numbers, and re-segmentation (the reference re-joined scores 100; a real
machine translation re-joined into running text scores as its correctly segmented self)."""

from __future__ import annotations

import doctest
import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import score
from align.formats import read_ladder
from align.score import corpus_scores, cut_points, resegment

BIN = Path(sys.executable).parent

HYPS = ["The cat sat on the mat .", "Vietnam and Japan agreed  to raise trade.", "Hà Nội là thủ đô.", ""]
REFS = ["The cat sat on the mat.", "Vietnam and Japan agreed to increase trade. ", "Hà Nội là thủ đô.", "Hello."]


def test_doctests():
    assert doctest.testmod(score).failed == 0


def write_lines(path: Path, lines) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("metrics", [["bleu", "chrf", "ter"], ["chrf"]])
def test_score_prints_exactly_what_sacrebleus_command_line_prints(run_cli, tmp_path, metrics):
    hyp, ref = write_lines(tmp_path / "hyp.txt", HYPS), write_lines(tmp_path / "ref.txt", REFS)
    ours = run_cli("score", hyp, ref, "--metrics", ",".join(metrics))
    theirs = subprocess.run([str(BIN / "sacrebleu"), str(ref), "-i", str(hyp), "-m", *metrics],
                            capture_output=True, timeout=120)
    assert ours.returncode == 0 and theirs.returncode == 0, (ours.stderr, theirs.stderr)
    assert ours.stdout.decode() == theirs.stdout.decode()


def test_line_count_mismatch_without_resegment_is_a_one_line_error(run_cli, tmp_path):
    hyp, ref = write_lines(tmp_path / "hyp.txt", HYPS[:3]), write_lines(tmp_path / "ref.txt", REFS)
    result = run_cli("score", hyp, ref)
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "hyp.txt" in lines[0] and "--resegment" in lines[0]
    assert run_cli("score", hyp, ref, "--resegment").returncode == 0


def test_sentence_level_and_table(run_cli, tmp_path):
    hyp, ref = write_lines(tmp_path / "hyp.txt", HYPS), write_lines(tmp_path / "ref.txt", REFS)
    result = run_cli("score", hyp, ref, "--sentence-level", "--metrics", "bleu")
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and '"line": 3, "BLEU": 100.0' in lines[-2]
    table = run_cli("score", hyp, ref, "--table").stdout.decode()
    assert table.splitlines()[0].startswith("BLEU")


def _edits(a, b) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


@settings(max_examples=150, deadline=None)
@given(hyp=st.lists(st.sampled_from("abcd"), max_size=7),
       lines=st.lists(st.lists(st.sampled_from("abcde"), max_size=3), min_size=1, max_size=4),
       data=st.data())
def test_cut_points_minimise_the_summed_edit_distance(hyp, lines, data):
    """Against every way of cutting the hypothesis at the allowed places."""
    allowed = [True] + data.draw(st.lists(st.booleans(), min_size=len(hyp) - 1, max_size=len(hyp) - 1)
                                 if hyp else st.just([])) + [True] * bool(hyp)

    def cost(cuts):
        starts = [0, *cuts[:-1]]
        return sum(_edits(hyp[s:e], line) for s, e, line in zip(starts, cuts, lines))

    positions = [i for i in range(len(hyp) + 1) if allowed[i]]
    best = min(cost([*inner, len(hyp)]) for inner in itertools.combinations_with_replacement(positions, len(lines) - 1))
    found = cut_points(hyp, lines, allowed)
    assert len(found) == len(lines) and found[-1] == len(hyp) and found == sorted(found)
    assert all(allowed[c] for c in found)
    assert cost(found) == best


def test_resegment_never_splits_a_word():
    assert resegment("Hello, world.Again here", ["Hello, world.", "Again here"]) == ["Hello, world.Again", "here"]


TEXTBERG = "textberg/test"


def _bead_segments(data: Path, doc: int) -> tuple[list[str], list[str]]:
    """Text+Berg test document ``doc``: Google's French translation of the German, and the French
    reference, both segmented by the gold beads (the correct segmentation of the hypothesis)."""
    folder = data / TEXTBERG
    mt = (folder / f"doc{doc}.mt-google.de2fr.fr").read_text(encoding="utf-8").splitlines()
    fr = (folder / f"doc{doc}.fr").read_text(encoding="utf-8").splitlines()
    beads = [bead for bead in read_ladder(folder / f"doc{doc}.gold.vecalign") if bead.src and bead.tgt]
    return ([" ".join(mt[i] for i in bead.src) for bead in beads],
            [" ".join(fr[j] for j in bead.tgt) for bead in beads])


def test_resegmented_reference_rejoined_into_paragraphs_scores_100(shared_data):
    _, refs = _bead_segments(shared_data, 0)
    paragraphs = "\n\n".join(" ".join(refs[k: k + 7]) for k in range(0, len(refs), 7))
    assert corpus_scores(resegment(paragraphs, refs), refs, ["bleu"])[0].score == pytest.approx(100.0)


@pytest.mark.parametrize("doc", [0, 4])
def test_resegmented_machine_translation_scores_as_the_correctly_segmented_one(shared_data, doc):
    hyps, refs = _bead_segments(shared_data, doc)
    correct = corpus_scores(hyps, refs, ["bleu"])[0].score
    running_text = " ".join(hyps)
    resegmented = corpus_scores(resegment(running_text, refs), refs, ["bleu"])[0].score
    assert abs(resegmented - correct) <= 0.5, (correct, resegmented)


def test_score_cli_resegments_running_text(run_cli, tmp_path, shared_data):
    hyps, refs = _bead_segments(shared_data, 4)
    hyp = tmp_path / "hyp.txt"
    hyp.write_text(" ".join(hyps[:10]) + "\n\n" + " ".join(hyps[10:]) + "\n", encoding="utf-8")
    ref = write_lines(tmp_path / "ref.txt", refs)
    out = tmp_path / "resegmented.txt"
    result = run_cli("score", hyp, ref, "--resegment", "--resegmented", out, "--metrics", "bleu")
    assert result.returncode == 0, result.stderr.decode()
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(refs)
    assert '"name": "BLEU"' in result.stdout.decode()
