"""Links found in listings (feeds, sitemaps), made fit to request or refused with a reason."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import safe_url_string

# Campaign tags that feeds add to every link (the BBC's ?at_medium=RSS&at_campaign=rss):
# they say where the click came from, not what the page is, and would otherwise follow
# the address into the database and every email.
_TRACKING = re.compile(r"^(?:utm_|at_)\w+$|^(?:fbclid|gclid|ocid|cmpid|ito)$", re.IGNORECASE)


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
            return without_tracking(safe_url_string(link))  # checks the port, encodes spaces
    except ValueError as exc:  # an unclosed IPv6 bracket, a port out of range ...
        raise ValueError(f"bad address {text!r}: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"not a web address: {text!r}")
    raise ValueError(f"no host in {text!r}")


def without_tracking(link: str) -> str:
    """The address without campaign tags; everything else in the query is kept in order."""
    parts = urlsplit(link)
    if not parts.query:
        return link
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _TRACKING.match(k)]
    if len(kept) == len(pairs):
        return link
    return urlunsplit(parts._replace(query=urlencode(kept, quote_via=quote)))
