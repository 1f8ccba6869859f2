"""Decoding: raw bytes to text, or a clear refusal.

UTF-8 first (with or without BOM), then the other Unicode BOMs, then UTF-16 without a
BOM (NUL bytes in every other position), then a charset detection library for legacy
encodings (Windows-1256 Arabic, KOI8-R, Latin-1 ...). Binary data is refused.

Real dumps carry stray bytes: UTF-8 with a few invalid bytes (at most one per
``REPLACEMENT_BYTES_PER_INVALID`` bytes, and one in any dump) is decoded as UTF-8, each
invalid sequence replaced by U+FFFD, and the number of invalid bytes is reported. Text
that is almost all ASCII is never given to the legacy-encoding guess either (a guess
there turns a stray byte into a wrong encoding of the whole text): it too is UTF-8 with
replacements. Only the rest, text that is not UTF-8 at all, goes to detection.
"""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass

# charset detection looks at this much of the input; the verdict is applied to all of it
DETECTION_SAMPLE_BYTES = 256 * 1024
# share of NUL bytes above which data that is not UTF-16/32 is binary, not text
BINARY_NUL_SHARE = 0.01
# UTF-8 with at most one invalid byte per this many bytes is decoded with replacements
REPLACEMENT_BYTES_PER_INVALID = 1000
# text with at most this share of non-ASCII bytes is "almost all ASCII": never a legacy guess
ALMOST_ASCII_NON_ASCII_SHARE = 0.01
_COUNTING_HANDLER = "dumpling-count-invalid"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


@dataclass(frozen=True)
class Decoded:
    text: str
    invalid_bytes: int = 0          # bytes that were not valid UTF-8, replaced by U+FFFD


def decode(data: bytes) -> Decoded:
    """The text of ``data`` and how many invalid UTF-8 bytes were replaced in it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _utf8_or_refuse(data[len(bom):])
            return Decoded(_strict(data[len(bom):], encoding))
    # before UTF-8: UTF-16 of ASCII text is also valid UTF-8, full of NUL characters
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(_strict(data, utf16))
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    nearly = _utf8_with_few_invalid_bytes(data)
    if nearly is not None:
        return nearly
    if data.count(0) > BINARY_NUL_SHARE * len(data):
        raise DecodeError("the dump looks like binary data, not text")
    if _almost_all_ascii(data):
        return _utf8_with_few_invalid_bytes(data, budget=len(data))
    return Decoded(_strict(data, _detect_encoding(data)))


def decode_bytes(data: bytes) -> str:
    return decode(data).text


def to_utf8_counted(data: bytes) -> tuple[bytes, int]:
    """The dump as UTF-8 bytes, and the number of invalid UTF-8 bytes replaced. Input that
    is UTF-8 already is only checked, a piece at a time, and returned as it is: a big
    upload is not copied into a str and back."""
    if not data.startswith(codecs.BOM_UTF8) and not any(data.startswith(b) for b, _ in _BOMS) \
            and _utf16_without_bom(data) is None and (data.isascii() or _is_utf8(data)):
        # ASCII is UTF-8, and bytes.isascii() checks a megabyte about 50 times faster than
        # decoding it (UTF-16 of ASCII text is ASCII bytes too: it was ruled out above)
        return data, 0
    decoded = decode(data)
    return decoded.text.encode("utf-8", "surrogatepass"), decoded.invalid_bytes


def _utf8_or_refuse(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    nearly = _utf8_with_few_invalid_bytes(data)
    if nearly is None:
        raise DecodeError("the dump is not valid utf-8 text")
    return nearly


# The decoder calls the error handler once per invalid sequence; it counts them for the
# thread decoding (handlers are global, counts are not) and gives up past the budget, so
# a dump that is not UTF-8 at all costs no more than a few errors' worth of work.
_counts = threading.local()


class _TooManyInvalidBytes(Exception):
    pass


def _count_and_replace(error: UnicodeDecodeError) -> tuple[str, int]:
    _counts.invalid += error.end - error.start
    if _counts.invalid > _counts.budget:
        raise _TooManyInvalidBytes
    return "\ufffd", error.end


codecs.register_error(_COUNTING_HANDLER, _count_and_replace)


def _utf8_with_few_invalid_bytes(data: bytes, budget: int | None = None) -> Decoded | None:
    """UTF-8 with each invalid sequence replaced, if at most ``budget`` bytes are invalid
    (by default one per REPLACEMENT_BYTES_PER_INVALID bytes, at least one); else None."""
    _counts.invalid = 0
    _counts.budget = budget if budget is not None else max(1, len(data) // REPLACEMENT_BYTES_PER_INVALID)
    try:
        text = data.decode("utf-8", _COUNTING_HANDLER)
    except _TooManyInvalidBytes:
        return None
    return Decoded(text, _counts.invalid)


def _almost_all_ascii(data: bytes) -> bool:
    sample = data[:DETECTION_SAMPLE_BYTES]
    non_ascii = len(sample) - len(sample.decode("ascii", "ignore"))
    return non_ascii <= ALMOST_ASCII_NON_ASCII_SHARE * len(sample)


def _is_utf8(data: bytes, piece: int = 1 << 20) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for offset in range(0, len(data), piece):
            decoder.decode(view[offset:offset + piece])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"the dump is not valid {encoding} text") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly ASCII or Latin text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _detect_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECTION_SAMPLE_BYTES]).best()
    if best is None:
        raise DecodeError("the dump's text encoding could not be recognised; send UTF-8")
    return best.encoding
