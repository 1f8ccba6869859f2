"""An article's JSON a piece at a time: what `dumpling process` writes and a worker stores.

``json.dumps(article, ensure_ascii=False)`` builds the whole text, and a list of its parts
before that: for an article whose body is a line of megabytes, two more copies of the body
(and a third once encoded to UTF-8). ``json_pieces`` gives the same text, character for
character, with every long string escaped a slice at a time: JSON escapes each character
on its own, so the slices' escapes put together are the string's. An article with no long
string is one piece, ``json.dumps``'s own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring      # what json.dumps escapes with, ensure_ascii=False

# strings longer than this are written in slices of this many characters
PIECE_CHARS = 1 << 16


def json_pieces(article: dict) -> Iterator[str]:
    """``json.dumps(article, ensure_ascii=False)``, in pieces."""
    if not has_long_strings(article):
        yield json.dumps(article, ensure_ascii=False)
        return
    yield "{"
    for n, (name, value) in enumerate(article.items()):
        yield (", " if n else "") + encode_basestring(name) + ": "
        yield from _value_pieces(value)
    yield "}"


def has_long_strings(article: dict) -> bool:
    """True if a field, or an item of a list field (the captions), is a long string."""
    return any(_long(value) or isinstance(value, list) and any(map(_long, value)) for value in article.values())


def _long(value: object) -> bool:
    return isinstance(value, str) and len(value) > PIECE_CHARS


def _value_pieces(value: object) -> Iterator[str]:
    if _long(value):
        yield '"'
        for start in range(0, len(value), PIECE_CHARS):
            yield encode_basestring(value[start:start + PIECE_CHARS])[1:-1]
        yield '"'
    elif isinstance(value, list) and any(map(_long, value)):
        yield "["
        for n, item in enumerate(value):
            if n:
                yield ", "
            yield from _value_pieces(item)
        yield "]"
    else:
        yield json.dumps(value, ensure_ascii=False)
