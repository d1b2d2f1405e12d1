"""Shared test fixtures: where the project and ../shared are, and a CLI runner."""

from __future__ import annotations

import importlib.util
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# CI must be deterministic: `.ci/run` selects this profile (the same examples every run, no example
# database). On your own machine the default profile explores new random examples each run.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)

# A suite started as a background job of a script (`bash .ci/run &`) inherits SIGINT ignored, and so
# would every process the tests start (an ignored signal stays ignored across exec): the tests of
# Ctrl-C need it handled, as a terminal gives it.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def load_script(name: str) -> ModuleType:
    """``scripts/NAME.py`` as the module ``NAME``, for the tests of a benchmark's own logic (registered
    in ``sys.modules``: dataclasses look their module up while being defined, and one script may
    import another by name)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese software wrote it: tone marks as combining characters."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
            out += (base + "".join(c for c in parts if c in TONE_MARKS)).encode("cp1258")
    return bytes(out)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip when the folder is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"{data} is absent (the shared benchmark data sits beside the clone in CI)")
    return data


@pytest.fixture(scope="session")
def tmx_dtd() -> Path | None:
    """``../shared/tmx/tmx14.dtd``, or ``None`` when absent: then only the DTD check is left out
    (``tests.tmx_consumers.dtd_errors`` then finds nothing), never the rest of the test."""
    dtd = SHARED / "tmx" / "tmx14.dtd"
    return dtd if dtd.is_file() else None


@pytest.fixture
def secret(tmp_path) -> Path:
    """A file whose contents must never reach an output (a hostile document's external entity)."""
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-7f3a", encoding="utf-8")
    return path


@pytest.fixture
def run_cli():
    """Run ``python -m align ARGS`` in a subprocess; returns the CompletedProcess."""

    def run(*args: str, input: str | bytes | None = None, cwd: Path | None = None):
        return subprocess.run(
            [sys.executable, "-m", "align", *map(str, args)],
            input=input.encode() if isinstance(input, str) else input,
            capture_output=True,
            cwd=cwd or ROOT,
            timeout=600,
        )

    return run
