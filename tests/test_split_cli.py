"""``python -m align split`` end to end: encodings, bad input, stdin, and the seeds."""

from __future__ import annotations

import unicodedata

import pytest

from .conftest import ROOT, to_cp1258

SEEDS = ROOT / "seeds"
TEXT = "Hội nghị đã thành công. Ông Nguyễn Văn A phát biểu.\n\nHai bên ký thỏa thuận.\n"
LINES = ["Hội nghị đã thành công.", "Ông Nguyễn Văn A phát biểu.", "", "Hai bên ký thỏa thuận."]


def _lines(result) -> list[str]:
    return result.stdout.decode("utf-8").splitlines()


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with its byte-order mark
    to_cp1258(TEXT),
    unicodedata.normalize("NFD", TEXT).encode("utf-8"),
], ids=["utf-8", "utf-8-bom", "utf-16-bom", "windows-1258", "utf-8-nfd"])
def test_encodings_are_read(run_cli, tmp_path, encoded):
    path = tmp_path / "in.txt"
    path.write_bytes(encoded)
    result = run_cli("split", path, "--lang", "vi")
    assert result.returncode == 0, result.stderr
    assert _lines(result) == LINES


def test_encoding_can_be_forced(run_cli, tmp_path):
    path = tmp_path / "in.txt"
    path.write_bytes("Tiếng Việt: Hội nghị đã thành công.".encode("cp1252", errors="replace") + b" \x81\x8d")
    refused = run_cli("split", path, "--lang", "vi")
    assert refused.returncode == 2 and b"--encoding" in refused.stderr
    forced = run_cli("split", path, "--lang", "vi", "--encoding", "latin-1")
    assert forced.returncode == 0 and _lines(forced)[0].startswith("Ti?ng Vi?t: H?i ngh? ")
    path.write_bytes(TEXT.encode("utf-16-le"))  # no byte-order mark: detected, or forced
    for extra in ([], ["--encoding", "utf-16-le"]):
        result = run_cli("split", path, "--lang", "vi", *extra)
        assert result.returncode == 0 and _lines(result) == LINES


def test_empty_file_gives_empty_output(run_cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = run_cli("split", path, "--lang", "vi")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    bytes(range(128, 256)) * 4,
], ids=["png", "high-bytes"])
def test_binary_file_is_one_line_error(run_cli, tmp_path, content):
    path = tmp_path / "picture.bin"
    path.write_bytes(content)
    result = run_cli("split", path, "--lang", "vi")
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert stderr.count("\n") == 1 and "picture.bin" in stderr and "Traceback" not in stderr


@pytest.mark.parametrize("args, message", [
    (["split", "no/such/file.txt", "--lang", "vi"], "no such file"),
    (["split", "-", "--lang", "vi", "--encoding", "klingon"], "unknown encoding"),
    (["split", "-", "--lang", "../../etc"], "not a language code"),
])
def test_bad_arguments_are_one_line_errors(run_cli, args, message):
    result = run_cli(*args, input=b"")
    assert result.returncode == 2 and message in result.stderr.decode() and b"Traceback" not in result.stderr


def test_stdin_and_output_file(run_cli, tmp_path):
    out = tmp_path / "out" / "sentences.txt"
    result = run_cli("split", "-", "--lang", "en", "-o", out, input="Mr. Son came. He spoke.\n")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == "Mr. Son came.\nHe spoke.\n"


def test_canonical_tones_option(run_cli):
    assert _lines(run_cli("split", "-", "--lang", "vi", input="Hoà bình.")) == ["Hoà bình."]
    assert _lines(run_cli("split", "-", "--lang", "vi", "--canonical-tones", input="Hoà bình.")) == ["Hòa bình."]


def _split_seed(run_cli, prefix: str, lang: str) -> list[str]:
    (seed,) = SEEDS.glob(f"{prefix}_*.txt")
    result = run_cli("split", seed, "--lang", lang)
    assert result.returncode == 0, result.stderr
    return _lines(result)


def test_seed_000_comes_out_as_normal_vietnamese(run_cli):
    lines = [line for line in _split_seed(run_cli, "000", "vi") if line]
    assert len(lines) > 100
    assert lines[-1] == "Phan Doãn Nam"  # the author's signature, a unit of its own
    for line in lines[:-1]:
        assert "_" not in line and " ," not in line and " ." not in line and "( " not in line
        assert line[0].isupper() or line[0].isdigit() or line[0] in "\"“(", line
        assert line.endswith((".", "!", "?", ":", '"', "”", ")")), line


def test_seed_001_headings_captions_and_boxes_are_their_own_lines(run_cli):
    lines = _split_seed(run_cli, "001", "vi")
    for unit in ["EM CÓ BIẾT?",
                 "Tích cực, chủ động hội nhập khu vực và thế giới:",
                 "Việt Nam trở thành thành viên có trách nhiệm của nhiều tổ chức quốc tế (ASEAN, WTO,...),..."]:
        assert unit in lines
    assert any(line.startswith("[Hình ảnh") and line.endswith("]") for line in lines)
    assert any(line.startswith("Hình 5. Chuyến thăm") and line.endswith("(2023)") for line in lines)


def test_seed_003_menu_and_headlines_are_not_glued(run_cli):
    lines = _split_seed(run_cli, "003", "en")
    assert lines[:2] == ["Màu đỏ Màu xanh nước biển Màu vàng Màu xanh lá cây", "Thứ 6 - 26/02/2016"]
    assert "5 outstanding results in foreign affairs in 2023" in lines


def test_seed_004_table_rows_and_headings_are_units(run_cli):
    lines = _split_seed(run_cli, "004", "en")
    assert lines[0].startswith("| Since the beginning") and lines[0].endswith("(Source: VNA) |")
    assert "Significant and comprehensive results" in lines
    assert "Following the times" in lines


def test_seed_002_sentences(run_cli):
    lines = _split_seed(run_cli, "002", "en")
    assert "Continue broadening relations with parties in power." in lines
    assert all(not line or line.endswith((".", "”", '"')) for line in lines)
