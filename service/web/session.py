"""Who is using the web page, and that its form posts come from the page itself.

A browser cannot send the API's ``Authorization: Bearer`` header, so with API keys on the
page asks for the key once and keeps it in a cookie: HttpOnly (no script reads it) and
SameSite=Strict (no other site's page makes the browser send it). The tenant is the same
as the API's for that key, so a person sees exactly the jobs their key sees.

Form posts are also checked against cross-site request forgery by their ``Origin`` (or,
where a browser leaves it out, ``Referer``): it must be this app's own host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Response, g, request

from ..auth import matching_tenant

KEY_COOKIE = "dumpling_key"
KEY_COOKIE_MAX_AGE = 30 * 24 * 3600      # a month; the key itself may be revoked any time


def identify(keys: tuple[str, ...]) -> bool:
    """Set the request's tenant from the key cookie; False if keys are on and it is missing or wrong."""
    if not keys:
        return True
    presented = request.cookies.get(KEY_COOKIE, "")
    tenant = matching_tenant(presented, keys) if presented else None
    if tenant is None:
        return False
    g.tenant = tenant
    return True


def keep_key(response: Response, key: str) -> None:
    response.set_cookie(KEY_COOKIE, key.strip(), max_age=KEY_COOKIE_MAX_AGE, httponly=True,
                        samesite="Strict", secure=request.is_secure, path="/")


def forget_key(response: Response) -> None:
    response.delete_cookie(KEY_COOKIE, httponly=True, samesite="Strict", secure=request.is_secure, path="/")


def is_same_origin() -> bool:
    """Whether this POST came from a page of this app. Only the host is compared: behind a
    TLS-terminating proxy the browser's scheme and the app's differ."""
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return False
    return urlsplit(source).netloc.lower() == request.host.lower()
