"""Read XML sitemaps (plain, index and Google News) into article links with dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from config.errors import OfstedWatchError
from crawler.extract.article import parse_datetime
from crawler.extract.links import usable_link


class SitemapError(OfstedWatchError):
    """The response is not a readable sitemap."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    loc: str
    title: str
    published_at: datetime | None
    is_sitemap: bool  # an entry of a sitemap index: another sitemap to read


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def parse_sitemap(body: bytes, url: str) -> list[SitemapEntry]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a readable sitemap: {url} ({exc})") from exc
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind}>): {url}")
    entries = []
    for element in root:
        fields: dict[str, str] = {}
        for child in element.iter():
            if child is not element and child.text:
                fields.setdefault(_local(child.tag), child.text.strip())
        try:
            loc = usable_link(fields.get("loc"), url)
        except ValueError:
            continue  # a sitemap is machine-made: a bad <loc> is rare and not worth a line
        when = fields.get("publication_date") or fields.get("lastmod")
        entries.append(
            SitemapEntry(
                loc=loc,
                title=fields.get("title", ""),
                published_at=parse_datetime(when),
                is_sitemap=kind == "sitemapindex",
            )
        )
    return entries
