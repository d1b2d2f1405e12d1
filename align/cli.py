"""The command line: parse arguments, call the library, turn errors into one line and an exit code.

No logic lives here. Each subcommand is a ``_configure_NAME(subparsers)`` that declares its
arguments and a ``_run_NAME(args)`` that calls the library; ``main`` dispatches.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Callable, Sequence

from ._version import __version__
from .errors import VienalignError
from .textio import atomic_write, read_text

log = logging.getLogger("align")


# --- split -----------------------------------------------------------------------------------------

def _configure_split(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("split", help="split a text into sentences, one a line")
    p.add_argument("file", help="input text file, or - for standard input")
    p.add_argument("--lang", required=True, help="ISO 639-1 language code (vi, en, or any other)")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.add_argument("--keep-tones", action="store_true",
                   help="keep the input's Vietnamese tone placement (default: modern hòa, thủy)")
    p.set_defaults(run=_run_split)


def _run_split(args: argparse.Namespace) -> int:
    from .segment import split, sentences_to_lines

    text = read_text(args.file, encoding=args.encoding)
    sentences = split(text, args.lang, keep_tones=args.keep_tones)
    with atomic_write(args.output) as out:
        out.writelines(line + "\n" for line in sentences_to_lines(sentences))
    return 0


# --- batch -----------------------------------------------------------------------------------------

def _configure_batch(sub: argparse._SubParsersAction) -> None:
    from .batch import BatchOptions

    p = sub.add_parser("batch", help="align many document pairs (a manifest or a folder)",
                       description="Align every pair of a manifest (TSV: source, target, [id, [src-lang, "
                       "tgt-lang]]) or a folder (NAME.vi.txt + NAME.en.txt, or vi/NAME.txt + en/NAME.txt). "
                       "Exit 0 when all pairs aligned, 3 when some failed (see OUTDIR/report.jsonl), "
                       "130 when interrupted. Re-running skips complete outputs and retries failed pairs.")
    p.add_argument("input", help="manifest file or folder")
    p.add_argument("-o", "--outdir", required=True, help="output folder")
    p.add_argument("-f", "--format", default=BatchOptions.fmt, choices=["tmx", "ladder", "tsv", "json"])
    p.add_argument("--merge", action="store_true", help="also join all units into OUTDIR/merged.tmx")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: CPU count)")
    p.add_argument("--engine", default="local", choices=["local", "dask"])
    p.add_argument("--scheduler", help="Dask scheduler address (default: a LocalCluster here)")
    p.add_argument("--src-lang", default="vi", help="source language of unlabelled pairs")
    p.add_argument("--tgt-lang", default="en", help="target language of unlabelled pairs")
    p.add_argument("--presplit", action="store_true", help="inputs hold one sentence a line")
    p.add_argument("--min-score", type=float, default=None, help="drop units below this score")
    p.add_argument("--max-bytes", type=int, default=BatchOptions.max_bytes,
                   help="refuse files larger than this (default: %(default)s)")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.add_argument("--lexicon", help="a bilingual dictionary (TSV src<TAB>tgt, or hunalign 'tgt @ src')")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=_run_batch)


def _run_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .batch import BatchOptions, count_jobs, run_batch

    options = BatchOptions(
        outdir=Path(args.outdir), fmt=args.format, min_score=args.min_score, max_bytes=args.max_bytes,
        presplit=args.presplit, encoding=args.encoding, lexicon=Path(args.lexicon) if args.lexicon else None,
    )
    bar = None
    if not args.no_progress:
        from tqdm import tqdm

        bar = tqdm(total=count_jobs(args.input, args.src_lang, args.tgt_lang), unit="pair",
                   desc="aligning", file=sys.stderr, disable=None)
    try:
        summary = run_batch(args.input, options, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                            workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                            merge=args.merge, progress=(lambda _: bar.update()) if bar else None)
    finally:
        if bar is not None:
            bar.close()
    rate = (summary.ok / summary.seconds) if summary.seconds else 0.0
    print(f"{summary.total} pairs: {summary.ok} aligned, {summary.complete} already complete, "
          f"{summary.failed} failed in {summary.seconds:.1f} s ({rate:.1f} pairs/s); "
          f"report: {Path(args.outdir) / 'report.jsonl'}")
    for failure in summary.failures:
        print(f"failed {failure.id}: {failure.error}", file=sys.stderr)
    if summary.failed > len(summary.failures):
        print(f"... and {summary.failed - len(summary.failures)} more failures in the report", file=sys.stderr)
    if summary.interrupted:
        print("interrupted: finished pairs are kept; run again to resume", file=sys.stderr)
    return summary.exit_code


# --- align -----------------------------------------------------------------------------------------

def _configure_align(sub: argparse._SubParsersAction) -> None:
    from .aligner import Params
    from .formats import FORMATS

    p = sub.add_parser("align", help="align the sentences of a document and its translation",
                       description="Align SRC with its translation TGT and write the beads (ladder: "
                       "'[i, j]:[k]' a line, 0-based sentence indices, every sentence in one bead) or the "
                       "sentence pairs (tsv, tmx, json).")
    p.add_argument("src", help="source text file, or - for standard input")
    p.add_argument("tgt", help="target text file")
    p.add_argument("--src-lang", default="vi", help="source language, ISO 639-1 (default: %(default)s)")
    p.add_argument("--tgt-lang", default="en", help="target language, ISO 639-1 (default: %(default)s)")
    p.add_argument("--presplit", action="store_true",
                   help="inputs hold one sentence a line, empty lines between paragraphs")
    p.add_argument("-f", "--format", default="ladder", choices=FORMATS, help="output format (default: %(default)s)")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.add_argument("--lexicon", help="a bilingual dictionary (TSV src<TAB>tgt, or hunalign 'tgt @ src')")
    p.add_argument("--min-score", type=float, default=Params.min_score,
                   help="drop pairs scoring below this from tsv/tmx output (default: %(default)s)")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.add_argument("--src-locale", help="TMX only: source language with region, e.g. vi-VN")
    p.add_argument("--tgt-locale", help="TMX only: target language with region, e.g. en-US")
    p.set_defaults(run=_run_align)


def _run_align(args: argparse.Namespace) -> int:
    from .aligner import align
    from .document import read_sentences
    from .formats import write_alignment
    from .lexicon import read_lexicon

    lexicon = read_lexicon(args.lexicon) if args.lexicon else None
    src = read_sentences(args.src, args.src_lang, presplit=args.presplit, encoding=args.encoding)
    tgt = read_sentences(args.tgt, args.tgt_lang, presplit=args.presplit, encoding=args.encoding)
    alignment = align(src, tgt, args.src_lang, args.tgt_lang, lexicon=lexicon)
    tmx_options = {}
    if args.format == "tmx":
        from pathlib import Path

        tmx_options = {"document": Path(args.src).name, "src_locale": args.src_locale,
                       "tgt_locale": args.tgt_locale}
    elif args.src_locale or args.tgt_locale:
        raise VienalignError("--src-locale/--tgt-locale apply to -f tmx only")
    written = write_alignment(alignment, args.output, args.format, min_score=args.min_score, **tmx_options)
    log.info("%d source and %d target sentences, %d beads, %d records written",
             len(src), len(tgt), len(alignment.beads), written)
    return 0


# --- evaluate --------------------------------------------------------------------------------------

def _configure_evaluate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score alignments against gold (strict/lax precision, recall, F1)",
                       description="Score bead files against gold bead files, paired in order; counts are "
                       "summed over all pairs, then precision, recall and F1 are computed.")
    p.add_argument("--gold", nargs="+", required=True, metavar="GOLD", help="gold bead files")
    p.add_argument("--test", nargs="+", required=True, metavar="TEST", help="bead files to score")
    p.add_argument("--json", action="store_true", help="print the scores and counts as JSON")
    p.set_defaults(run=_run_evaluate)


def _run_evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate_files

    score = evaluate_files(args.gold, args.test)
    print(json.dumps(score.as_dict(), indent=1) if args.json else score.table())
    return 0


# --- demo (the main job) ---------------------------------------------------------------------------

def _configure_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="align the built-in corpora into TMX, score them, write a report",
                       description="Align every document pair of the project's corpora from running "
                       "text, write one TMX per pair and report.html into OUTDIR, print the scores.")
    p.add_argument("--corpora", help="corpora folder (default: the project's corpora/)")
    p.add_argument("-o", "--outdir", default="vienalign-out", help="output folder (default: %(default)s)")
    p.add_argument("--min-score", type=float, default=None, help="minimum unit score (default: the aligner's)")
    p.set_defaults(run=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .demo import run_demo
    from .report import format_table, write_report

    outdir = Path(args.outdir)
    outcomes = []
    for outcome in run_demo(Path(args.corpora) if args.corpora else None, outdir, args.min_score):
        print(f"aligned {outcome.pair.name}: {outcome.units_written} units -> {outcome.tmx}", file=sys.stderr)
        outcomes.append(outcome)
    report = outdir / "report.html"
    write_report(outcomes, report)
    print(format_table(outcomes))
    print(f"\nTMX files and the report are in {outdir}/ (open {report} in a browser)")
    return 0


# --- tmx (validate, info, merge, filter, to-tsv, from-tsv) -----------------------------------------

_TMX_SHOWN_PROBLEMS = 20


def _configure_tmx(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("tmx", help="check, inspect, merge, filter and convert TMX files")
    tmx = p.add_subparsers(dest="tmx_command", metavar="TMX_COMMAND", required=True)

    q = tmx.add_parser("validate", help="check TMX files against the TMX 1.4 rules and what CAT tools need",
                       description="Problems go to standard error, one a line (FILE:LINE: level: message). "
                       "Exit 0 when there are only warnings, 2 when there are errors.")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.set_defaults(run=_run_tmx_validate)

    q = tmx.add_parser("info", help="units, languages and size of a TMX file")
    q.add_argument("file", metavar="FILE")
    q.set_defaults(run=_run_tmx_info)

    q = tmx.add_parser("merge", help="merge TMX files, dropping repeats; per source segment the unit with "
                       "the highest x-score is kept, else the first")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("-o", "--output", required=True, help="output .tmx file")
    q.add_argument("--src-lang", help="source language (default: the first file's srclang)")
    q.add_argument("--tgt-lang", help="target language (default: the first file's other language)")
    q.set_defaults(run=_run_tmx_merge)

    q = tmx.add_parser("filter", help="keep the units whose x-score is at least --min-score")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--min-score", type=float, required=True, help="units without an x-score are dropped")
    q.add_argument("-o", "--output", required=True, help="output .tmx file")
    q.set_defaults(run=_run_tmx_filter)

    q = tmx.add_parser("to-tsv", help="TMX to TSV: source, target, x-score, x-bead, x-document")
    q.add_argument("file", metavar="FILE")
    q.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    q.add_argument("--src-lang", help="source language (default: the header's srclang)")
    q.add_argument("--tgt-lang", help="target language (default: the first unit's other language)")
    q.set_defaults(run=_run_tmx_to_tsv)

    q = tmx.add_parser("from-tsv", help="TSV (source, target[, x-score[, x-bead[, x-document]]]) to TMX")
    q.add_argument("file", metavar="FILE", help="TSV file, or - for standard input")
    q.add_argument("-o", "--output", required=True, help="output .tmx file")
    q.add_argument("--src-lang", default="vi", help="source language code (default: %(default)s)")
    q.add_argument("--tgt-lang", default="en", help="target language code (default: %(default)s)")
    q.add_argument("--src-locale", help="source xml:lang with a region, e.g. vi-VN")
    q.add_argument("--tgt-locale", help="target xml:lang with a region, e.g. en-US")
    q.set_defaults(run=_run_tmx_from_tsv)


def _run_tmx_validate(args: argparse.Namespace) -> int:
    from .tmx_read import validate

    failed = False
    for path in args.files:
        problems = validate(path)
        for problem in problems[:_TMX_SHOWN_PROBLEMS]:
            print(problem.format(path), file=sys.stderr)
        if len(problems) > _TMX_SHOWN_PROBLEMS:
            print(f"{path}: ... and {len(problems) - _TMX_SHOWN_PROBLEMS} more problems", file=sys.stderr)
        errors = sum(problem.level != "warning" for problem in problems)
        failed = failed or errors > 0
        print(f"{path}: {'invalid' if errors else 'valid'} ({errors} errors, {len(problems) - errors} warnings)")
    return 2 if failed else 0


def _run_tmx_info(args: argparse.Namespace) -> int:
    from .tmx_read import tmx_info

    print(tmx_info(args.file).table())
    return 0


def _run_tmx_merge(args: argparse.Namespace) -> int:
    from .tmx import merge_tmx

    print(merge_tmx(args.files, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang).summary())
    return 0


def _run_tmx_filter(args: argparse.Namespace) -> int:
    from .tmx import filter_tmx

    print(filter_tmx(args.file, args.output, args.min_score).summary())
    return 0


def _run_tmx_to_tsv(args: argparse.Namespace) -> int:
    from .tmx import tmx_to_tsv

    result = tmx_to_tsv(args.file, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    print(result.summary(), file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


def _run_tmx_from_tsv(args: argparse.Namespace) -> int:
    from .tmx import tsv_to_tmx

    print(tsv_to_tmx(args.file, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                     src_locale=args.src_locale, tgt_locale=args.tgt_locale).summary())
    return 0


# --- dispatch --------------------------------------------------------------------------------------

_SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _configure_split,
    _configure_align,
    _configure_evaluate,
    _configure_batch,
    _configure_demo,
    _configure_tmx,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vienalign",
        description="Vietnamese-English sentence splitting, alignment and TMX output.",
    )
    parser.add_argument("--version", action="version", version=f"vienalign {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for configure in _SUBCOMMANDS:
        configure(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.run(args)
    except VienalignError as err:
        print(f"vienalign {args.command}: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(f"vienalign {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
