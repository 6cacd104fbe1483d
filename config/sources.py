"""The built-in sources: real public feeds and Ofsted's reports site (see SOURCES.md).

A user needs no configuration file to start; a `[[sources]]` entry with the same
`id` overrides any field of one of these (e.g. `enabled = false` for a dead feed).
"""

from __future__ import annotations

BBC_FEED = "https://feeds.bbci.co.uk/news/england/{slug}/rss.xml"

# BBC England regional feed slug -> ONS region of the councils it mostly covers.
BBC_REGIONS: dict[str, str] = {
    "tees": "North East",
    "tyne_and_wear": "North East",
    "cumbria": "North West",
    "lancashire": "North West",
    "manchester": "North West",
    "merseyside": "North West",
    "leeds_and_west_yorkshire": "Yorkshire and the Humber",
    "south_yorkshire": "Yorkshire and the Humber",
    "york_and_north_yorkshire": "Yorkshire and the Humber",
    "humberside": "Yorkshire and the Humber",
    "lincolnshire": "East Midlands",
    "nottingham": "East Midlands",
    "leicester": "East Midlands",
    "derbyshire": "East Midlands",
    "northamptonshire": "East Midlands",
    "stoke_and_staffordshire": "West Midlands",
    "birmingham_and_black_country": "West Midlands",
    "coventry_and_warwickshire": "West Midlands",
    "hereford_and_worcester": "West Midlands",
    "shropshire": "West Midlands",
    "cambridgeshire": "East of England",
    "norfolk": "East of England",
    "suffolk": "East of England",
    "essex": "East of England",
    "beds_bucks_and_herts": "East of England",
    "oxford": "South East",
    "berkshire": "South East",
    "kent": "South East",
    "surrey": "South East",
    "sussex": "South East",
    "hampshire": "South East",
    "london": "London",
    "wiltshire": "South West",
    "bristol": "South West",
    "somerset": "South West",
    "gloucestershire": "South West",
    "dorset": "South West",
    "devon": "South West",
    "cornwall": "South West",
}


def _source(
    id: str, kind: str, url: str, region: str | None = None, interval: int = 30
) -> dict[str, object]:
    return {"id": id, "kind": kind, "url": url, "region": region, "interval_minutes": interval}


def builtin_sources() -> list[dict[str, object]]:
    """Plain dicts, validated by Settings like a user's own entries."""
    sources = [_source("ofsted", "ofsted", "https://reports.ofsted.gov.uk", interval=60)]
    sources += [
        _source(f"bbc-{slug.replace('_', '-')}", "feed", BBC_FEED.format(slug=slug), region)
        for slug, region in BBC_REGIONS.items()
    ]
    sources += [
        _source("bbc-england", "feed", "https://feeds.bbci.co.uk/news/england/rss.xml"),
        _source("bbc-education", "feed", "https://feeds.bbci.co.uk/news/education/rss.xml"),
        _source(
            "govuk-ofsted",
            "feed",
            "https://www.gov.uk/government/organisations/ofsted.atom",
            interval=60,
        ),
        _source(
            "govuk-ofsted-news",
            "feed",
            "https://www.gov.uk/search/news-and-communications.atom?organisations%5B%5D=ofsted",
            interval=60,
        ),
        _source(
            "ofsted-social-care-blog",
            "feed",
            "https://socialcareinspection.blog.gov.uk/feed/",
            interval=120,
        ),
        # Sector press and local papers: unverified addresses (SOURCES.md). Source
        # health reports a dead one; `enabled = false` in the config turns it off.
        _source("community-care", "feed", "https://www.communitycare.co.uk/feed/", interval=60),
        _source(
            "northern-echo",
            "feed",
            "https://www.thenorthernecho.co.uk/news/rss/",
            "North East",
            interval=60,
        ),
        _source(
            "yorkshire-post",
            "feed",
            "https://www.yorkshirepost.co.uk/rss",
            "Yorkshire and the Humber",
            interval=60,
        ),
        _source(
            "manchester-evening-news",
            "feed",
            "https://www.manchestereveningnews.co.uk/news/?service=rss",
            "North West",
            interval=60,
        ),
        _source(
            "teesside-live",
            "feed",
            "https://www.gazettelive.co.uk/news/?service=rss",
            "North East",
            interval=60,
        ),
    ]
    return sources
