"""A review on disk: OUTDIR holds its state (``review.json``) and what Save exports.

``review.json`` holds everything needed to resume: the sentences as read, the units, the text edits,
where the reviewer was, and the SHA-256 of both input files, so that reopening OUTDIR with the same
documents resumes the review (without aligning again) and reopening it with changed documents is
refused rather than mixing two versions. It is rewritten after every accepted edit.

Save also writes, for a source file ``NAME.xx.txt``:

- ``NAME.ladder``: the units as a bead file with scores (reviewed units score 1.0);
- ``NAME.SRC.sent`` and ``NAME.TGT.sent``: the sentences the ladder indexes, one a line with an
  empty line between paragraphs, as read (a typo fixed in review is not applied here);
- ``NAME.tmx``: the pairs scoring at least the minimum score, with the reviewer's text edits; a
  confirmed or edited unit has score 1.0 and ``<prop type="x-reviewed">``.

Every file is written atomically (:func:`align.textio.atomic_write`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import VienalignError
from ..formats import read_ladder, write_ladder
from ..textio import atomic_write
from ..tmx import language_tag, write_tmx
from ..types import Alignment, Sentence
from .session import SIDES, Document, Review, Unit, invariant_problem, units_from_beads

log = logging.getLogger(__name__)

STATE_FILE = "review.json"
STATE_FORMAT = "vienalign-review"
STATE_VERSION = 1


@dataclass(frozen=True)
class Source:
    """One input document: where it was read from, its language, and the SHA-256 of its bytes."""

    path: str
    lang: str
    sha256: str


@dataclass(frozen=True)
class Workspace:
    """Where a review is kept and what it is a review of."""

    outdir: Path
    stem: str
    source: Source
    target: Source
    signature: str

    @property
    def state_path(self) -> Path:
        return self.outdir / STATE_FILE

    def export_paths(self) -> dict[str, Path]:
        """The files Save writes besides the state, by kind."""
        return {
            "ladder": self.outdir / f"{self.stem}.ladder",
            "src": self.outdir / f"{self.stem}.{self.source.lang}.sent",
            "tgt": self.outdir / f"{self.stem}.{self.target.lang}.sent",
            "tmx": self.outdir / f"{self.stem}.tmx",
        }


def default_outdir(src: str | os.PathLike) -> Path:
    """``NAME-review`` in the current folder for a source file ``NAME.xx.txt``."""
    return Path(f"{_stem(src)}-review")


def _stem(path: str | os.PathLike) -> str:
    return Path(path).name.split(".")[0] or "review"


def _sha256(path: str | os.PathLike) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError as err:
        raise VienalignError(f"cannot read: {err.strerror}", path) from None


def open_review(
    src: str | os.PathLike,
    tgt: str | os.PathLike,
    outdir: str | os.PathLike,
    *,
    src_lang: str = "vi",
    tgt_lang: str = "en",
    presplit: bool = False,
    encoding: str | None = None,
    ladder: str | os.PathLike | None = None,
    lexicon=None,
) -> tuple[Workspace, Review]:
    """The review kept in ``outdir`` if there is one (resumed), else a new one of ``src`` and
    ``tgt``: aligned with :func:`align.aligner.align`, or the beads of ``ladder``.

    A new review's state is written at once, so that it resumes even before any edit.
    """
    for path in (src, tgt):
        if str(path) == "-":
            raise VienalignError("review needs files, not standard input", path)
    outdir = Path(outdir)
    state_path = outdir / STATE_FILE
    if state_path.exists():
        if ladder is not None:
            raise VienalignError(f"already holds a review; --ladder would start another (use another -o, "
                                 f"or remove {STATE_FILE})", outdir)
        return load_state(state_path, src, tgt)
    for lang in (src_lang, tgt_lang):
        language_tag(lang)  # an unusable code fails now, not at the first Save
    if language_tag(src_lang) == language_tag(tgt_lang):
        raise VienalignError(f"source and target language are both {src_lang}")
    if outdir.exists() and not outdir.is_dir():
        raise VienalignError("exists and is not a folder", outdir)

    from ..document import read_sentences, require_sentences

    src_sentences = require_sentences(read_sentences(src, src_lang, presplit=presplit, encoding=encoding), src)
    tgt_sentences = require_sentences(read_sentences(tgt, tgt_lang, presplit=presplit, encoding=encoding), tgt)
    document = _document(src_sentences, tgt_sentences, src_lang, tgt_lang)
    if ladder is not None:
        units, signature = _ladder_units(ladder, document)
    else:
        from ..aligner import align

        alignment = align(src_sentences, tgt_sentences, src_lang, tgt_lang, lexicon=lexicon)
        units, signature = units_from_beads(alignment.beads), alignment.signature
    workspace = Workspace(outdir, _stem(src), Source(str(Path(src).resolve()), src_lang, _sha256(src)),
                          Source(str(Path(tgt).resolve()), tgt_lang, _sha256(tgt)), signature)
    review = Review(document, units)
    save_state(workspace, review)
    return workspace, review


def _ladder_units(ladder: str | os.PathLike, document: Document) -> tuple[list[Unit], str]:
    """The units of the bead file ``ladder`` over ``document``'s sentences, and their signature."""
    units = units_from_beads(read_ladder(ladder))
    problem = invariant_problem(units, len(document.src), len(document.tgt))
    if problem is not None:
        raise VienalignError(f"{problem} (a ladder must index the sentences of SRC and TGT as read, "
                             "every sentence in one bead, in order; add --presplit if it numbers lines)",
                             ladder)
    if all(unit.score == 1.0 for unit in units):
        log.warning("%s: no bead has a score below 1, so no unit is shown as doubtful", ladder)
    return units, f"ladder:{Path(ladder).name}"


def _document(src: list[Sentence], tgt: list[Sentence], src_lang: str, tgt_lang: str) -> Document:
    return Document(tuple(s.text for s in src), tuple(s.text for s in tgt),
                    tuple(s.para for s in src), tuple(s.para for s in tgt), src_lang, tgt_lang)


# --- the state file ---------------------------------------------------------------------------------

def state_json(workspace: Workspace, review: Review) -> dict:
    """What ``review.json`` holds (see the module docstring)."""
    document = review.document
    return {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "source": vars(workspace.source),
        "target": vars(workspace.target),
        "stem": workspace.stem,
        "signature": workspace.signature,
        "sentences": {
            "src": [[text, para] for text, para in zip(document.src, document.src_para)],
            "tgt": [[text, para] for text, para in zip(document.tgt, document.tgt_para)],
        },
        "units": [[u.id, list(u.src), list(u.tgt), u.score, u.reviewed] for u in review.units],
        "edited": {side: {str(i): text for (s, i), text in sorted(review.edited.items()) if s == side}
                   for side in SIDES},
        "view": {"at": review.at, "threshold": review.threshold},
        "revision": review.revision,
    }


def save_state(workspace: Workspace, review: Review) -> Path:
    """Write ``review.json`` (atomically)."""
    with atomic_write(workspace.state_path) as out:
        json.dump(state_json(workspace, review), out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    return workspace.state_path


def load_state(state_path: str | os.PathLike, src: str | os.PathLike, tgt: str | os.PathLike) -> tuple[Workspace, Review]:
    """The review in ``state_path``, after checking that ``src`` and ``tgt`` are the documents it
    reviews (same bytes as when it started)."""
    state_path = Path(state_path)
    try:
        data = json.loads(state_path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT:
            raise ValueError("not a vienalign review state")
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"review state version {data.get('version')}, this vienalign reads {STATE_VERSION}")
        source, target = Source(**data["source"]), Source(**data["target"])
        sentences = {side: [(str(text), int(para)) for text, para in data["sentences"][side]] for side in SIDES}
        document = Document(tuple(t for t, _ in sentences["src"]), tuple(t for t, _ in sentences["tgt"]),
                            tuple(p for _, p in sentences["src"]), tuple(p for _, p in sentences["tgt"]),
                            source.lang, target.lang)
        units = [Unit(int(i), tuple(map(int, s)), tuple(map(int, t)), float(score), bool(reviewed))
                 for i, s, t, score, reviewed in data["units"]]
        edited = {(side, int(i)): str(text) for side in SIDES for i, text in data["edited"][side].items()}
        view = data["view"]
        review = Review(document, units, edited, threshold=float(view["threshold"]),
                        at=None if view["at"] is None else int(view["at"]), revision=int(data["revision"]))
        workspace = Workspace(state_path.parent, str(data["stem"]), source, target, str(data["signature"]))
    except OSError as err:
        raise VienalignError(f"cannot read: {err.strerror}", state_path) from None
    except (ValueError, KeyError, TypeError) as err:
        raise VienalignError(f"not a usable review state ({err}); move it away to start a new review",
                             state_path) from None
    for given, recorded in ((src, source), (tgt, target)):
        if _sha256(given) != recorded.sha256:
            raise VienalignError(f"reviews another version of {given} (its content changed since the review "
                                 f"started); use another -o to start a new review", state_path)
    log.info("%s: resuming the review (revision %d)", state_path, review.revision)
    return workspace, review


# --- Save ---------------------------------------------------------------------------------------------

def reviewed_alignment(workspace: Workspace, review: Review) -> Alignment:
    """The units as an alignment: reviewed ones scoring 1.0, sentence texts with the edits."""
    document = review.document
    return Alignment(
        tuple(unit.bead() for unit in review.units),
        tuple(review.text("src", i) for i in range(len(document.src))),
        tuple(review.text("tgt", j) for j in range(len(document.tgt))),
        document.src_lang, document.tgt_lang, workspace.signature,
    )


def _sentence_lines(texts: tuple[str, ...], paras: tuple[int, ...]) -> list[str]:
    lines: list[str] = []
    for k, (text, para) in enumerate(zip(texts, paras)):
        if k and para != paras[k - 1]:
            lines.append("")
        lines.append(text)
    return lines


def export(workspace: Workspace, review: Review, min_score: float) -> list[Path]:
    """Save: the ladder, both sentence files, the TMX (units scoring at least ``min_score``) and
    the state; returns the paths written."""
    paths = workspace.export_paths()
    alignment = reviewed_alignment(workspace, review)
    write_ladder(alignment.beads, paths["ladder"], with_scores=True)
    document = review.document
    for side, texts, paras in (("src", document.src, document.src_para), ("tgt", document.tgt, document.tgt_para)):
        with atomic_write(paths[side]) as out:
            out.writelines(line + "\n" for line in _sentence_lines(texts, paras))
    reviewed = {unit.bead() for unit in review.units if unit.reviewed}
    write_tmx(paths["tmx"], alignment, document=Path(workspace.source.path).name, min_score=min_score,
              reviewed=reviewed)
    return [paths["ladder"], paths["src"], paths["tgt"], paths["tmx"], save_state(workspace, review)]
