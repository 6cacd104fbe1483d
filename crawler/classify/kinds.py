"""Which inspection an article reports: a full inspection (and under which framework),
a visit, a joint targeted inspection, or one of the area SEND inspections.

A type named in the headline or the opening lines wins; a visit mentioned in
passing ("following a monitoring visit in March") does not make a full
inspection into a visit, and a revisit that "will" happen is not the one
reported. Without a name, the shape decides: a dated letter with no grade is a
visit; a graded inspection's framework follows its date and its judgement
headings (SIF reports grade adoption; 2018 onwards is ILACS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from config.vocabulary import InspectionType

from crawler.classify.cues import FAMILIES, Signals
from crawler.classify.text import Article

_FUTURE_HEAD = re.compile(r"\b(?:will|would|due to|expected to|going to|plans? to|ahead of|"
                          r"before the|next)\b[^.]{0,60}$")
_PAST_HEAD = re.compile(r"\b(?:follows?|followed|following|after|since|previous|last|earlier|"
                        r"in (?:19|20)\d\d|and (?:a|at) |at a )\b[^.]{0,50}$")
_ADOPTION_GRADED = re.compile(r"adoption[^.]{0,80}(?:rated|graded|judged|good|outstanding|"
                              r"inadequate|requires? improvement)|(?:good|outstanding|"
                              r"inadequate|requires? improvement)[^.]{0,40}adoption")
_NEW_FRAMEWORK = re.compile(r"new (?:ofsted )?(?:inspection )?framework|\bilacs\b")
_LETTER = re.compile(r"\bletter\b|two-day|\bvisit\b|visited")
_FULL_DUE = re.compile(r"full (?:\w+ )?(?:ofsted )?inspection (?:is )?(?:due|expected)|next full "
                       r"inspection")
_JOINT = re.compile(r"joint (?:targeted )?inspection|jointly inspect|multi-agency inspection")


@dataclass(frozen=True, slots=True)
class KindReading:
    kind: str
    evidence: str
    send_topic: bool
    framework_2023: bool


def read_kind(
    article: Article, signals: Signals, has_current_grade: bool, prior_inadequate: bool
) -> KindReading:
    """The inspection type and the sentence that names or implies it."""
    send = _is_send(signals)
    year = _event_year(article)
    framework_2023 = send and _send_2023(signals, year)
    if signals.has("jtai") or _joint_agencies(article, signals):
        return _named(article, signals, InspectionType.JTAI, "jtai", "joint_agencies", send=send)
    if send:
        return _send_kind(article, signals, framework_2023)
    visit = _visit_kind(article, signals, has_current_grade)
    if visit:
        return visit
    if not has_current_grade and _unnamed_visit(article, signals):
        kind = InspectionType.MONITORING_VISIT if prior_inadequate else InspectionType.FOCUSED_VISIT
        return KindReading(kind, _first_sentence(article, _LETTER), False, False)
    return _graded_kind(article, signals, year)


def _is_send(signals: Signals) -> bool:
    send = 3 * ("send" in signals.title) + 2 * ("send" in signals.url) + signals.count("send")
    send += 2 * signals.count("wsoa")
    services = (
        3 * ("childrens_services" in signals.title)
        + 2 * ("childrens_services" in signals.url)
        + signals.count("childrens_services")
    )
    return send > services and send >= 2


def _send_2023(signals: Signals, year: int | None) -> bool:
    if signals.has("monitoring_inspection"):
        return True
    if signals.count("wsoa") + signals.count("significant_weakness") > signals.count("send2023"):
        return False
    if year is not None:
        return year >= 2023
    return signals.has("send2023")


def _send_kind(article: Article, signals: Signals, framework_2023: bool) -> KindReading:
    monitoring = _current_hits(article, signals, "monitoring_inspection") or (
        framework_2023 and _current_hits(article, signals, "monitoring_visit")
    )
    if monitoring:
        return KindReading(InspectionType.SEND_MONITORING, monitoring[0], True, True)
    revisit = [] if framework_2023 else _current_hits(article, signals, "revisit")
    if revisit:
        return KindReading(InspectionType.SEND_REVISIT, revisit[0], True, False)
    evidence = _first_family_sentence(article, signals, ("send", "wsoa"))
    return KindReading(InspectionType.SEND_AREA, evidence, True, framework_2023)


def _visit_kind(article: Article, signals: Signals, graded: bool) -> KindReading | None:
    for family, kind in (("monitoring_visit", InspectionType.MONITORING_VISIT),
                         ("focused_visit", InspectionType.FOCUSED_VISIT)):
        hits = _current_hits(article, signals, family)
        if not hits:
            continue
        prominent = family in signals.title or family in signals.url or any(
            i < 4 for i in signals.sentences(family)
        )
        if prominent or not graded:
            return KindReading(kind, hits[0], False, False)
    return None


def _unnamed_visit(article: Article, signals: Signals) -> bool:
    """A letter after a short visit, or a finding that says a full inspection is still to come."""
    letter = bool(re.search(r"\bletter\b", article.lower)) and bool(
        re.search(r"\b(?:visit|visited|inspected on|two-day|follow-up)\b", article.lower)
    )
    return letter or bool(_FULL_DUE.search(article.lower))


def _graded_kind(article: Article, signals: Signals, year: int | None) -> KindReading:
    lower = article.lower
    sif = _current_hits(article, signals, "sif") or (
        [_first_sentence(article, _ADOPTION_GRADED)] if _ADOPTION_GRADED.search(lower) else []
    )
    older = _current_hits(article, signals, "older")
    ilacs = _current_hits(article, signals, "ilacs") or (
        [_first_sentence(article, _NEW_FRAMEWORK)] if _NEW_FRAMEWORK.search(lower) else []
    )
    if ilacs and not sif:
        return KindReading(InspectionType.ILACS, ilacs[0], False, False)
    if sif and (year is None or year >= 2013):
        return KindReading(InspectionType.SIF, sif[0], False, False)
    if older or (year is not None and year <= 2012):
        evidence = older[0] if older else _first_family_sentence(article, signals, ("ofsted",))
        return KindReading(InspectionType.OLDER, evidence, False, False)
    if year is not None and 2013 <= year <= 2017:
        evidence = _first_family_sentence(article, signals, ("ofsted", "inspect"))
        return KindReading(InspectionType.SIF, evidence, False, False)
    evidence = _first_family_sentence(article, signals, ("ofsted", "inspect"))
    return KindReading(InspectionType.ILACS, evidence, False, False)


def _named(
    article: Article, signals: Signals, kind: str, *families: str, send: bool
) -> KindReading:
    return KindReading(kind, _first_family_sentence(article, signals, families), send, False)


def _joint_agencies(article: Article, signals: Signals) -> bool:
    """Ofsted with the police and probation inspectorates: a JTAI by another name."""
    if not signals.has("joint_agencies") or not signals.has("childrens_services"):
        return False
    return bool(_JOINT.search(article.lower)) and signals.has("ofsted")


def _current_hits(article: Article, signals: Signals, family: str) -> list[str]:
    """Sentences naming the family that are not about a past or a future event."""
    found: list[str] = []
    if family in signals.title:
        found.append(article.title)
    for index in dict.fromkeys(signals.sentences(family)):
        sentence = article.sentences[index]
        lower = sentence.text.lower()
        match = FAMILIES[family].search(lower)
        head = lower[: match.start()] if match else lower
        if _FUTURE_HEAD.search(head) or (family != "revisit" and _PAST_HEAD.search(head)
                                         and family not in signals.title):
            continue
        found.append(sentence.text)
    if not found and family in signals.url:
        found.append(article.title or article.url_words)
    return found


def _first_family_sentence(article: Article, signals: Signals, families: tuple[str, ...]) -> str:
    for family in families:
        if family in signals.title:
            return article.title
    indices = [i for f in families for i in signals.sentences(f)]
    return article.sentences[min(indices)].text if indices else article.title


def _first_sentence(article: Article, pattern: re.Pattern[str]) -> str:
    match = pattern.search(article.lower)
    return article.sentence_at(match.start()).text if match else article.title


def _event_year(article: Article) -> int | None:
    if article.published:
        return article.published.year
    return max(article.years) if article.years else None
