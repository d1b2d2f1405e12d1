"""Language codes canonicalised once, languages identified from the text, and the defaults every
command shares: the output format from -o, the minimum score, the TMX signature."""

from __future__ import annotations

import json
import logging
import re

import pytest
from lxml import etree

from align.errors import VienalignError
from align.languages import identify, language_code, resolve_language
from align.tmx_read import validate
from tests.tmx_consumers import dtd_errors

from .conftest import ROOT

POLICY = ROOT / "corpora" / "policy-vi-en"
VI = POLICY / "002-party-congress-10.vi.txt"
EN = POLICY / "002-party-congress-10.en.txt"


@pytest.mark.parametrize("code, canonical", [
    ("vi", "vi"), ("vie", "vi"), ("vi-VN", "vi"), ("vi_VN", "vi"), ("VI", "vi"), ("Vie", "vi"),
    ("en", "en"), ("eng", "en"), ("en-US", "en"), ("EN_gb", "en"), ("de-CH", "de"), ("ger", "de"), ("fra", "fr"),
    ("haw", "haw"),  # three letters with no two-letter code stay as they are
])
def test_language_codes_are_canonical(code, canonical):
    assert language_code(code) == canonical


@pytest.mark.parametrize("code", ["", "vietnamese", "v", "vi--VN", "12"])
def test_a_non_code_is_an_error(code):
    with pytest.raises(VienalignError, match="not a language code"):
        language_code(code)


@pytest.mark.parametrize("text, lang", [
    (VI.read_text(encoding="utf-8"), "vi"),
    (EN.read_text(encoding="utf-8"), "en"),
    ((ROOT / "corpora" / "policy-vi-en" / "000-diplomacy-2006.vi.txt").read_text(encoding="utf-8"), "vi"),  # word-segmented
    ("Viet Nam unterstützt die friedliche Beilegung von Streitigkeiten und ist seit 1995 ein Mitglied der ASEAN, "
     "mit der es auch den Handel ausbaut.", "de"),
    ("Le Viet Nam soutient le règlement pacifique des différends et il est membre de l'ASEAN depuis 1995, avec "
     "laquelle il développe aussi le commerce.", "fr"),
    ("El gobierno de Viet Nam apoya la solución pacífica de las controversias y es miembro de la ASEAN desde 1995, "
     "con la que también desarrolla el comercio.", "es"),
    ("Viet Nam ASEAN APEC WTO 1995 2006", None),  # names and numbers say nothing
    ("Xin chào.", None),  # too short to tell
])
def test_identify(text, lang):
    assert identify(text) == lang


def test_resolve_language_warns_when_the_text_disagrees(caplog):
    english = EN.read_text(encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert resolve_language(english, None, "vi", "b.txt") == "en"  # no flag: the text decides
        assert resolve_language(english, "vie", "vi", "b.txt") == "vi"  # a flag: obeyed, with a warning
        assert resolve_language(english, "en-GB", "vi", "b.txt") == "en"
    assert [r.getMessage() for r in caplog.records] == [
        "b.txt looks like English (en), not Vietnamese (vi) (the default); reading it as en",
        "b.txt looks like English (en), not Vietnamese (vi) as given; reading it as vi",
    ]


def tmx_body(path) -> bytes:
    """The TMX without its creation date (which differs from run to run)."""
    return re.sub(rb'creationdate="[^"]*"', b"", path.read_bytes())


def test_every_spelling_of_vietnamese_gives_the_same_tmx(run_cli, tmp_path):
    outputs = {}
    for code in ("vi", "vie", "vi-VN"):
        out = tmp_path / f"{code}.tmx"
        done = run_cli("align", VI, EN, "--src-lang", code, "--tgt-lang", "en", "-o", out)
        assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
        outputs[code] = tmx_body(out)
    assert len(set(outputs.values())) == 1
    assert outputs["vi"].count(b"<tu") > 20  # the built-in lexicon is in use: the units are there


def test_swapped_files_are_noticed(run_cli, tmp_path):
    out = tmp_path / "swapped.tmx"
    done = run_cli("align", EN, VI, "-o", out)  # English first, no language flags
    assert done.returncode == 0, done.stderr.decode()
    warnings = done.stderr.decode().splitlines()
    assert len(warnings) == 2 and all("Traceback" not in w for w in warnings)
    assert "looks like English (en), not Vietnamese (vi)" in warnings[0] and EN.name in warnings[0]
    assert "looks like Vietnamese (vi), not English (en)" in warnings[1] and VI.name in warnings[1]
    root = etree.parse(str(out)).getroot()
    assert root.find("header").get("srclang") == "en"
    assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in root.find("body/tu")[-2:]] == ["en", "vi"]

    given = run_cli("align", EN, VI, "--src-lang", "vi", "--tgt-lang", "en", "-o", tmp_path / "as-given.tmx")
    assert given.returncode == 0
    assert "as given; reading it as vi" in given.stderr.decode().splitlines()[0]


SHORT_VI = "Việt Nam là thành viên của ASEAN từ năm 1995. Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại.\n"
SHORT_EN = "Viet Nam has been a member of ASEAN since 1995. The two sides agreed to strengthen economic and trade cooperation.\n"


def test_output_format_comes_from_the_extension(run_cli, tmp_path, tmx_dtd):
    src, tgt = tmp_path / "a.vi.txt", tmp_path / "a.en.txt"
    src.write_text(SHORT_VI, encoding="utf-8")
    tgt.write_text(SHORT_EN, encoding="utf-8")
    out = tmp_path / "talk.tmx"
    done = run_cli("align", src, tgt, "-o", out, "--min-score", "0.7")
    assert done.returncode == 0, done.stderr.decode()
    assert validate(out) == [] and dtd_errors(out, tmx_dtd) == []
    root = etree.parse(str(out)).getroot()
    assert len(root.findall("body/tu")) == 2
    assert "|min_score:0.7|" in root.find("header/prop[@type='x-signature']").text  # the threshold used
    path = tmp_path / "talk.tsv"
    assert run_cli("align", src, tgt, "-o", path).returncode == 0
    assert path.read_text(encoding="utf-8").count("\t") == 2 * 3


def test_an_unknown_output_extension_is_an_error(run_cli, tmp_path):
    done = run_cli("align", VI, EN, "-o", tmp_path / "talk.txt")
    lines = done.stderr.decode().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "cannot tell the output format" in lines[0]
    assert not (tmp_path / "talk.txt").exists()


def test_batch_writes_no_more_units_than_align_on_comparable_pairs(run_cli, tmp_path):
    manifest = tmp_path / "pairs.tsv"
    rows = [("001-002", "001_f75e903f50136eed", "002_be69761b06a74c2d")]
    manifest.write_text("".join(f"{ROOT / 'seeds' / src}.txt\t{ROOT / 'seeds' / tgt}.txt\t{name}\tvi\ten\n"
                                for name, src, tgt in rows), encoding="utf-8")
    done = run_cli("batch", manifest, "-o", tmp_path / "out", "--workers", "1", "--no-progress",
                   "--allow-outside")  # the manifest in tmp_path names the project's seeds
    assert done.returncode == 0, done.stderr.decode()
    report = {row["id"]: row for row in map(json.loads, (tmp_path / "out" / "report.jsonl").read_text().splitlines())}
    for name, src, tgt in rows:
        out = tmp_path / f"{name}.tmx"
        assert run_cli("align", ROOT / "seeds" / f"{src}.txt", ROOT / "seeds" / f"{tgt}.txt", "--src-lang", "vi",
                       "--tgt-lang", "en", "-o", out).returncode == 0
        assert report[name]["units"] <= len(etree.parse(str(out)).findall("body/tu"))
