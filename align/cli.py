"""The command line: parse arguments, call the library, turn errors into one line and an exit code.

No logic lives here. Each subcommand is a ``_configure_NAME(subparsers)`` that declares its
arguments and a ``_run_NAME(args)`` that calls the library; ``main`` dispatches.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Callable, Sequence

from . import __version__
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


# --- dispatch --------------------------------------------------------------------------------------

_SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    _configure_split,
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
