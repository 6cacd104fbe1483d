"""Links from feeds and sitemaps: what is followed, and why the rest is refused."""

from __future__ import annotations

import pytest

from crawler.extract.links import usable_link
from crawler.extract.sitemap import parse_sitemap

FEED = "https://news.example.org/feeds/rss.xml"


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("https://news.example.org/a", "https://news.example.org/a"),
        ("  https://news.example.org/a \n", "https://news.example.org/a"),
        ("/news/b", "https://news.example.org/news/b"),
        ("c", "https://news.example.org/feeds/c"),
        ("//other.example.org/d", "https://other.example.org/d"),
        ("https://news.example.org/my story", "https://news.example.org/my%20story"),
        ("https://news.example.org/100%zz", "https://news.example.org/100%zz"),
    ],
)
def test_links_worth_following_come_out_absolute(raw: str, url: str) -> None:
    assert usable_link(raw, FEED) == url


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (None, "no link"),
        ("   ", "no link"),
        ("javascript:void(0)", "not a web address"),
        ("mailto:desk@example.org", "not a web address"),
        ("ftp://example.org/a.txt", "not a web address"),
        ("http://example.org:99999/a", "bad address"),
        ("http://[::1/a", "bad address"),
        ("http:///nohost", "no host"),
    ],
)
def test_unusable_links_are_refused_with_the_reason(raw: str | None, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        usable_link(raw, FEED)


def test_a_sitemap_keeps_its_good_entries_around_bad_ones() -> None:
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>https://news.example.org/a</loc></url>
    <url><loc>javascript:alert(1)</loc></url>
    <url><loc>http://news.example.org:99999/b</loc></url>
    <url><loc> https://news.example.org/c </loc></url>
    </urlset>"""
    entries = parse_sitemap(body, "https://news.example.org/sitemap.xml")
    assert [e.loc for e in entries] == ["https://news.example.org/a", "https://news.example.org/c"]


@pytest.mark.parametrize(
    ("listed", "requested"),
    [
        (
            "https://www.bbc.co.uk/news/articles/c0x1?at_medium=RSS&at_campaign=rss",
            "https://www.bbc.co.uk/news/articles/c0x1",
        ),
        ("https://paper.example/story?id=5&utm_source=feed", "https://paper.example/story?id=5"),
        ("https://paper.example/find?q=a%20b&at_medium=RSS", "https://paper.example/find?q=a%20b"),
        ("https://paper.example/story?id=5", "https://paper.example/story?id=5"),
    ],
)
def test_campaign_tags_are_dropped_and_the_rest_of_the_address_kept(
    listed: str, requested: str
) -> None:
    """Stored once under its own address, and emailed without "?at_medium=RSS"."""
    assert usable_link(listed, "https://feeds.example/rss.xml") == requested
