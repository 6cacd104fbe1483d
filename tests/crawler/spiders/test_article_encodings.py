"""Article pages in the encodings old news sites still use, crawled on the real engine.

A page in windows-1252 or ISO-8859-1 may say so in the HTTP header, in a <meta> tag, or
nowhere; curly quotes, pound signs and accents must reach the stored title and text intact.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from service.app import App
from service.crawl import crawl
from service.sample_site.server import LoopbackSite
from storage.models import ArticleRow

TITLE = "Children’s services in Stockport rated “good” by Ofsted"
PARAGRAPHS = (
    "Ofsted inspectors said Stockport Council’s children’s services were good in a report "
    "published on Tuesday, after a three-week inspection in October.",
    "The council will spend £2.5m more on its social work academy, and the café at the "
    "family hub in Edgeley stays open, the director of children’s services said.",
)


def page(meta: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{TITLE}</title></head>"
        f"<body><article><h1>{TITLE}</h1>{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("content_type", "meta", "encoding"),
    [
        ("text/html; charset=windows-1252", "", "cp1252"),
        ("text/html; charset=ISO-8859-1", "", "cp1252"),  # as browsers read it: 0x92 is ’
        ("text/html", '<meta charset="windows-1252">', "cp1252"),
        (
            "text/html",
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "cp1252",
        ),
        ("text/html", "", "cp1252"),  # declared nowhere
        ("text/html", "", "utf-8"),  # declared nowhere, the modern way
    ],
    ids=["header-1252", "header-latin1", "meta-charset", "meta-http-equiv", "none", "none-utf8"],
)
def test_article_text_is_decoded_whatever_declares_its_encoding(
    make_app: Callable[..., App],
    site: LoopbackSite,
    now: datetime,
    content_type: str,
    meta: str,
    encoding: str,
) -> None:
    data = page(meta).encode(encoding)
    assert encoding == "utf-8" or b"\x92" in data  # the curly apostrophe's cp1252 byte
    site.add("/news/stockport", data, content_type=content_type)
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>'
        f"<item><title>Stockport</title><link>{site.url('/news/stockport')}</link>"
        f"<pubDate>{format_datetime(now)}</pubDate></item></channel></rss>"
    )
    site.add("/feed.xml", feed, content_type="application/rss+xml")
    app = make_app(sources=[{"id": "paper", "kind": "feed", "url": site.url("/feed.xml")}])

    assert crawl(app, ["paper"], now=now).sources[0]["status"] == "ok"

    with app.database.sessions() as session:
        row = session.scalars(select(ArticleRow)).one()
        assert row.title == TITLE
        assert "Council’s children’s services" in row.text
        assert "£2.5m" in row.text and "café" in row.text
        assert "\ufffd" not in row.text + row.title
