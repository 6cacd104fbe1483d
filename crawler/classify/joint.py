"""Is this a joint targeted area inspection (JTAI), whether or not it is called one?

Reporters rarely write "JTAI". They write "a joint inspection by Ofsted, the CQC,
HMICFRS and HMI Probation" of "the multi-agency response to ..." or of the area's
"safeguarding partners". Two signatures are enough: the inspection is called joint
or multi-agency, or one sentence lists three of a JTAI's four inspectorates (Ofsted, the
CQC, the police and probation inspectorates). Either needs Ofsted, a police or probation
inspectorate and children somewhere in the article; the police inspectorate alone (an
HMICFRS inspection of a force), a sentence naming Ofsted beside it ("follows an Ofsted
inspection last year"), or a national review drawing on several areas is not one.
"""

from __future__ import annotations

import re

from crawler.classify.cues import Signals
from crawler.classify.text import Article

JOINT_WORDS = re.compile(
    r"joint (?:targeted )?(?:area )?inspection\b|jointly inspect|multi-agency inspection\b|"
    r"joint (?:inspection )?(?:letter|findings)|inspected jointly"
)
# The four inspectorates of a JTAI, as reporters name them; three in one sentence are a list.
_INSPECTORATES = (
    re.compile(r"\bofsted\b"),
    re.compile(r"\bcqc\b|care quality commission"),
    re.compile(r"\bhmic|constabulary|police inspectorate|inspectorates? (?:for|of) policing"),
    re.compile(r"probation"),
)
# ("... a joint report drawing on inspections in six areas": a national review; "works
# alongside Ofsted ... on joint inspections": what an inspectorate does in general)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_NOT_ONE = re.compile(
    r"\b(?:areas|nationally|national|across england|thematic|joint inspections|single-agency)\b"
)


def joint_inspection(article: Article, signals: Signals) -> bool:
    """A JTAI: named, or described by its inspectorates and the word "joint"/"multi-agency"
    (read once per article: relevance and the inspection type both ask)."""
    if "joint" not in article.memo:
        article.memo["joint"] = _reads_joint(article, signals)
    return bool(article.memo["joint"])


def _reads_joint(article: Article, signals: Signals) -> bool:
    if signals.has("jtai"):
        return True
    if not (
        signals.has("joint_agencies")
        and signals.has("ofsted")
        and (signals.has("childrens_services") or "children" in article.lower)
    ):
        return False
    if "joint" in article.lower or "multi-agency" in article.lower:
        for match in JOINT_WORDS.finditer(article.lower):
            if not _recalled(article, article.sentence_at(match.start()).text):
                return True
    # "Ofsted, the CQC, HMICFRS and HMI Probation looked at ...": the inspectorates listed.
    for index in dict.fromkeys(signals.sentences("joint_agencies")):
        if not signals.in_sentence("ofsted", index):
            continue
        lower = article.sentences[index].text.lower()
        named = sum(1 for pattern in _INSPECTORATES if pattern.search(lower))
        if named >= 3 and not _NOT_ONE.search(lower):
            return True
    return False


def _recalled(article: Article, sentence: str) -> bool:
    """A joint inspection dated years before the story ("and a joint inspection ... in 2023"
    in a 2025 report on the police): context, not the news. (A letter published in January
    about an inspection in November is news.)"""
    years = [int(y) for y in _YEAR.findall(sentence)]
    event = article.event_year
    return bool(years) and event is not None and all(y < event - 1 for y in years)
