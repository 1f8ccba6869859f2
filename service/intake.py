"""Reading a submitted dump from a request: plain text, a file upload, or JSON; gzip allowed."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field

from flask import Request

from workers.pipeline import DecodeError, to_utf8

from .problems import Problem

READ_CHUNK = 1024 * 1024
# JSON escapes can make a dump's JSON up to six times its UTF-8 size ("\u0628" for "ب").
JSON_OVERHEAD = 6


@dataclass
class Submission:
    dump: bytes                     # UTF-8
    metadata: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    callback_url: str | None = None           # a JSON or multipart field (``callbacks.py`` checks it)


def read_submission(request: Request, max_bytes: int) -> Submission:
    mimetype = request.mimetype
    if mimetype in ("text/plain", "application/octet-stream"):
        data = _body(request, max_bytes)
        return Submission(_decode(data, request.mimetype_params.get("charset")),
                          source={"content_type": mimetype})
    if mimetype == "multipart/form-data":
        return _from_upload(request, max_bytes)
    if mimetype == "application/json":
        return _from_json(request, max_bytes)
    raise Problem(415, f"send the dump as text/plain, multipart/form-data (field 'file') or "
                       f"application/json, not {mimetype or 'no Content-Type'}", "Unsupported Media Type")


def _body(request: Request, max_bytes: int, limit: int | None = None) -> bytes:
    """The request body, gunzipped if needed, refused past the limit."""
    limit = limit or max_bytes
    encoding = (request.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise Problem(415, f"Content-Encoding {encoding!r} is not supported; use gzip or none",
                      "Unsupported Media Type")
    if request.content_length is not None and request.content_length > limit and encoding == "identity":
        raise _too_large(max_bytes)
    raw = _read_limited(request.stream, limit)
    return _gunzip(raw, limit, max_bytes) if encoding != "identity" else raw


def _read_limited(stream, limit: int) -> bytes:
    chunks, size = [], 0
    while True:
        chunk = stream.read(READ_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"the request body is over the {limit}-byte limit", "Content Too Large")
        chunks.append(chunk)


def _gunzip(raw: bytes, limit: int, max_bytes: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, limit + 1)
    except zlib.error:
        raise Problem(400, "the body is not valid gzip data", "Bad Request") from None
    if len(data) > limit or inflater.unconsumed_tail:
        raise _too_large(max_bytes)
    if not inflater.eof:
        raise Problem(400, "the gzip data is truncated", "Bad Request")
    return data


def _from_upload(request: Request, max_bytes: int) -> Submission:
    upload = request.files.get("file")
    if upload is None:
        raise Problem(400, "a multipart upload needs the dump in a field named 'file'", "Bad Request")
    data = _read_limited(upload.stream, max_bytes)
    metadata = _metadata(request.form.get("metadata"))
    return Submission(_decode(data, upload.mimetype_params.get("charset")), metadata,
                      {"content_type": "multipart/form-data", "filename": upload.filename or None},
                      request.form.get("callback_url") or None)


def _from_json(request: Request, max_bytes: int) -> Submission:
    raw = _body(request, max_bytes, limit=max_bytes * JSON_OVERHEAD + 4096)
    try:
        payload = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, "the body is not valid JSON", "Bad Request") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        raise Problem(400, 'send {"text": "<the dump>", "metadata": {...}}; "text" must be a string',
                      "Bad Request")
    metadata = payload.get("metadata", {})
    if not isinstance(metadata, dict):
        raise Problem(400, '"metadata" must be a JSON object', "Bad Request")
    callback_url = payload.get("callback_url")
    if callback_url is not None and not isinstance(callback_url, str):
        raise Problem(400, '"callback_url" must be a string (a URL)', "Bad Request")
    text = payload["text"]
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise _too_large(max_bytes)
    return Submission(text.encode("utf-8", "replace"), metadata, {"content_type": "application/json"},
                      callback_url or None)


def _metadata(raw: str | None) -> dict:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        raise Problem(400, "the 'metadata' field must be a JSON object", "Bad Request") from None
    if not isinstance(value, dict):
        raise Problem(400, "the 'metadata' field must be a JSON object", "Bad Request")
    return value


def _decode(data: bytes, charset: str | None) -> bytes:
    """The dump as UTF-8 bytes: the declared charset if it fits, else detected."""
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(charset).encode("utf-8", "surrogatepass")
        except (LookupError, UnicodeDecodeError):
            pass                                  # a wrong label: fall back to detection
    try:
        return to_utf8(data)
    except DecodeError as exc:
        raise Problem(422, f"the dump cannot be read as text: {exc}", "Unprocessable Content") from None


def _too_large(max_bytes: int) -> Problem:
    return Problem(413, f"the dump is over the {max_bytes}-byte limit (DUMPLING_MAX_DUMP_BYTES); "
                        "split it into smaller dumps", "Content Too Large")
