"""Batch conversion: failure isolation, resume, manifests, engines (faults and signals: test_batch_faults.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from align.batch import BatchOptions, PairJob, iter_jobs, process_pair, run_batch

PAIRS = [
    ("Việt Nam là thành viên của ASEAN từ năm 1995.", "Viet Nam has been a member of ASEAN since 1995."),
    ("Kim ngạch thương mại hai chiều đạt 1.532 tỷ USD.", "Two-way trade reached 1,532 billion USD."),
    ("Hai bên nhất trí tăng cường hợp tác kinh tế.", "The two sides agreed to strengthen economic cooperation."),
    ("Thủ tướng đã thăm Nhật Bản vào tháng 10.", "The Prime Minister visited Japan in October."),
    ("Tăng trưởng kinh tế đạt 7,5%.", "Economic growth reached 7.5%."),
    ("Việt Nam ủng hộ giải quyết tranh chấp bằng biện pháp hòa bình.",
     "Viet Nam supports the settlement of disputes by peaceful means."),
]


def write_pair(folder: Path, name: str, shift: int = 0) -> None:
    chosen = [PAIRS[(i + shift) % len(PAIRS)] for i in range(4)]
    (folder / f"{name}.vi.txt").write_text(" ".join(vi for vi, _ in chosen) + "\n", encoding="utf-8")
    (folder / f"{name}.en.txt").write_text(" ".join(en for _, en in chosen) + "\n", encoding="utf-8")


def make_folder(folder: Path, good: int) -> dict[str, str]:
    """``good`` well-formed pairs plus one pair of each broken kind; returns broken id -> reason word."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(good):
        write_pair(folder, f"doc{k:03d}", shift=k)
    (folder / "missing.vi.txt").write_text(PAIRS[0][0], encoding="utf-8")
    write_pair(folder, "binary")
    (folder / "binary.en.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write_pair(folder, "undecodable")
    (folder / "undecodable.vi.txt").write_bytes("Một câu. ".encode() + b"caf\xe9 \x81\x8d\x8f" * 5)
    write_pair(folder, "empty")
    (folder / "empty.en.txt").write_text("  \n\n", encoding="utf-8")
    write_pair(folder, "enormous")
    (folder / "enormous.vi.txt").write_text("Một câu rất dài. " * 40_000, encoding="utf-8")
    return {"missing": "no such file", "binary": "not a text file", "undecodable": "not UTF-8",
            "empty": "empty", "enormous": "too large"}


def read_report(outdir: Path) -> dict[str, dict]:
    lines = (outdir / "report.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def test_folder_batch_isolates_failures_and_resumes(tmp_path, run_cli):
    broken = make_folder(tmp_path / "in", good=8)
    out = tmp_path / "out"
    first = run_cli("batch", tmp_path / "in", "-o", out, "--workers", "2", "--max-bytes", "300000")
    assert first.returncode == 3, first.stderr.decode()
    report = read_report(out)
    assert len(report) == 8 + len(broken)
    for job_id, reason in broken.items():
        assert report[job_id]["status"] == "failed"
        assert reason in report[job_id]["error"]
        assert "\n" not in report[job_id]["error"]
        assert "Traceback" not in report[job_id]["error"]
    assert "--max-bytes is 300,000, about what aligns in a minute" in report["enormous"]["error"]
    ok = [row for row in report.values() if row["status"] == "ok"]
    assert len(ok) == 8
    assert all(row["beads"] and row["src_sentences"] == 4 and row["tgt_sentences"] == 4 for row in ok)
    assert sorted(p.name for p in out.glob("*.tmx")) == [f"doc{k:03d}.tmx" for k in range(8)]
    assert not list(out.glob(".*.part"))
    for tmx in out.glob("*.tmx"):
        assert etree.parse(str(tmx)).getroot().tag == "tmx"

    second = run_cli("batch", tmp_path / "in", "-o", out, "--workers", "2", "--max-bytes", "300000")
    assert second.returncode == 3
    again = read_report(out)
    assert sum(row["status"] == "complete" for row in again.values()) == 8
    assert sum(row["status"] == "ok" for row in again.values()) == 0  # no alignment work redone
    assert {k for k, row in again.items() if row["status"] == "failed"} == set(broken)  # retried


def test_all_good_exits_zero_and_merges(tmp_path, run_cli):
    make_folder(tmp_path / "in", good=3)
    for name in ("missing", "binary", "undecodable", "empty", "enormous"):
        for path in (tmp_path / "in").glob(f"{name}.*"):
            path.unlink()
    out = tmp_path / "out"
    done = run_cli("batch", tmp_path / "in", "-o", out, "--workers", "1", "--merge", "--no-progress")
    assert done.returncode == 0, done.stderr.decode()
    merged = etree.parse(str(out / "merged.tmx"))
    per_pair = sum(len(etree.parse(str(p)).findall(".//tu")) for p in out.glob("doc*.tmx"))
    assert 0 < len(merged.findall(".//tu")) <= per_pair


def test_manifest_paths_ids_and_languages(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_pair(folder, "a")
    manifest = tmp_path / "list.tsv"
    manifest.write_text(
        "source\ttarget\tid\n"
        "# a comment line\n"
        "corpus/a.vi.txt\tcorpus/a.en.txt\n"
        "corpus/a.vi.txt\tcorpus/a.en.txt\tcustom\tvi\ten\n"
        "only-one-field\n",
        encoding="utf-8",
    )
    jobs = list(iter_jobs(manifest))
    assert [j.id for j in jobs] == ["corpus__a.vi", "custom", "list.tsv-line5"]
    assert jobs[0].src == folder / "a.vi.txt" and jobs[0].tgt == folder / "a.en.txt"
    assert jobs[2].problem and "list.tsv:5" in jobs[2].problem
    summary = run_batch(manifest, BatchOptions(outdir=tmp_path / "out", fmt="ladder"), workers=1)
    assert (summary.ok, summary.failed, summary.exit_code) == (2, 1, 3)
    ladder = (tmp_path / "out" / "custom.ladder").read_text().splitlines()
    assert ladder and all(":" in line for line in ladder)


def test_parallel_folder_layout(tmp_path):
    for lang, texts in (("vi", [vi for vi, _ in PAIRS]), ("en", [en for _, en in PAIRS])):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "x.txt").write_text(" ".join(texts), encoding="utf-8")
    (tmp_path / "en" / "orphan.txt").write_text("No source.", encoding="utf-8")
    jobs = {j.id: j for j in iter_jobs(tmp_path)}
    assert set(jobs) == {"x", "orphan"}
    assert jobs["x"].problem is None and "no such file" in jobs["orphan"].problem


def test_process_pair_never_raises(tmp_path):
    job = PairJob("ghost", tmp_path / "no.vi", tmp_path / "no.en", "vi", "en")
    result = process_pair(job, BatchOptions(outdir=tmp_path))
    assert result.status == "failed" and "no such file" in result.error


def test_dask_engine_matches_local(tmp_path):
    pytest.importorskip("dask.distributed")
    make_folder(tmp_path / "in", good=4)
    manifest = tmp_path / "in" / "list.tsv"  # the folder's pairs, and one with a 300-character id
    stems = sorted({p.name.split(".")[0] for p in (tmp_path / "in").glob("*.txt")})
    lines = [f"{stem}.vi.txt\t{stem}.en.txt\t{stem}\n" for stem in stems]
    lines.append(f"doc000.vi.txt\tdoc000.en.txt\t{'L' * 300}\n")
    manifest.write_text("".join(lines))
    local = run_batch(manifest, BatchOptions(outdir=tmp_path / "local", fmt="ladder", max_bytes=300_000), workers=1)
    dask = run_batch(manifest, BatchOptions(outdir=tmp_path / "dask", fmt="ladder", max_bytes=300_000),
                     workers=1, engine="dask")
    assert (dask.ok, dask.failed) == (local.ok, local.failed) == (5, 5)
    assert sorted(p.name for p in (tmp_path / "dask").glob("*.ladder")) == sorted(
        p.name for p in (tmp_path / "local").glob("*.ladder"))
    for path in (tmp_path / "local").glob("*.ladder"):
        assert (tmp_path / "dask" / path.name).read_text() == path.read_text()
