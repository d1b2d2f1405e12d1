"""Benchmark the translation half: pre-translation leave-one-out, fuzzy lookup speed and exactness, and
re-segmentation against mweralign.

1. **Leave-one-out on corpora/policy-vi-en**: each document is pre-translated with a memory made by
   aligning all the other documents (``align`` on their running text, units at the default minimum
   score, written to TMX and read back); the match bands are printed, and the draft's matched
   targets are scored (BLEU/chrF/TER, re-segmented to the reference sentences) against the real
   translation. Index and brute force are compared on every sentence.
2. **Fuzzy lookup in a large memory** (default 200,000 units): sources sampled from the corpora, the
   seeds, the vi–en Bible and Text+Berg (from ``../shared``), each perturbed (words dropped, repeated,
   reversed or replaced by numbers), so the memory holds many near-duplicates as real memories do.
   Queries are other perturbed sentences of the same texts (near matches) and sentences of the
   corpora (mostly no match). Milliseconds per sentence for the index (the lookup ``translate``
   does: floor 50, three best), and agreement of the best score with brute force over the whole
   memory on a sample.
3. **Re-segmentation** on Text+Berg test (de→fr Google MT, segmented by the gold beads): BLEU of the
   correctly segmented hypothesis, and of the hypothesis joined into running text and re-segmented by
   our DP and, when installed (``pip install mweralign``, the ``bench`` extra), by mweralign.

    .venv/bin/python scripts/bench_translate.py                 # everything, 200,000 units
    .venv/bin/python scripts/bench_translate.py --units 20000 --queries 100
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.aligner import align  # noqa: E402
from align.document import read_sentences  # noqa: E402
from align.formats import read_ladder  # noqa: E402
from align.fuzzy import MAX_CHECKS, FuzzyIndex, brute_force  # noqa: E402
from align.normalize import segment_key  # noqa: E402
from align.score import corpus_scores, resegment  # noqa: E402
from align.tmx import write_tmx  # noqa: E402
from align.translate import (ANALYSIS_FLOOR, ALTERNATIVES, Translator, load_memory,  # noqa: E402
                             pretranslate)

SHARED = ROOT.parent / "shared" / "data"
POLICY = ROOT / "corpora" / "policy-vi-en"


# --- 1. leave-one-out -------------------------------------------------------------------------------

def leave_one_out(workdir: Path) -> None:
    documents = sorted(path.name[: -len(".vi.txt")] for path in POLICY.glob("*.vi.txt"))
    tmx_of = {}
    for name in documents:
        src = read_sentences(POLICY / f"{name}.vi.txt", "vi")
        tgt = read_sentences(POLICY / f"{name}.en.txt", "en")
        tmx_of[name] = workdir / f"{name}.tmx"
        write_tmx(tmx_of[name], align(src, tgt, "vi", "en"), document=name)
    print("1. Leave-one-out on corpora/policy-vi-en (memory: the other documents, aligned)\n")
    header = f"{'document':<26} {'sent':>5} {'100%':>5} {'95-99':>5} {'85-94':>5} {'75-84':>5} {'50-74':>5} " \
             f"{'none':>5} {'BLEU':>6} {'chrF':>6} {'TER':>6} {'=brute':>7}"
    print(header)
    totals = [0] * 7
    same = looked = 0
    for name in documents:
        memory = load_memory([tmx_of[other] for other in documents if other != name], "vi", "en")
        translator = Translator(memory)
        sentences = read_sentences(POLICY / f"{name}.vi.txt", "vi")
        pre = pretranslate(sentences, translator, document=name)
        counts = [row.segments for row in pre.summary()]
        keys = translator.keys
        for sentence in sentences:
            key = segment_key(sentence.text)
            found = translator.index.search(key, min_score=ANALYSIS_FLOOR)
            expected = brute_force(key, keys, min_score=ANALYSIS_FLOOR)
            same += [h.score for h in found] == [h.score for h in expected]
            looked += 1
        hypothesis = " ".join(pre.used(s).target for s in pre.segments if pre.used(s))
        refs = [line for line in (POLICY / f"{name}.en.sent").read_text(encoding="utf-8").splitlines() if line]
        scores = {s.name: s.score for s in corpus_scores(resegment(hypothesis, refs), refs)}
        totals = [t + c for t, c in zip(totals, [len(sentences), *counts])]
        print(f"{name:<26} {len(sentences):>5} " + " ".join(f"{c:>5}" for c in counts)
              + f" {scores['BLEU']:>6.1f} {scores['chrF2']:>6.1f} {scores['TER']:>6.1f} {'':>7}")
    print(f"{'all':<26} " + " ".join(f"{c:>5}" for c in totals) + f" {'':>6} {'':>6} {'':>6} "
          f"{f'{same}/{looked}':>7}")
    print("\n(BLEU/chrF/TER: the draft's matched targets, re-segmented to the reference sentences, "
          "against the real translation; =brute: the index's best score equals brute force)\n")


# --- 2. fuzzy lookup in a large memory ------------------------------------------------------------------

def _source_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "corpora").glob("*/*.vi.sent")) + sorted((ROOT / "seeds").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").replace("_", " ").splitlines()
    for path in sorted((SHARED / "bible-vi-en").glob("*/vi.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    for path in sorted((SHARED / "textberg").glob("*/doc*.de")):
        texts += path.read_text(encoding="utf-8").splitlines()
    keys = [segment_key(text) for text in texts]
    return sorted({key for key in keys if len(key.split()) >= 3})


def _perturb(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 4)):
        where, action = rng.randrange(len(words)), rng.random()
        if action < 0.3 and len(words) > 3:
            del words[where]
        elif action < 0.55:
            words.insert(where, rng.choice(words))
        elif action < 0.8:
            words[where] = words[where][::-1]
        else:
            words[where] = str(rng.randint(1, 3000))
    return " ".join(words)


def large_memory(units: int, queries: int, brute_sample: int, max_checks: int) -> None:
    rng = random.Random(13)
    texts = _source_texts()
    corpora = sorted({segment_key(line.replace("_", " ")) for path in sorted((ROOT / "corpora").glob("*/*.vi.sent"))
                      for line in path.read_text(encoding="utf-8").splitlines() if line.strip()})
    per_group = queries // 3
    held_out = set(rng.sample(range(len(texts)), per_group)) - set(corpora)
    base = [text for k, text in enumerate(texts) if k not in held_out]
    memory = [_perturb(rng, rng.choice(base)) for _ in range(units)]
    groups = {
        "perturbed sentences (near matches)": [_perturb(rng, rng.choice(base)) for _ in range(per_group)],
        "the project's corpora": rng.sample(corpora, min(per_group, len(corpora))),
        "held-out sentences (no near match)": [texts[k] for k in sorted(held_out)],
    }
    started = time.perf_counter()
    index = FuzzyIndex(memory)
    built = time.perf_counter() - started
    print(f"2. Fuzzy lookup: {units:,} units (from {len(texts):,} distinct sentences, perturbed); "
          f"floor {ANALYSIS_FLOOR:g}, {ALTERNATIVES} best, at most {max_checks} candidates scored; "
          f"index built in {built:.1f} s, {len(index.postings):,} postings\n")
    print(f"{'queries':<36} {'n':>4} {'matched':>7} {'ms wall':>8} {'ms CPU':>7} {'brute ms':>8} "
          f"{'best=brute':>10} {'3 best=':>8}")
    totals = [0, 0, 0.0, 0.0, 0, 0, 0]
    for name, asked in groups.items():
        wall, cpu = time.perf_counter(), time.process_time()
        results = [index.search(q, min_score=ANALYSIS_FLOOR, limit=ALTERNATIVES, max_checks=max_checks)
                   for q in asked]
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
        sample = asked[: brute_sample // 3]
        started = time.perf_counter()
        expected = [brute_force(q, memory, min_score=ANALYSIS_FLOOR, limit=ALTERNATIVES) for q in sample]
        brute_ms = 1000 * (time.perf_counter() - started) / max(len(sample), 1)
        same = sum([h.score for h in f[:1]] == [h.score for h in t[:1]] for f, t in zip(results, expected))
        same3 = sum([h.score for h in f] == [h.score for h in t] for f, t in zip(results, expected))
        matched = sum(bool(found) for found in results)
        print(f"{name:<36} {len(asked):>4} {matched:>7} {wall / len(asked):>8.2f} {cpu / len(asked):>7.2f} "
              f"{brute_ms:>8.0f} {f'{same}/{len(sample)}':>10} {f'{same3}/{len(sample)}':>8}")
        totals = [a + b for a, b in zip(totals, [len(asked), matched, wall, cpu, len(sample), same, same3])]
    n, matched, wall, cpu, sampled, same, same3 = totals
    print(f"{'all':<36} {n:>4} {matched:>7} {wall / n:>8.2f} {cpu / n:>7.2f} {'':>8} "
          f"{f'{same}/{sampled}':>10} {f'{same3}/{sampled}':>8}")
    print(f"\n(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)\n")


# --- 3. re-segmentation ------------------------------------------------------------------------------

@contextlib.contextmanager
def _silenced():
    """Standard output and error of the process (not only Python's) go to /dev/null."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            for fd, copy in zip((1, 2), saved):
                os.dup2(copy, fd)
                os.close(copy)


def _mweralign(reference_lines: list[str], hypothesis: str) -> list[str] | None:
    try:
        import mweralign
    except ImportError:
        return None
    logging.getLogger().handlers.clear()  # mweralign configures the root logger on import
    with _silenced():  # its C++ core prints progress
        out = mweralign.align_texts("\n".join(reference_lines), hypothesis)
    return [line.strip() for line in out.split("\n")][: len(reference_lines)]


def resegmentation() -> None:
    folder = SHARED / "textberg" / "test"
    print("3. Re-segmentation, Text+Berg test de->fr Google MT joined into one running text\n")
    print(f"{'doc':<5} {'lines':>5} {'correct':>8} {'ours':>8} {'Δ':>6} {'s':>5} {'mweralign':>10} {'Δ':>6} {'s':>5}")
    for gold in sorted(folder.glob("doc*.gold.vecalign")):
        doc = gold.name.split(".")[0]
        mt = (folder / f"{doc}.mt-google.de2fr.fr").read_text(encoding="utf-8").splitlines()
        fr = (folder / f"{doc}.fr").read_text(encoding="utf-8").splitlines()
        beads = [bead for bead in read_ladder(gold) if bead.src and bead.tgt]
        hyps = [" ".join(mt[i] for i in bead.src) for bead in beads]
        refs = [" ".join(fr[j] for j in bead.tgt) for bead in beads]
        correct = corpus_scores(hyps, refs, ["bleu"])[0].score
        started = time.perf_counter()
        ours = corpus_scores(resegment(" ".join(hyps), refs), refs, ["bleu"])[0].score
        ours_s = time.perf_counter() - started
        started = time.perf_counter()
        theirs_lines = _mweralign(refs, " ".join(hyps))
        theirs_s = time.perf_counter() - started
        row = f"{doc:<5} {len(refs):>5} {correct:>8.2f} {ours:>8.2f} {ours - correct:>+6.2f} {ours_s:>5.1f}"
        if theirs_lines is None:
            row += f" {'(not installed)':>22}"
        else:
            theirs = corpus_scores(theirs_lines, refs, ["bleu"])[0].score
            row += f" {theirs:>10.2f} {theirs - correct:>+6.2f} {theirs_s:>5.1f}"
        print(row)
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--brute-sample", type=int, default=150, help="queries also searched by brute force")
    parser.add_argument("--max-checks", type=int, default=MAX_CHECKS, help="candidates scored per lookup")
    parser.add_argument("--skip", nargs="*", default=[], choices=["loo", "large", "reseg"])
    args = parser.parse_args()
    logging.getLogger("sacrebleu").setLevel(logging.ERROR)  # "tokenized period" hints on Text+Berg
    if "loo" not in args.skip:
        with tempfile.TemporaryDirectory() as workdir:
            leave_one_out(Path(workdir))
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: the large-memory and re-segmentation parts need it")
        return 0
    if "large" not in args.skip:
        large_memory(args.units, args.queries, args.brute_sample, args.max_checks)
    if "reseg" not in args.skip:
        resegmentation()
    return 0


if __name__ == "__main__":
    sys.exit(main())
