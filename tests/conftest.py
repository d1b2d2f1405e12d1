"""Shared test fixtures: where the project and ../shared are, and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip when the folder is absent."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"{data} is absent (the shared benchmark data sits beside the clone in CI)")
    return data


@pytest.fixture(scope="session")
def tmx_dtd() -> Path:
    dtd = SHARED / "tmx" / "tmx14.dtd"
    if not dtd.is_file():
        pytest.skip(f"{dtd} is absent")
    return dtd


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
