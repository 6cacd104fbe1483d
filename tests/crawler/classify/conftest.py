"""How the classifier tests read an article: as the §4 JSON a user sees (fixtures)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from crawler.classify import Document, classify

Reader = Callable[..., dict[str, Any]]


def _read(
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


def _council_names(result: dict[str, Any]) -> list[str]:
    return [la["name"] for la in result["local_authorities"]]


@pytest.fixture
def read() -> Reader:
    return _read


@pytest.fixture
def council_names() -> Callable[[dict[str, Any]], list[str]]:
    return _council_names
