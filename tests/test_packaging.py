"""A regular install carries the corpora: the wheel holds them, and the installed package finds
them from any folder. (scripts/check_install.sh does the whole first run: fresh clone, fresh venv,
pip install ., vienalign demo in an empty folder; it needs the package registry.)"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT

IGNORED = shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache",
                                 ".hypothesis", "vienalign-out", "*.part")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The package built into a wheel from a copy of the source tree and installed into a folder."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", work / "dist", source],
                   check=True, capture_output=True, timeout=300)
    [wheel] = (work / "dist").glob("vienalign-*.whl")
    target = work / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", target, wheel], check=True, capture_output=True,
                   timeout=300)
    return wheel, target


def test_the_wheel_carries_the_corpora_and_the_seeds(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in (p for p in (ROOT / "corpora").rglob("*") if p.is_file()):
        assert f"align/corpora/{path.relative_to(ROOT / 'corpora').as_posix()}" in names
    for path in (ROOT / "seeds").iterdir():
        assert f"align/seeds/{path.name}" in names


def test_the_installed_package_finds_its_corpora_from_any_folder(installed, tmp_path):
    _, target = installed
    check = ("import align, align.demo as d; c = d.default_corpora(); pairs = d.read_manifests(c); "
             "assert all(p.is_file() for pair in pairs for p in (pair.src_text, pair.tgt_text, pair.gold)); "
             "print(align.__file__, c, len(pairs))")
    done = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    module, corpora, count = done.stdout.split()
    assert module.startswith(str(target)) and corpora.startswith(str(target)) and int(count) >= 10
