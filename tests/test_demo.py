"""The main job: scoring from running text, and the demo end to end (TMX, report, screenshot)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from align.demo import locate, project, project_beads, read_manifests
from align.document import parse_presplit
from align.types import Bead, Sentence

from .conftest import ROOT


def test_locate_finds_gold_sentences_across_line_breaks():
    raw = "Một câu.  Câu\nhai dài hơn.\n\nĐoạn mới."
    gold = parse_presplit("Một câu.\nCâu hai dài hơn.\n\nĐoạn mới.\n")
    assert [raw[a:b] for a, b in locate(raw, gold, "x")] == ["Một câu.", "Câu\nhai dài hơn.", "Đoạn mới."]


def test_locate_names_the_file_when_a_gold_sentence_is_missing():
    with pytest.raises(Exception, match="gold.txt.*gold sentence 1"):
        locate("Một câu.", parse_presplit("Một câu.\nKhông có.\n"), "gold.txt")


# (our sentence spans, gold spans, expected gold indices per our sentence)
PROJECT_CASES = [
    ([(0, 5), (6, 10)], [(0, 5), (6, 10)], [(0,), (1,)]),          # same split
    ([(0, 10)], [(0, 5), (6, 10)], [(0, 1)]),                       # we merged two gold sentences
    ([(0, 3), (4, 10)], [(0, 10)], [(0,), (0,)]),                   # we split one gold sentence
    ([(0, 5), (20, 25)], [(0, 5), (8, 12), (20, 25)], [(0,), (2,)]),  # a gold sentence we never produced
]


@pytest.mark.parametrize("ours, gold, expected", PROJECT_CASES)
def test_project(ours, gold, expected):
    sentences = [Sentence("x", a, b) for a, b in ours]
    assert project(sentences, gold) == expected


def test_project_beads_merges_beads_that_share_a_gold_sentence():
    beads = [Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8), Bead((2,), (), 0.3)]
    # our source sentences 0 and 1 are halves of gold sentence 0
    merged = project_beads(beads, src_map=[(0,), (0,), (1,)], tgt_map=[(0,), (1,)])
    assert merged == [Bead((0,), (0, 1), 0.8), Bead((1,), (), 0.3)]


def test_every_corpus_pair_is_listed_with_existing_files():
    pairs = read_manifests(ROOT / "corpora")
    assert {p.kind for p in pairs} == {"parallel", "comparable"}
    for pair in pairs:
        for path in (pair.src_text, pair.tgt_text, pair.src_sent, pair.tgt_sent, pair.gold):
            assert path.is_file(), path


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("demo") / "vienalign-out"
    proc = subprocess.run([sys.executable, "-m", "align", "demo", "-o", str(outdir)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    return proc, outdir


def test_demo_writes_tmx_per_pair_report_and_table(demo_run):
    proc, outdir = demo_run
    assert proc.returncode == 0, proc.stderr
    pairs = read_manifests(ROOT / "corpora")
    for pair in pairs:
        assert (outdir / f"{pair.name}.tmx").is_file()
        assert pair.name in proc.stdout
    assert "ALL parallel" in proc.stdout and "ALL comparable" in proc.stdout
    html = (outdir / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == len(pairs)
    # translators first: the parallel pairs, then the comparable ones under a heading that says 0 is right
    sections = re.findall(r'<section id="([^"]+)"', html)
    kinds = [next(p.kind for p in pairs if p.name == name) for name in sections]
    assert kinds == sorted(kinds, key=lambda kind: kind != "parallel") and kinds[0] == "parallel"
    assert html.index("Translated documents") < html.index("0 units is the right answer")
    assert "How to read this page" in html and "<em>score</em>" in html and "<em>plot</em>" in html
    table_order = [line.split()[0] for line in proc.stdout.splitlines() if line.split()[:1] and
                   any(line.startswith(p.name) for p in pairs)]
    assert table_order == [p.name for p in pairs]


def test_lowest_scoring_units_are_the_tmx_units_lowest_first(tmp_path):
    from align.demo import run_pair
    from align.report import weakest_units

    pair = next(p for p in read_manifests(ROOT / "corpora") if p.name == "004-since-13th-congress")
    outcome = run_pair(pair, tmp_path, 0.5)
    shown = [bead.score for bead, *_ in weakest_units(outcome)]
    written = sorted(b.score for b in outcome.projected if b.src and b.tgt and b.score >= 0.5)
    assert shown == written[: len(shown)] and len(shown) == 6


def test_report_screenshot_shows_the_plots(demo_run, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    Image = pytest.importorskip("PIL.Image")
    _, outdir = demo_run
    shot = tmp_path / "report.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars", "--window-size=1400,1800",
         f"--screenshot={shot}", (outdir / "report.html").resolve().as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    by_colour = {rgb: n for n, rgb in colours}
    # The first plot is in view: the gold boxes' grey and the green of confident beads are drawn.
    assert by_colour.get((200, 200, 200), 0) > 200, "no gold boxes in the screenshot"
    greens = sum(n for (r, g, b), n in by_colour.items() if g > 90 and g > 1.6 * r and g > 1.6 * b)
    assert greens > 100, "no score-coloured bead outlines in the screenshot"
