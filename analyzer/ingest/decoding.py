"""What a file's bytes are: which kind of binary file, or text in which encoding."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

# Binary files recognised by their first bytes, so that the reason a file is skipped says what
# it is. Office files are zip (.xlsx, .docx) or OLE2 (.xls, .doc) containers.
_SAVE_AS = "save tables as CSV, articles as plain text"
MAGIC: tuple[tuple[re.Pattern[bytes], str], ...] = (
    (re.compile(rb"\A\x89PNG\r\n\x1a\n"), "PNG image"),
    (re.compile(rb"\A\xff\xd8\xff"), "JPEG image"),
    (re.compile(rb"\AGIF8[79]a"), "GIF image"),
    (re.compile(rb"\ARIFF.{4}WEBP", re.S), "WebP image"),
    (re.compile(rb"\A%PDF-"), "PDF document"),
    (
        re.compile(rb"\APK(?:\x03\x04|\x05\x06|\x07\x08)"),
        f"zip archive, or .xlsx/.docx: {_SAVE_AS}",
    ),
    (re.compile(rb"\A\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), f"old Office file, .xls/.doc: {_SAVE_AS}"),
    (re.compile(rb"\A\x1f\x8b"), "gzip archive: unpack it first"),
    (re.compile(rb"\ABZh[1-9]1AY&SY"), "bzip2 archive: unpack it first"),
    (re.compile(rb"\A\xfd7zXZ\x00"), "xz archive: unpack it first"),
    (re.compile(rb"\A7z\xbc\xaf\x27\x1c"), "7-Zip archive: unpack it first"),
    (re.compile(rb"\A\x28\xb5\x2f\xfd"), "zstd archive: unpack it first"),
    (re.compile(rb"\ARar!\x1a\x07"), "RAR archive: unpack it first"),
    (re.compile(rb"\ASQLite format 3\x00"), "SQLite database"),
    # "PAR1" alone could open a text; a Parquet file goes on with a Thrift page header.
    (re.compile(rb"\APAR1\x15"), "Parquet table"),
    (re.compile(rb"\A\x7fELF"), "program (ELF)"),
    (re.compile(rb"\A.{4}ftyp", re.S), "video (MP4/MOV)"),
)

# Byte-order marks, UTF-32's first: its little-endian mark begins with UTF-16's. Python's
# "utf-8-sig", "utf-16" and "utf-32" codecs read the mark and drop it from the text.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes looked at for the control bytes that mark binary data, and for the pattern of UTF-16
# without a byte-order mark (every other byte NUL, for Latin text).
BINARY_SNIFF_BYTES = 8192
UTF16_SNIFF_BYTES = 1024
# In UTF-16 Latin text more than half of the high bytes are NUL; in binary data that merely
# looks like it, the NULs fall on both sides. Up to this share of NULs on the other side are
# allowed (characters like U+4E00 have a NUL low byte).
UTF16_OTHER_SIDE_NULS = 0.05
# Text has few control bytes besides tab and line breaks; a sample with more than this share of
# them (NUL included) is binary. Random bytes have 11%; binary formats without a magic number
# far more (NUL padding). A stray NUL does not make a text binary: it is removed from records.
MAX_CONTROL_SHARE = 0.10
CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
CONTROL_CHARACTERS = dict.fromkeys(CONTROL_BYTES)  # str.translate deletes them

# Text that is not UTF-8 is most often Windows' Western European code page (a superset of
# Latin-1's printable characters); its five unassigned bytes become the C1 controls of the
# same number, as browsers (WHATWG) do, and are then removed from record text like any control.
FALLBACK = "cp1252"
FALLBACK_ERRORS = "analyzer-cp1252"
CP1252 = "".join(bytes([b]).decode(FALLBACK, errors="ignore") or chr(b) for b in range(256))

# Bytes the encoding detector looks at, for a file that is not UTF-8.
DETECT_BYTES = 1 << 16
# A sample is UTF-8 with a few stray bytes (pasted cp1252 quotes), not another encoding, when
# its well-formed UTF-8 characters beyond ASCII are at least as many as its broken bytes
# (in Shift-JIS or GBK a few byte pairs happen to be well-formed UTF-8).
UTF8_SHARE = 1.0
# Bytes beyond ASCII, and the share of them next to another, for the detector to be asked.
ASCII_MAX = 0x7F
MIN_DETECT_BYTES = 8
RUN_SHARE = 0.6
# What charset-normalizer may answer and be believed: the encodings of scripts that cp1252
# cannot write. Latin single-byte answers (cp1250, latin-1...) are often a guess between
# near twins: there the cp1252 fallback stands, and says where it applied.
_DETECTED_NAMES = """
    shift_jis cp932 shift_jis_2004 shift_jisx0213 euc_jp euc_jis_2004 euc_jisx0213 iso2022_jp
    gbk gb2312 gb18030 hz big5 big5hkscs cp950 euc_kr cp949 johab iso2022_kr
    cp1251 koi8_r koi8_u iso8859_5 mac_cyrillic cp866 cp855
    cp1253 iso8859_7 cp1255 iso8859_8 cp1256 iso8859_6 cp874 tis_620 cp1258
"""
DETECTED = frozenset(_DETECTED_NAMES.split())

# Wide encodings put NUL bytes into ordinary text, so NULs do not mark their files as binary.
WIDE = ("utf-16", "utf-32")
ASCII = "".join(map(chr, range(128)))


def _decode_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252, one by one."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(CP1252[b] for b in bad), error.end


@cache
def fallback_errors() -> str:
    """The name of the codec error handler that reads stray bytes as cp1252.

    Registered the first time a file needs it, not at import: importing the package changes
    nothing in the process. Python cannot unregister a handler; the name is the tool's own.
    """
    codecs.register_error(FALLBACK_ERRORS, _decode_as_cp1252)
    return FALLBACK_ERRORS


@dataclass(frozen=True, slots=True)
class DecodeError:
    """Where a file first stops being text in an encoding."""

    byte: int  # offset of the first byte that does not decode
    line: int  # the line it is on, counted in the text before it (1-based)
    value: bytes  # that byte (or the few bytes that make a broken character)

    def shown(self) -> str:
        return " ".join(f"0x{b:02X}" for b in self.value[:4])


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, from its first bytes, when it is one I know."""
    for pattern, kind in MAGIC:
        if pattern.match(data):
            return kind
    return None


def text_encoding(data: bytes, *, forced: str | None) -> str | None:
    """The codec to read a file with, from its first bytes; None when the bytes are not text.

    A byte-order mark decides, then the UTF-16 pattern; then, for bytes that are not UTF-8,
    the detector's answer when it is an encoding of a script cp1252 cannot write (Shift-JIS,
    EUC-JP, GBK, Windows-1251...); else the file is UTF-8 (the caller falls back to cp1252
    where it is not). ``forced`` (the user's choice) overrides all
    that, except that a UTF-8 mark is still dropped from the text.
    """
    if forced is not None:
        name = codecs.lookup(forced).name
        codec = "utf-8-sig" if name == "utf-8" else name
    elif bom := next((codec for mark, codec in BOMS if data.startswith(mark)), None):
        codec = bom
    elif wide := _utf16_without_bom(data[:UTF16_SNIFF_BYTES]):
        return wide
    else:
        codec = detected_encoding(data[:DETECT_BYTES]) or "utf-8"
    if codec.startswith(WIDE):
        return codec
    sample = data[:BINARY_SNIFF_BYTES]
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return None if controls > MAX_CONTROL_SHARE * len(sample) else codec


def detected_encoding(sample: bytes) -> str | None:
    """The encoding of a sample that is not UTF-8, when the detector names one I believe."""
    if sample.isascii():
        return None
    decoded = codecs.getincrementaldecoder("utf-8")("replace").decode(sample, final=False)
    broken = decoded.count("\ufffd")
    if not broken:
        return None
    well_formed = sum(1 for c in decoded if c > "\x7f") - broken
    if well_formed >= UTF8_SHARE * broken or not _in_runs(sample):
        return None
    # Imported here: most files are UTF-8 and never need it.
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name.replace("-", "_")
    return name if name in DETECTED else None


def _in_runs(sample: bytes) -> bool:
    """Whether the bytes beyond ASCII come in runs, as in words of a script other than Latin.

    In Western text they stand alone between ASCII letters ("M\xfcller"); on so little, a
    detector can answer anything (two such bytes make one GBK character).
    """
    high = [i for i, b in enumerate(sample) if b > ASCII_MAX]
    if len(high) < MIN_DETECT_BYTES:
        return False
    positions = set(high)
    in_runs = sum(1 for i in high if i - 1 in positions or i + 1 in positions)
    return in_runs >= RUN_SHARE * len(high)


def first_error(chunks: Iterable[bytes], codec: str) -> DecodeError | None:
    """The first place where the bytes do not decode in ``codec``, reading them chunk by chunk."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    ascii_based = _reads_ascii_as_ascii(codec)
    fed, lines = 0, 1
    for chunk in _then_end(chunks):
        state = decoder.getstate()
        held = len(state[0])  # bytes of a character begun in the previous chunk
        if ascii_based and not held and chunk.isascii():  # API exports escape all else: fast
            lines += chunk.count(b"\n")
            fed += len(chunk)
            continue
        try:
            lines += decoder.decode(chunk, final=not chunk).count("\n")
        except UnicodeDecodeError as exc:
            decoder.setstate(state)  # decode the good part again, for its line breaks
            good = max(exc.start - held, 0)
            lines += decoder.decode(chunk[:good]).count("\n")
            return DecodeError(fed - held + exc.start, lines, exc.object[exc.start : exc.end])
        fed += len(chunk)
    return None


def _reads_ascii_as_ascii(codec: str) -> bool:
    """Whether ASCII bytes are always the same text in ``codec`` (not in UTF-16, UTF-7, EBCDIC)."""
    try:
        return bytes(range(128)).decode(codec) == ASCII
    except UnicodeDecodeError:
        return False


def _then_end(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks that hold bytes, then an empty one that tells the decoder the end has come."""
    for chunk in chunks:
        if chunk:
            yield chunk
    yield b""


def check_encoding(name: str) -> None:
    """Raise LookupError unless ``name`` is a text encoding Python knows."""
    # A TextIOWrapper refuses what is not a text encoding (rot13, base64) as it would a file.
    io.TextIOWrapper(io.BytesIO(), encoding=name)


def encoding_note(codec: str, *, forced: str | None) -> str | None:
    """What to tell the user about a file's encoding: said when it was not UTF-8 nor theirs."""
    if forced is not None or codecs.lookup(codec).name in ("utf-8", "utf-8-sig"):
        return None
    return f"read as {display_name(codec)}, the encoding its bytes have"


def display_name(codec: str) -> str:
    """A codec's name as a user would write it: "UTF-8", "UTF-16", "cp1252"."""
    name = codecs.lookup(codec).name
    if name == "utf-8-sig":
        return "UTF-8"
    return name.upper() if name.startswith("utf") else name


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by NULs in every other byte (Latin text)."""
    sample = sample[: len(sample) - len(sample) % 2]
    if not sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls * 2 > half and other <= UTF16_OTHER_SIDE_NULS * half:
            try:
                text = codecs.getincrementaldecoder(codec)("strict").decode(sample)
            except UnicodeDecodeError:
                return None
            # Small numbers in binary data decode as control characters, not as text.
            controls = len(text) - len(text.translate(CONTROL_CHARACTERS))
            return None if controls > MAX_CONTROL_SHARE * len(text) else codec
    return None
