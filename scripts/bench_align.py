"""The alignment benchmark: our aligner and nltk's Gale–Church, scored and timed in the same run.

Prints one table. Accuracy rows score each aligner with the standard scorer
(:mod:`align.evaluate`: strict/lax precision, recall, F1, counts summed over the documents of a set):

* ``textberg-test``, ``textberg-dev``: Text+Berg de→fr (``../shared/data/textberg``), each document
  aligned separately. Parameters are tuned on dev only; test is the number to report.
* ``textberg-dev-short``: the dev document cut into documents of about 100 source sentences (at
  gold bead boundaries no gold bead crosses), the size of most test documents (36–293 lines):
  a short document teaches the induced lexicon less, and this row shows what that costs.
* ``bible``: the vi→en New Testament (``../shared/data/bible-vi-en``), each book separately
  (3 John is empty on both sides and skipped), without and with the MUSE dictionary
  (``../shared/data/dict/muse_vi-en.tsv`` through :func:`align.lexicon.read_lexicon`).
* ``variant``: the same books rewritten by ``scripts/bible_variant.py`` (seeded: ~10% of lines per
  side joined to the next, ~1% deleted, the gold remapped), again without and with MUSE.
* ``corpora``: the project's own pairs, every folder of ``corpora/`` with a ``pairs.tsv`` manifest
  (``policy-vi-en`` parallel, ``comparable-vi-en`` comparable), one row per folder, aligned from the
  pre-split sentences (``NAME.vi.sent``/``NAME.en.sent``, paragraph numbers kept) against
  ``NAME.gold``.
* ``corpora-raw``: the same pairs from the running paragraphs (``NAME.*.txt``), split by
  :func:`align.segment.split` and projected onto the gold sentences by character offsets (as the
  ``demo`` job scores them): the realistic input, splitting errors included.

Scale rows (``scale``): the 7 Text+Berg test documents concatenated into one, then ``k`` copies of it
(k = 1, 5, 20; about 1,000, 5,000, 20,000 sentences a side), every line of copy ``c`` prefixed with
``⟦de-c⟧``/``⟦fr-c⟧`` so no two lines are identical. Each size runs in a fresh subprocess, which
reports the wall time of the alignment call alone (``time s``) and its own peak resident memory
(``peak MB``: ``VmHWM`` of ``/proc/self/status``, which includes the interpreter and imports; the
RSS just before aligning, with imports done and documents loaded, is ``base MB``). Not
``getrusage().ru_maxrss``: Linux carries it across ``exec``, so a child would report the peak of
the parent it was forked from whenever that is larger. nltk's
Gale–Church, quadratic in time and memory, runs at 1× only, for the speed ratio. Scale rows are
scored against the concatenated gold as a sanity check. Below the table: ours ×20/×5 time (linear
growth gives 4), nltk/ours time at ×1, and our peak memory at ×20.

hunalign (C++, Varga et al. 2005), when ``HUNALIGN`` names its binary (``../shared/tools/build-hunalign``
builds one), runs beside ours on the Text+Berg sets and the scale rows, with an empty dictionary and
its default options (no ``-realign``, which its documentation says triples the time); its ladder of
rungs becomes beads (the sentences between two rungs). Its time and peak memory are those of its own
process (GNU ``time``), so the ratio ours/hunalign is measured side by side, in the same run.

Large rows (``large``, fresh subprocesses like the scale rows): 160,000 Vietnamese sentences, the
Bible's verses cut at clause punctuation (``,;:``) and repeated, tagged per copy (about 5 MB), aligned
against one English sentence; and the Vietnamese Bible's verses repeated to 160,000 lines against
the English Bible's repeated to 160,000 lines (about 24 MB and 19 MB), scored against the repeated
gold. The targets: each in under 60 s and 2 GB.

The last column, ``>=min: n gold%``, counts the non-null beads scoring at least our aligner's
default ``--min-score`` (``align.types.MIN_SCORE``; nltk's beads have no score, so all its non-null
beads) and the share of them that are gold beads: the size and cleanliness of the TMX one would
get (for ``comparable-vi-en``, the share of junk among the units written).

nltk's ``align_blocks`` returns sentence links, not beads: links are merged into beads by connected
components, and sentences with no link become null beads. It gets character lengths, as in the paper.

Usage::

    python scripts/bench_align.py                      # everything (several minutes on 2 cores)
    python scripts/bench_align.py --only textberg-dev  # fast iteration: one set
    python scripts/bench_align.py --only bible,variant --aligners ours
    python scripts/bench_align.py --only scale --scales 1,5 --json
    HUNALIGN=/tmp/hunalign-build/src/hunalign/hunalign python scripts/bench_align.py --only scale,large
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
TEXTBERG = SHARED / "textberg"
BIBLE = SHARED / "bible-vi-en"
MUSE = SHARED / "dict" / "muse_vi-en.tsv"
CORPORA = ROOT / "corpora"

sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from nltk.translate.gale_church import align_blocks  # noqa: E402

from align.evaluate import Score, evaluate  # noqa: E402
from align.formats import read_ladder  # noqa: E402
from align.types import Bead, Sentence  # noqa: E402

log = logging.getLogger("bench_align")

SETS = ("textberg-test", "textberg-dev", "textberg-dev-short", "bible", "variant", "corpora", "corpora-raw", "scale",
        "large")
ALIGNERS = ("ours", "nltk", "hunalign")
HUNALIGN = os.environ.get("HUNALIGN")
LARGE = 160_000
"""Sentences of the large rows."""


@dataclass(frozen=True)
class Document:
    """One document pair with its gold beads; sides are strings or (for paragraphs) Sentences."""

    name: str
    src: tuple[str | Sentence, ...]
    tgt: tuple[str | Sentence, ...]
    gold: tuple[Bead, ...]


@dataclass(frozen=True)
class Dataset:
    name: str
    src_lang: str
    tgt_lang: str
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Row:
    """One line of the table: an aligner on a set (or a scale size)."""

    dataset: str
    aligner: str
    documents: int
    sentences: tuple[int, int]
    score: Score
    seconds: float
    peak_mb: float | None = None
    rss_before_mb: float | None = None
    written: tuple[int, int] | None = None
    """Non-null beads at the default ``--min-score``, and how many of them are gold beads."""


# --- data ------------------------------------------------------------------------------------------

def _lines(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8").splitlines())


def load_textberg(split: str) -> Dataset:
    folder = TEXTBERG / split
    docs = tuple(
        Document(gold.name.split(".")[0], _lines(gold.with_name(gold.name.split(".")[0] + ".de")),
                 _lines(gold.with_name(gold.name.split(".")[0] + ".fr")), tuple(read_ladder(gold)))
        for gold in sorted(folder.glob("doc*.gold.vecalign"))
    )
    return Dataset(f"textberg-{split}", "de", "fr", docs)


def cut_document(doc: Document, size: int) -> tuple[Document, ...]:
    """``doc`` cut into documents of about ``size`` source sentences, each cut where every gold bead
    so far lies wholly before it on both sides; the gold beads (renumbered) go with their piece."""
    cuts = [(0, 0)]
    last_src = last_tgt = -1
    for bead in doc.gold:
        last_src = max(last_src, *bead.src) if bead.src else last_src
        last_tgt = max(last_tgt, *bead.tgt) if bead.tgt else last_tgt
        if last_src + 1 - cuts[-1][0] >= size and len(doc.src) - last_src - 1 >= size // 2:
            cuts.append((last_src + 1, last_tgt + 1))
    cuts.append((len(doc.src), len(doc.tgt)))
    pieces = []
    for (src_from, tgt_from), (src_to, tgt_to) in zip(cuts, cuts[1:]):
        gold = tuple(
            Bead(tuple(i - src_from for i in bead.src), tuple(j - tgt_from for j in bead.tgt))
            for bead in doc.gold
            if all(src_from <= i < src_to for i in bead.src) and all(tgt_from <= j < tgt_to for j in bead.tgt)
            and (bead.src or bead.tgt)
        )
        pieces.append(Document(f"{doc.name}[{src_from}:{src_to}]", doc.src[src_from:src_to],
                               doc.tgt[tgt_from:tgt_to], gold))
    return tuple(pieces)


def load_textberg_short(size: int = 100) -> Dataset:
    dev = load_textberg("dev")
    return Dataset("textberg-dev-short", "de", "fr",
                   tuple(piece for doc in dev.documents for piece in cut_document(doc, size)))


def load_bible() -> Dataset:
    docs = []
    for book in sorted(p for p in BIBLE.iterdir() if p.is_dir()):
        vi, en = _lines(book / "vi.txt"), _lines(book / "en.txt")
        if not vi or not en:
            log.info("bible: %s skipped (a side is empty)", book.name)
            continue
        docs.append(Document(book.name, vi, en, tuple(read_ladder(book / "gold.vecalign"))))
    return Dataset("bible", "vi", "en", tuple(docs))


def load_variant(bible: Dataset) -> Dataset:
    from bible_variant import make_variant

    docs = []
    for doc in bible.documents:
        variant = make_variant(doc.src, doc.tgt, doc.gold, doc.name)
        docs.append(Document(doc.name, variant.src.lines, variant.tgt.lines, variant.gold))
    return Dataset("bible-variant", "vi", "en", tuple(docs))


def corpus_pairs() -> dict[str, list]:
    """The pairs of every ``corpora/*/pairs.tsv``, by folder (see :func:`align.demo.read_manifests`)."""
    from align.demo import read_manifests

    folders: dict[str, list] = {}
    for pair in read_manifests(CORPORA):
        folders.setdefault(pair.gold.parent.name, []).append(pair)
    return folders


def load_presplit(folder: str, pairs: Sequence) -> Dataset:
    from align.document import parse_presplit

    docs = tuple(
        Document(pair.name,
                 tuple(parse_presplit(pair.src_sent.read_text(encoding="utf-8"))),
                 tuple(parse_presplit(pair.tgt_sent.read_text(encoding="utf-8"))),
                 tuple(read_ladder(pair.gold)))
        for pair in pairs
    )
    return Dataset(folder, pairs[0].src_lang, pairs[0].tgt_lang, docs)


def joined_textberg_test(copies: int) -> Document:
    """The Text+Berg test documents joined into one, ``copies`` times, lines tagged per copy and side."""
    test = load_textberg("test")
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Bead] = []
    for copy in range(copies):
        for doc in test.documents:
            di, dj = len(src), len(tgt)
            src.extend(f"⟦de-{copy}⟧ {line}" for line in doc.src)
            tgt.extend(f"⟦fr-{copy}⟧ {line}" for line in doc.tgt)
            gold.extend(Bead(tuple(i + di for i in b.src), tuple(j + dj for j in b.tgt)) for b in doc.gold)
    return Document(f"textberg-test x{copies}", tuple(src), tuple(tgt), tuple(gold))


def _repeated(lines: Sequence[str], size: int, tag: str) -> list[str]:
    """``lines`` repeated until there are ``size``, each copy's lines tagged ``⟦tag-copy⟧``."""
    return [f"⟦{tag}-{k // len(lines)}⟧ {lines[k % len(lines)]}" for k in range(size)]


def large_document(kind: str) -> Document:
    """The large rows' documents (module docstring): ``vs1`` or ``vs160k``."""
    bible = load_bible()
    vi = [line for doc in bible.documents for line in doc.src]
    if kind == "vs1":
        clauses = [part.strip() for line in vi for part in re.split(r"(?<=[,;:])\s+", line) if part.strip()]
        return Document("vi clauses x160k vs 1", tuple(_repeated(clauses, LARGE, "vi")),
                        ("In the beginning was the Word.",), ())
    en = [line for doc in bible.documents for line in doc.tgt]
    gold: list[Bead] = []
    di = dj = 0
    while di < LARGE and dj < LARGE:
        for doc in bible.documents:
            gold.extend(Bead(tuple(i + di for i in b.src), tuple(j + dj for j in b.tgt)) for b in doc.gold
                        if all(i + di < LARGE for i in b.src) and all(j + dj < LARGE for j in b.tgt))
            di, dj = di + len(doc.src), dj + len(doc.tgt)
    return Document("bible vi x160k vs en x160k", tuple(_repeated(vi, LARGE, "vi")),
                    tuple(_repeated(en, LARGE, "en")), tuple(gold))


# --- aligners --------------------------------------------------------------------------------------

def _text(sentence: str | Sentence) -> str:
    return sentence.text if isinstance(sentence, Sentence) else sentence


def links_to_beads(links: Sequence[tuple[int, int]], n_src: int, n_tgt: int) -> list[Bead]:
    """Beads from sentence links: linked sentences joined by connected components, the rest null.

    Gale–Church links are monotone, so each component is a run of consecutive sentences on each
    side, and one sweep along both sides emits the beads in order.

    >>> links_to_beads([(0, 0), (0, 1), (2, 2)], 3, 4)  # doctest: +NORMALIZE_WHITESPACE
    [Bead(src=(0,), tgt=(0, 1), score=1.0), Bead(src=(1,), tgt=(), score=1.0),
     Bead(src=(2,), tgt=(2,), score=1.0), Bead(src=(), tgt=(3,), score=1.0)]
    """
    # Union-find over nodes 0..n_src-1 (source sentences) and n_src.. (target sentences).
    parent = list(range(n_src + n_tgt))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    linked = set()
    for i, j in links:
        parent[find(i)] = find(n_src + j)
        linked.update((i, n_src + j))
    members: dict[int, tuple[list[int], list[int]]] = {}
    for node in sorted(linked):
        src, tgt = members.setdefault(find(node), ([], []))
        (src if node < n_src else tgt).append(node if node < n_src else node - n_src)

    beads: list[Bead] = []
    i = j = 0
    while i < n_src or j < n_tgt:
        if i < n_src and i not in linked:
            beads.append(Bead((i,), ()))
            i += 1
        elif j < n_tgt and n_src + j not in linked:
            beads.append(Bead((), (j,)))
            j += 1
        else:
            src, tgt = members[find(i if i < n_src else n_src + j)]
            beads.append(Bead(tuple(src), tuple(tgt)))
            i, j = max(i, src[-1] + 1), max(j, tgt[-1] + 1)
    return beads


def nltk_gale_church(doc: Document, src_lang: str, tgt_lang: str) -> list[Bead]:
    links = align_blocks([len(_text(s)) for s in doc.src], [len(_text(t)) for t in doc.tgt])
    return links_to_beads(links, len(doc.src), len(doc.tgt))


def make_ours(lexicon=None) -> Callable[[Document, str, str], list[Bead]]:
    from align.aligner import align

    def ours(doc: Document, src_lang: str, tgt_lang: str) -> list[Bead]:
        return list(align(list(doc.src), list(doc.tgt), src_lang, tgt_lang, lexicon=lexicon).beads)

    return ours


def rungs_to_beads(rungs: Sequence[tuple[int, int]], n_src: int, n_tgt: int) -> list[Bead]:
    """Beads from hunalign's ladder: the sentences between two consecutive rungs are one bead.

    >>> rungs_to_beads([(0, 0), (1, 1), (1, 2), (3, 3)], 3, 3)  # doctest: +NORMALIZE_WHITESPACE
    [Bead(src=(0,), tgt=(0,), score=1.0), Bead(src=(), tgt=(1,), score=1.0),
     Bead(src=(1, 2), tgt=(2,), score=1.0)]
    """
    points = [(0, 0), *rungs, (n_src, n_tgt)]
    beads = []
    for (i, j), (next_i, next_j) in zip(points, points[1:]):
        if next_i > i or next_j > j:
            beads.append(Bead(tuple(range(i, next_i)), tuple(range(j, next_j))))
    return beads


def run_hunalign(doc: Document) -> tuple[list[Bead], float, float]:
    """hunalign on ``doc`` with an empty dictionary: its beads, wall time and peak memory (MB).

    The peak is GNU time's ``%M`` where ``/usr/bin/time`` exists (it forks from a small process),
    else ``wait4``'s, which Linux carries across ``exec`` from this Python process: an upper bound.
    """
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").is_file() else []
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder, name) for name in ("empty.dic", "src.txt", "tgt.txt")]
        paths[0].write_text("", encoding="utf-8")
        for path, side in zip(paths[1:], (doc.src, doc.tgt)):
            path.write_text("".join(_text(s) + "\n" for s in side), encoding="utf-8")
        started = time.perf_counter()
        # In the scratch folder: hunalign leaves an empty translate.txt in its working directory.
        proc = subprocess.Popen([*timer, HUNALIGN, *map(str, paths)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=folder)
        out, err = proc.communicate()
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"hunalign failed on {doc.name} (exit {proc.returncode})")
    peak_mb = int(err.decode().split()[-1]) / 1024 if timer else usage.ru_maxrss / 1024
    rungs = [(int(i), int(j)) for i, j, *_ in (line.split("\t") for line in out.decode().splitlines() if line)]
    return rungs_to_beads(rungs, len(doc.src), len(doc.tgt)), seconds, peak_mb


def hunalign(doc: Document, src_lang: str, tgt_lang: str) -> list[Bead]:
    return run_hunalign(doc)[0]


def ours_available() -> bool:
    try:
        import align.aligner  # noqa: F401
    except ImportError as err:
        log.warning("our aligner is not importable yet (%s); only nltk runs", err)
        return False
    return True


def load_muse():
    from align.lexicon import read_lexicon

    started = time.perf_counter()
    lexicon = read_lexicon(MUSE)
    log.info("MUSE dictionary read in %.1f s", time.perf_counter() - started)
    return lexicon


# --- running ---------------------------------------------------------------------------------------

def run(dataset: Dataset, label: str, aligner: Callable[[Document, str, str], list[Bead]]) -> Row:
    golds, tests = [], []
    seconds = 0.0
    for doc in dataset.documents:
        started = time.perf_counter()
        tests.append(aligner(doc, dataset.src_lang, dataset.tgt_lang))
        seconds += time.perf_counter() - started
        golds.append(doc.gold)
    sentences = (sum(len(d.src) for d in dataset.documents), sum(len(d.tgt) for d in dataset.documents))
    return _row(dataset.name, label, golds, tests, sentences, seconds)


def _row(name: str, label: str, golds: Sequence[Sequence[Bead]], tests: Sequence[Sequence[Bead]],
         sentences: tuple[int, int], seconds: float) -> Row:
    score = evaluate(golds, tests)
    log.info("%s / %s: strict F1 %.4f in %.1f s", name, label, score.f1_strict, seconds)
    return Row(name, label, len(golds), sentences, score, seconds, written=_written(golds, tests))


def _written(golds: Sequence[Sequence[Bead]], tests: Sequence[Sequence[Bead]]) -> tuple[int, int] | None:
    """Non-null test beads at our aligner's default ``min_score`` (what goes into a TMX), and how
    many of them are gold beads (None while the aligner is not importable)."""
    try:
        from align.types import MIN_SCORE as threshold
    except ImportError:
        return None
    kept = [(gold, [b for b in test if not b.is_null and b.score >= threshold])
            for gold, test in zip(golds, tests)]
    return (sum(len(test) for _, test in kept),
            sum(len({(b.src, b.tgt) for b in test} & {(g.src, g.tgt) for g in gold}) for gold, test in kept))


def run_raw(folder: str, pairs: Sequence, label: str,
            aligner: Callable[[Document, str, str], list[Bead]]) -> Row:
    """Split the running text, align, and score the beads projected onto the gold sentences."""
    from align.demo import locate, project, project_beads
    from align.document import parse_presplit
    from align.segment import split
    from align.textio import read_text

    golds, tests = [], []
    seconds = 0.0
    sentences = [0, 0]
    for pair in pairs:
        src_raw, tgt_raw = read_text(pair.src_text), read_text(pair.tgt_text)
        started = time.perf_counter()
        src, tgt = split(src_raw, pair.src_lang), split(tgt_raw, pair.tgt_lang)
        beads = aligner(Document(pair.name, tuple(src), tuple(tgt), ()), pair.src_lang, pair.tgt_lang)
        seconds += time.perf_counter() - started
        src_gold = parse_presplit(read_text(pair.src_sent))
        tgt_gold = parse_presplit(read_text(pair.tgt_sent))
        src_map = project(src, locate(src_raw, src_gold, pair.src_text))
        tgt_map = project(tgt, locate(tgt_raw, tgt_gold, pair.tgt_text))
        tests.append(project_beads(beads, src_map, tgt_map))
        golds.append(read_ladder(pair.gold))
        sentences[0] += len(src_gold)
        sentences[1] += len(tgt_gold)
    return _row(f"{folder} (raw)", label, golds, tests, (sentences[0], sentences[1]), seconds)


def scale_worker(what: str, aligner: str) -> dict:
    """In a fresh process: align a large document (``x5``: the ×5 joined Text+Berg test; ``vs1``,
    ``vs160k``: the large rows), report time and memory."""
    doc = joined_textberg_test(int(what[1:])) if what.startswith("x") else large_document(what)
    rss_before_mb = _proc_status_mb("VmRSS")  # interpreter, imports and the documents: the baseline
    if aligner == "hunalign":
        beads, seconds, peak_mb = run_hunalign(doc)
    else:
        align_fn = make_ours() if aligner == "ours" else nltk_gale_church
        started = time.perf_counter()
        beads = align_fn(doc, "vi" if what.startswith("vs") else "de", "en" if what.startswith("vs") else "fr")
        seconds = time.perf_counter() - started
        peak_mb = _proc_status_mb("VmHWM")
    score = evaluate([doc.gold], [beads])
    return {"name": doc.name, "seconds": seconds, "peak_mb": peak_mb, "rss_before_mb": rss_before_mb,
            "sentences": [len(doc.src), len(doc.tgt)], "counts": asdict(score.counts)}


def _proc_status_mb(field: str) -> float:
    """A memory figure of this process from ``/proc/self/status`` (reported there in kB), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no {field} in /proc/self/status: the scale rows need Linux")


def run_scale(what: str, aligner: str) -> Row:
    from align.evaluate import Counts

    result = subprocess.run(
        [sys.executable, __file__, "--scale-worker", what, "--aligners", aligner],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"scale worker {what} {aligner} failed:\n{result.stderr}")
    report = json.loads(result.stdout)
    score = Score(Counts(**report["counts"]), 1)
    log.info("%s / %s: %.1f s, peak %.0f MB", report["name"], aligner, report["seconds"], report["peak_mb"])
    label = "nltk-gc" if aligner == "nltk" else aligner
    name = f"textberg-test {what} joined" if what.startswith("x") else report["name"]
    rss_before = report["rss_before_mb"] if aligner != "hunalign" else None
    return Row(name, label, 1, tuple(report["sentences"]), score, report["seconds"], report["peak_mb"], rss_before)


# --- output ----------------------------------------------------------------------------------------

_HEADER = (f"{'set':<28} {'aligner':<10} {'docs':>4} {'src/tgt sents':>13}  "
           f"{'P strict':>8} {'R strict':>8} {'F1 strict':>9}  {'P lax':>6} {'R lax':>6} {'F1 lax':>6}"
           f"  {'time s':>8} {'peak MB':>8} {'base MB':>8}  {'>=min: n gold%':>14}")


def format_row(row: Row) -> str:
    s = row.score
    peak = f"{row.peak_mb:8.0f}" if row.peak_mb is not None else f"{'-':>8}"
    base = f"{row.rss_before_mb:8.0f}" if row.rss_before_mb is not None else f"{'-':>8}"
    written = "-"
    if row.written is not None:
        kept, true = row.written
        written = f"{kept} {100 * true / kept:5.1f}%" if kept else "0"
    return (f"{row.dataset:<28} {row.aligner:<10} {row.documents:>4} "
            f"{f'{row.sentences[0]}/{row.sentences[1]}':>13}  "
            f"{s.precision_strict:8.4f} {s.recall_strict:8.4f} {s.f1_strict:9.4f}  "
            f"{s.precision_lax:6.4f} {s.recall_lax:6.4f} {s.f1_lax:6.4f}  "
            f"{row.seconds:8.2f} {peak} {base}  {written:>14}")


def ratios(rows: Sequence[Row]) -> dict[str, float]:
    """Scale ratios: ours ×20/×5 time (linear ≈ 4), nltk/ours time at ×1 (our speed-up), ours/hunalign
    time at each size (≤ 1: as fast as hunalign)."""
    scale = {(r.dataset.split()[1], r.aligner): r for r in rows if r.dataset.startswith("textberg-test x")}
    result = {}
    if ("x20", "ours") in scale and ("x5", "ours") in scale:
        result["ours time x20/x5"] = scale["x20", "ours"].seconds / scale["x5", "ours"].seconds
    if ("x1", "ours") in scale and ("x1", "nltk-gc") in scale:
        result["nltk/ours time at x1"] = scale["x1", "nltk-gc"].seconds / scale["x1", "ours"].seconds
    for size in ("x1", "x5", "x20"):
        if (size, "ours") in scale and (size, "hunalign") in scale:
            result[f"ours/hunalign time at {size}"] = scale[size, "ours"].seconds / scale[size, "hunalign"].seconds
    if ("x20", "ours") in scale:
        result["ours peak MB at x20"] = scale["x20", "ours"].peak_mb
    if ("x20", "hunalign") in scale:
        result["hunalign peak MB at x20"] = scale["x20", "hunalign"].peak_mb
    return result


def print_table(rows: Sequence[Row], notes: Sequence[str]) -> None:
    print(_HEADER)
    print("-" * len(_HEADER))
    for row in rows:
        print(format_row(row))
    print("-" * len(_HEADER))
    for name, value in ratios(rows).items():
        print(f"{name}: {value:.2f}")
    for note in notes:
        print(f"note: {note}")


def rows_to_json(rows: Sequence[Row], notes: Sequence[str]) -> dict:
    return {
        "rows": [{"set": r.dataset, "aligner": r.aligner, "documents": r.documents,
                  "sentences": list(r.sentences), **r.score.as_dict(), "seconds": r.seconds,
                  "peak_mb": r.peak_mb, "rss_before_mb": r.rss_before_mb,
                  "written_at_min_score": r.written and {"beads": r.written[0], "gold": r.written[1]}}
                 for r in rows],
        "ratios": ratios(rows),
        "notes": list(notes),
    }


def _choices(text: str, allowed: Sequence[str], what: str) -> list[str]:
    chosen = [c.strip() for c in text.split(",") if c.strip()]
    chosen = [c2 for c in chosen for c2 in (("textberg-test", "textberg-dev") if c == "textberg" else (c,))]
    unknown = sorted(set(chosen) - set(allowed))
    if unknown:
        raise SystemExit(f"unknown {what}: {', '.join(unknown)} (choose from {', '.join(allowed)})")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(SETS),
                        help=f"comma-separated sets to run (default all): {', '.join(SETS)}; "
                             "'textberg' means both splits")
    parser.add_argument("--aligners", default=",".join(ALIGNERS),
                        help="ours, nltk, hunalign (when HUNALIGN names its binary), comma-separated")
    parser.add_argument("--scales", default="1,5,20", help="copies for the scale rows (default 1,5,20)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--scale-worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    # Progress of the benchmark itself on stderr; the library's own INFO messages would drown it.
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    log.setLevel(logging.INFO)

    if args.scale_worker is not None:
        print(json.dumps(scale_worker(args.scale_worker, args.aligners)))
        return 0
    if not SHARED.is_dir():
        raise SystemExit(f"{SHARED} is absent: the benchmark reads the shared data from beside the clone")

    sets = _choices(args.only, SETS, "set")
    notes: list[str] = []
    aligners = _choices(args.aligners, ALIGNERS, "aligner")
    if "ours" in aligners and not ours_available():
        aligners.remove("ours")
    if "hunalign" in aligners and not (HUNALIGN and Path(HUNALIGN).is_file()):
        aligners.remove("hunalign")
        notes.append("hunalign skipped: set HUNALIGN to its binary (../shared/tools/build-hunalign builds one)")
    rows: list[Row] = []

    def run_all(dataset: Dataset, with_muse: bool = False) -> None:
        if "ours" in aligners:
            rows.append(run(dataset, "ours", make_ours()))
            if with_muse:
                rows.append(run(dataset, "ours+MUSE", make_ours(muse())))
        if "nltk" in aligners:
            rows.append(run(dataset, "nltk-gc", nltk_gale_church))

    muse_cache: list = []

    def muse():
        if not muse_cache:
            muse_cache.append(load_muse())
        return muse_cache[0]

    for split in ("test", "dev"):
        if f"textberg-{split}" in sets:
            run_all(load_textberg(split))
            if "hunalign" in aligners:
                rows.append(run(load_textberg(split), "hunalign", hunalign))
    if "textberg-dev-short" in sets:
        run_all(load_textberg_short())
    if "bible" in sets or "variant" in sets:
        bible = load_bible()
        if "bible" in sets:
            run_all(bible, with_muse=True)
        if "variant" in sets:
            run_all(load_variant(bible), with_muse=True)
    if "corpora" in sets or "corpora-raw" in sets:
        for folder, pairs in corpus_pairs().items():
            if "corpora" in sets:
                run_all(load_presplit(folder, pairs))
            if "corpora-raw" in sets:
                for label, aligner in (("ours", "ours" in aligners and make_ours()),
                                       ("nltk-gc", "nltk" in aligners and nltk_gale_church)):
                    if aligner:
                        rows.append(run_raw(folder, pairs, label, aligner))
    if "scale" in sets:
        for copies in (int(c) for c in args.scales.split(",")):
            if "ours" in aligners:
                rows.append(run_scale(f"x{copies}", "ours"))
            if "hunalign" in aligners:
                rows.append(run_scale(f"x{copies}", "hunalign"))
            if "nltk" in aligners and copies == 1:
                rows.append(run_scale(f"x{copies}", "nltk"))
        if "nltk" in aligners:
            notes.append("nltk Gale-Church is quadratic in time and memory: timed at x1 only")
    if "large" in sets and "ours" in aligners:
        rows.extend(run_scale(kind, "ours") for kind in ("vs1", "vs160k"))
    if not aligners:
        notes.append("no aligner ran")

    if args.json:
        print(json.dumps(rows_to_json(rows, notes), indent=1))
    else:
        print_table(rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
