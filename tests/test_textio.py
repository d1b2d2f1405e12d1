"""Reading text: encoding detection, strict decoding, errors that name the file."""

from __future__ import annotations

import unicodedata

import pytest

from align.errors import VienalignError
from align.textio import decode_text, read_text

from .conftest import to_cp1258

VI = "Việt Nam kiên quyết bảo vệ chủ quyền. Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 56 đã thành công."


@pytest.mark.parametrize("data, expected", [
    (VI.encode("utf-8"), VI),
    (b"\xef\xbb\xbf" + VI.encode("utf-8"), VI),
    (VI.encode("utf-16"), VI),
    ("\ufeff".encode("utf-16-be") + VI.encode("utf-16-be"), VI),
    (to_cp1258(VI), VI),
    (VI.encode("utf-16-le"), VI),
    (VI.encode("utf-16-be"), VI),
    ("Dòng 1\r\nDòng 2\n".encode("utf-16-le"), "Dòng 1\r\nDòng 2\n"),
    (b"", ""),
    (b"plain ASCII\n", "plain ASCII\n"),
], ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom", "windows-1258", "utf-16-le", "utf-16-be",
        "utf-16-le-lines", "empty", "ascii"])
def test_detected_encodings(data, expected):
    assert unicodedata.normalize("NFC", decode_text(data, "f.txt")) == expected


@pytest.mark.parametrize("data, message", [
    (b"abc\x00def", "NUL byte at offset 3"),
    (b"\x01\x00\x02\x00\x03\x00\x04\x00" * 8, "NUL byte"),  # 16-bit numbers, not characters
    (VI.encode("utf-16-le")[:-1], "NUL byte"),  # odd length
    (b"\x89PNG\r\n\x1a\n" + bytes(range(128, 256)), "not a text file: it is a PNG image"),
    (VI.encode("utf-8")[:-1] + b"\xff\xfe\x81\x8d\x8f", "not UTF-8"),
], ids=["nul", "16-bit-numbers", "odd-length-utf-16", "png", "broken-utf-8"])
def test_refused_with_the_file_named(data, message):
    with pytest.raises(VienalignError, match=message) as err:
        decode_text(data, "dir/f.txt")
    assert str(err.value).startswith("dir/f.txt: ") and "\n" not in str(err.value)


@pytest.mark.parametrize("data, encoding, expected", [
    (VI.encode("utf-16-le"), "utf-16-le", VI),
    (b"ho\xe0", "cp1258", "hoà"),
    (b"\xef\xbb\xbfabc", "utf-8", "abc"),
])
def test_forced_encoding(data, encoding, expected):
    assert decode_text(data, "f", encoding) == expected


@pytest.mark.parametrize("data, encoding, message", [
    (b"", "klingon", "unknown encoding"),
    (b"\xff\xfe", "utf-8", "not valid utf-8 at byte 0"),
])
def test_forced_encoding_errors(data, encoding, message):
    with pytest.raises(VienalignError, match=message):
        decode_text(data, "f", encoding)


def test_read_text_errors_name_the_path(tmp_path):
    with pytest.raises(VienalignError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(VienalignError, match="is a directory"):
        read_text(tmp_path)


def test_doctests():
    import doctest

    import align.textio

    assert doctest.testmod(align.textio).failed == 0
