"""Compare sentence splitters on the project's segmentation gold, and check that ours is linear.

    .venv/bin/python scripts/bench_split.py            # table + timing
    .venv/bin/python scripts/bench_split.py --errors   # also list each splitter's boundary errors
    .venv/bin/python scripts/bench_split.py --gold DIR # score on another gold set (DIR/{vi,en}.txt, .gold)

Splitters: ours (``align.segment.split``), underthesea's ``sent_tokenize`` and pySBD (English rules
for both languages: it has no Vietnamese; both optional, ``pip install -e '.[bench]'``, skipped with a
note when absent) and NLTK Punkt untrained (``PunktSentenceTokenizer()``, no model, no download). The
baselines get the text one paragraph (blank-line block) at a time, so paragraph breaks are given to
them for free; ours gets the whole file. Scores are boundary precision/recall/F1
(``align.evaluate_split``). Nothing is downloaded.

Before the tables: pySBD's 48 English "Golden Rules" (the table in ``tests/test_segment_golden.py``),
how many each splitter gets exactly right.

A second table scores the generic fallback (languages without their own rules) on Text+Berg dev
(de, fr; ../shared, skipped when absent): the gold's sentence-per-line file joined with spaces into
one running paragraph. Its lines are tokenized and not always sentences (some end at a colon or
semicolon), so the numbers compare splitters, they are not a sentence-splitting accuracy.

A third table checks that splitting the policy corpora's ``.txt`` files reproduces their ``.sent``
files (``corpora/policy-vi-en``; the alignment golds are numbered by those sentences): F1 1.000.

The timing part splits a single-line English text of 1 MB and of 5 MB (seed paragraphs repeated)
and prints the best of three times and their ratio: about 5 means linear. With ``--baseline DIR`` (a
checkout of another version, e.g. ``git worktree add /tmp/split-base main``) it times both trees
instead, calling the two ``split`` functions alternately in one process, best CPU time of
``--rounds`` runs, and prints the ratio of ours to the baseline's: on a shared machine only such a
ratio means anything.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.evaluate_split import BoundaryScore, missed_and_spurious, read_gold, score_split  # noqa: E402
from align.segment import split  # noqa: E402

GOLD = ROOT / "corpora" / "segmentation"
POLICY = ROOT / "corpora" / "policy-vi-en"
TEXTBERG_DEV = ROOT.parent / "shared" / "data" / "textberg" / "dev"
LANGS = ("vi", "en")
Splitter = Callable[[str, str], list[str]]


def ours(text: str, lang: str) -> list[str]:
    return [text[s.start:s.end] for s in split(text, lang)]


def ours_text(text: str, lang: str) -> list[str]:
    return [s.text for s in split(text, lang)]


def _per_paragraph(split_paragraph: Callable[[str], list[str]]) -> Splitter:
    def run(text: str, lang: str) -> list[str]:
        return [sentence for block in re.split(r"\n[ \t]*\n", text) if block.strip()
                for sentence in split_paragraph(block)]
    return run


def baselines() -> tuple[dict[str, Splitter], list[str]]:
    """The baseline splitters that can run here, and notes on the ones that cannot."""
    found: dict[str, Splitter] = {}
    notes: list[str] = []
    try:
        from underthesea import sent_tokenize
    except ImportError:
        notes.append("underthesea: not installed (pip install underthesea); skipped")
    else:
        found["underthesea sent_tokenize"] = _per_paragraph(sent_tokenize)
    try:
        import pysbd
    except ImportError:
        notes.append("pySBD: not installed (pip install pysbd); skipped")
    else:
        found["pySBD (English rules)"] = _per_paragraph(pysbd.Segmenter(language="en", clean=False).segment)
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    found["nltk Punkt (untrained)"] = _per_paragraph(PunktSentenceTokenizer().tokenize)
    return found, notes


def golden_rules(splitters: dict[str, Splitter]) -> list[str]:
    """How many of pySBD's English Golden Rules each splitter gets exactly right."""
    from tests.test_segment_golden import GOLDEN_EN_PYSBD

    cases = [row.values[:2] if hasattr(row, "values") else row for row in GOLDEN_EN_PYSBD]
    lines = [f"pySBD's English Golden Rules ({len(cases)} cases), exactly right:", "| splitter | right |", "|---|---|"]
    for name, splitter in splitters.items():
        right = sum([" ".join(s.split()) for s in splitter(text, "en")] == expected for text, expected in cases)
        lines.append(f"| {name} | {right} |")
    return lines


def project_gold(folder: Path, lang: str) -> tuple[str, list[str]]:
    raw = (folder / f"{lang}.txt").read_text(encoding="utf-8")
    return raw, read_gold((folder / f"{lang}.gold").read_text(encoding="utf-8"))


def policy_golds() -> list[tuple[str, str, str, list[str]]]:
    """(name, lang, raw text, sentences) for every ``NAME.LANG.sent`` of the policy corpora."""
    found = []
    for sent in sorted(POLICY.glob("*.sent")):
        lang = sent.suffixes[-2].lstrip(".")
        raw = sent.with_suffix(".txt").read_text(encoding="utf-8")
        found.append((sent.name.split(".")[0], lang, raw, read_gold(sent.read_text(encoding="utf-8"))))
    return found


def textberg_gold(lang: str) -> tuple[str, list[str]]:
    lines = read_gold((TEXTBERG_DEV / f"doc0.{lang}").read_text(encoding="utf-8"))
    lines = [line.strip() for line in lines]
    return " ".join(lines), lines


def score(splitter: Splitter, lang: str, raw: str, gold: list[str], show_errors: bool) -> BoundaryScore | str:
    predicted = splitter(raw, lang)
    try:
        result = score_split(raw, predicted, gold)
    except Exception as err:  # a baseline that rewrites characters cannot be scored by position
        return f"unscorable ({err})"
    if show_errors:
        missed, spurious = missed_and_spurious(raw, predicted, gold)
        for snippet in missed:
            print(f"    {lang} missed:   {snippet}")
        for snippet in spurious:
            print(f"    {lang} spurious: {snippet}")
    return result


def print_row(name: str, lang: str, result: BoundaryScore | str) -> None:
    if isinstance(result, str):
        print(f"| {name} | {lang} | | {result} | | |")
    else:
        print(f"| {name} | {lang} | {result.predicted} ({result.gold}) | "
              f"{result.precision:.3f} | {result.recall:.3f} | {result.f1:.3f} |")


def timing_text(megabytes: int) -> str:
    """A single-line English text of ``megabytes`` MB: the seed paragraphs repeated."""
    seeds = sorted((ROOT / "seeds").glob("00[234]_*.txt"))
    paragraph = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in seeds)
    size = megabytes * 1_000_000
    return ((paragraph + " ") * (size // (len(paragraph) + 1) + 1))[:size]


def timing_against(baseline: Path, rounds: int) -> list[str]:
    """CPU seconds of our ``split`` and of the ``baseline`` tree's on 1 MB and 5 MB, called alternately
    in this process (the baseline's package is loaded under another name), best of ``rounds``."""
    import importlib
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(baseline / "align", Path(tmp) / "align_baseline")  # relative imports: any name works
        sys.path.insert(0, tmp)
        their_split = importlib.import_module("align_baseline.segment").split
        sys.path.remove(tmp)
    lines = []
    for megabytes in (1, 5):
        text = timing_text(megabytes)
        best = {"baseline": float("inf"), "ours": float("inf")}
        counts = {}
        for _ in range(rounds):
            for name, splitter in (("baseline", their_split), ("ours", split)):
                start = time.process_time()
                counts[name] = len(splitter(text, "en"))
                best[name] = min(best[name], time.process_time() - start)
        lines.append(f"{megabytes} MB single line: baseline {best['baseline']:.2f} s ({counts['baseline']} sentences), "
                     f"ours {best['ours']:.2f} s ({counts['ours']} sentences): ours/baseline "
                     f"{best['ours'] / best['baseline']:.3f} (CPU time, best of {rounds})")
    return lines


def timing() -> list[str]:
    seeds = sorted((ROOT / "seeds").glob("00[234]_*.txt"))
    paragraph = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in seeds)
    lines, times = [], {}
    for megabytes in (1, 5):
        size = megabytes * 1_000_000
        text = (paragraph + " ") * (size // (len(paragraph) + 1) + 1)
        text = text[:size]
        runs = []
        for _ in range(3):  # best of three: the machine is shared, the minimum is the least disturbed
            start = time.perf_counter()
            count = len(split(text, "en"))
            runs.append(time.perf_counter() - start)
        times[megabytes] = min(runs)
        lines.append(f"{megabytes} MB single line: {count} sentences in {times[megabytes]:.2f} s")
    lines.append(f"ratio 5 MB / 1 MB: {times[5] / times[1]:.2f} (5.0 = linear)")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list missed and spurious boundaries")
    parser.add_argument("--no-timing", action="store_true", help="skip the 1 MB / 5 MB timing")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="time this other checkout against ours instead (alternately, CPU time)")
    parser.add_argument("--rounds", type=int, default=5, help="timing runs per tree with --baseline (default %(default)s)")
    parser.add_argument("--gold", type=Path, default=GOLD, metavar="DIR",
                        help="gold folder holding vi.txt/vi.gold and en.txt/en.gold (default: %(default)s)")
    args = parser.parse_args()
    missing = [f"{args.gold / f'{lang}{ext}'}" for lang in LANGS for ext in (".txt", ".gold")
               if not (args.gold / f"{lang}{ext}").is_file()]
    if missing:
        parser.error(f"gold files missing: {', '.join(missing)}")

    splitters: dict[str, Splitter] = {"vienalign split": ours}
    found, notes = baselines()
    splitters.update(found)
    print("\n".join(golden_rules({"vienalign split": ours_text, **found})))
    print()
    print(f"Gold: {args.gold}")
    print("| splitter | lang | boundaries (gold) | P | R | F1 |")
    print("|---|---|---|---|---|---|")
    for name, splitter in splitters.items():
        for lang in LANGS:
            print_row(name, lang, score(splitter, lang, *project_gold(args.gold, lang), args.errors))
    for note in notes:
        print(f"note: {note}")
    print()
    if TEXTBERG_DEV.is_dir():
        print("Generic fallback, Text+Berg dev doc0 joined into one paragraph:")
        print("| splitter | lang | boundaries (gold) | P | R | F1 |")
        print("|---|---|---|---|---|---|")
        for name in ("vienalign split", "nltk Punkt (untrained)"):
            for lang in ("de", "fr"):
                print_row(name, lang, score(splitters[name], lang, *textberg_gold(lang), args.errors))
    else:
        print(f"note: {TEXTBERG_DEV} is absent; generic-fallback table skipped")
    print()
    print("Policy corpora, ours against the .sent files:")
    print("| document | lang | boundaries (gold) | P | R | F1 |")
    print("|---|---|---|---|---|---|")
    for name, lang, raw, sentences in policy_golds():
        print_row(name, lang, score(ours, lang, raw, sentences, args.errors))
    if args.baseline is not None:
        print()
        print("\n".join(timing_against(args.baseline, args.rounds)))
    elif not args.no_timing:
        print()
        print("\n".join(timing()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
