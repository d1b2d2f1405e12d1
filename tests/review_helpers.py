"""Helpers of the review tests: small vi-en documents and a ``vienalign review`` process."""

from __future__ import annotations

import http.client
import select
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
POLICY = ROOT / "corpora" / "policy-vi-en" / "000-diplomacy-2006"
START_TIMEOUT = 120  # seconds: aligning and importing Flask on a busy CI machine


def write_pair(folder: Path, lines: int = 12) -> tuple[Path, Path]:
    """The first ``lines`` sentences of a project corpus pair, one a line."""
    paths = []
    for lang in ("vi", "en"):
        text = Path(f"{POLICY}.{lang}.sent").read_text(encoding="utf-8")
        sentences = [line for line in text.splitlines() if line.strip()][:lines]
        path = folder / f"doc.{lang}.txt"
        path.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


class Server:
    """A ``python -m align review`` process, its printed address, and a cookie once signed in."""

    def __init__(self, *args: str | Path):
        self.proc = subprocess.Popen([sys.executable, "-m", "align", "review", *map(str, args)], cwd=ROOT,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], START_TIMEOUT)
        self.url = self.proc.stdout.readline().strip() if ready else ""
        self.cookie = ""

    @property
    def netloc(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname, parts.port

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                send_body: bool = True) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection(*self.netloc, timeout=60)
        try:
            headers = dict(headers or {})
            if self.cookie:
                headers.setdefault("Cookie", self.cookie)
            if send_body:
                connection.request(method, path, body=body, headers=headers)
            else:  # headers only: a client announcing a body the server should refuse unread
                connection.putrequest(method, path)
                for name, value in headers.items():
                    connection.putheader(name, value)
                connection.endheaders()
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self) -> tuple[int, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            _, err = self.proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return self.proc.returncode, err
