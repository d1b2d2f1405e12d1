"""The main job's report: a plain-text table for the terminal and a self-contained HTML page.

The page is written for translators first: the parallel pairs (what a translation memory is made
from) come first with what their TMX holds, then the comparable pairs under their own heading (two
texts on one subject, not translations: no unit is the right answer), a plain-language legend, and
per pair the alignment path drawn over the gold (inline SVG: gold beads as grey boxes, ours as
outlined boxes coloured by score from red, 0, to green, 1) beside the lowest-scoring units of its
TMX, the ones worth checking first. The researchers' strict/lax precision, recall and F1 table comes
last. No scripts, no external files: it opens in any browser and in headless Chromium.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path
from typing import Sequence

from ._version import __version__
from .demo import PairOutcome
from .evaluate import Counts, Score
from .textio import atomic_write
from .types import Bead

WEAKEST_SHOWN = 6
PLOT_SIZE = 420


def bead_types(beads: Sequence[Bead]) -> str:
    """``"1-1:40 2-1:3 1-0:2"``, most frequent first."""
    counts = Counter(b.kind for b in beads)
    return " ".join(f"{kind}:{n}" for kind, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _total(outcomes: Sequence[PairOutcome]) -> Score:
    counts = sum((o.counts for o in outcomes), Counts())
    return Score(counts, len(outcomes))


def _row(name: str, kind: str, score: Score, sizes: str, types: str, written: int, true: int) -> list[str]:
    share = f"{true / written:.0%}" if written else "-"
    return [name, kind, sizes,
            f"{score.precision_strict:.3f}", f"{score.recall_strict:.3f}", f"{score.f1_strict:.3f}",
            f"{score.precision_lax:.3f}", f"{score.recall_lax:.3f}", f"{score.f1_lax:.3f}",
            types, f"{written}", share]


HEADER = ["pair", "kind", "sents vi/en", "P", "R", "F1", "P lax", "R lax", "F1 lax", "bead types",
          "units", "true"]


def table_rows(outcomes: Sequence[PairOutcome]) -> list[list[str]]:
    """One row a pair, then one summed row per kind."""
    rows = []
    for o in outcomes:
        rows.append(_row(o.pair.name, o.pair.kind, o.score,
                         f"{len(o.alignment.src)}/{len(o.alignment.tgt)}", bead_types(o.alignment.beads),
                         o.pairs_written, o.pairs_true))
    for kind in ("parallel", "comparable"):
        group = [o for o in outcomes if o.pair.kind == kind]
        if group:
            rows.append(_row(f"ALL {kind}", kind, _total(group),
                             f"{sum(len(o.alignment.src) for o in group)}/{sum(len(o.alignment.tgt) for o in group)}",
                             "", sum(o.pairs_written for o in group), sum(o.pairs_true for o in group)))
    return rows


def format_table(outcomes: Sequence[PairOutcome]) -> str:
    rows = [HEADER, *table_rows(outcomes)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    threshold = outcomes[0].min_score if outcomes else 0.0
    lines.append(f"P/R/F1 strict and lax against the gold, from running text (splitting included); "
                 f"units: pairs written at --min-score {threshold:g}; true: share of them in the gold")
    return "\n".join(lines)


def _colour(score: float) -> str:
    return f"hsl({round(120 * min(max(score, 0.0), 1.0))}, 75%, 40%)"


def path_svg(outcome: PairOutcome) -> str:
    """The alignment path over the gold, in gold sentence coordinates (x: source, y: target)."""
    n_src = max(len(outcome.src_gold_sentences), 1)
    n_tgt = max(len(outcome.tgt_gold_sentences), 1)
    sx, sy = PLOT_SIZE / n_src, PLOT_SIZE / n_tgt
    pad = 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{PLOT_SIZE + 2 * pad}" '
             f'height="{PLOT_SIZE + 2 * pad}" role="img" aria-label="alignment path of {html.escape(outcome.pair.name)}">',
             f'<rect x="{pad}" y="{pad}" width="{PLOT_SIZE}" height="{PLOT_SIZE}" fill="#fafafa" stroke="#999"/>',
             f'<text x="{pad + PLOT_SIZE / 2}" y="{PLOT_SIZE + 2 * pad - 6}" text-anchor="middle" '
             f'font-size="12">{html.escape(outcome.pair.src_lang)} sentence</text>',
             f'<text x="12" y="{pad + PLOT_SIZE / 2}" font-size="12" text-anchor="middle" '
             f'transform="rotate(-90 12 {pad + PLOT_SIZE / 2})">{html.escape(outcome.pair.tgt_lang)} sentence</text>']

    def box(bead: Bead, style: str, title: str) -> str:
        x0 = min(bead.src) if bead.src else None
        y0 = min(bead.tgt) if bead.tgt else None
        if x0 is None:  # target-only: a tick on the y axis
            return (f'<rect x="{pad - 6}" y="{pad + y0 * sy:.1f}" width="5" height="{max(len(bead.tgt) * sy, 1.5):.1f}" '
                    f'{style}><title>{title}</title></rect>')
        if y0 is None:  # source-only: a tick on the x axis
            return (f'<rect x="{pad + x0 * sx:.1f}" y="{pad + PLOT_SIZE + 1}" width="{max(len(bead.src) * sx, 1.5):.1f}" '
                    f'height="5" {style}><title>{title}</title></rect>')
        w = (max(bead.src) - x0 + 1) * sx
        h = (max(bead.tgt) - y0 + 1) * sy
        return (f'<rect x="{pad + x0 * sx:.1f}" y="{pad + y0 * sy:.1f}" width="{max(w, 1.5):.1f}" '
                f'height="{max(h, 1.5):.1f}" {style}><title>{title}</title></rect>')

    for bead in outcome.gold:
        parts.append(box(bead, 'fill="#c8c8c8" stroke="none"', f"gold {list(bead.src)}:{list(bead.tgt)}"))
    for bead in outcome.projected:
        parts.append(box(bead, f'fill="none" stroke="{_colour(bead.score)}" stroke-width="1.5"',
                         f"ours {list(bead.src)}:{list(bead.tgt)} score {bead.score:.2f}"))
    parts.append("</svg>")
    return "\n".join(parts)


def weakest_units(outcome: PairOutcome, count: int = WEAKEST_SHOWN) -> list[tuple[Bead, str, str, bool]]:
    """The ``count`` lowest-scoring units of the pair's TMX (pairs at or above its ``min_score``),
    lowest first, as (bead over gold sentences, source text, target text, confirmed by the gold)."""
    gold = {(b.src, b.tgt) for b in outcome.gold}
    written = sorted((b for b in outcome.projected if b.src and b.tgt and b.score >= outcome.min_score),
                     key=lambda b: b.score)
    return [(b, " ".join(outcome.src_gold_sentences[i] for i in b.src),
             " ".join(outcome.tgt_gold_sentences[j] for j in b.tgt), (b.src, b.tgt) in gold)
            for b in written[:count]]


def left_out(outcome: PairOutcome) -> int:
    """Sentence pairs the aligner found but scored below ``min_score``: not in the TMX."""
    return sum(1 for b in outcome.projected if b.src and b.tgt and b.score < outcome.min_score)


STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 75em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
section { margin-top: 2.5em; }
.pair { display: flex; gap: 2em; flex-wrap: wrap; align-items: flex-start; }
.units td { max-width: 32em; }
.wrong { color: #b00; }
.right { color: #080; }
.note { background: #f4f7fb; border-left: 4px solid #7a9cc6; padding: .6em 1em; }
.legend span { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 .3em; }
"""


def _summary_table(outcomes: Sequence[PairOutcome], parallel: bool) -> list[str]:
    e = html.escape
    head = ["document pair", "sentences (vi / en)", "units in the TMX", "checked against the gold", "TMX file"]
    out = ["<table><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for o in outcomes:
        checked = (f"{o.pairs_true} of {o.pairs_written} sentence pairs right" if o.pairs_written
                   else "none written: right" if not parallel else "none written")
        out.append(f'<tr><td><a href="#{e(o.pair.name)}">{e(o.pair.name)}</a></td>'
                   f"<td>{len(o.alignment.src)} / {len(o.alignment.tgt)}</td><td>{o.units_written}</td>"
                   f"<td>{checked}</td><td>{e(o.tmx.name)}</td></tr>")
    out.append("</table>")
    return out


def _pair_section(o: PairOutcome) -> list[str]:
    e = html.escape
    out = [f'<section id="{e(o.pair.name)}"><h3>{e(o.pair.name)} <small>(TMX: {e(o.tmx.name)}, '
           f"{o.units_written} units)</small></h3>",
           '<div class="pair"><figure>' + path_svg(o) + "<figcaption>the aligner's pairs over the right answer"
           "</figcaption></figure><div>"]
    units = weakest_units(o)
    if units:
        out.append(f"<h4>Lowest-scoring units in the TMX (check these first)</h4><table class=\"units\"><tr>"
                   f"<th>score</th><th>sentences</th><th>{e(o.pair.src_lang)}</th><th>{e(o.pair.tgt_lang)}</th>"
                   "<th>right?</th></tr>")
        for bead, src, tgt, right in units:
            verdict = '<td class="right">✓</td>' if right else '<td class="wrong">✗</td>'
            out.append(f"<tr><td>{bead.score:.3f}</td><td>{e(bead.kind)}</td><td>{e(src)}</td>"
                       f"<td>{e(tgt)}</td>{verdict}</tr>")
        out.append("</table>")
    else:
        out.append("<p>No unit in the TMX.</p>")
    dropped = left_out(o)
    if dropped:
        out.append(f"<p>{dropped} sentence pair{'s' * (dropped != 1)} scored below {o.min_score:g} and "
                   f"{'were' if dropped != 1 else 'was'} left out of the TMX.</p>")
    out.append("</div></div></section>")
    return out


def render_html(outcomes: Sequence[PairOutcome]) -> str:
    e = html.escape
    parallel = [o for o in outcomes if o.pair.kind == "parallel"]
    comparable = [o for o in outcomes if o.pair.kind != "parallel"]
    threshold = outcomes[0].min_score if outcomes else 0.0
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>vienalign report</title><style>{STYLE}</style></head><body>",
           f"<h1>vienalign {e(__version__)}: translation memories from the project's documents</h1>",
           '<div class="note legend"><p><b>How to read this page.</b> A <em>unit</em> is one sentence of the '
           "Vietnamese document paired with its English translation, the way a translation memory (TMX) stores "
           "it; a unit may join two sentences on one side when the translator merged or split them. Each unit "
           "has a <em>score</em> from 0 to 1: how sure the aligner is that the two sides translate each other, "
           "sentence for sentence, with nothing missing and nothing extra. "
           f"Units scoring below {threshold:g} are left out of the TMX. Every document here also has a "
           "hand-checked right answer (the <em>gold</em>), so the page can say which units are right.</p>"
           "<p>The <em>plot</em> of each pair puts the Vietnamese sentences across and the English ones down: "
           '<span style="background:#c8c8c8"></span>grey boxes are the right pairs, outlined boxes the '
           'aligner\'s, <span style="border:2px solid hsl(120,75%,40%)"></span>green for a high score and '
           '<span style="border:2px solid hsl(0,75%,40%)"></span>red for a low one. A good alignment is a '
           "diagonal of green outlines on grey boxes; marks along an edge are sentences left without a "
           "partner.</p></div>"]
    if parallel:
        out.append("<h2>Translated documents</h2><p>Each pair is a document and its translation: its TMX is "
                   "ready to load into a CAT tool (OmegaT, Trados, memoQ).</p>")
        out += _summary_table(parallel, parallel=True)
        for o in parallel:
            out += _pair_section(o)
    if comparable:
        out.append("<h2>Related documents that are not translations</h2><p>These pairs are about the same "
                   "subject but neither document translates the other, so no sentence pair belongs in a "
                   "translation memory: <b>0 units is the right answer</b>. They show that the aligner does "
                   "not invent units where there are none.</p>")
        out += _summary_table(comparable, parallel=False)
        for o in comparable:
            out += _pair_section(o)
    out.append("<h2>For researchers: scores against the gold</h2>"
               "<p>Every pair aligned from its running text (sentence splitting included) and scored against "
               "the gold: strict and lax precision, recall and F1; <em>units</em> are the pairs written to the "
               "TMX, <em>true</em> the share of them that the gold confirms.</p>"
               "<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in HEADER) + "</tr>")
    for row in table_rows([*parallel, *comparable]):
        out.append("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>")
    out.append("</table>")
    out.append(f"<footer><p>{e(outcomes[0].alignment.signature) if outcomes else ''}</p></footer></body></html>")
    return "\n".join(out)


def write_report(outcomes: Sequence[PairOutcome], path: Path) -> None:
    with atomic_write(path) as stream:
        stream.write(render_html(outcomes))
