"""Is this a joint targeted area inspection (JTAI), whether or not it is called one?

Reporters rarely write "JTAI". They write "a joint inspection by Ofsted, the CQC,
HMICFRS and HMI Probation" of "the multi-agency response to ..." or of the area's
"safeguarding partners". Two signatures are enough: the inspection is called joint
or multi-agency, or one sentence lists Ofsted beside the police or probation
inspectorate (the four inspectorates of a JTAI). Either needs Ofsted, a police or
probation inspectorate and children somewhere in the article; the police
inspectorate alone (an HMICFRS inspection of a force) is not one.
"""

from __future__ import annotations

import re

from crawler.classify.cues import Signals
from crawler.classify.text import Article

JOINT_WORDS = re.compile(
    r"joint (?:targeted )?(?:area )?inspection\b|jointly inspect|multi-agency inspection\b|"
    r"joint (?:inspection )?(?:letter|findings|report)|inspected jointly"
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
    if ("joint" in article.lower or "multi-agency" in article.lower) and JOINT_WORDS.search(
        article.lower
    ):
        return True
    # "Ofsted, the CQC, HMICFRS and HMI Probation looked at ...": the inspectorates listed.
    return any(
        signals.in_sentence("ofsted", index) for index in signals.sentences("joint_agencies")
    )
