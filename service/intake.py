"""Reading a submitted dump from a request: plain text, a file upload, or JSON; gzip allowed.

A body is taken whole or not at all: one that ends before its Content-Length (a client
that went away), gzip data that is truncated, followed by anything but gzip members (a
body of several members is decoded whole, as gzip does) or not gzip at all is a 400,
never a job. Nothing is read far past the limit, an upload's file part included.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from flask import Request

from workers.config import Settings
from workers.pipeline import DecodeError, to_utf8_counted

from . import metadata as metadata_
from .metadata import JSON_OVERHEAD
from .problems import Problem

READ_CHUNK = 1024 * 1024
# what a multipart upload may add around its file and metadata (boundaries, part headers)
MULTIPART_ENVELOPE = 64 * 1024


@dataclass
class Submission:
    dump: bytes                     # UTF-8
    metadata: dict = field(default_factory=dict)
    source: dict = field(default_factory=dict)
    invalid_bytes: int = 0          # invalid UTF-8 bytes replaced by U+FFFD at decoding
    callback_url: str | None = None           # a JSON or multipart field (``callbacks.py`` checks it)


def read_submission(request: Request, settings: Settings) -> Submission:
    mimetype = request.mimetype
    if mimetype in ("text/plain", "application/octet-stream"):
        data = _body(request, settings.max_dump_bytes)
        return _decoded(data, request.mimetype_params.get("charset"), {}, {"content_type": mimetype})
    if mimetype == "multipart/form-data":
        return _from_upload(request, settings)
    if mimetype == "application/json":
        return _from_json(request, settings)
    raise Problem(415, f"send the dump as text/plain, multipart/form-data (field 'file') or "
                       f"application/json, not {mimetype or 'no Content-Type'}", "Unsupported Media Type")


def _body(request: Request, max_bytes: int, limit: int | None = None) -> bytes:
    """The request body, gunzipped if needed, refused past the limit or when incomplete."""
    limit = limit or max_bytes
    encoding = (request.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        raise Problem(415, f"Content-Encoding {encoding!r} is not supported; use gzip or none",
                      "Unsupported Media Type")
    if request.content_length is not None and request.content_length > limit and encoding == "identity":
        raise _too_large(max_bytes)
    raw = _read_limited(request.stream, limit)
    if request.content_length is not None and len(raw) < request.content_length:
        # the server hands over what arrived before the client went away: not the dump
        raise Problem(400, f"the body ended after {len(raw)} of its {request.content_length} bytes "
                           "(Content-Length); send it whole", "Bad Request")
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
    """Every gzip member, in order (as `gzip -d` does); trailing NUL padding is allowed,
    trailing anything else is not."""
    members, size, rest = [], 0, raw
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(rest, limit - size + 1)
        except zlib.error:
            what = "the body is not valid gzip data" if not members else "the gzip data is followed by non-gzip bytes"
            raise Problem(400, what, "Bad Request") from None
        size += len(data)
        if size > limit or inflater.unconsumed_tail:
            raise _too_large(max_bytes)
        if not inflater.eof:
            raise Problem(400, "the gzip data is truncated", "Bad Request")
        members.append(data)
        rest = inflater.unused_data
        if not rest.strip(b"\0"):
            return b"".join(members)


def _from_upload(request: Request, settings: Settings) -> Submission:
    # Bound the whole multipart body before the form parser reads it: past this, Werkzeug
    # answers 413 and stops reading, instead of spooling a huge file part to disk first.
    request.max_content_length = (settings.max_dump_bytes + settings.max_metadata_bytes * JSON_OVERHEAD
                                  + MULTIPART_ENVELOPE)
    request.max_form_memory_size = settings.max_metadata_bytes * JSON_OVERHEAD + MULTIPART_ENVELOPE
    upload = request.files.get("file")
    if upload is None:
        raise Problem(400, "a multipart upload needs the dump in a field named 'file' "
                           "(and the whole body: a truncated upload has none)", "Bad Request")
    data = _read_limited(upload.stream, settings.max_dump_bytes)
    metadata = metadata_.from_form_field(request.form.get("metadata"), settings.max_metadata_bytes)
    submission = _decoded(data, upload.mimetype_params.get("charset"), metadata,
                          {"content_type": "multipart/form-data", "filename": upload.filename or None})
    submission.callback_url = request.form.get("callback_url") or None
    return submission


def _from_json(request: Request, settings: Settings) -> Submission:
    max_bytes = settings.max_dump_bytes
    raw = _body(request, max_bytes,
                limit=(max_bytes + settings.max_metadata_bytes) * JSON_OVERHEAD + 4096)
    payload = metadata_.loads_strict(raw, "the body")
    if not isinstance(payload, dict) or not isinstance(payload.get("text"), str):
        raise Problem(400, 'send {"text": "<the dump>", "metadata": {...}}; "text" must be a string',
                      "Bad Request")
    metadata = metadata_.checked(payload.get("metadata", {}), settings.max_metadata_bytes)
    callback_url = payload.get("callback_url")
    if callback_url is not None and not isinstance(callback_url, str):
        raise Problem(400, '"callback_url" must be a string (a URL)', "Bad Request")
    text = payload["text"]
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise _too_large(max_bytes)
    return Submission(text.encode("utf-8", "replace"), metadata, {"content_type": "application/json"},
                      callback_url=callback_url or None)


def _decoded(data: bytes, charset: str | None, metadata: dict, source: dict) -> Submission:
    """The dump as UTF-8 bytes: the declared charset if it fits, else detected (UTF-8 with a
    few stray bytes is UTF-8, the stray bytes replaced and counted)."""
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return Submission(data.decode(charset).encode("utf-8", "surrogatepass"), metadata, source)
        except (LookupError, UnicodeDecodeError):
            pass                                  # a wrong label: fall back to detection
    try:
        dump, invalid = to_utf8_counted(data)
    except DecodeError as exc:
        raise Problem(422, f"the dump cannot be read as text: {exc}", "Unprocessable Content") from None
    return Submission(dump, metadata, source, invalid)


def _too_large(max_bytes: int) -> Problem:
    return Problem(413, f"the dump is over the {max_bytes}-byte limit (DUMPLING_MAX_DUMP_BYTES); "
                        "split it into smaller dumps", "Content Too Large")
