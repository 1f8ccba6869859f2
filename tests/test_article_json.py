"""An article's JSON a piece at a time (workers/pipeline/article_json.py): what `dumpling
process` writes and a worker stores is exactly json.dumps's text, long strings included."""

import json

from workers.pipeline.article_json import PIECE_CHARS, json_pieces
from workers.pipeline.lines import analyse_line, stripped_text
from workers.store import codec

# every kind of character JSON escapes, a non-ASCII letter, a CJK one and one past the BMP
TRICKY = 'word "quoted" back\\slash \n\t\x00\x1f é 中 \U0001F600 '


def article(body: str, captions: list[str] | None = None) -> dict:
    return {"index": 3, "headline": "A headline", "subheadline": None, "captions": captions or [],
            "body": body, "language": "en", "language_confidence": 0.8571428571428571,
            "line_start": 1, "line_end": 9}


def test_the_pieces_of_an_article_with_long_strings_are_json_dumps_text():
    long = TRICKY * (3 * PIECE_CHARS // len(TRICKY))
    for record in [article(long), article("short", ["a caption", long, "another"]), article("x" * (PIECE_CHARS + 1))]:
        pieces = list(json_pieces(record))
        assert "".join(pieces) == json.dumps(record, ensure_ascii=False)
        assert len(pieces) > 3 and max(map(len, pieces)) <= 2 * PIECE_CHARS


def test_a_short_article_is_one_piece():
    record = article(TRICKY)
    assert list(json_pieces(record)) == [json.dumps(record, ensure_ascii=False)]


def test_an_article_with_a_long_body_is_stored_as_one_frame_of_its_json():
    for body in [TRICKY * 20_000, "short"]:
        record = article(body)
        raw = codec.encode_article_record(record)
        assert codec.decode_article(raw) == json.dumps(record, ensure_ascii=False).encode("utf-8")


def test_the_stripped_text_of_a_long_line_is_its_text_stripped():
    for text in ["word " * 5000, "  word " * 5000 + "\t", "word  " * 5000, "ﬁ word " * 5000, "x" * 20_000]:
        assert stripped_text(analyse_line(1, text)) == text.strip()
