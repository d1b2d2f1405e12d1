"""Review an alignment in the browser: doubtful units first, edits checked, the corrected TMX saved.

``vienalign review SRC TGT`` runs, in this order: :func:`open_review` (align, or resume the review
kept in OUTDIR), :func:`bind` (a socket on 127.0.0.1), :func:`make_app` (the Flask app around the
review) and :func:`serve` (waitress). The state and its edits are :mod:`align.review.session`, the
files :mod:`align.review.store`, the page ``static/`` (plain HTML, CSS and JavaScript).
"""

from .server import address, bind, make_app, serve, url_host
from .session import Document, EditRefused, Review, StaleEdit, Unit, default_threshold, doubtful
from .store import Workspace, default_outdir, export, open_review

__all__ = [
    "Document",
    "EditRefused",
    "Review",
    "StaleEdit",
    "Unit",
    "Workspace",
    "address",
    "bind",
    "default_outdir",
    "default_threshold",
    "doubtful",
    "export",
    "make_app",
    "open_review",
    "serve",
    "url_host",
]
