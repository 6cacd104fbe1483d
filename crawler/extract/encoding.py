"""Bytes of an HTML page to text, the way a browser in England would decode them.

The order is the web's: a byte-order mark, then the HTTP header's charset, then the
page's own <meta charset> or http-equiv; ISO-8859-1 is read as windows-1252 (so byte
0x92 is a curly apostrophe, not a control character). A page that declares nothing is
UTF-8 if it decodes as UTF-8, else windows-1252: statistical guessers take a short
English page full of pound signs for Central European (cp1250) and turn £ into Ł.
"""

from __future__ import annotations

from w3lib.encoding import html_to_unicode

FALLBACK = "cp1252"


def _utf8_or_western(body: bytes) -> str:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return FALLBACK
    return "utf-8"


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """The page as text; undecodable bytes become U+FFFD rather than an error."""
    _, text = html_to_unicode(
        content_type, body, default_encoding="utf-8", auto_detect_fun=_utf8_or_western
    )
    return text
