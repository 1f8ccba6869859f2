"""Decoding: raw bytes to text, or a clear refusal.

UTF-8 first (with or without BOM), then the other Unicode BOMs, then UTF-16 without a
BOM (NUL bytes in every other position), then a charset detection library for legacy
encodings (Windows-1256 Arabic, KOI8-R, Latin-1 ...). Binary data is refused.
"""

from __future__ import annotations

import codecs

# charset detection looks at this much of the input; the verdict is applied to all of it
DETECTION_SAMPLE_BYTES = 256 * 1024
# share of NUL bytes above which data that is not UTF-16/32 is binary, not text
BINARY_NUL_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def decode_bytes(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding)
    # before UTF-8: UTF-16 of ASCII text is also valid UTF-8, full of NUL characters
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _strict(data, utf16)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if data.count(0) > BINARY_NUL_SHARE * len(data):
        raise DecodeError("the dump looks like binary data, not text")
    return _strict(data, _detect_encoding(data))


def to_utf8(data: bytes) -> bytes:
    """The dump as UTF-8 bytes. Input that is UTF-8 already is only checked, a piece at a
    time, and returned as it is: a big upload is not copied into a str and back."""
    if not data.startswith(codecs.BOM_UTF8) and not any(data.startswith(b) for b, _ in _BOMS) \
            and _utf16_without_bom(data) is None and _is_utf8(data):
        return data
    return decode_bytes(data).encode("utf-8", "surrogatepass")


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
