"""The command line: parse arguments, call the library, turn errors into one line and an exit code.

No logic lives here. Each subcommand is a ``_configure_NAME(subparsers)`` that declares its
arguments and a ``_run_NAME(args)`` that calls the library; ``main`` dispatches.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Callable, Iterable, Sequence

from ._version import __version__
from .errors import VienalignError
from .textio import atomic_write, check_output_path
from .types import MIN_SCORE, score_threshold

log = logging.getLogger("align")


# --- argument types shared by the subcommands ------------------------------------------------------

def _min_score(text: str) -> float:
    """``--min-score`` of every command: a number from 0 to 1 (not NaN, not infinite)."""
    try:
        return score_threshold(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1") from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


# --- split -----------------------------------------------------------------------------------------

def _configure_split(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="input document (text, docx, odt, html, md, srt, vtt, pdf), or - for standard input")
    p.add_argument("--lang", required=True, help="ISO 639-1 language code (vi, en, or any other)")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    _add_canonical_tones(p)
    p.set_defaults(run=_run_split)


def _add_canonical_tones(p: argparse.ArgumentParser) -> None:
    p.add_argument("--canonical-tones", action="store_true",
                   help="write Vietnamese tones in canonical placement (hoà -> hòa, thuỷ -> thủy; "
                   "default: as the document writes them)")


def _run_split(args: argparse.Namespace) -> int:
    from .readers import running_text
    from .segment import split, sentences_to_lines

    check_output_path(args.output, args.file)
    text = running_text(args.file, encoding=args.encoding)
    sentences = split(text, args.lang, canonical_tones=args.canonical_tones)
    with atomic_write(args.output) as out:
        out.writelines(line + "\n" for line in sentences_to_lines(sentences))
    return 0


# --- srx -------------------------------------------------------------------------------------------

def _configure_srx(p: argparse.ArgumentParser) -> None:
    p.description = ("Write our sentence-splitting rules for CAT tools, so that they segment a "
                     "document as the TMX was segmented: SRX 2.0 (Okapi, memoQ, Trados, OmegaT 4+) and/or "
                     "OmegaT 3.6's DIR/omegat/segmentation.conf.")
    p.add_argument("--lang", nargs="+", default=["vi", "en"], metavar="LANG",
                   help="languages to write rules for (default: vi en)")
    p.add_argument("-o", "--output", help="SRX file to write (- for standard output)")
    p.add_argument("--omegat", metavar="DIR", help="OmegaT project folder: writes DIR/omegat/segmentation.conf")
    p.set_defaults(run=_run_srx)


def _run_srx(args: argparse.Namespace) -> int:
    from .srx import write_omegat_segmentation, write_srx

    if args.output is None and args.omegat is None:
        raise VienalignError("say where to write the rules: -o FILE.srx and/or --omegat DIR")
    if args.output is not None:
        write_srx(args.output, args.lang)
    if args.omegat is not None:
        path = write_omegat_segmentation(args.omegat, args.lang)
        print(f"wrote {path}", file=sys.stderr)
    return 0


# --- batch -----------------------------------------------------------------------------------------

def _configure_batch(p: argparse.ArgumentParser) -> None:
    from .batch import BatchOptions

    p.description = ("Align every pair of a manifest (TSV: source, target, [id, [src-lang, "
                     "tgt-lang]]) or a folder (NAME.vi.EXT + NAME.en.EXT, or vi/NAME.EXT + en/NAME.EXT, EXT "
                     "any readable format: txt, docx, odt, html, md, srt, vtt, pdf). "
                     "Exit 0 when all pairs aligned, 3 when some failed (see OUTDIR/report.jsonl), "
                     "128 + the signal's number when stopped by one (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP). "
                     "Re-running skips complete (verified) outputs and retries the rest.")
    p.add_argument("input", help="manifest file or folder")
    p.add_argument("-o", "--outdir", required=True, help="output folder")
    p.add_argument("-f", "--format", default=BatchOptions.fmt, choices=["tmx", "ladder", "tsv", "json"])
    p.add_argument("--merge", action="store_true", help="also join all units into OUTDIR/merged.tmx")
    p.add_argument("--workers", type=_positive_int, default=None, help="parallel workers (default: CPU count)")
    p.add_argument("--engine", default="local", choices=["local", "dask"])
    p.add_argument("--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 (default: a LocalCluster here)")
    p.add_argument("--src-lang", default="vi", help="source language of unlabelled pairs")
    p.add_argument("--tgt-lang", default="en", help="target language of unlabelled pairs")
    p.add_argument("--presplit", action="store_true", help="inputs hold one sentence a line")
    p.add_argument("--min-score", type=_min_score, default=MIN_SCORE,
                   help="drop pairs scoring below this from tsv/tmx output (default: %(default)s)")
    p.add_argument("--max-bytes", type=_positive_int, default=BatchOptions.max_bytes,
                   help="refuse files larger than this (default: %(default)s, about what aligns in a minute)")
    p.add_argument("--allow-outside", action="store_true",
                   help="read input files outside the manifest's folder too (absolute paths, '..', links)")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.add_argument("--lexicon", help="a bilingual dictionary (TSV src<TAB>tgt, or hunalign 'tgt @ src')")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_canonical_tones(p)
    p.set_defaults(run=_run_batch)


def _run_batch(args: argparse.Namespace) -> int:
    import signal
    from pathlib import Path

    from .batch import BatchOptions, count_jobs, run_batch

    options = BatchOptions(
        outdir=Path(args.outdir), fmt=args.format, min_score=args.min_score, max_bytes=args.max_bytes,
        presplit=args.presplit, encoding=args.encoding, lexicon=Path(args.lexicon) if args.lexicon else None,
        allow_outside=args.allow_outside, canonical_tones=args.canonical_tones,
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
        print(f"stopped by {signal.Signals(summary.stopped_by).name}: finished pairs are kept; run again to resume",
              file=sys.stderr)
    return summary.exit_code


# --- align -----------------------------------------------------------------------------------------

def _configure_align(p: argparse.ArgumentParser) -> None:
    from .formats import EXTENSIONS, FORMATS
    from .languages import DEFAULT_SRC_LANG, DEFAULT_TGT_LANG

    p.description = ("Align SRC with its translation TGT and write the beads (ladder: "
                     "'[i, j]:[k]' a line, 0-based sentence indices, every sentence in one bead) or the "
                     "sentence pairs (tsv, tmx, json). Inputs: text, docx, odt, html, md, srt, vtt or pdf.")
    p.add_argument("src", help="source document, or - for standard input")
    p.add_argument("tgt", help="target document")
    p.add_argument("--src-lang", help="source language, e.g. vi, en (default: identified from the text, "
                   f"else {DEFAULT_SRC_LANG})")
    p.add_argument("--tgt-lang", help="target language (default: identified from the text, "
                   f"else {DEFAULT_TGT_LANG})")
    p.add_argument("--presplit", action="store_true",
                   help="inputs hold one sentence a line, empty lines between paragraphs")
    p.add_argument("-f", "--format", choices=FORMATS,
                   help=f"output format (default: from -o's extension, {', '.join(EXTENSIONS)}; ladder on "
                   "standard output)")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.add_argument("--lexicon", help="a bilingual dictionary (TSV src<TAB>tgt, or hunalign 'tgt @ src')")
    p.add_argument("--min-score", type=_min_score, default=MIN_SCORE,
                   help="drop pairs scoring below this from tsv/tmx output (default: %(default)s)")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.add_argument("--src-locale", help="TMX only: source language with region, e.g. vi-VN")
    p.add_argument("--tgt-locale", help="TMX only: target language with region, e.g. en-US")
    _add_canonical_tones(p)
    p.set_defaults(run=_run_align)


def _run_align(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .aligner import align
    from .document import read_document, require_sentences
    from .formats import format_for, write_alignment
    from .languages import DEFAULT_SRC_LANG, DEFAULT_TGT_LANG
    from .lexicon import read_lexicon

    check_output_path(args.output, args.src, args.tgt, args.lexicon)
    fmt = format_for(args.output, args.format)
    lexicon = read_lexicon(args.lexicon) if args.lexicon else None
    src = read_document(args.src, args.src_lang, default_lang=DEFAULT_SRC_LANG, presplit=args.presplit,
                        encoding=args.encoding, canonical_tones=args.canonical_tones)
    tgt = read_document(args.tgt, args.tgt_lang, default_lang=DEFAULT_TGT_LANG, presplit=args.presplit,
                        encoding=args.encoding, canonical_tones=args.canonical_tones)
    require_sentences(src.sentences, args.src)
    require_sentences(tgt.sentences, args.tgt)
    alignment = align(src.sentences, tgt.sentences, src.lang, tgt.lang, lexicon=lexicon)
    tmx_options = {}
    if fmt == "tmx":
        tmx_options = {"document": Path(args.src).name, "src_locale": args.src_locale,
                       "tgt_locale": args.tgt_locale}
    elif args.src_locale or args.tgt_locale:
        raise VienalignError("--src-locale/--tgt-locale apply to -f tmx only")
    written = write_alignment(alignment, args.output, fmt, min_score=args.min_score,
                              lexicon=Path(args.lexicon).name if args.lexicon else None, **tmx_options)
    log.info("%d source and %d target sentences, %d beads, %d records written",
             len(src.sentences), len(tgt.sentences), len(alignment.beads), written)
    return 0


# --- evaluate --------------------------------------------------------------------------------------

def _configure_evaluate(p: argparse.ArgumentParser) -> None:
    p.description = ("Score bead files against gold bead files, paired in order; counts are "
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

def _configure_demo(p: argparse.ArgumentParser) -> None:
    p.description = ("Align every document pair of the project's corpora from running "
                     "text, write one TMX per pair and report.html into OUTDIR, print the scores.")
    p.add_argument("--corpora", help="corpora folder (default: the project's corpora/)")
    p.add_argument("-o", "--outdir", default="vienalign-out", help="output folder (default: %(default)s)")
    p.add_argument("--min-score", type=_min_score, default=MIN_SCORE,
                   help="drop pairs scoring below this from the TMX (default: %(default)s)")
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


def _configure_tmx(p: argparse.ArgumentParser) -> None:
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
    q.add_argument("--min-score", type=_min_score, required=True, help="units without an x-score are dropped")
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

    check_output_path(args.output, *args.files)
    print(merge_tmx(args.files, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang).summary())
    return 0


def _run_tmx_filter(args: argparse.Namespace) -> int:
    from .tmx import filter_tmx

    check_output_path(args.output, args.file)
    print(filter_tmx(args.file, args.output, args.min_score).summary())
    return 0


def _run_tmx_to_tsv(args: argparse.Namespace) -> int:
    from .tmx import tmx_to_tsv

    check_output_path(args.output, args.file)
    result = tmx_to_tsv(args.file, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang)
    print(result.summary(), file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


def _run_tmx_from_tsv(args: argparse.Namespace) -> int:
    from .tmx import tsv_to_tmx

    check_output_path(args.output, args.file)
    print(tsv_to_tmx(args.file, args.output, src_lang=args.src_lang, tgt_lang=args.tgt_lang,
                     src_locale=args.src_locale, tgt_locale=args.tgt_locale).summary())
    return 0


# --- review ----------------------------------------------------------------------------------------

def _configure_review(p: argparse.ArgumentParser) -> None:
    p.description = ("Align SRC with TGT (or load --ladder), serve a review page on this machine "
                     "and print its address, with a one-use token, as the first line of standard output. "
                     "Edits are kept in OUTDIR/review.json as you go; Save writes the ladder, the sentence "
                     "files and the TMX into OUTDIR. Running the same command again resumes the review. "
                     "Ctrl-C stops the server.")
    p.add_argument("src", help="source document")
    p.add_argument("tgt", help="target document")
    p.add_argument("--ladder", help="review this bead file instead of aligning (it indexes the sentences as read)")
    p.add_argument("-o", "--outdir", help="folder for the review and its outputs (default: NAME-review for SRC "
                   "NAME.xx.txt)")
    p.add_argument("--src-lang", default="vi", help="source language, ISO 639-1 (default: %(default)s)")
    p.add_argument("--tgt-lang", default="en", help="target language, ISO 639-1 (default: %(default)s)")
    p.add_argument("--presplit", action="store_true",
                   help="inputs hold one sentence a line, empty lines between paragraphs")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.add_argument("--lexicon", help="a bilingual dictionary (TSV src<TAB>tgt, or hunalign 'tgt @ src')")
    p.add_argument("--min-score", type=_min_score, default=MIN_SCORE,
                   help="units below this score, unless reviewed, stay out of the saved TMX (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s, so only this machine can connect; "
                   "any other lets the network reach the page, guarded by the token alone)")
    p.add_argument("--port", type=int, default=0, help="port to listen on (default: 0, a free one)")
    p.add_argument("--open", action="store_true", help="open the page in the default browser")
    p.set_defaults(run=_run_review)


def _run_review(args: argparse.Namespace) -> int:
    from .lexicon import read_lexicon
    from .review import address, bind, default_outdir, make_app, open_review, serve, url_host
    from .review.server import LOOPBACK, require_server

    require_server()  # before aligning, which can take a while
    lexicon = read_lexicon(args.lexicon) if args.lexicon else None
    workspace, review = open_review(
        args.src, args.tgt, args.outdir or default_outdir(args.src), src_lang=args.src_lang,
        tgt_lang=args.tgt_lang, presplit=args.presplit, encoding=args.encoding, ladder=args.ladder,
        lexicon=lexicon)
    if args.host not in LOOPBACK:
        print(f"vienalign review: warning: listening on {args.host}: other machines can reach the page "
              "(the token is its only protection)", file=sys.stderr)
    sock = bind(args.host, args.port)
    host, port = address(sock)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    hosts = None if args.host not in LOOPBACK else [url_host(name, port) for name in (host, "localhost", "127.0.0.1")]
    app = make_app(review, workspace, min_score=args.min_score, hosts=hosts)
    url = f"http://{url_host(shown, port)}/?token={app.config['REVIEW_TOKEN']}"
    print(url, flush=True)
    print(f"reviewing {len(review.units)} units; the review is kept in {workspace.outdir}/ "
          "(Ctrl-C stops the server)", file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(url)
    serve(app, sock)  # returns on Ctrl-C
    print(f"stopped; run the same command to resume the review in {workspace.outdir}/", file=sys.stderr)
    return 0


# --- translate (pre-translation from a translation memory) ----------------------------------------

def _configure_translate(p: argparse.ArgumentParser) -> None:
    from .translate import DEFAULT_MIN_MATCH

    p.description = ("Split INPUT into sentences and look each up in the memories: exact "
                     "matches, then fuzzy ones scored 100 x (1 - Levenshtein / longer length) over "
                     "characters (NFC, whitespace collapsed, case-sensitive). Writes the draft (-o), "
                     "XLIFF 1.2 (--xliff) and the analysis (--analysis); prints the match bands.")
    p.add_argument("input", help="the document to translate, or - for standard input")
    p.add_argument("--tm", action="append", required=True, metavar="TMX",
                   help="a translation memory (repeat for several; earlier ones win ties)")
    p.add_argument("-o", "--output", default="-",
                   help="the draft: matched targets, unmatched sentences marked [[LANG: ...]] (default: stdout)")
    p.add_argument("--xliff", help="also write XLIFF 1.2 with the matches (.xlf)")
    p.add_argument("--analysis", help="also write the analysis as JSON")
    p.add_argument("--min-match", type=float, default=DEFAULT_MIN_MATCH,
                   help="lowest score used in the draft and as XLIFF target (default: %(default)g)")
    p.add_argument("--src-lang", help="language of INPUT (default: the first memory's srclang)")
    p.add_argument("--tgt-lang", help="language to translate into (default: the memory's other language)")
    p.add_argument("--presplit", action="store_true", help="INPUT holds one sentence a line")
    p.add_argument("--encoding", help="force the input encoding (default: detect)")
    p.set_defaults(run=_run_translate)


def _run_translate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .document import read_sentences, require_sentences
    from .translate import Translator, check_min_match, draft_lines, load_memory, pretranslate

    check_min_match(args.min_match)
    memory = load_memory(args.tm, args.src_lang, args.tgt_lang)
    sentences = require_sentences(read_sentences(args.input, memory.src_lang, presplit=args.presplit,
                                                 encoding=args.encoding), args.input)
    pre = pretranslate(sentences, Translator(memory), min_match=args.min_match, document=Path(args.input).name)
    with atomic_write(args.output) as out:
        out.writelines(line + "\n" for line in draft_lines(pre))
    if args.xliff:
        from .xliff import write_xliff

        write_xliff(pre, args.xliff)
    if args.analysis:
        import json

        with atomic_write(args.analysis) as out:
            json.dump(pre.as_dict(), out, ensure_ascii=False, indent=1)
            out.write("\n")
    print(pre.table(), file=sys.stderr if args.output == "-" else sys.stdout)
    return 0


# --- score (sacrebleu) -----------------------------------------------------------------------------

def _configure_score(p: argparse.ArgumentParser) -> None:
    from .score import METRICS

    p.description = ("BLEU, chrF and TER through sacrebleu, with its defaults: the JSON is what "
                     "`sacrebleu REF -i HYP -m bleu chrf ter` prints. HYP and REF hold one segment a line.")
    p.add_argument("hyp", help="the translation to score")
    p.add_argument("ref", help="the reference translation")
    p.add_argument("--metrics", default=",".join(METRICS), help="comma-separated (default: %(default)s)")
    p.add_argument("--resegment", action="store_true",
                   help="HYP is running text or segmented differently: cut it to REF's lines first by "
                   "minimum word edit distance (mwerSegmenter's method)")
    p.add_argument("--resegmented", metavar="FILE", help="with --resegment: write the re-segmented HYP here")
    p.add_argument("--sentence-level", action="store_true", help="also score each line (JSON lines)")
    p.add_argument("--table", action="store_true", help="a readable table instead of JSON")
    p.set_defaults(run=_run_score)


def _run_score(args: argparse.Namespace) -> int:
    import json

    from .score import (check_lengths, corpus_scores, parse_metrics, read_lines, resegment, score_json,
                        score_table, sentence_scores)
    from .textio import read_text

    metrics = parse_metrics(args.metrics)
    refs = read_lines(args.ref)
    if args.resegment:
        hyps = resegment(read_text(args.hyp), refs)
        if args.resegmented:
            with atomic_write(args.resegmented) as out:
                out.writelines(line + "\n" for line in hyps)
    elif args.resegmented:
        raise VienalignError("--resegmented needs --resegment")
    else:
        hyps = read_lines(args.hyp)
    check_lengths(hyps, refs, args.hyp, args.ref)
    scores = corpus_scores(hyps, refs, metrics)
    print(score_table(scores) if args.table else score_json(scores))
    if args.sentence_level:
        for row in sentence_scores(hyps, refs, metrics):
            if args.table:
                print(f"{row['line']:>6}  " + "  ".join(f"{k} {v:6.2f}" for k, v in row.items() if k != "line"))
            else:
                print(json.dumps(row))
    return 0


# --- dispatch --------------------------------------------------------------------------------------

# Each command: its one-line help and the function that declares its arguments. Only the command being
# run is declared (see :func:`main`), so that a command imports only what it needs: ``split`` and
# ``--version`` load neither the aligner's numba and scipy nor lxml.
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "split": ("split a text into sentences, one a line", _configure_split),
    "align": ("align the sentences of a document and its translation", _configure_align),
    "evaluate": ("score alignments against gold (strict/lax precision, recall, F1)", _configure_evaluate),
    "batch": ("align many document pairs (a manifest or a folder)", _configure_batch),
    "demo": ("align the built-in corpora into TMX, score them, write a report", _configure_demo),
    "tmx": ("check, inspect, merge, filter and convert TMX files", _configure_tmx),
    "review": ("review and correct an alignment in the browser, doubtful units first", _configure_review),
    "translate": ("pre-translate a document from translation memories (TMX)", _configure_translate),
    "score": ("score a translation against a reference with sacrebleu", _configure_score),
    "srx": ("export the splitter's rules as SRX 2.0 or an OmegaT 3.6 project's rules", _configure_srx),
}


def build_parser(commands: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The command line's parser. Every command is listed with its help line; only ``commands``
    (default: all) get their arguments declared."""
    parser = argparse.ArgumentParser(
        prog="vienalign",
        description="Vietnamese-English sentence splitting, alignment and TMX output.",
    )
    parser.add_argument("--version", action="version", version=f"vienalign {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and details")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (summary, configure) in _COMMANDS.items():
        command = sub.add_parser(name, help=summary)
        if commands is None or name in commands:
            configure(command)
    return parser


def _command_named(argv: Sequence[str]) -> list[str]:
    """The command ``argv`` runs, as a list of at most one name: its first argument that is not an
    option (the options before a command take no values)."""
    return [arg for arg in argv if not arg.startswith("-")][:1]


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_command_named(argv)).parse_args(argv)
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
