"""The review's web server: one Flask app per review, served by waitress on a socket we bind.

:func:`make_app` builds the app around a :class:`~align.review.session.Review` and the folder it
saves to; :func:`bind` opens the listening socket (a free port with ``port=0``, a one-line error
when the port is taken); :func:`serve` runs waitress on it until Ctrl-C. The command line does only
that (see ``vienalign review``), so the app is tested in-process with Flask's test client.

Hygiene, because a page on any web site can send requests to a server on 127.0.0.1:

- **The token.** The address the command prints carries a random token. The first request with it
  gets a random session cookie (``HttpOnly``, ``SameSite=Strict``) and a redirect to ``/``, so the
  token leaves the address bar; the token cannot be used twice. Every request, pages and static
  files included, needs the cookie; a request without it, or with one from an earlier run, gets 403.
- **The Host header** must name the address we listen on (defeats DNS rebinding): else 400.
- **Cross-site writes**: a POST whose ``Sec-Fetch-Site`` is not ``same-origin``/``none``, or whose
  ``Origin`` is another site, gets 403.
- **Bodies** are capped at :data:`MAX_BODY` bytes (413), by waitress before the body is read and by
  the app. No request names a file: the app writes only into the review's folder.
- **Errors** are JSON, ``{"ok": false, "error": MESSAGE, "status": CODE}``; a refused edit changes
  nothing, in memory or on disk.
"""

from __future__ import annotations

import errno
import logging
import secrets
import socket
import threading
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from ..errors import VienalignError
from .session import DIRECTIONS, SIDES, EditRefused, Review, doubtful
from .store import Workspace, export, save_state

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
"""Largest request body accepted, in bytes: an edit is a few hundred bytes, a fixed sentence at most
a few dozen kilobytes."""

COOKIE = "vienalign_review"
LOOPBACK = ("127.0.0.1", "localhost", "::1")

_SECURITY_HEADERS = {
    # Everything the page uses comes from this server; nothing is loaded from elsewhere.
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def require_server() -> None:
    """Check that the optional packages of the server are installed (the ``review`` extra)."""
    try:
        import flask  # noqa: F401
        import waitress  # noqa: F401
    except ImportError as err:
        raise VienalignError(f"the review server needs Flask and waitress ({err.name} is missing): "
                             "pip install 'vienalign[review]'") from None


class _Refused(Exception):
    """A request answered with a 4xx JSON error."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def make_app(
    review: Review,
    workspace: Workspace,
    *,
    min_score: float,
    token: str | None = None,
    hosts: Iterable[str] | None = ("localhost", "127.0.0.1"),
):
    """The Flask app serving ``review``, saving into ``workspace``.

    ``token`` is the one-use secret of the printed address (random when not given; read it back
    from ``app.config["REVIEW_TOKEN"]``); ``hosts`` are the Host header values accepted
    (``host:port`` as the browser sends them; None accepts any, for ``--host`` beyond loopback, where
    the cookie alone guards). ``min_score`` is the TMX threshold of Save.
    """
    require_server()
    from flask import Flask

    static = resources.files(__package__) / "static"
    app = Flask(__name__, static_folder=str(static), static_url_path="/static")
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config["REVIEW_TOKEN"] = token or secrets.token_urlsafe(32)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    access = _Access(app.config["REVIEW_TOKEN"],
                     None if hosts is None else frozenset(host.lower() for host in hosts))
    _add_error_handlers(app)
    _add_guard(app, access)
    lock = threading.Lock()
    _add_pages(app, review, workspace, access, lock)

    def save(r: Review, _: dict) -> str:
        try:
            paths = export(workspace, r, min_score)
        except VienalignError as err:
            raise _Refused(500, f"not saved: {err}") from None
        return "saved " + ", ".join(path.name for path in paths)

    edits = _Edits(app, review, workspace, lock)
    edits.add("/api/edit", _edit)
    edits.add("/api/undo", lambda r, _: (r.undo(), "undone")[1])
    edits.add("/api/redo", lambda r, _: (r.redo(), "redone")[1])
    edits.add("/api/save", save, autosave=False)
    return app


def _json_error(status: int, message: str):
    """The one shape of every error answer (see the module docstring)."""
    from flask import jsonify

    response = jsonify({"ok": False, "error": message, "status": status})
    response.status_code = status
    return response


def _add_error_handlers(app) -> None:
    @app.errorhandler(_Refused)
    def refused(err: _Refused):
        return _json_error(err.status, str(err))

    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def http_error(err):
        if err.code == 413:
            return _json_error(413, f"request body larger than {MAX_BODY:,} bytes")
        return _json_error(err.code, HTTPStatus(err.code).phrase)


class _Access:
    """Who may talk to the app: the one-use token of the printed address, the session cookie it is
    exchanged for, and the Host header values accepted (None: any)."""

    def __init__(self, token: str, hosts: frozenset[str] | None):
        self.token = token
        self.hosts = hosts
        self.session_secret = secrets.token_urlsafe(32)
        self.token_spent = False

    def has_session(self, request) -> bool:
        return secrets.compare_digest(request.cookies.get(COOKIE, "").encode(), self.session_secret.encode())

    def spend_token(self, given: str) -> None:
        """Accept ``given`` once if it is the token, else refuse the request."""
        if self.token_spent or not secrets.compare_digest(given.encode(), self.token.encode()):
            raise _Refused(403, "this address's token is wrong or already used: open the page in the "
                                "browser that first opened it, or restart vienalign review")
        self.token_spent = True


def _add_guard(app, access: _Access) -> None:
    """Every request is checked before it is answered, and every answer carries the security headers."""
    from flask import Response, request

    @app.before_request
    def guard():
        if request.content_length is not None and request.content_length > MAX_BODY:
            raise _Refused(413, f"request body larger than {MAX_BODY:,} bytes")
        if access.hosts is not None and request.host.lower() not in access.hosts:
            raise _Refused(400, f"unexpected Host {request.host!r}: open the address vienalign review printed")
        if request.path == "/" and "token" in request.args:
            return None  # the token exchange checks the token itself
        if not access.has_session(request):
            raise _Refused(403, "no valid session: open the address vienalign review printed "
                                "(a token from an earlier run no longer works)")
        if request.method == "POST":
            _check_same_site(request)
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.update(_SECURITY_HEADERS)
        return response


def _check_same_site(request) -> None:
    """Refuse a write sent by another site (its ``Sec-Fetch-Site`` or ``Origin`` says so)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        raise _Refused(403, f"cross-site request refused (Sec-Fetch-Site: {fetch_site})")
    if origin is not None and origin.split("://", 1)[-1].lower() != request.host.lower():
        raise _Refused(403, f"request from another site refused (Origin: {origin})")


def _add_pages(app, review: Review, workspace: Workspace, access: _Access, lock: threading.Lock) -> None:
    """The page (after the token exchange) and the review it shows."""
    from flask import jsonify, redirect, request

    @app.get("/")
    def index():
        if "token" in request.args and not access.has_session(request):
            access.spend_token(request.args["token"])
            response = redirect("/", code=303)
            response.set_cookie(COOKIE, access.session_secret, httponly=True, samesite="Strict", path="/")
            return response
        if "token" in request.args:
            return redirect("/", code=303)  # already signed in: drop the token from the address
        return app.send_static_file("index.html")

    @app.get("/api/review")
    def get_review():
        with lock:
            return jsonify({"ok": True, "document": _document_json(workspace, review), "state": _state_json(review)})


class _Edits:
    """Adds the app's POST endpoints that change the review, each one ``action(review, body)``
    returning the message for the page, under the review's lock and at the page's revision."""

    def __init__(self, app, review: Review, workspace: Workspace, lock: threading.Lock):
        self.app, self.review, self.workspace, self.lock = app, review, workspace, lock

    def add(self, path: str, action: Callable[[Review, dict], str], *, autosave: bool = True) -> None:
        """Answer POST ``path`` with ``action``; with ``autosave`` the review state is written after."""
        from flask import jsonify, request

        def endpoint():
            body = request.get_json(silent=True)
            if not isinstance(body, dict):
                raise _Refused(400, "the request body must be a JSON object")
            with self.lock:
                message = self._apply(action, body, autosave)
                return jsonify({"ok": True, "message": message, "state": _state_json(self.review)})

        self.app.add_url_rule(path, path.strip("/").replace("/", "_"), endpoint, methods=["POST"])

    def _apply(self, action: Callable[[Review, dict], str], body: dict, autosave: bool) -> str:
        review = self.review
        revision = body.get("revision")
        if revision != review.revision:
            raise _Refused(409, f"the review is at revision {review.revision}, this page at {revision} "
                                "(changed in another tab?); reload the page")
        try:
            message = action(review, body)
        except EditRefused as err:
            raise _Refused(err.status, str(err)) from None
        _set_view(review, body.get("view"))
        if not autosave:
            return message
        if review.focus is not None:
            review.at = review.focus
        try:
            save_state(self.workspace, review)
        except VienalignError as err:
            message += f"; warning: the review state was not written ({err})"
        return message


def _int(body: dict, key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Refused(400, f"{key!r} must be an integer")
    return value


def _choice(body: dict, key: str, choices: tuple[str, ...]) -> str:
    value = body.get(key)
    if value not in choices:
        raise _Refused(400, f"{key!r} must be one of {', '.join(choices)}")
    return value


def _edit(review: Review, body: dict) -> str:
    """Run the edit ``body`` names on ``review``; a short message for the page's status line."""
    op = body.get("op")
    if op == "merge":
        review.merge(_int(body, "unit"), _choice(body, "direction", DIRECTIONS))
        return "merged"
    if op == "split":
        review.split(_int(body, "unit"), _int(body, "src_at"), _int(body, "tgt_at"))
        return "split"
    if op == "move":
        review.move(_int(body, "unit"), _choice(body, "side", SIDES), _choice(body, "direction", DIRECTIONS))
        return "moved"
    if op == "unalign":
        review.unalign(_int(body, "unit"), _choice(body, "side", SIDES), _int(body, "sentence"))
        return "marked unaligned"
    if op == "text":
        text = body.get("text")
        if not isinstance(text, str):
            raise _Refused(400, "'text' must be a string")
        review.edit_text(_choice(body, "side", SIDES), _int(body, "sentence"), text)
        return "text changed"
    if op == "confirm":
        reviewed = body.get("reviewed", True)
        if not isinstance(reviewed, bool):
            raise _Refused(400, "'reviewed' must be true or false")
        review.confirm(_int(body, "unit"), reviewed)
        return "confirmed" if reviewed else "unconfirmed"
    raise _Refused(400, "'op' must be one of merge, split, move, unalign, text, confirm")


def _set_view(review: Review, view: object) -> None:
    """Keep where the page is (its current unit and score filter), to resume there."""
    if not isinstance(view, dict):
        return
    at, threshold = view.get("at"), view.get("threshold")
    if isinstance(at, int) and not isinstance(at, bool):
        review.at = at
    if isinstance(threshold, (int, float)) and not isinstance(threshold, bool) and 0 <= threshold <= 1:
        review.threshold = float(threshold)


def _document_json(workspace: Workspace, review: Review) -> dict:
    document = review.document
    return {
        "src": {"name": Path(workspace.source.path).name, "lang": document.src_lang,
                "sentences": list(document.src), "paras": list(document.src_para)},
        "tgt": {"name": Path(workspace.target.path).name, "lang": document.tgt_lang,
                "sentences": list(document.tgt), "paras": list(document.tgt_para)},
        "outdir": str(workspace.outdir),
    }


def _state_json(review: Review) -> dict:
    return {
        "revision": review.revision,
        "units": [{"id": u.id, "src": list(u.src), "tgt": list(u.tgt), "score": u.score, "reviewed": u.reviewed}
                  for u in review.units],
        "edited": {side: {str(i): text for (s, i), text in review.edited.items() if s == side} for side in SIDES},
        "can_undo": review.can_undo,
        "can_redo": review.can_redo,
        "threshold": review.threshold,
        "at": review.at,
        "to_check": len(doubtful(review.units, review.threshold)),
        "focus": review.focus,
    }


# --- serving ------------------------------------------------------------------------------------

def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (``port=0``: a free port the system picks)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise VienalignError(f"cannot listen on host {host!r}: {err.strerror}") from None
    family, _, _, _, address = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.bind(address)
        sock.listen(64)
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise VienalignError(f"port {port} on {host} is taken (another program listens there); "
                                 "choose another --port, or --port 0 for a free one") from None
        raise VienalignError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    return sock


def address(sock: socket.socket) -> tuple[str, int]:
    """The host and port a bound socket listens on."""
    host, port = sock.getsockname()[:2]
    return host, port


def url_host(host: str, port: int) -> str:
    """``host:port`` as it appears in a URL and in the Host header (IPv6 in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def serve(app, sock: socket.socket, *, threads: int = 4) -> None:
    """Serve ``app`` on ``sock`` with waitress; returns on Ctrl-C (waitress stops on it)."""
    require_server()
    from waitress.server import create_server

    # waitress warns whenever a request waits for a free thread: normal for a page loading its files.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    server = create_server(app, sockets=[sock], threads=threads, max_request_body_size=MAX_BODY,
                           ident="vienalign", clear_untrusted_proxy_headers=True)
    try:
        server.run()
    finally:
        server.close()
