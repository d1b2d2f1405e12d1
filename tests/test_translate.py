"""Pre-translation: the memory, exact and fuzzy lookup, number placeables, the draft, the analysis,
the XLIFF (read back by translate-toolkit, validated against the XLIFF 1.2 schema), bad input."""

from __future__ import annotations

import doctest
import importlib.metadata
import json
from pathlib import Path

import pytest
from lxml import etree

from align import translate
from align.document import parse_presplit
from align.formats import read_ladder
from align.tmx import TmxWriter
from align.translate import (NO_MATCH, Translator, band_of, draft_lines, load_memory, pretranslate,
                             replace_numbers)
from align.xliff import xliff_tree

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "corpora" / "policy-vi-en"

MEMORY = [
    ("Năm 2006, kim ngạch xuất khẩu đạt 39,6 tỷ USD.", "In 2006, exports reached US$39.6 billion."),
    ("Việt Nam và Nhật Bản nâng quan hệ lên tầm cao mới.", "Vietnam and Japan raised their relations to a new level."),
    ("Hai bên nhất trí đẩy mạnh hợp tác văn hóa.", "The two sides agreed to step up cultural cooperation."),
    ("Hai bên nhất trí đẩy mạnh hợp tác văn hóa.", "Both sides agreed to boost cultural cooperation."),
]


def write_memory(path: Path, pairs, src="vi", tgt="en") -> Path:
    with TmxWriter(path, src, tgt) as tmx:
        for source, target in pairs:
            tmx.add(source, target, {})
    return path


@pytest.fixture
def memory_tmx(tmp_path) -> Path:
    return write_memory(tmp_path / "memory.tmx", MEMORY)


def test_doctests():
    assert doctest.testmod(translate).failed == 0


def test_every_source_segment_of_the_memory_is_a_100_percent_match_with_its_target(tmp_path):
    """The done-when, on a real memory: the policy corpus's gold sentence pairs as a TMX."""
    pairs = []
    for gold in sorted(POLICY.glob("*.gold")):
        vi = (POLICY / gold.name.replace(".gold", ".vi.sent")).read_text(encoding="utf-8").splitlines()
        en = (POLICY / gold.name.replace(".gold", ".en.sent")).read_text(encoding="utf-8").splitlines()
        vi, en = [s for s in vi if s.strip()], [s for s in en if s.strip()]
        for bead in read_ladder(gold):
            if bead.src and bead.tgt:
                pairs.append((" ".join(vi[i] for i in bead.src).replace("_", " "), " ".join(en[j] for j in bead.tgt)))
    memory = load_memory([write_memory(tmp_path / "policy.tmx", pairs)])
    translator = Translator(memory)
    first_target = {}
    for unit in memory.units:
        first_target.setdefault(unit.source, unit.target)
    assert len(first_target) > 250
    for source, target in first_target.items():
        best = translator.lookup(source)[0]
        assert (best.score, best.target) == (100.0, target)


def test_equal_sources_give_the_first_unit_then_the_others_as_alternatives(memory_tmx):
    matches = Translator(load_memory([memory_tmx])).lookup("Hai  bên nhất trí đẩy mạnh hợp tác văn hóa.")
    assert [(m.score, m.target) for m in matches[:2]] == [(100.0, MEMORY[2][1]), (100.0, MEMORY[3][1])]


def test_a_fuzzy_match_differing_only_in_numbers_gets_the_sentences_numbers(memory_tmx):
    best = Translator(load_memory([memory_tmx])).lookup("Năm 2007, kim ngạch xuất khẩu đạt 48,4 tỷ USD.")[0]
    assert 75 < best.score < 100
    assert best.target == "In 2007, exports reached US$48.4 billion."
    assert best.placeables == (("2006", "2007"), ("39,6", "48,4"))


PLACEABLE_CASES = [
    # (sentence, memory source, memory target, expected target or None)
    ("Năm 2007.", "Năm 2006.", "In 2006.", "In 2007."),
    ("Đạt 1.532 tấn.", "Đạt 766 tấn.", "Reached 766 tonnes.", "Reached 1,532 tonnes."),
    ("Năm 2007 có 5 dự án.", "Năm 2006 có 5 dự án.", "Five projects in 2006.", "Five projects in 2007."),
    ("Năm 2007 ở Huế.", "Năm 2006 ở Hà Nội.", "In 2006 in Hanoi.", None),  # differs in more than numbers
    ("Năm 2007.", "Năm 2006.", "That year.", None),  # the number is not in the target
    ("Từ 2007 đến 2006.", "Từ 2006 đến 2006.", "From 2006 to 2006.", None),  # which 2006 changes?
    ("Năm 2006.", "Năm 2006.", "In 2006.", None),  # nothing to replace
]


@pytest.mark.parametrize("sentence, source, target, expected", PLACEABLE_CASES)
def test_replace_numbers(sentence, source, target, expected):
    result = replace_numbers(sentence, source, target)
    assert (result[0] if result else None) == expected


@pytest.mark.parametrize("score, band", [(100.0, "100%"), (99.99, "95–99%"), (95.0, "95–99%"), (94.9, "85–94%"),
                                         (75.0, "75–84%"), (74.99, "50–74%"), (50.0, "50–74%"),
                                         (49.9, NO_MATCH), (None, NO_MATCH)])
def test_bands(score, band):
    assert band_of(score) == band


def _pretranslation(memory_tmx, text: str, min_match: float = 75.0):
    return pretranslate(parse_presplit(text), Translator(load_memory([memory_tmx])), min_match=min_match,
                        document="doc.txt")


DOCUMENT = ("Việt Nam và Nhật Bản nâng quan hệ lên tầm cao mới.\nNăm 2007, kim ngạch xuất khẩu đạt 48,4 tỷ USD.\n\n"
            "Hôm nay trời đẹp.\n")


def test_draft_keeps_paragraphs_and_marks_unmatched_sentences(memory_tmx):
    pre = _pretranslation(memory_tmx, DOCUMENT)
    assert draft_lines(pre) == [
        "Vietnam and Japan raised their relations to a new level. In 2007, exports reached US$48.4 billion.",
        "",
        "[[vi: Hôm nay trời đẹp.]]",
    ]
    assert draft_lines(_pretranslation(memory_tmx, DOCUMENT, min_match=100.0))[0].endswith(
        "[[vi: Năm 2007, kim ngạch xuất khẩu đạt 48,4 tỷ USD.]]")


def test_analysis_counts_segments_and_words_per_band(memory_tmx):
    pre = _pretranslation(memory_tmx, DOCUMENT)
    rows = {row.band: (row.segments, row.words) for row in pre.summary()}
    assert rows["100%"] == (1, 12)
    assert rows[NO_MATCH] == (1, 4)
    assert sum(segments for segments, _ in rows.values()) == 3
    analysis = pre.as_dict()
    assert [s["band"] for s in analysis["segments"]][0] == "100%"
    assert analysis["segments"][1]["placeables"] == [["2006", "2007"], ["39,6", "48,4"]]
    assert "no match" in pre.table() and "total" in pre.table()


def _xliff_schema() -> Path | None:
    """The OASIS XLIFF 1.2 strict schema from an installed package (a Python distribution, or
    Debian's php-symfony-translation, which `.ci/run` installs); it cannot be downloaded here."""
    name = "xliff-core-1.2-strict.xsd"
    for dist in importlib.metadata.distributions():
        for file in dist.files or ():
            if file.name == name:
                return Path(dist.locate_file(file))
    for folder in (Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas"), Path("/usr/share/xml")):
        found = sorted(folder.rglob(name)) if folder.is_dir() else []
        if found:
            return found[0]
    return None


class _LocalSchemas(etree.Resolver):
    """The schema imports xml.xsd from the W3C's site: take the copy beside it (no network)."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        local = self.folder / url.rsplit("/", 1)[-1]
        return self.resolve_filename(str(local), context) if local.is_file() else None


def test_xliff_validates_against_the_xliff_1_2_schema(memory_tmx):
    schema_path = _xliff_schema()
    if schema_path is None:
        pytest.skip("no XLIFF 1.2 schema installed (apt-get install php-symfony-translation ships it)")
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas(schema_path.parent))
    schema = etree.XMLSchema(etree.parse(str(schema_path), parser))
    tree = xliff_tree(_pretranslation(memory_tmx, DOCUMENT))
    assert schema.validate(tree), schema.error_log


def test_translate_cli_writes_draft_xliff_and_analysis_that_translate_toolkit_reads_back(run_cli, tmp_path,
                                                                                            memory_tmx):
    from translate.storage import xliff

    document = tmp_path / "doc.vi.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    out, xlf, analysis = tmp_path / "draft.txt", tmp_path / "doc.xlf", tmp_path / "analysis.json"
    result = run_cli("translate", document, "--tm", memory_tmx, "-o", out, "--xliff", xlf, "--analysis", analysis,
                     "--presplit")
    assert result.returncode == 0, result.stderr.decode()
    assert "100%" in result.stdout.decode() and "no match" in result.stdout.decode()
    assert out.read_text(encoding="utf-8").splitlines()[-1] == "[[vi: Hôm nay trời đẹp.]]"
    segments = json.loads(analysis.read_text(encoding="utf-8"))["segments"]
    units = xliff.xlifffile.parsefile(str(xlf)).units
    assert [unit.source for unit in units] == [s["source"] for s in segments]
    assert [unit.target or None for unit in units] == [s["target"] if s["used"] else None for s in segments]
    assert [unit.target for unit in units][:2] == ["Vietnam and Japan raised their relations to a new level.",
                                                   "In 2007, exports reached US$48.4 billion."]


def test_translate_cli_reads_running_text(run_cli, tmp_path):
    """The default path: INPUT is split like `split` does, and the memory's own document comes back."""
    src = POLICY / "001-foreign-relations.vi.txt"
    tmx = tmp_path / "m.tmx"
    assert run_cli("align", src, POLICY / "001-foreign-relations.en.txt", "-f", "tmx", "-o", tmx).returncode == 0
    result = run_cli("translate", src, "--tm", tmx, "-o", tmp_path / "draft.txt", "--analysis", tmp_path / "a.json")
    assert result.returncode == 0, result.stderr.decode()
    targets = {}
    for unit in load_memory([tmx]).units:
        targets.setdefault(unit.source, unit.target)
    segments = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["segments"]
    in_memory = [s for s in segments if s["source"] in targets]
    assert len(in_memory) >= 15  # the others are in 2-1 beads, whose units join two sentences
    assert all((s["score"], s["target"]) == (100.0, targets[s["source"]]) for s in in_memory)


def _one_line_error(result) -> str:
    assert result.returncode == 2, result
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0], lines
    return lines[0]


def test_bad_inputs_give_one_line_errors(run_cli, tmp_path, memory_tmx):
    document = tmp_path / "doc.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    not_tmx = tmp_path / "notes.tmx"
    not_tmx.write_text("<html><body>hello</body></html>", encoding="utf-8")
    assert "notes.tmx" in _one_line_error(run_cli("translate", document, "--tm", not_tmx))
    other = write_memory(tmp_path / "de-fr.tmx", [("Guten Tag.", "Bonjour.")], "de", "fr")
    message = _one_line_error(run_cli("translate", document, "--tm", other, "--src-lang", "vi"))
    assert "de-fr.tmx" in message and "vi" in message
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    assert "empty.txt" in _one_line_error(run_cli("translate", empty, "--tm", memory_tmx))
    assert "min-match" in _one_line_error(run_cli("translate", document, "--tm", memory_tmx, "--min-match", "120"))
