"""Real TMX consumers as test helpers: the TMX 1.4 DTD (lxml), translate-toolkit and OmegaT 3.6.

Point them at any TMX file, e.g. the main job's output::

    from tests.tmx_consumers import dtd_errors, translate_toolkit_pairs, omegat_translations
    assert dtd_errors(path, dtd) == []
    assert len(translate_toolkit_pairs(path)) == units
    inserted = omegat_translations([path], [vi for vi, _ in pairs], tmp_path)
    targets = omegat_translate({"a.txt": document}, [path], tmp_path, segmentation_conf=conf)

OmegaT is run as a command-line tool on a throwaway project: ``omegat.project`` (source ``vi``,
target ``en``), ``source/doc.txt`` with the source segments as paragraphs (an empty line between
them), the TMX in ``tm/auto/`` (OmegaT inserts exact matches from there into the project's memory as
it loads), then ``--mode=console-translate`` writes ``target/doc.txt``, where every paragraph OmegaT
found a translation for is replaced by it. Empty lines, not single line breaks, because OmegaT's
plain-text filter joins the lines of a paragraph: a heading without a full stop would merge with the
next line and neither would match. Within a paragraph OmegaT's SRX rules split sentences (after
``V.`` in ``Tổng thống V. Pu-tin``, for one) unless ``sentence_segmentation`` is off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Sequence

import pytest
from lxml import etree

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{src}</source_lang>
    <target_lang>{tgt}</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>{sentence_seg}</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def dtd_errors(path: str | os.PathLike, dtd_path: str | os.PathLike | None) -> list[str]:
    """DTD validation messages for ``path`` (``[]`` when valid); parsed without network or entities.
    Also ``[]`` when there is no DTD to check against (``dtd_path`` None: ``../shared`` absent), so
    the DTD check is the one step of a test that needs ``../shared``."""
    if dtd_path is None:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    dtd = etree.DTD(str(dtd_path))
    if dtd.validate(etree.parse(str(path), parser)):
        return []
    return [f"line {e.line}: {e.message}" for e in dtd.error_log.filter_from_errors()]


def translate_toolkit_pairs(path: str | os.PathLike) -> list[tuple[str, str]]:
    """(source, target) of every unit, as translate-toolkit's ``tmxfile`` reads them."""
    from translate.storage.tmx import tmxfile

    with open(path, "rb") as stream:
        store = tmxfile(stream)
    return [(unit.source, unit.target) for unit in store.units]


def require_omegat() -> list[str]:
    """The command that runs OmegaT; skips the test when Java or OmegaT is not installed."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("java is not installed (apt-get install default-jre-headless omegat)")
    if not OMEGAT_JAR.is_file():
        pytest.skip(f"{OMEGAT_JAR} is absent (apt-get install omegat)")
    return [java, "-Djava.awt.headless=true"]


def omegat_translate(
    sources: dict[str, str],
    tmx_files: Sequence[str | os.PathLike],
    workdir: Path,
    *,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    sentence_segmentation: bool = True,
    segmentation_conf: str | None = None,
    timeout: float = 300,
) -> dict[str, str]:
    """OmegaT's target documents, {file name: text}, for the source documents ``sources`` ({file name:
    text}, plain text: paragraphs are blocks between empty lines), pre-translated from ``tmx_files``
    in ``tm/auto``; ``segmentation_conf`` is written to the project's ``omegat/segmentation.conf``
    (else OmegaT's default rules apply)."""
    command = require_omegat()
    project = workdir / "omegat-project"
    for folder in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    (project / "omegat.project").write_text(_PROJECT.format(
        src=src_lang, tgt=tgt_lang, sentence_seg=str(sentence_segmentation).lower()), encoding="utf-8")
    if segmentation_conf is not None:
        (project / "omegat" / "segmentation.conf").write_text(segmentation_conf, encoding="utf-8")
    for name, text in sources.items():
        (project / "source" / name).write_text(text, encoding="utf-8")
    for k, tmx in enumerate(tmx_files):
        shutil.copy(tmx, project / "tm" / "auto" / f"{k:04d}-{Path(tmx).name}")
    done = subprocess.run(
        # user.home: OmegaT keeps its settings in ~/.omegat; a private home keeps the run hermetic
        [*command, f"-Duser.home={workdir / 'home'}", "-jar", str(OMEGAT_JAR), str(project),
         "--mode=console-translate", "--quiet"],
        capture_output=True, timeout=timeout,
    )
    targets = {name: project / "target" / name for name in sources}
    assert done.returncode == 0 and all(path.is_file() for path in targets.values()), \
        done.stderr.decode(errors="replace")[-2000:]
    return {name: path.read_text(encoding="utf-8") for name, path in targets.items()}


def omegat_segments(
    segmentation_conf: str, documents: Sequence[tuple[str, str | os.PathLike]], workdir: Path, *, timeout: float = 300,
) -> dict[str, list[tuple[int, int]]]:
    """OmegaT 3.6's own segmenter (``org.omegat.core.segmentation.Segmenter``, through
    ``tests/OmegatSegments.java``) with the rules ``segmentation_conf`` on each (language, path) of
    ``documents``, read by paragraphs as its plain-text filter reads them: {path: [(start, end) of each
    segment, as offsets into the file]}."""
    command = require_omegat()
    conf = workdir / "segmentation.conf"
    conf.write_text(segmentation_conf, encoding="utf-8")
    done = subprocess.run(
        [*command, f"-Duser.home={workdir / 'home'}", "-cp", str(OMEGAT_JAR), str(Path(__file__).with_name("OmegatSegments.java")),
         str(conf), *(f"{lang}={path}" for lang, path in documents)],
        capture_output=True, text=True, timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    segments: dict[str, list[tuple[int, int]]] = {}
    current: list[tuple[int, int]] = []
    for line in done.stdout.splitlines():
        if line.startswith("# "):
            current = segments.setdefault(line[2:], [])
        else:
            start, end = line.split()
            current.append((int(start), int(end)))
    return segments


def omegat_translations(
    tmx_files: Sequence[str | os.PathLike],
    source_lines: list[str],
    workdir: Path,
    *,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    sentence_segmentation: bool = True,
    timeout: float = 120,
) -> dict[str, str]:
    """Let OmegaT pre-translate ``source_lines`` (each its own paragraph) from ``tmx_files`` in
    ``tm/auto``; the ones it translated, as {source line: target line}."""
    target = omegat_translate({"doc.txt": "\n\n".join(source_lines) + "\n"}, tmx_files, workdir, src_lang=src_lang,
                              tgt_lang=tgt_lang, sentence_segmentation=sentence_segmentation, timeout=timeout)
    translated = target["doc.txt"].rstrip("\n").split("\n\n")
    assert len(translated) == len(source_lines), "OmegaT changed the number of paragraphs"
    return {src: tgt for src, tgt in zip(source_lines, translated) if tgt != src}
