"""Decide what a news article is about: relevance, council, inspection, judgement (§4)."""

from crawler.classify.classifier import classify
from crawler.classify.result import Classification, Document

__all__ = ["Classification", "Document", "classify"]
