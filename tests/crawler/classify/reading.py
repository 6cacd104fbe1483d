"""One way for the classifier tests to read an article: as the §4 JSON a user sees."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from crawler.classify import Document, classify


def read(
    text: str,
    title: str | None = None,
    url: str | None = None,
    region: str | None = None,
    published: str | None = None,
) -> dict[str, Any]:
    """Classify and round-trip through JSON, exactly as `classify --jsonl` prints it."""
    doc = Document(
        text=text,
        title=title,
        url=url,
        source_region=region,
        published=date.fromisoformat(published) if published else None,
    )
    result: dict[str, Any] = json.loads(json.dumps(classify(doc).to_dict(id="t")))
    return result


def council_names(result: dict[str, Any]) -> list[str]:
    return [la["name"] for la in result["local_authorities"]]
