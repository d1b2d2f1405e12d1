"""``vienalign review`` end to end: a real server started through the command line, fetched over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

pytest.importorskip("flask", reason="the review server needs Flask (pip install 'vienalign[review]')")
pytest.importorskip("waitress", reason="the review server needs waitress (pip install 'vienalign[review]')")

from tests.conftest import ROOT  # noqa: E402
from tests.review_helpers import START_TIMEOUT, Server, snapshot, write_pair  # noqa: E402


@pytest.fixture
def server(tmp_path):
    src, tgt = write_pair(tmp_path)
    running = Server(src, tgt, "--presplit", "-o", tmp_path / "out")
    yield running
    running.stop()


def test_review_prints_its_address_first_and_serves_the_page(server, tmp_path):
    assert server.url.startswith("http://127.0.0.1:") and "/?token=" in server.url, server.stop()
    parts = urlsplit(server.url)
    status, headers, _ = server.request("GET", f"/?{parts.query}")
    assert status == 303
    server.cookie = headers["Set-Cookie"].split(";")[0]
    status, _, page = server.request("GET", "/")
    assert status == 200 and b"/static/review.js" in page
    status, _, script = server.request("GET", "/static/review.js")
    assert status == 200 and b"/api/edit" in script
    status, _, data = server.request("GET", "/api/review")
    review = json.loads(data)
    assert status == 200 and review["document"]["src"]["lang"] == "vi" and review["state"]["units"]

    outdir = tmp_path / "out"
    before = snapshot(outdir)
    unit = review["state"]["units"][0]["id"]
    edit = json.dumps({"op": "confirm", "unit": unit, "revision": 0}).encode()
    anonymous = Server.__new__(Server)
    anonymous.url, anonymous.cookie = server.url, ""
    assert anonymous.request("POST", "/api/edit", edit, {"Content-Type": "application/json"})[0] == 403
    assert anonymous.request("GET", "/api/review")[0] == 403
    assert anonymous.request("GET", f"/?{parts.query}")[0] == 403  # the token was spent
    status, _, _ = server.request("POST", "/api/edit", headers={"Content-Type": "application/json",
                                                                "Content-Length": str(100 * 1024 * 1024)},
                                  send_body=False)
    assert status == 413
    assert snapshot(outdir) == before

    status, _, _ = server.request("POST", "/api/edit", edit, {"Content-Type": "application/json"})
    assert status == 200
    code, err = server.stop()
    assert code == 0 and "run the same command to resume" in err
    assert json.loads((outdir / "review.json").read_text(encoding="utf-8"))["units"][0][4] is True


def test_a_taken_port_is_one_clear_line(server, tmp_path):
    assert server.url, server.stop()
    _, port = server.netloc
    src, tgt = tmp_path / "doc.vi.txt", tmp_path / "doc.en.txt"
    started = time.monotonic()
    second = subprocess.run([sys.executable, "-m", "align", "review", src, tgt, "--presplit", "-o",
                             tmp_path / "other", "--port", str(port)], cwd=ROOT, capture_output=True, text=True,
                            timeout=START_TIMEOUT)
    assert second.returncode == 2 and second.stdout == ""
    assert second.stderr.strip() == (f"vienalign review: error: port {port} on 127.0.0.1 is taken (another "
                                     "program listens there); choose another --port, or --port 0 for a free one")
    assert time.monotonic() - started < START_TIMEOUT


@pytest.mark.parametrize("args, message", [
    (["missing.vi.txt", "{tgt}"], "missing.vi.txt: no such file"),
    (["{src}", "{tgt}", "--src-lang", "en"], "source and target language are both en"),
    (["{src}", "{tgt}", "--ladder", "{ladder}"], "starts at source sentence 3, expected 1"),
])
def test_bad_input_is_one_line_and_exit_2(run_cli, tmp_path, args, message):
    src, tgt = write_pair(tmp_path, 4)
    ladder = tmp_path / "bad.ladder"
    ladder.write_text("[0]:[0]\n[3]:[1, 2, 3]\n", encoding="utf-8")
    names = {"src": src, "tgt": tgt, "ladder": ladder}
    proc = run_cli("review", *[arg.format(**names) for arg in args], "--presplit", "-o", tmp_path / "out")
    stderr = proc.stderr.decode()
    assert proc.returncode == 2 and message in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in stderr and proc.stdout == b""


def test_without_the_review_extra_the_error_names_the_pip_install(tmp_path):
    src, tgt = write_pair(tmp_path, 3)
    code = ("import sys; sys.modules['flask'] = None; from align.cli import main; "
            f"sys.exit(main(['review', {str(src)!r}, {str(tgt)!r}, '--presplit']))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == ("vienalign review: error: the review server needs Flask and waitress "
                                   "(flask is missing): pip install 'vienalign[review]'")
