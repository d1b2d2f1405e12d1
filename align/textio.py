"""Reading input text and writing output files safely.

Inputs are decoded strictly (never with replacement characters): a file that cannot be read as text
raises :class:`~align.errors.VienalignError` naming the file. Outputs are written atomically: to a
temporary file in the same folder, renamed into place only when complete, so a crash or Ctrl-C never
leaves a half-written file.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import re
import secrets
import stat
import sys
import zipfile
from pathlib import Path
from typing import IO, Iterator

from .errors import VienalignError


def read_bytes(path: str | os.PathLike) -> bytes:
    """The whole content of file ``path`` (``-`` for standard input); errors name the file."""
    try:
        return sys.stdin.buffer.read() if str(path) == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise VienalignError("no such file", path) from None
    except IsADirectoryError:
        raise VienalignError("is a directory, not a file", path) from None
    except OSError as err:
        raise VienalignError(f"cannot read: {err.strerror}", path) from None


def read_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    """Read a whole text file (``-`` for standard input) as ``str``.

    With ``encoding=None`` the encoding is detected: a UTF-8 or UTF-16 byte-order mark, else UTF-16
    without one when the NUL bytes say so, else UTF-8, else Windows-1258 when the bytes look like
    legacy Vietnamese. Anything else is refused.
    """
    return decode_text(read_bytes(path), path, encoding)


# Magic numbers of the binary files people mistake for text (or name wrongly): the description
# goes into the error message, so a Word file is not reported as "UTF-16 without a byte-order mark".
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc) or an encrypted Office file"),
    (b"{\\rtf", "an RTF document (save it as .docx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
_ODF_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument."
_OOXML_PARTS = (("word/document.xml", "a Word document (.docx)"), ("xl/workbook.xml", "an Excel workbook"),
                ("ppt/presentation.xml", "a PowerPoint presentation"))


def describe_binary(data: bytes) -> str | None:
    """What kind of binary file ``data`` is (e.g. ``"a PNG image"``), or ``None`` when it is none
    of the kinds known here (then it may well be text).

    >>> describe_binary(b"\\x89PNG\\r\\n\\x1a\\n..."), describe_binary("Việt Nam".encode())
    ('a PNG image', None)
    """
    if b"%PDF-" in data[:1024]:  # PDF allows junk before the header
        return "a PDF document"
    for magic, description in _MAGIC:
        if data.startswith(magic):
            return description
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _describe_zip(data)
    return None


def _describe_zip(data: bytes) -> str:
    if data[30:30 + len(_ODF_MIMETYPE)] == _ODF_MIMETYPE:  # ODF's first entry, stored uncompressed
        kind = data[30 + len(_ODF_MIMETYPE):30 + len(_ODF_MIMETYPE) + 12]
        return "an OpenDocument text (.odt)" if kind.startswith(b"text") else "an OpenDocument file (not text)"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "a damaged ZIP archive (cut short or corrupt)"
    for part, description in _OOXML_PARTS:
        if part in names:
            return description
    return "a ZIP archive"


def decode_text(data: bytes, path: object, encoding: str | None = None) -> str:
    """Decode ``data`` read from ``path`` (named in errors); see :func:`read_text`."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)  # before decoding: empty input would skip the lookup
            text = data.decode(encoding)
        except LookupError:
            raise VienalignError(f"unknown encoding {encoding!r}", path) from None
        except UnicodeDecodeError as err:
            raise VienalignError(f"not valid {encoding} at byte {err.start}", path) from None
        return text.lstrip("\ufeff")
    kind = describe_binary(data)
    if kind is not None:
        raise VienalignError(f"not a text file: it is {kind}", path)
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise VienalignError(
            f"not a text file (NUL byte at offset {data.index(0)}); "
            "use --encoding for UTF-16 without a byte-order mark",
            path,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    if _looks_like_cp1258(data):
        return data.decode("cp1258")
    raise VienalignError(
        f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
        "and not recognisably Windows-1258; use --encoding",
        path,
    )


# Text in UTF-16 without a byte-order mark: at least this share of the high (or low) bytes are NUL
# (the ASCII characters: spaces, digits, punctuation, and most letters even of Vietnamese), while
# the other half has none.
UTF16_NUL_SHARE = 0.2


def _utf16_without_bom(data: bytes) -> str | None:
    r"""``data`` decoded as UTF-16 LE or BE when its NUL bytes are those of text, else None.

    >>> _utf16_without_bom("Việt Nam".encode("utf-16-le")), _utf16_without_bom(b"\x89PNG\x00\x00\x01")
    ('Việt Nam', None)
    """
    if len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls, others in (("utf-16-le", odd_nuls, even_nuls), ("utf-16-be", even_nuls, odd_nuls)):
        if others == 0 and nuls >= UTF16_NUL_SHARE * half:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if all(ch.isprintable() or ch in "\t\n\r\f" for ch in text):
                return text.lstrip("\ufeff")
    return None


def _strict(data: bytes, encoding: str, path: object) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as err:
        raise VienalignError(f"not valid {encoding} at byte {err.start}", path) from None


# Bytes that Windows-1258 uses for Vietnamese letters and combining tone marks (ă â đ ê ô ơ ư and the
# five tones); legacy Vietnamese text is full of them, while random binary data is not mostly letters.
_CP1258_VI_BYTES = frozenset(b"\xc3\xe3\xc2\xe2\xd0\xf0\xca\xea\xd4\xf4\xd5\xf5\xdd\xfd\xcc\xec\xd2\xde\xf2\xec")


def _looks_like_cp1258(data: bytes) -> bool:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return False
    high = [b for b in data if b >= 0x80]
    if not high:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    letters = sum(1 for ch in text if ch.isalpha() or ch.isspace())
    vi_bytes = sum(1 for b in high if b in _CP1258_VI_BYTES)
    return controls == 0 and letters >= 0.6 * len(text) and vi_bytes >= 0.3 * len(high)


PART_NAME = re.compile(r"\..+\.[0-9a-f]{8}\.part")
"""The name of :func:`atomic_write`'s temporary file: ``.NAME.<8 hex digits>.part`` beside ``NAME``."""

# Writing errors that mean "no room": a full disk, a quota, a file size limit.
_NO_ROOM = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", encoding: str = "utf-8") -> Iterator[IO]:
    """Open ``path`` for writing so that it appears only once complete (``-`` means stdout).

    The data goes to a temporary file beside ``path`` (see :data:`PART_NAME`), which is renamed over
    ``path`` when the ``with`` block ends without an exception, and deleted otherwise. The file gets
    the permissions of the file it replaces, or those the umask gives a new file (0644 under umask
    022). A folder as ``path``, a folder that cannot be created or written, and a full disk are a
    :class:`~align.errors.VienalignError` naming ``path``; the old file is then kept unchanged.
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if "b" in mode else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    if target.is_dir():
        raise VienalignError("is a folder; give a file name", path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, part = _create_part(target)
    except OSError as err:
        raise VienalignError(f"cannot write: {why_not_writable(err, target.parent)}", path) from None
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as stream:
            yield stream
        os.replace(part, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(part)
        if isinstance(err, OSError) and (err.errno in _NO_ROOM or err.filename in (part, str(target))):
            raise VienalignError(f"cannot write: {err.strerror}; nothing was changed", path) from None
        raise


def _create_part(target: Path) -> tuple[int, str]:
    """A new, empty temporary file beside ``target``: its descriptor and name."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    while True:
        part = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        except FileExistsError:
            continue
        if mode is not None:
            os.chmod(part, mode)  # keep the permissions of the file being replaced
        return fd, part


def why_not_writable(err: OSError, folder: str | os.PathLike) -> str:
    """Why ``folder`` could not be created or written in (``err``), naming a file in the way."""
    for ancestor in (Path(folder), *Path(folder).parents):
        if ancestor.exists():
            return err.strerror if ancestor.is_dir() else f"{ancestor} is a file, not a folder"
    return err.strerror


def check_output_path(output: str | os.PathLike, *inputs: str | os.PathLike | None) -> None:
    """Refuse, before any work is done, an output path that is a folder or one of ``inputs``.

    An input counts as the output also through a link (the same file on disk). ``-`` (standard
    output or input) and missing files pass. Raises :class:`~align.errors.VienalignError`.
    """
    if str(output) == "-":
        return
    if Path(output).is_dir():
        raise VienalignError("is a folder; give a file name", output)
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        try:
            same = os.path.samefile(output, source)
        except OSError:  # one of them does not exist (yet)
            continue
        if same:
            named = "" if str(source) == str(output) else f" ({source})"
            raise VienalignError(f"is also an input{named}; the output must not replace it", output)
