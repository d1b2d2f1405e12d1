"""The review app in-process (Flask's test client): the token, the guards, edits, Save and resume.

Every refused request is checked to leave the review's folder byte for byte as it was.
"""

from __future__ import annotations

import pytest

pytest.importorskip("flask", reason="the review server needs Flask (pip install 'vienalign[review]')")

from align.errors import VienalignError  # noqa: E402
from align.formats import read_ladder  # noqa: E402
from align.review import make_app, open_review  # noqa: E402
from align.review.server import COOKIE, MAX_BODY  # noqa: E402
from align.tmx_read import open_tmx, validate  # noqa: E402
from tests.review_helpers import snapshot, write_pair  # noqa: E402

TOKEN = "test-token"


@pytest.fixture
def served(tmp_path):
    """(app, signed-in client, outdir): a review of a 12-sentence vi-en pair."""
    src, tgt = write_pair(tmp_path)
    workspace, review = open_review(src, tgt, tmp_path / "out", presplit=True)
    app = make_app(review, workspace, min_score=0.5, token=TOKEN)
    client = app.test_client()
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 303
    return app, client, workspace.outdir


def state(client) -> dict:
    response = client.get("/api/review")
    assert response.status_code == 200
    return response.get_json()["state"]


def post(client, path: str, body: dict, **kwargs):
    return client.post(path, json=body, **kwargs)


def test_the_token_is_exchanged_once_for_an_http_only_cookie(tmp_path):
    src, tgt = write_pair(tmp_path, 4)
    workspace, review = open_review(src, tgt, tmp_path / "out", presplit=True)
    app = make_app(review, workspace, min_score=0.5, token=TOKEN)
    first = app.test_client()
    response = first.get(f"/?token={TOKEN}")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = first.get("/")
    assert page.status_code == 200 and b"review.js" in page.data
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert first.get(f"/?token={TOKEN}").status_code == 303  # signed in already: just drops the token
    second = app.test_client()
    refused = second.get(f"/?token={TOKEN}")
    assert refused.status_code == 403 and "already used" in refused.get_json()["error"]


GUARDED = [("GET", "/"), ("GET", "/api/review"), ("GET", "/static/review.js"), ("POST", "/api/edit"),
           ("POST", "/api/save")]
REFUSALS = [(case, method, path) for case in ("no cookie", "stale cookie", "stale token", "wrong host")
            for method, path in GUARDED]
# The cross-site checks guard writes (reads are guarded by the SameSite cookie and the Host check).
REFUSALS += [(case, method, path) for case in ("cross-site", "other origin") for method, path in GUARDED
             if method == "POST"]


@pytest.mark.parametrize("case, method, path", REFUSALS)
def test_guards_refuse_with_a_4xx_and_change_nothing(served, case, method, path):
    app, client, outdir = served
    body = {"op": "confirm", "unit": state(client)["units"][0]["id"], "revision": 0}
    before = snapshot(outdir)
    kwargs: dict = {}
    if case in ("no cookie", "stale cookie", "stale token"):
        client = app.test_client()
        if case == "stale cookie":
            client.set_cookie(COOKIE, "a-cookie-from-an-earlier-run")
        if case == "stale token":
            path = path + "?token=a-token-from-an-earlier-run" if path == "/" else path
    elif case == "wrong host":
        kwargs["headers"] = {"Host": "attacker.example:8080"}
    elif case == "cross-site":
        kwargs["headers"] = {"Sec-Fetch-Site": "cross-site", "Origin": "http://attacker.example"}
    else:
        kwargs["headers"] = {"Origin": "http://attacker.example"}
    response = client.open(path, method=method, json=body if method == "POST" else None, **kwargs)
    expected = 400 if case == "wrong host" else 403
    assert response.status_code == expected
    error = response.get_json()
    assert error["ok"] is False and error["status"] == expected and error["error"]
    assert snapshot(outdir) == before


def test_an_edit_of_a_unit_that_no_longer_exists_is_409_and_changes_nothing(served):
    _, client, outdir = served
    units = state(client)["units"]
    merged = post(client, "/api/edit", {"op": "merge", "unit": units[0]["id"], "direction": "next", "revision": 0})
    assert merged.status_code == 200
    revision = merged.get_json()["state"]["revision"]
    before = snapshot(outdir)
    for body in ({"op": "confirm", "unit": units[0]["id"]}, {"op": "split", "unit": units[1]["id"], "src_at": 1, "tgt_at": 1},
                 {"op": "confirm", "unit": 10_000}):
        response = post(client, "/api/edit", {**body, "revision": revision})
        assert response.status_code == 409
        assert "no longer exists" in response.get_json()["error"]
    stale_page = post(client, "/api/edit", {"op": "confirm", "unit": units[2]["id"], "revision": 0})
    assert stale_page.status_code == 409 and "reload" in stale_page.get_json()["error"]
    assert snapshot(outdir) == before


def test_a_100_mb_body_is_413_and_changes_nothing(served):
    _, client, outdir = served
    before = snapshot(outdir)
    body = b'{"op": "text", "side": "src", "sentence": 0, "text": "' + b"x" * (100 * 1024 * 1024) + b'"}'
    response = client.post("/api/edit", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"] == f"request body larger than {MAX_BODY:,} bytes"
    assert snapshot(outdir) == before


@pytest.mark.parametrize("body, status", [
    (None, 400),
    ({"op": "explode", "unit": 0}, 400),
    ({"op": "merge", "unit": "0", "direction": "next"}, 400),
    ({"op": "merge", "unit": 0, "direction": "sideways"}, 400),
    ({"op": "move", "unit": 0, "side": "src", "direction": "previous"}, 422),   # no unit above the first
    ({"op": "split", "unit": 0, "src_at": 0, "tgt_at": 0}, 422),
    ({"op": "text", "side": "tgt", "sentence": 10_000, "text": "x"}, 422),
    ({"op": "text", "side": "tgt", "sentence": 0, "text": "x" * 20_000}, 422),
])
def test_bad_edits_get_a_clear_4xx_and_change_nothing(served, body, status):
    _, client, outdir = served
    before = snapshot(outdir)
    unit0 = state(client)["units"][0]["id"]
    if body is not None and body.get("unit") == 0:
        body = {**body, "unit": unit0}
    payload = None if body is None else {**body, "revision": 0}
    response = client.post("/api/edit", json=payload) if payload else client.post("/api/edit", data=b"[not json")
    assert response.status_code == status, response.get_json()
    assert response.get_json()["error"]
    assert snapshot(outdir) == before


def test_edits_undo_save_and_resume(served, tmp_path):
    app, client, outdir = served
    units = state(client)["units"]
    revision = 0

    def edit(path: str, body: dict) -> dict:
        nonlocal revision
        response = post(client, path, {**body, "revision": revision, "view": {"at": units[0]["id"], "threshold": 0.4}})
        assert response.status_code == 200, response.get_json()
        new_state = response.get_json()["state"]
        revision = new_state["revision"]
        return new_state

    edit("/api/edit", {"op": "confirm", "unit": units[0]["id"]})
    edit("/api/edit", {"op": "text", "side": "tgt", "sentence": units[0]["tgt"][0], "text": "A fixed typo."})
    edit("/api/edit", {"op": "merge", "unit": units[1]["id"], "direction": "next"})
    undone = edit("/api/undo", {})
    assert [u["id"] for u in undone["units"]] == [u["id"] for u in units]
    redone = edit("/api/redo", {})
    assert len(redone["units"]) == len(units) - 1
    saved = edit("/api/save", {})
    assert saved["revision"] == revision

    names = sorted(path.name for path in outdir.iterdir())
    assert names == ["doc.en.sent", "doc.ladder", "doc.tmx", "doc.vi.sent", "review.json"]
    beads = read_ladder(outdir / "doc.ladder")
    assert [(b.src, b.tgt) for b in beads] == [(tuple(u["src"]), tuple(u["tgt"])) for u in redone["units"]]
    assert beads[0].score == 1.0 and beads[1].score == 1.0  # confirmed; made by a merge
    original_en = [line for line in (tmp_path / "doc.en.txt").read_text(encoding="utf-8").splitlines()]
    assert (outdir / "doc.en.sent").read_text(encoding="utf-8").splitlines() == original_en  # originals kept
    assert [p for p in validate(outdir / "doc.tmx") if p.level != "warning"] == []
    _, tmx_units = open_tmx(outdir / "doc.tmx")
    tmx_units = list(tmx_units)
    first = tmx_units[0]
    assert first.text("en").startswith("A fixed typo.")
    assert first.prop("x-reviewed") == "yes" and first.prop("x-score") == "1.000"
    assert all(unit.prop("x-reviewed") is None for unit in tmx_units if unit.prop("x-score") != "1.000")

    # Reopening the folder resumes: same units, edits and place; no second alignment.
    workspace, review = open_review(tmp_path / "doc.vi.txt", tmp_path / "doc.en.txt", outdir, presplit=True)
    assert [(u.src, u.tgt, u.reviewed) for u in review.units] == [
        (tuple(u["src"]), tuple(u["tgt"]), u["reviewed"]) for u in redone["units"]]
    assert review.text("tgt", units[0]["tgt"][0]) == "A fixed typo."
    assert review.threshold == 0.4 and review.revision == revision and review.at == redone["focus"]


def test_resume_refuses_changed_documents_and_a_second_ladder(tmp_path):
    src, tgt = write_pair(tmp_path, 5)
    workspace, _ = open_review(src, tgt, tmp_path / "out", presplit=True)
    with pytest.raises(VienalignError, match="already holds a review"):
        open_review(src, tgt, workspace.outdir, ladder=tmp_path / "any.ladder")
    tgt.write_text(tgt.read_text(encoding="utf-8") + "One more line.\n", encoding="utf-8")
    with pytest.raises(VienalignError, match="another version of"):
        open_review(src, tgt, workspace.outdir, presplit=True)


def test_a_ladder_is_reviewed_as_given_and_checked(tmp_path):
    src, tgt = write_pair(tmp_path, 3)
    good = tmp_path / "good.ladder"
    good.write_text("[0]:[0]:0.25\n[1, 2]:[1, 2]:0.9\n", encoding="utf-8")
    _, review = open_review(src, tgt, tmp_path / "a", presplit=True, ladder=good)
    assert [(u.src, u.tgt, u.score) for u in review.units] == [((0,), (0,), 0.25), ((1, 2), (1, 2), 0.9)]
    bad = tmp_path / "bad.ladder"
    bad.write_text("[0]:[0]\n[2]:[1, 2]\n", encoding="utf-8")
    with pytest.raises(VienalignError, match=r"bad.ladder: .*starts at source sentence 2, expected 1"):
        open_review(src, tgt, tmp_path / "b", presplit=True, ladder=bad)
