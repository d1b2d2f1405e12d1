"""SRX export: our splitter's rules read by an independent SRX engine (choppa-srx) and by OmegaT 3.6.

The engines must split the project's corpora into the sentences ``vienalign split`` makes (the rules
are only as good as that), and OmegaT with our rules must insert the main job's translations.
``scripts/bench_srx.py`` prints the same measurements as tables, with OmegaT's default rules beside.
"""

from __future__ import annotations

import pytest
from lxml import etree

from align.demo import run_demo
from align.normalize import nfc, undo_word_segmentation
from align.segment import split
from align.srx import SRX_NAMESPACE, omegat_segmentation_conf, srx_document, srx_rules

from .conftest import ROOT
from .srx_engines import choppa_document, engine_spans, running_texts
from .tmx_consumers import omegat_segments, omegat_translate, translate_toolkit_pairs

SAME_SENTENCES = 0.98


def _share_of_our_sentences(segment) -> float:
    """The share of our sentences, over every corpus document, that ``segment(lang, path, text)``
    (offsets) reproduces exactly."""
    same = total = 0
    for _, lang, path in running_texts():
        text = path.read_text(encoding="utf-8")
        theirs = set(segment(lang, path, text))
        ours = [(s.start, s.end) for s in split(text, lang)]
        same += sum(span in theirs for span in ours)
        total += len(ours)
    assert total > 1400
    return same / total


def test_the_srx_document_has_a_rule_set_per_language():
    root = etree.fromstring(srx_document(["vi", "en-US", "vi"]).encode("utf-8"))
    ns = {"srx": SRX_NAMESPACE}
    assert root.get("version") == "2.0"
    names = [rule.get("languagerulename") for rule in root.iterfind(".//srx:languagerule", ns)]
    assert names == ["vienalign Vietnamese", "vienalign English"]
    patterns = [m.get("languagepattern") for m in root.iterfind(".//srx:languagemap", ns)]
    assert len(patterns) == 2
    rules = root.findall(".//srx:languagerule", ns)[0].findall("srx:rule", ns)
    assert len(rules) == len(srx_rules("vi"))
    assert rules[-1].get("break") == "yes" and {r.get("break") for r in rules} == {"yes", "no"}


def test_the_rules_come_from_the_abbreviation_lists():
    before = "\n".join(rule.before for rule in srx_rules("vi") if not rule.breaks)
    assert "PGS" in before and "v\\.v" in before and "Điều" in before
    before = "\n".join(rule.before for rule in srx_rules("en") if not rule.breaks)
    assert "Mr" in before and "U\\.S" in before and "et\\s+al" in before


def _choppa_document():
    pytest.importorskip("choppa", reason="choppa-srx is a test dependency (pip install -e '.[test]')")
    return choppa_document(["vi", "en"])


def test_an_independent_srx_engine_splits_the_corpora_as_we_do():
    document = _choppa_document()
    share = _share_of_our_sentences(lambda lang, path, text: engine_spans(document, lang, text))
    assert share >= SAME_SENTENCES, f"{share:.1%}"


@pytest.mark.parametrize("lang, text, sentences", [
    ("en", "Mr. Smith met the U.S. President at 10 a.m. on Jan. 5. They talked. How? In private.",
     ["Mr. Smith met the U.S. President at 10 a.m. on Jan. 5.", "They talked.", "How?", "In private."]),
    ("vi", "PGS.TS. Lê Văn An làm việc ở TP. Đà Nẵng, Q. 1. Ông nói: “Tốt.” Các nước v.v. Sau đó về.\n"
     "Hình 5. Lễ ký kết\nĐiều 2. Phạm vi",
     ["PGS.TS. Lê Văn An làm việc ở TP. Đà Nẵng, Q. 1.", "Ông nói: “Tốt.”", "Các nước v.v.", "Sau đó về.",
      "Hình 5. Lễ ký kết", "Điều 2. Phạm vi"]),
])
def test_the_engine_keeps_our_abbreviations(lang, text, sentences):
    document = _choppa_document()
    assert [text[s:e] for s, e in engine_spans(document, lang, text)] == sentences
    assert [s.text for s in split(text, lang)] == sentences


def test_omegat_segments_the_corpora_as_we_do(tmp_path):
    found = running_texts()
    segments = omegat_segments(omegat_segmentation_conf(["vi", "en"]), [(lang, str(path)) for _, lang, path in found],
                               tmp_path)
    share = _share_of_our_sentences(lambda lang, path, text: segments[str(path)])
    assert share >= SAME_SENTENCES, f"{share:.1%}"


def test_omegat_inserts_the_main_jobs_units_with_our_rules(tmp_path):
    """With our rules OmegaT finds every unit whose source is one of our sentences; the units that join
    two source sentences (2-1 beads) a sentence-segmenting tool cannot match exactly."""
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "policy-vi-en").symlink_to(ROOT / "corpora" / "policy-vi-en")
    outcomes = list(run_demo(corpora, tmp_path / "demo"))
    # The word-segmented document is given as its TMX carries it: segmentation undone.
    sources = {o.pair.src_text.name: undo_word_segmentation(nfc(o.pair.src_text.read_text(encoding="utf-8")))[0]
               for o in outcomes}
    targets = omegat_translate(sources, [o.tmx for o in outcomes], tmp_path, segmentation_conf=omegat_segmentation_conf(["vi"]))
    inserted = units = 0
    for outcome in outcomes:
        joined = {" ".join(outcome.alignment.src[i] for i in bead.src) for bead in outcome.alignment.beads
                  if len(bead.src) > 1}
        for src, tgt in translate_toolkit_pairs(outcome.tmx):
            if src not in joined:
                units += 1
                inserted += tgt in targets[outcome.pair.src_text.name]
    assert units > 250
    assert inserted >= 0.99 * units, f"{inserted} of {units}"


def test_cli_writes_srx_and_an_omegat_project(run_cli, tmp_path):
    out = tmp_path / "rules.srx"
    done = run_cli("srx", "--lang", "vi", "en", "-o", out, "--omegat", tmp_path / "project")
    assert done.returncode == 0, done.stderr
    assert etree.parse(str(out)).getroot().tag == f"{{{SRX_NAMESPACE}}}srx"
    conf = (tmp_path / "project" / "omegat" / "segmentation.conf").read_text(encoding="utf-8")
    assert "org.omegat.core.segmentation.MapRule" in conf and "vienalign Vietnamese" in conf
    stdout = run_cli("srx", "--lang", "en", "-o", "-")
    assert stdout.returncode == 0 and b"vienalign English" in stdout.stdout
    refused = run_cli("srx", "--lang", "vi")
    assert refused.returncode == 2 and b"-o FILE.srx" in refused.stderr and b"Traceback" not in refused.stderr
    refused = run_cli("srx", "--lang", "../x", "-o", "-")
    assert refused.returncode == 2 and b"not a language code" in refused.stderr
