"""A first, rule-based classifier: keyword cues plus the gazetteer.

Deliberately simple; every field it sets carries the sentence it relied on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from config.gazetteer import Gazetteer, LocalAuthority, load_gazetteer
from config.vocabulary import Direction, InspectionType, Judgement, compare
from crawler.classify.result import Classification, Document

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_INSPECTOR = re.compile(r"\b(ofsted|inspectors?|inspection|watchdog)\b", re.I)
_CHILDRENS = re.compile(
    r"children'?s services|children'?s social care|social care services for children|"
    r"vulnerable children|special educational needs|\bSEND\b",
    re.I,
)
_NOT_COUNCIL = re.compile(
    r"\b(school|academy|nursery|children'?s home|care home|hospital|police|college|"
    r"fostering agency|youth offending)\b",
    re.I,
)
_TYPES: list[tuple[InspectionType, re.Pattern[str]]] = [
    (InspectionType.SEND_REVISIT, re.compile(r"revisit", re.I)),
    (InspectionType.SEND_MONITORING, re.compile(r"SEND.{0,40}monitoring inspection", re.I)),
    (
        InspectionType.SEND_AREA,
        re.compile(r"special educational needs|\bSEND\b|written statement of action", re.I),
    ),
    (InspectionType.JTAI, re.compile(r"joint targeted area inspection|\bJTAI\b", re.I)),
    (InspectionType.MONITORING_VISIT, re.compile(r"monitoring visit", re.I)),
    (InspectionType.FOCUSED_VISIT, re.compile(r"focused visit", re.I)),
]
_GRADES: list[tuple[Judgement, re.Pattern[str]]] = [
    (Judgement.OUTSTANDING, re.compile(r"\boutstanding\b", re.I)),
    (Judgement.REQUIRES_IMPROVEMENT, re.compile(r"requires? improvement", re.I)),
    (Judgement.INADEQUATE, re.compile(r"\binadequate\b", re.I)),
    (Judgement.GOOD, re.compile(r"\b(rated|judged|graded)\s+['\"‘“]?good\b", re.I)),
]
_SEND_OUTCOMES: list[tuple[Judgement, re.Pattern[str]]] = [
    (Judgement.SEND_SYSTEMIC_FAILINGS, re.compile(r"widespread and/or systemic failings", re.I)),
    (Judgement.SEND_INCONSISTENT, re.compile(r"inconsistent experiences and outcomes", re.I)),
    (Judgement.SEND_POSITIVE, re.compile(r"typically lead to positive experiences", re.I)),
    (Judgement.WSOA_REQUIRED, re.compile(r"written statement of action", re.I)),
    (Judgement.SUFFICIENT_PROGRESS, re.compile(r"sufficient progress", re.I)),
]
_PREVIOUS = re.compile(
    r"(?:up from|down from|previously|was rated|was judged)\s+['\"‘“]?"
    r"(outstanding|good|requires improvement|inadequate)",
    re.I,
)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _first(sentences: Iterable[str], pattern: re.Pattern[str]) -> str | None:
    return next((s for s in sentences if pattern.search(s)), None)


def _alias_patterns(gazetteer: Gazetteer) -> list[tuple[re.Pattern[str], LocalAuthority]]:
    pairs = []
    for la in gazetteer:
        for alias in sorted({la.name, la.display_name, *la.aliases}, key=len, reverse=True):
            if len(alias) < 4:
                continue
            pairs.append((re.compile(rf"\b{re.escape(alias)}\b", re.I), la))
    return pairs


def _councils(doc: Document, gazetteer: Gazetteer) -> list[LocalAuthority]:
    haystack = "\n".join(filter(None, [doc.title, doc.text]))
    found: dict[str, tuple[int, LocalAuthority]] = {}
    for pattern, la in _alias_patterns(gazetteer):
        match = pattern.search(haystack)
        if match and (la.gss_code not in found or match.start() < found[la.gss_code][0]):
            found[la.gss_code] = (match.start(), la)
    return [la for _, la in sorted(found.values(), key=lambda pair: pair[0])]


def classify(doc: Document, gazetteer: Gazetteer | None = None) -> Classification:
    gazetteer = gazetteer or load_gazetteer()
    body = "\n".join(filter(None, [doc.title, doc.text]))
    sentences = _sentences(body)
    evidence: dict[str, str] = {}

    inspector = _first(sentences, _INSPECTOR)
    childrens = _first(sentences, _CHILDRENS)
    councils = _councils(doc, gazetteer)
    relevant = bool(inspector and childrens and councils)
    if relevant and _NOT_COUNCIL.search(doc.title or ""):
        relevant = False
    if not relevant:
        return Classification(relevant=False, score=0.2 if inspector else 0.05)
    evidence["relevant"] = childrens or ""
    evidence["local_authorities"] = _first(
        sentences, re.compile(re.escape(councils[0].display_name), re.I)
    ) or (doc.title or "")

    inspection_type = InspectionType.ILACS
    for kind, pattern in _TYPES:
        sentence = _first(sentences, pattern)
        if sentence:
            inspection_type = kind
            evidence["inspection_type"] = sentence
            break

    judgement: str | None = None
    if inspection_type in (
        InspectionType.FOCUSED_VISIT,
        InspectionType.MONITORING_VISIT,
        InspectionType.JTAI,
    ):
        judgement = Judgement.NO_GRADE
    else:
        table = _SEND_OUTCOMES if inspection_type.startswith("send") else _GRADES
        for value, pattern in table:
            sentence = _first(sentences, pattern)
            if sentence:
                judgement, evidence["judgement"] = value, sentence
                break

    previous: str | None = None
    sentence = _first(sentences, _PREVIOUS)
    if sentence:
        match = _PREVIOUS.search(sentence)
        assert match is not None
        previous = match.group(1).lower().replace(" ", "_")
        evidence["previous_judgement"] = sentence
    direction = compare(judgement, previous) if previous else Direction.UNKNOWN

    return Classification(
        relevant=True,
        score=0.8,
        local_authorities=councils,
        inspection_type=inspection_type,
        judgement=judgement,
        previous_judgement=previous,
        direction=direction,
        grades={"overall_effectiveness": judgement} if judgement in _GRADE_VALUES else {},
        evidence=evidence,
    )


_GRADE_VALUES = {j.value for j, _ in _GRADES}
