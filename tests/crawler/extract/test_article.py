"""Article extraction from real news pages (read from ../shared) and from our own samples."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta

import pytest

from crawler.extract.article import ExtractionError, extract_article
from service.sample_site.news import article_page, load_articles
from tests.conftest import shared_path


def test_real_bbc_page_uses_json_ld_headline_date_and_canonical() -> None:
    html = gzip.decompress(
        shared_path("ofsted", "news_html", "bbc_news_article_2026-04-25.html.gz").read_bytes()
    ).decode("utf-8")
    page = extract_article(html, "https://www.bbc.com/news/articles/clymn8zyrp9o")
    assert page.title == "What is Nato and which countries are in it?"
    assert page.published_at == datetime(2012, 5, 10, 14, 29, 5, tzinfo=UTC)
    assert page.canonical_url == "https://www.bbc.com/news/articles/clymn8zyrp9o"
    assert "Nato" in page.text and len(page.text) > 2000
    assert "Cookie" not in page.text[:200]


def test_a_rewritten_old_page_listed_today_is_dated_by_its_rewrite() -> None:
    """The real BBC page was first published in 2012 and rewritten in April 2026, when the
    feed listed it: filed under 2012, a fresh judgement on such a page would alert nobody."""
    html = gzip.decompress(
        shared_path("ofsted", "news_html", "bbc_news_article_2026-04-25.html.gz").read_bytes()
    ).decode("utf-8")
    page = extract_article(html, "https://www.bbc.com/news/articles/clymn8zyrp9o")
    assert page.modified_at is not None and page.modified_at.year == 2026
    listed = page.modified_at + timedelta(hours=20)
    assert page.story_date(listed) == page.modified_at
    assert page.story_date(None) == page.modified_at
    # Listed long after its last change, it is the old story it says it is.
    assert page.story_date(page.modified_at + timedelta(days=60)) == page.published_at


def test_real_reach_page_reads_article_published_time() -> None:
    html = gzip.decompress(
        shared_path("ofsted", "news_html", "reach_mirror_article_2026-01-06.html.gz").read_bytes()
    ).decode("utf-8")
    page = extract_article(html, "https://www.mirror.co.uk/news/us-news/x")
    assert page.title.startswith("Man kept six women chained")
    assert page.published_at == datetime(2026, 1, 6, 8, 39, 42, tzinfo=UTC)
    assert page.canonical_url and "mirror.co.uk" in page.canonical_url


def test_sample_page_round_trip() -> None:
    now = datetime(2026, 11, 20, tzinfo=UTC)
    sample = load_articles(now)[0]
    page = extract_article(article_page(sample, "http://127.0.0.1:1"), "http://127.0.0.1:1/x")
    assert page.title == sample.title
    assert page.published_at == sample.published
    assert sample.paragraphs[0] in page.text
    assert "Cookie settings" not in page.text


@pytest.mark.parametrize("html", ["", "   ", "<html><body><script>x()</script></body></html>"])
def test_pages_without_text_raise_a_clear_error(html: str) -> None:
    with pytest.raises(ExtractionError):
        extract_article(html, "http://127.0.0.1:1/empty")


def test_wrongly_declared_encoding_still_yields_text() -> None:
    html = (
        "<html><head><meta charset='ascii'></head><body><article><p>"
        + ("Café children’s services in Stockton were judged good by inspectors. " * 5)
        + "</p></article></body></html>"
    )
    page = extract_article(html, "http://127.0.0.1:1/enc")
    assert "children’s services" in page.text
