"""A submission's ``metadata``: strict JSON, a JSON object, bounded in size and nesting.

It is stored with the job and returned in every listing of it, so it is bounded like the
dump: at most ``DUMPLING_MAX_METADATA_BYTES`` as stored (compact UTF-8 JSON), at most
``MAX_METADATA_DEPTH`` levels of nesting (a client's JSON parser may stop far sooner than
ours), and strict JSON (no ``NaN`` or ``Infinity``, which strict parsers refuse).
"""

from __future__ import annotations

import json
from typing import Any

from .problems import Problem

MAX_METADATA_DEPTH = 16
# JSON escapes can make a text up to six times its UTF-8 size ("\u0628" for "ب")
JSON_OVERHEAD = 6


def loads_strict(raw: str | bytes, what: str) -> Any:
    """JSON as RFC 8259 has it: NaN and Infinity refused; nesting too deep for the parser is a 400."""
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:
        raise Problem(400, f"{what} is nested too deeply", "Bad Request") from None
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, f"{what} is not valid JSON (NaN and Infinity are not JSON)", "Bad Request") from None


def from_form_field(raw: str | None, max_bytes: int) -> dict:
    """The multipart ``metadata`` field: a JSON object as text."""
    if not raw:
        return {}
    if len(raw) > max_bytes * JSON_OVERHEAD:
        raise _too_large(max_bytes)
    return checked(loads_strict(raw, "the 'metadata' field"), max_bytes)


def checked(value: Any, max_bytes: int) -> dict:
    """``value`` if it is a JSON object within the bounds, else a 4xx problem."""
    if not isinstance(value, dict):
        raise Problem(400, '"metadata" must be a JSON object', "Bad Request")
    if _depth(value) > MAX_METADATA_DEPTH:
        raise Problem(400, f'"metadata" is nested more than {MAX_METADATA_DEPTH} levels deep', "Bad Request")
    try:
        stored = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:                   # "\ud800": a lone surrogate is no text
        raise Problem(400, '"metadata" holds a lone surrogate (\\ud800-\\udfff); it is not valid Unicode',
                      "Bad Request") from None
    if len(stored) > max_bytes:
        raise _too_large(max_bytes)
    return value


def _depth(value: Any) -> int:
    """Levels of objects and arrays, counted without recursion (no stack to overflow)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_METADATA_DEPTH:
                break
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _too_large(max_bytes: int) -> Problem:
    return Problem(413, f'"metadata" is over the {max_bytes}-byte limit (DUMPLING_MAX_METADATA_BYTES)',
                   "Content Too Large")
