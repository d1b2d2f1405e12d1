"""How well each document format keeps the alignment of plain text: a table of the share of a pair's
.txt TMX units that the same pair written as docx, odt, html, md, srt and pdf also yields.

Every parallel pair listed in the ``pairs.tsv`` files under ``--corpora`` (default: the project's
``corpora/``; point it at held-out pairs laid out the same way) is written in each format by the test
suite's writers (``tests/documents.py``: python-docx, odfpy, lxml, srt, reportlab), read back with
:func:`align.document.read_sentences`, aligned, and its units (pairs at the default minimum score)
compared with those of the .txt. ``tests/test_document_formats.py`` asks for 100% from docx, odt,
html and md, 98% from pdf and 90% from srt on every pair.

    python scripts/bench_formats.py [--corpora DIR] [--formats docx,pdf,srt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align import align  # noqa: E402
from align.demo import read_manifests  # noqa: E402
from align.document import read_sentences  # noqa: E402
from tests.documents import (  # noqa: E402
    blocks,
    write_docx,
    write_html,
    write_markdown,
    write_odt,
    write_pdf,
    write_srt,
)

WRITERS = {"docx": write_docx, "odt": write_odt, "html": write_html, "md": write_markdown, "srt": write_srt,
           "pdf": write_pdf}


def units(src, tgt, pair) -> set[tuple[str, str]]:
    return {(s, t) for s, t, _ in align(src, tgt, pair.src_lang, pair.tgt_lang).pairs()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=ROOT / "corpora")
    parser.add_argument("--formats", default=",".join(WRITERS), help="comma-separated (default: all)")
    args = parser.parse_args()
    formats = args.formats.split(",")
    pairs = [pair for pair in read_manifests(args.corpora) if pair.kind == "parallel"]
    rows = [["pair", "txt units", *formats]]
    kept_total = {fmt: 0 for fmt in formats}
    all_units = 0
    with tempfile.TemporaryDirectory() as folder:
        for pair in pairs:
            sides = [(pair.src_lang, pair.src_text), (pair.tgt_lang, pair.tgt_text)]
            expected = units(*(read_sentences(path, lang) for lang, path in sides), pair)
            all_units += len(expected)
            row = [pair.name, str(len(expected))]
            for fmt in formats:
                written = [WRITERS[fmt](Path(folder) / f"{pair.name}.{lang}.{fmt}", blocks(path.read_text(encoding="utf-8")))
                           for lang, path in sides]
                got = units(*(read_sentences(path, lang) for (lang, _), path in zip(sides, written)), pair)
                kept = len(expected & got)
                kept_total[fmt] += kept
                row.append(f"{kept / len(expected):.3f}" if expected else "-")
            rows.append(row)
    rows.append(["all", str(all_units), *(f"{kept_total[fmt] / all_units:.3f}" if all_units else "-" for fmt in formats)])
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
        if k == 0:
            print("  ".join("-" * width for width in widths))
    print("share of the .txt's TMX units (pairs scoring >= the default minimum) that each format also yields")


if __name__ == "__main__":
    main()
