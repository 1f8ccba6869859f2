"""Writing to a hash only while it exists. A plain HSET (or HSETNX) on a job deleted or
expired meanwhile would bring its hash back, without an expiry and without its other
fields: a late failure, a webhook attempt or an end announced after a DELETE must write
nothing. One script checks and writes, so nothing comes between the two."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import redis

# KEYS: the hash. ARGV: 'once' and one field/value pair (HSETNX), or 'set' and field/value
# pairs (HSET). 0 if the hash does not exist; else 1, or for 'once' HSETNX's own answer
# (0 if the field was already set).
_WRITE_IF_EXISTS = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == 'once' then return redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3]) end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
return 1
"""

Client = redis.Redis | redis.client.Pipeline


def set_if_exists(client: Client, key: str, mapping: Mapping[str, Any]) -> Any:
    """HSET ``mapping`` on the hash ``key`` if it exists: 1 if written, 0 if the hash is gone
    (in a pipeline, the answer comes with ``execute``)."""
    args = [part for pair in mapping.items() for part in pair]
    return client.eval(_WRITE_IF_EXISTS, 1, key, "set", *args)


def set_once_if_exists(client: Client, key: str, field: str, value: Any = "1") -> Any:
    """HSETNX ``field`` on the hash ``key`` if it exists: 1 for the first caller only, 0 if the
    field was set already or the hash is gone."""
    return client.eval(_WRITE_IF_EXISTS, 1, key, "once", field, value)
