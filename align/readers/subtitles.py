"""Subtitles (SubRip ``.srt`` with the ``srt`` package, WebVTT ``.vtt`` with ``webvtt-py``): the cue
text only, never cue numbers, timings, styling tags (``<i>``, ``<v Speaker>``, ``{\\an8}``) or notes.

Subtitles have no paragraphs, and a sentence often runs over several cues, so the cues are joined
into running text. A cue boundary starts a new paragraph only where the text says a sentence ended
there: the next cue starts like a sentence (a capital, a digit, a dash, an opening bracket or quote)
and the cue before it ends with a sentence's punctuation (``. ! ? … : ;``) or stops short of the
line length its neighbours fill, as a title or a caption does (a cue cut mid-sentence is filled up
to the line length, or goes on in lower case). Everything else is left to the sentence splitter.
"""

from __future__ import annotations

import io
import re

from ..errors import VienalignError
from ..textio import decode_text, describe_binary
from ..types import Paragraph
from .common import missing_library, paragraph, tidy

NAME = "subtitle file"
EXTENSIONS = (".srt", ".vtt")

_TAG = re.compile(r"<[^<>]*>|\{\\[^{}]*\}")  # HTML-like tags, and SSA/ASS overrides such as {\an8}
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
SHORT_LINE_SHARE = 0.8
"""A cue whose last line is shorter than this share of the longest line in the file stopped early."""


def accepts(data: bytes) -> bool:
    return describe_binary(data) is None


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    text = decode_text(data, path, encoding)
    cues = _vtt_cues(text, path) if str(path).lower().endswith(".vtt") else _srt_cues(text, path)
    return join_cues(cues)


def _clean_lines(raw: str) -> list[str]:
    lines = (tidy(_TAG.sub("", line)).replace("\n", " ") for line in raw.splitlines())
    return [line for line in lines if line]


def _srt_cues(text: str, path: object) -> list[list[str]]:
    try:
        import srt
    except ImportError:
        raise missing_library("srt", NAME, path) from None
    try:
        return [lines for cue in srt.parse(text) if (lines := _clean_lines(cue.content))]
    except srt.SRTParseError as err:
        where = text.count("\n", 0, getattr(err, "actual_start", 0)) + 1
        raise VienalignError(f"not a valid SRT subtitle file (near line {where})", path) from None


def _vtt_cues(text: str, path: object) -> list[list[str]]:
    try:
        import webvtt
        from webvtt.errors import MalformedFileError
    except ImportError:
        raise missing_library("webvtt-py", NAME, path) from None
    try:
        captions = webvtt.from_buffer(io.StringIO(text))
    except MalformedFileError as err:
        raise VienalignError(f"not a valid WebVTT subtitle file ({err})", path) from None
    return [lines for caption in captions if (lines := _clean_lines(caption.raw_text))]


def _starts_sentence(text: str) -> bool:
    first = text.lstrip("\"'“‘«([")[:1]
    return first.isupper() or first.isdigit() or first in "-–—"


def join_cues(cues: list[list[str]]) -> list[Paragraph]:
    """The cues (each a list of its lines) as paragraphs of running text (see the module docstring).

    >>> [p.text for p in join_cues([["The talks began", "on Monday and"], ["ended on Friday."], ["Next", "week"],
    ...                             ["the ministers meet."], ["Trade"], ["Exports rose."]])]
    ['The talks began on Monday and ended on Friday.', 'Next week the ministers meet.', 'Trade', 'Exports rose.']
    """
    if not cues:
        return []
    longest = max(len(line) for lines in cues for line in lines)
    groups: list[list[str]] = [[]]
    previous: list[str] | None = None
    for lines in cues:
        text = " ".join(lines)
        if previous is not None and _starts_sentence(text) and (
                _ENDS_SENTENCE.search(previous[-1]) or len(previous[-1]) < SHORT_LINE_SHARE * longest):
            groups.append([])
        groups[-1].append(text)
        previous = lines
    return [p for group in groups if (p := paragraph(" ".join(group))) is not None]
