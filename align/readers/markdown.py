"""Markdown: rendered to HTML by markdown-it-py (CommonMark, with tables) and read by the HTML
walker, so headings, list items and paragraphs come out as they do from a web page and the markup
(``**``, ``[text](url)``, backslash escapes) never reaches a segment. A YAML front matter block
(``---`` lines around ``key: value`` pairs) is metadata, not text, and is skipped."""

from __future__ import annotations

import re

from ..textio import decode_text, describe_binary
from ..types import Paragraph
from .common import missing_library
from .html import html_paragraphs

NAME = "Markdown file"
EXTENSIONS = (".md", ".markdown")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def accepts(data: bytes) -> bool:
    return describe_binary(data) is None


def read(data: bytes, path: object, encoding: str | None = None) -> list[Paragraph]:
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        raise missing_library("markdown-it-py", NAME, path) from None
    text = _FRONT_MATTER.sub("", decode_text(data, path, encoding), count=1)
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    return html_paragraphs(rendered, path)
