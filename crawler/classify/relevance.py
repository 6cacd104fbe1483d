"""Is this article a report of an Ofsted inspection of a council's children's services?

The decision adds up what a reporter would notice, each clue with a weight:
Ofsted (or Ofsted with the CQC for SEND) is named; the subject is a council's
children's services or an area's SEND arrangements; an inspection or visit is
reported as news (findings, a report, a letter, a grade) rather than recalled
("was rated inadequate in 2015") or awaited; an English council is identified.
Against it: the thing inspected is a school, nursery, children's home, fostering
or adoption agency, college, hospital, adult social care, police force or youth
offending team; the inspector is Welsh or Scottish; the story is national
figures or policy. The sum goes through a logistic curve, so the score reads as
a confidence and 0.5 is the line between relevant and not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from crawler.classify.councils import CouncilReading
from crawler.classify.cues import Signals
from crawler.classify.grades import GradeMention
from crawler.classify.text import Article

_NEGATIVE_FAMILIES = {
    "neg_school": 1.0,
    "neg_nursery": 1.2,
    "neg_home": 1.3,
    "neg_agency": 1.0,
    "neg_adult_learning": 1.2,
    "neg_health": 1.0,
    "neg_adult_care": 1.3,
    "neg_police": 0.8,
    "neg_youth_justice": 1.3,
}
_TYPE_FAMILIES = ("focused_visit", "monitoring_visit", "monitoring_inspection", "jtai", "wsoa",
                  "ilacs", "sif", "significant_weakness", "send2023")


@dataclass(slots=True)
class RelevanceReading:
    relevant: bool
    score: float
    evidence: str
    features: dict[str, float] = field(default_factory=dict)


def read_relevance(
    article: Article,
    signals: Signals,
    councils: CouncilReading,
    mentions: list[GradeMention],
) -> RelevanceReading:
    features = _features(article, signals, councils, mentions)
    z = sum(features.values())
    score = 1.0 / (1.0 + math.exp(-z))
    return RelevanceReading(score >= 0.5, score, _evidence(article, signals), features)


def _weighted(signals: Signals, family: str, lead: int = 4) -> float:
    """Headline 3, opening sentences 1, the rest 0.3 (capped): where a topic sits matters."""
    total = 3.0 * (family in signals.title) + 1.5 * (family in signals.url)
    for index in dict.fromkeys(signals.sentences(family)):
        total += 1.0 if index < lead else 0.3
    return min(total, 6.0)


def _features(
    article: Article,
    signals: Signals,
    councils: CouncilReading,
    mentions: list[GradeMention],
) -> dict[str, float]:
    f: dict[str, float] = {"bias": -2.5}
    inspector = signals.has("ofsted") or "ofsted" in signals.url
    send_pair = signals.has("cqc") and (signals.has("send") or "send" in signals.url)
    f["inspector"] = 1.5 if inspector else 1.0 if send_pair else -2.5
    topic = _weighted(signals, "childrens_services") + _weighted(signals, "send")
    f["topic"] = min(topic, 6.0) * 0.45
    f["event"] = min(_weighted(signals, "event"), 5.0) * 0.4
    f["named_type"] = 1.2 if any(signals.has(t) or t in signals.url for t in _TYPE_FAMILIES) else 0.0
    f["current_grade"] = 0.8 if any(
        m.rating and not m.negated and m.time != "before" for m in mentions
    ) else 0.0
    f["council"] = (1.0 if councils.top_score >= 3 else 0.4) if councils.councils else -4.0
    negative = sum(w * _weighted(signals, fam) for fam, w in _NEGATIVE_FAMILIES.items())
    positive = _weighted(signals, "childrens_services") + _weighted(signals, "send")
    f["other_subject"] = -0.45 * max(0.0, negative - 0.5 * positive)
    f["devolved"] = -1.5 * min(_weighted(signals, "neg_devolved"), 3.0)
    f["national"] = -0.25 * _weighted(signals, "neg_national")
    f["off_topic"] = -0.35 * _weighted(signals, "neg_topic")
    f["future"] = -0.3 * _weighted(signals, "future")
    return f


def _evidence(article: Article, signals: Signals) -> str:
    """The sentence that best shows what was inspected: headline first, else the first hit."""
    for family in ("childrens_services", "send", "ofsted", "event"):
        if family in signals.title:
            return article.title
    for family in ("event", "ofsted", "childrens_services", "send"):
        indices = signals.sentences(family)
        if indices:
            return article.sentences[indices[0]].text
    return article.title or (article.sentences[0].text if article.sentences else "")
