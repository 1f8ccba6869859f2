"""Decoding raw bytes: Unicode with and without BOM, legacy encodings, refusal of binary data."""

import codecs

import pytest

from workers.pipeline import DecodeError, decode_bytes, to_utf8_counted

ARABIC = "أكد الدكتور زهير الحارثي، أمين عام مركز الملك عبد الله العالمي للحوار أن برامجهم النوعية تستثمر في مستقبل أكثر سلاماً."
RUSSIAN = "Правительство Италии намерено добиться пересмотра антироссийских санкций, заявил вице-премьер страны."


def test_utf8_passes_through():
    assert decode_bytes(ARABIC.encode("utf-8")) == ARABIC


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Hello") == "Hello"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_recognised(encoding):
    data = ARABIC.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data) == ARABIC


def test_utf16_without_bom_is_recognised_for_latin_text():
    text = "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%."
    assert decode_bytes(text.encode("utf-16-le")) == text


def test_windows_1256_arabic_is_decoded():
    text = (ARABIC + "\n") * 5
    assert decode_bytes(text.encode("cp1256")) == text


def test_koi8_russian_is_decoded():
    text = (RUSSIAN + "\n") * 5
    assert decode_bytes(text.encode("koi8-r")) == text


def test_binary_data_is_refused_with_a_clear_message():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(DecodeError, match="binary|encoding"):
        decode_bytes(png)


def test_a_truncated_utf16_dump_is_refused():
    with pytest.raises(DecodeError):
        decode_bytes(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00")


def test_to_utf8_returns_utf8_input_as_it_is_without_a_copy():
    data = (ARABIC + "\n").encode("utf-8") * 1000
    converted, invalid = to_utf8_counted(data)
    assert converted is data and invalid == 0


@pytest.mark.parametrize("encoded", [
    codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
    codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"),
    ((ARABIC + "\n") * 5).encode("cp1256"),
])
def test_to_utf8_converts_everything_else(encoded):
    converted, invalid = to_utf8_counted(encoded)
    assert converted.decode("utf-8").strip().startswith(ARABIC) and invalid == 0
