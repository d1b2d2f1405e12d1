"""No command eats its input, and an output that cannot be written is one line, the old output kept:
outputs equal to an input, folders, paths under a file, a full disk, permissions; and the argument
checks every command shares (``--min-score``, empty inputs, ``batch -o`` and ``--scheduler``)."""

from __future__ import annotations

import argparse
import os
import resource
import socket
import stat
import sys

import pytest

import align.batch
from align.cli import _min_score, build_parser, main
from align.errors import VienalignError
from align.textio import PART_NAME, atomic_write, check_output_path

from .test_batch import PAIRS

VI = " ".join(vi for vi, _ in PAIRS[:4])
EN = " ".join(en for _, en in PAIRS[:4])
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
adminlang="en" srclang="vi" datatype="plaintext"/><body>
<tu><prop type="x-score">0.900</prop><tuv xml:lang="vi"><seg>Xin chào.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.vi.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "a.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.tmx").write_text(TMX, encoding="utf-8")
    (tmp_path / "a.tsv").write_text("Xin chào.\tHello.\t0.9\n", encoding="utf-8")
    return tmp_path


def one_line_error(done) -> str:
    lines = done.stderr.decode().strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in lines[0], done.stderr.decode()
    return lines[0]


@pytest.fixture
def run_main(capsys):
    """``vienalign ARGS`` in this process (faster than a subprocess, for the many small cases):
    returns the one line of standard error that an error must be, after checking the exit code 2."""

    def run(*args) -> str:
        code = main([str(arg) for arg in args])
        lines = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(lines) == 1, lines
        return lines[0]

    return run


# (command, the input it must not replace)
OUTPUT_IS_INPUT = [
    (["split", "{d}/a.vi.txt", "--lang", "vi", "-o", "{d}/a.vi.txt"], "a.vi.txt"),
    (["align", "{d}/a.vi.txt", "{d}/a.en.txt", "-o", "{d}/a.vi.txt"], "a.vi.txt"),
    (["align", "{d}/a.vi.txt", "{d}/a.en.txt", "-f", "tsv", "-o", "{d}/a.en.txt"], "a.en.txt"),
    (["tmx", "filter", "{d}/a.tmx", "--min-score", "0.5", "-o", "{d}/a.tmx"], "a.tmx"),
    (["tmx", "merge", "{d}/a.tmx", "-o", "{d}/a.tmx"], "a.tmx"),
    (["tmx", "to-tsv", "{d}/a.tmx", "-o", "{d}/a.tmx"], "a.tmx"),
    (["tmx", "from-tsv", "{d}/a.tsv", "-o", "{d}/a.tsv"], "a.tsv"),
]


@pytest.mark.parametrize("args, victim", OUTPUT_IS_INPUT,
                         ids=[" ".join(args[:2]) + f" -o {victim}" for args, victim in OUTPUT_IS_INPUT])
def test_an_output_equal_to_an_input_is_refused(files, run_main, args, victim):
    before = (files / victim).read_bytes()
    assert "is also an input" in run_main(*[a.format(d=files) for a in args])
    assert (files / victim).read_bytes() == before


def test_split_onto_its_own_input_end_to_end(files, run_cli):
    line = one_line_error(run_cli("split", files / "a.vi.txt", "--lang", "vi", "-o", files / "a.vi.txt"))
    assert line == (f"vienalign split: error: {files / 'a.vi.txt'}: is also an input; "
                    "the output must not replace it")
    assert (files / "a.vi.txt").read_text(encoding="utf-8") == VI


@pytest.mark.parametrize("link", [os.symlink, os.link], ids=["symlink", "hard link"])
def test_an_output_that_is_an_input_under_another_name_is_refused(files, link):
    link(files / "a.vi.txt", files / "other-name.txt")
    with pytest.raises(VienalignError, match="is also an input"):
        check_output_path(files / "other-name.txt", "-", files / "a.en.txt", files / "a.vi.txt")
    check_output_path(files / "new.txt", files / "a.vi.txt")  # a new file is fine
    check_output_path("-", "-")  # standard output and input


def test_an_output_that_is_a_folder_or_under_a_file(files, run_main):
    (files / "out").mkdir()
    line = run_main("align", files / "a.vi.txt", files / "a.en.txt", "-o", files / "out")
    assert line.endswith(f"{files / 'out'}: is a folder; give a file name")
    line = run_main("split", files / "a.vi.txt", "--lang", "vi", "-o", files / "a.en.txt" / "x.txt")
    assert line.endswith(f"cannot write: {files / 'a.en.txt'} is a file, not a folder")
    assert list((files / "out").iterdir()) == []
    assert not [p for p in os.listdir(files) if p.endswith(".part")]


def _limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))  # writing past 1 KB fails like a full disk


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE (POSIX)")
def test_a_full_disk_keeps_the_old_output(files, run_cli):
    import subprocess

    from .conftest import ROOT

    old = b"the previous output\n"
    (files / "out.json").write_bytes(old)
    done = subprocess.run([sys.executable, "-m", "align", "align", str(files / "a.vi.txt"), str(files / "a.en.txt"),
                           "-f", "json", "-o", str(files / "out.json")],
                          cwd=ROOT, capture_output=True, timeout=600, preexec_fn=_limit_file_size)
    line = one_line_error(done)
    assert "cannot write: File too large; nothing was changed" in line
    assert (files / "out.json").read_bytes() == old
    assert not [p for p in os.listdir(files) if p.endswith(".part")]


@pytest.mark.parametrize("umask, existing, expected", [(0o022, None, 0o644), (0o077, None, 0o600),
                                                       (0o022, 0o640, 0o640)])
def test_permissions_come_from_the_umask_or_the_file_replaced(tmp_path, umask, existing, expected):
    target = tmp_path / "out.txt"
    if existing is not None:
        target.write_text("old")
        target.chmod(existing)
    previous = os.umask(umask)
    try:
        with atomic_write(target) as out:
            out.write("new\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == expected
    assert target.read_text() == "new\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as out:
            out.write("half")
            assert [PART_NAME.fullmatch(p) is not None for p in os.listdir(tmp_path) if p != "out.txt"] == [True]
            raise RuntimeError("crash while writing")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["out.txt"]
    with pytest.raises(VienalignError, match="is a folder"):
        with atomic_write(tmp_path):
            pass


@pytest.mark.parametrize("text", ["", "  \n\n\t \n"], ids=["empty", "whitespace"])
@pytest.mark.parametrize("side", [0, 1], ids=["source", "target"])
def test_align_refuses_an_empty_side_as_batch_does(files, run_main, text, side):
    empty = files / "empty.txt"
    empty.write_text(text, encoding="utf-8")
    args = [files / "a.vi.txt", files / "a.en.txt"]
    args[side] = empty
    line = run_main("align", *args, "-o", files / "out.ladder")
    assert not (files / "out.ladder").exists()
    assert line.endswith(f"{empty}: empty file (no sentences)")


def _commands_with(dest: str) -> list[tuple[str, argparse.ArgumentParser, argparse.Action]]:
    found = []

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(sub, f"{name} {sub_name}".strip())
            elif action.dest == dest:
                found.append((name, parser, action))

    walk(build_parser(), "")
    return found


def test_every_min_score_is_checked_the_same_way():
    commands = _commands_with("min_score")
    assert {"align", "batch", "demo", "tmx filter"} <= {name for name, _, _ in commands}
    for name, _, action in commands:
        assert action.type is _min_score, f"{name} --min-score"
    for good, value in (("0", 0.0), ("1", 1.0), ("0.25", 0.25)):
        assert _min_score(good) == value
    for bad in ("2", "-0.1", "inf", "-inf", "nan", "NaN", "1e9", "abc", ""):
        with pytest.raises(argparse.ArgumentTypeError, match="not a number from 0 to 1"):
            _min_score(bad)


def test_min_score_out_of_range_is_an_error_not_an_empty_output(files, run_cli):
    done = run_cli("tmx", "filter", files / "a.tmx", "--min-score", "nan", "-o", files / "f.tmx")
    assert done.returncode == 2 and "not a number from 0 to 1" in done.stderr.decode()
    assert not (files / "f.tmx").exists()


def test_batch_output_folder_problems_are_one_line(files, run_cli, run_main):
    line = one_line_error(run_cli("batch", files, "-o", files / "a.vi.txt", "--no-progress"))
    assert line.endswith(f"{files / 'a.vi.txt'}: exists and is not a folder (-o names the output folder)")
    line = run_main("batch", files, "-o", files / "a.vi.txt" / "out", "--no-progress")
    assert f"cannot create the output folder: {files / 'a.vi.txt'} is a file, not a folder" in line


def test_a_bad_scheduler_address_is_one_line_at_once(files, run_main):
    pytest.importorskip("dask.distributed")
    for address in ("not a url", "tcp://host:port", "tcp://host:99999", "gopher://host:1"):
        line = run_main("batch", files, "-o", files / "out", "--engine", "dask", "--scheduler", address,
                        "--no-progress")
        assert f"--scheduler {address!r} is not a Dask scheduler address" in line
    assert not (files / "out").exists()  # refused before anything is written
    line = run_main("batch", files, "-o", files / "out", "--scheduler", "tcp://h:8786", "--no-progress")
    assert line.endswith("--scheduler needs --engine dask")


def test_an_unreachable_scheduler_is_one_line_within_seconds(files, run_main, monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr(align.batch, "SCHEDULER_CONNECT_SECONDS", 2)  # the default, 10 s, works the same way
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    line = run_main("batch", files, "-o", files / "out", "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}",
                    "--no-progress")
    assert f"cannot reach the Dask scheduler tcp://127.0.0.1:{port} within 2 s" in line


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write in any folder")
def test_an_unwritable_output_folder_is_one_line(files, run_main):
    locked = files / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert run_main("align", files / "a.vi.txt", files / "a.en.txt", "-o", locked / "x.ladder").endswith(
            f"{locked / 'x.ladder'}: cannot write: Permission denied")
        assert run_main("batch", files, "-o", locked / "out", "--no-progress").endswith(
            "cannot create the output folder: Permission denied")
        assert run_main("batch", files, "-o", locked, "--no-progress").endswith(
            "cannot write in the output folder: Permission denied")
    finally:
        locked.chmod(0o755)
