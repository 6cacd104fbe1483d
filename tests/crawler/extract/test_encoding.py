"""Decoding page bytes: the declaration that counts, and the fallback when there is none."""

from __future__ import annotations

import pytest

from crawler.extract.encoding import decode_html

TEXT = "Children’s services: £2m, café"


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (f"<p>{TEXT}</p>".encode("cp1252"), "text/html; charset=windows-1252"),
        (f"<p>{TEXT}</p>".encode("cp1252"), "text/html; charset=iso-8859-1"),
        (f'<meta charset="windows-1252"><p>{TEXT}</p>'.encode("cp1252"), "text/html"),
        (f"<p>{TEXT}</p>".encode("cp1252"), None),
        (f"<p>{TEXT}</p>".encode(), None),
        (b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode(), "text/html; charset=windows-1252"),
        (f"<p>{TEXT}</p>".encode("utf-16"), None),
    ],
    ids=["header", "header-latin1", "meta", "undeclared-1252", "undeclared-utf8", "bom", "utf16"],
)
def test_text_survives_whichever_way_the_encoding_is_given(
    data: bytes, content_type: str | None
) -> None:
    text = decode_html(data, content_type)
    assert text.endswith(f"<p>{TEXT}</p>") and not text.startswith("\ufeff")


def test_undecodable_bytes_do_not_raise() -> None:
    text = decode_html(b"<p>caf\xe9 \xff\xfe</p>", "text/html; charset=utf-8")
    assert text.startswith("<p>caf") and "\ufffd" in text
