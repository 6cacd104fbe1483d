"""Links found in listings (feeds, sitemaps), made fit to request or refused with a reason."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from w3lib.url import safe_url_string


def usable_link(raw: object, base: str) -> str:
    """The entry's link as an absolute http(s) address; ValueError says why there is none.

    Relative links are resolved against the listing's address and surrounding whitespace
    is dropped (both common in hand-made feeds); spaces inside are percent-encoded as a
    browser would. Other schemes (javascript:, mailto:, ftp:) and addresses that cannot
    be requested at all (no host, a port out of range) are refused.
    """
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        raise ValueError("no link")
    try:
        link = urljoin(base, text)
        parts = urlsplit(link)
        if parts.scheme.lower() in ("http", "https") and parts.hostname:
            return safe_url_string(link)  # checks the port, encodes spaces
    except ValueError as exc:  # an unclosed IPv6 bracket, a port out of range ...
        raise ValueError(f"bad address {text!r}: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"not a web address: {text!r}")
    raise ValueError(f"no host in {text!r}")
