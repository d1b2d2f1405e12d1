"""Do CAT tools segment as we do with our exported rules? An independent SRX engine and OmegaT 3.6.

    .venv/bin/python scripts/bench_srx.py              # both tables
    .venv/bin/python scripts/bench_srx.py --no-omegat  # the SRX engine only
    .venv/bin/python scripts/bench_srx.py --diff       # also list the sentences the engine splits otherwise

**SRX engine.** ``vienalign srx`` writes our splitter's rules as SRX 2.0; ``choppa-srx`` (a Python port
of the Java ``segment`` library, which is not our code) reads them (checked against the SRX 2.0 XML
schema) and splits every running text of the project's corpora: ``corpora/segmentation`` and
``corpora/segmentation-heldout`` (vi, en), the policy pairs' ``.txt`` files and the seeds. A sentence
of ``align.segment.split`` counts as the same when the engine gives exactly its stretch of the
input (offsets, after trimming whitespace). Needs ``pip install choppa-srx`` (the ``bench`` extra).

**OmegaT.** The main job's TMX for the parallel pairs of ``corpora/policy-vi-en`` (as ``vienalign
demo`` writes it) goes into ``tm/auto`` of an OmegaT 3.6 project whose source files are the pairs'
Vietnamese running texts, with sentence segmentation on; ``--mode=console-translate`` writes the
target files, and a unit counts as inserted when its English text is in its document's target file.
Twice: with OmegaT's default rules and with ours (``omegat/segmentation.conf`` from ``vienalign srx
--omegat``). Units are counted all together and without the ones whose source side joins two or more
of our sentences (2-1 beads): those a sentence-segmenting tool can never match exactly. The
word-segmented document (``000-diplomacy-2006.vi.txt``, ``Việt_Nam , …``) is given once as it is and
once with its segmentation undone, the text its TMX carries. Skipped without java and
/usr/share/omegat/OmegaT.jar.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.demo import read_manifests, run_demo  # noqa: E402
from align.normalize import nfc, undo_word_segmentation  # noqa: E402
from align.segment import split  # noqa: E402
from align.srx import omegat_segmentation_conf  # noqa: E402
from align.tmx_read import open_tmx  # noqa: E402
from tests.srx_engines import choppa_document, engine_spans, running_texts  # noqa: E402

CORPORA = ROOT / "corpora"


def documents() -> list[tuple[str, str, str, Path]]:
    """(set, name, lang, path) of every running text of the project's corpora and the seeds."""
    return [(group, path.name, lang, path) for group, lang, path in running_texts()]


@dataclass
class Tally:
    same: int = 0
    total: int = 0

    def row(self, name: str) -> str:
        share = self.same / self.total if self.total else 0.0
        return f"| {name} | {self.total} | {self.same} | {share:.1%} |"


def engine_table(show_diff: bool) -> list[str]:
    try:
        document = choppa_document(["vi", "en"])  # raises if not SRX 2.0
    except ImportError:
        return ["note: choppa-srx is not installed (pip install choppa-srx); SRX engine table skipped"]
    return _comparison("Same sentences as `vienalign split`, choppa-srx with our SRX rules:", documents(),
                       lambda lang, path, text: engine_spans(document, lang, text), show_diff)


def _comparison(title: str, found, segment, show_diff: bool) -> list[str]:
    """The table of how many of our sentences ``segment(lang, path, text)`` (offsets) reproduces."""
    lines = [title, "| set | sentences (ours) | same | share |", "|---|---|---|---|"]
    totals: dict[str, Tally] = {}
    overall = Tally()
    for group, name, lang, path in found:
        text = path.read_text(encoding="utf-8")
        ours = [(s.start, s.end) for s in split(text, lang)]
        theirs = set(segment(lang, path, text))
        same = sum(span in theirs for span in ours)
        tally = totals.setdefault(f"{group} ({lang})" if group.startswith("segmentation") else group, Tally())
        for t in (tally, overall):
            t.same += same
            t.total += len(ours)
        if show_diff:
            for start, end in ours:
                if (start, end) not in theirs:
                    lines.append(f"    {group}/{name}: {' '.join(text[start:end].split())[:120]!r}")
    lines += [tally.row(name) for name, tally in totals.items()]
    lines.append(overall.row("all"))
    return lines


def omegat_segmenter_table(show_diff: bool) -> list[str]:
    """The same comparison with OmegaT 3.6's own segmenter reading our ``segmentation.conf``."""
    import shutil

    from tests.tmx_consumers import OMEGAT_JAR, omegat_segments

    if shutil.which("java") is None or not OMEGAT_JAR.is_file():
        return [f"note: java or {OMEGAT_JAR} is missing (apt-get install omegat); OmegaT tables skipped"]
    found = documents()
    with tempfile.TemporaryDirectory() as tmp:
        theirs_by_path = omegat_segments(omegat_segmentation_conf(["vi", "en"]),
                                         [(lang, str(path)) for _, _, lang, path in found], Path(tmp))
    return _comparison("Same sentences as `vienalign split`, OmegaT 3.6's segmenter with our segmentation.conf "
                       "(paragraphs at empty lines):", found, lambda lang, path, text: theirs_by_path[str(path)],
                       show_diff)


def omegat_table() -> list[str]:
    import shutil

    from tests.tmx_consumers import OMEGAT_JAR, omegat_translate

    if shutil.which("java") is None or not OMEGAT_JAR.is_file():
        return []
    pairs = [p for p in read_manifests(CORPORA) if p.kind == "parallel"]
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        corpus = tmpdir / "corpora"
        corpus.mkdir()
        (corpus / "policy-vi-en").symlink_to(CORPORA / "policy-vi-en")
        outcomes = list(run_demo(corpus, tmpdir / "demo"))
        units = {o.pair.src_text.name: list(_units(o.tmx)) for o in outcomes}
        multi = {o.pair.src_text.name: _multi_sentence_sources(o) for o in outcomes}
        lines = ["OmegaT 3.6 inserting the main job's TMX into the Vietnamese running texts (sentence segmentation on):",
                 "| rules | source texts | units inserted | of units | share | single-sentence sources inserted | share |",
                 "|---|---|---|---|---|---|---|"]
        for rules, conf in (("OmegaT default", None), ("vienalign srx", omegat_segmentation_conf(["vi", "en"]))):
            for restored in (False, True):
                sources = {}
                for pair in pairs:
                    text = pair.src_text.read_text(encoding="utf-8")
                    sources[pair.src_text.name] = undo_word_segmentation(nfc(text))[0] if restored else text
                workdir = tmpdir / f"omegat-{len(lines)}"
                workdir.mkdir()
                targets = omegat_translate(sources, [o.tmx for o in outcomes], workdir, segmentation_conf=conf)
                inserted = total = single = single_inserted = 0
                for name, pairs_of_doc in units.items():
                    for src, tgt in pairs_of_doc:
                        hit = tgt in targets[name]
                        total += 1
                        inserted += hit
                        if src not in multi[name]:
                            single += 1
                            single_inserted += hit
                label = "as written" if not restored else "word segmentation undone"
                lines.append(f"| {rules} | {label} | {inserted} | {total} | {inserted / total:.1%} | "
                             f"{single_inserted} of {single} | {single_inserted / single:.1%} |")
    return lines


def _units(tmx: Path):
    """(source, target) of every unit of a TMX we wrote (vi, en)."""
    _, units = open_tmx(tmx)
    for unit in units:
        texts = dict((lang.split("-")[0].lower(), text) for lang, text in unit.variants)
        yield texts["vi"], texts["en"]


def _multi_sentence_sources(outcome) -> set[str]:
    """The source texts of the TMX units that join two or more of our sentences."""
    alignment = outcome.alignment
    return {" ".join(" ".join(alignment.src[i] for i in bead.src).split())
            for bead in alignment.beads if len(bead.src) > 1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-omegat", action="store_true", help="skip the OmegaT table")
    parser.add_argument("--diff", action="store_true", help="list our sentences the SRX engine splits otherwise")
    args = parser.parse_args()
    print("\n".join(engine_table(args.diff)))
    if not args.no_omegat:
        print()
        print("\n".join(omegat_segmenter_table(args.diff)))
        print()
        print("\n".join(omegat_table()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
