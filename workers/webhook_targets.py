"""Where a completion webhook may be sent: an http(s) URL whose host resolves only to public
addresses, unless ``DUMPLING_WEBHOOK_ALLOW_PRIVATE`` says otherwise. Checked at submission
(a 422) and again at each delivery, and the delivery connects to an address checked here,
so a name that later resolves to an inside address (DNS rebinding) reaches nothing inside."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

MAX_URL_LENGTH = 2048


class RefusedTarget(ValueError):
    """The URL may not receive webhooks; the message says why."""


class UnresolvedTarget(RefusedTarget):
    """The host has no address now (perhaps only for now: a delivery retries)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str                       # as written (the Host header, TLS server name)
    port: int
    path: str                       # path and query
    addresses: tuple[str, ...]      # the checked addresses of the host


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    # is_global is False for private, loopback, link-local, shared (100.64/10), reserved,
    # documentation and unspecified ranges; multicast is never a webhook receiver either
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnresolvedTarget(f"host {host!r} does not resolve ({exc})") from None
    return tuple(dict.fromkeys(info[4][0] for info in infos))


def check_target(url: str, allow_private: bool) -> Target:
    """The URL's parts and addresses, or ``RefusedTarget`` saying what is wrong with it."""
    if len(url) > MAX_URL_LENGTH:
        raise RefusedTarget(f"is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedTarget(f"is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedTarget("must be an absolute http:// or https:// URL")
    if parts.username or parts.password:
        raise RefusedTarget("must not carry credentials")
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(parts.hostname, port)
    if not allow_private:
        inside = [a for a in addresses if not is_public(a)]
        if inside:
            raise RefusedTarget(f"resolves to a private, loopback or link-local address ({inside[0]}); "
                                "the server allows those only with DUMPLING_WEBHOOK_ALLOW_PRIVATE=1")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, parts.hostname, port, path, addresses)
