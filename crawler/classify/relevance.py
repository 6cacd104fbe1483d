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
import re
from dataclasses import dataclass, field

from crawler.classify.councils import CouncilReading
from crawler.classify.cues import FAMILIES, Signals
from crawler.classify.grades import GradeMention
from crawler.classify.history import report_voice as _report_voice
from crawler.classify.joint import joint_inspection
from crawler.classify.passing import OTHER_SUBJECT, current_grades
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
_TYPE_FAMILIES = (
    "focused_visit",
    "monitoring_visit",
    "monitoring_inspection",
    "jtai",
    "wsoa",
    "ilacs",
    "sif",
    "significant_weakness",
    "send_outcome",
    "older",
    "joint_agencies",
)
_OTHER_SUBJECT = OTHER_SUBJECT  # (the families weighed above)
_TOPIC = ("childrens_services", "send")
# A joint targeted inspection names the police and youth offending services as partners.
_JOINT_PARTNERS = {"neg_police", "neg_youth_justice", "neg_health"}
# "Director quits over Ofsted probe": the inspection is why the other news happened.
_BECAUSE_OF_INSPECTION = re.compile(
    r"\b(?:over|after|following|amid|ahead of|in wake of|in the wake of)\b(?: \w+){0,3} "
    r"(?:ofsted|inspection|inspectors|report|verdict|probe|visit)"
)
_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;]*")
_MONTH_YEAR = re.compile(
    r"(?<![a-z0-9])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
    r"((?:19|20)\d\d)\b"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_PAST = re.compile(r"\b(?:was|were|had)\b")
_PRESENT = re.compile(
    r"\b(?:has|have)\s+(?:been\s+|now\s+|just\s+|also\s+)?(?:\w+ed|found|made|given|shown|"
    r"seen|said|told|taken|written|become|begun|done|kept|held)\b|\b(?:now|today|this week|"
    r"latest|new|recent|recently)\b"
)


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


def names_an_inspector(signals: Signals) -> bool:
    """Ofsted (or its inspectors) is named, or the CQC in a SEND story, or inspectors with
    an inspection only Ofsted carries out (a SEND monitoring inspection, a focused visit):
    without any of these the article cannot report an Ofsted inspection."""
    inspector = signals.has("ofsted") or "ofsted" in signals.url
    send = signals.has("send") or "send" in signals.url
    return inspector or (signals.has("cqc") and send) or _inspection_of_ours(signals)


def _inspection_of_ours(signals: Signals) -> bool:
    """Inspectors and the name of an inspection of a council's services, unnamed inspector."""
    if not signals.has("inspect"):
        return False
    if any(signals.has(f) for f in ("focused_visit", "jtai", "ilacs")):
        return True
    if signals.has("monitoring_visit") and signals.has("childrens_services"):
        return True  # a council judged inadequate, visited by (unnamed) Ofsted inspectors
    send = signals.has("send") or "send" in signals.url
    return send and any(
        signals.has(f)
        for f in ("send2023", "wsoa", "monitoring_inspection", "significant_weakness")
    )


def _weighted(signals: Signals, family: str, lead: int = 4) -> float:
    """Headline 3, opening sentences 1, the rest 0.3 (capped): where a topic sits matters."""
    total = 3.0 * (family in signals.title) + 1.5 * (family in signals.url)
    for index in dict.fromkeys(signals.sentences(family)):
        total += 1.0 if signals.article.in_lead(index, lead) else 0.3
    return min(total, 6.0)


def _features(
    article: Article,
    signals: Signals,
    councils: CouncilReading,
    mentions: list[GradeMention],
) -> dict[str, float]:
    f: dict[str, float] = {"bias": -2.5}
    f["inspector"] = _inspector_feature(article, signals)
    positive = (
        _weighted(signals, "childrens_services")
        + _weighted(signals, "send")
        + _weighted(signals, "wsoa")
        + _weighted(signals, "jtai")  # always of the response to children, whatever the theme
    )
    f["topic"] = min(positive, 6.0) * 0.45
    named = _names_a_type(article, signals)
    joint = joint_inspection(article, signals)
    graded, strong, title_graded = current_grades(article, signals, mentions)
    fresh = _fresh_events(article, signals, mentions)
    f["named_type"] = 1.2 if named else 0.0
    if not _prominent(article, signals):
        f["in_passing"] = -2.0
    f["current_grade"] = 1.0 if strong else 0.5 if graded else 0.0
    f["event"] = 0.4 * fresh
    if not named and not graded and fresh < 2.0:
        f["nothing_reported"] = -3.0
    elif graded and not named and fresh < 1.5 and not _given_by_inspectors(signals, mentions):
        # A grade, but no report, visit or letter, and no one said to give it now: "a plan
        # to keep 'outstanding' services", "one year on from inadequate".
        f["grade_without_report"] = -2.5
    if _OPINION.match(article.title):
        f["opinion"] = -2.5  # readers' letters and columns argue about a report; no report
    f["council"] = _council_feature(councils)
    if len(councils.scores) >= 4 and councils.top_score < 3.0:
        f["diffuse_councils"] = -1.5  # many councils named once each: a national story
    negative = sum(
        w * _weighted(signals, fam)
        for fam, w in _NEGATIVE_FAMILIES.items()
        if not (joint and fam in _JOINT_PARTNERS)
    )
    f["other_subject"] = -0.7 * max(0.0, negative - 0.6 * positive)
    # The headline names the thing inspected: a school, a home, a police force...
    headline = _headline_families(article, signals)
    headline_other = [
        fam
        for fam in _NEGATIVE_FAMILIES
        if fam in headline and not (joint and fam in _JOINT_PARTNERS)
    ]
    if headline_other:
        f["headline_other"] = -1.0 if "service_subject" in headline else -3.0
    if "neg_national" in headline:
        f["headline_national"] = -2.0  # "Analysis links ...", "Annual report 2024/25"
    f["devolved"] = -2.0 * min(_weighted(signals, "neg_devolved"), 3.0)
    f["jobs"] = -1.0 * _weighted(signals, "neg_jobs")
    f["parliament"] = -1.5 * _weighted(signals, "neg_parliament")
    f["hedged"] = -1.5 * ("hedge" in signals.title)
    f["national"] = -0.25 * _weighted(signals, "neg_national")
    f["intervention"] = -0.75 * _weighted(signals, "neg_intervention")
    f["off_topic"] = -0.25 * _weighted(signals, "neg_topic")
    if (
        "neg_topic" in signals.title
        and "verdict" not in signals.title
        and not title_graded  # ("£2m savings despite inadequate rating": a label)
        and not _BECAUSE_OF_INSPECTION.search(article.title.lower())
    ):
        f["headline_off_topic"] = -2.0  # "New director of children's services appointed"
    if _court_story(article, signals):
        f["court_story"] = -3.0
    f["future"] = -0.3 * _weighted(signals, "future")
    f["no_inspection"] = -0.8 * _weighted(signals, "no_inspection")
    return f


# What a headline or opening sentence about an inspection names.
_INSPECTION_NEWS = ("event", "event_grade", "inspect", *_TYPE_FAMILIES)


def _court_story(article: Article, signals: Signals) -> bool:
    """A judge's ruling on how the council handled a case is the story, and "rated good by
    Ofsted" beside it is context ("Judge: Ofsted-rated 'good' council failed children"): a
    court in the headline, or a judge or court in two of the opening sentences, or in one
    with no inspection in the first sentence; and in any case no inspection in the headline."""
    if not signals.has("neg_court") or any(f in signals.title for f in _INSPECTION_NEWS):
        return False
    if "neg_court" in signals.title:
        return True
    hits = zip(signals.spans.get("neg_court", []), signals.sentences("neg_court"), strict=True)
    lead = [(i, article.lower[start:end]) for (start, end), i in hits if article.in_lead(i, 3)]
    if not lead:
        return False
    # ("care proceedings" are in inspection reports too: a judge or a court is the story)
    courts = {i for i, words in lead if words != "care proceedings"}
    if len(courts) >= 2:
        return True
    if not any(article.in_lead(i, 2) for i, _ in lead):
        return False
    return not any(
        article.in_lead(i, 1) for family in _INSPECTION_NEWS for i in signals.sentences(family)
    )


_OPINION = re.compile(
    r"\W*(?:letters?|your letters|readers'? letters|opinion|comment|column|your views?|"
    r"editorial|viewpoint)\s*[:|-]",
    re.IGNORECASE,
)


def _given_by_inspectors(signals: Signals, mentions: list[GradeMention]) -> bool:
    """A grade said to be new, or one given in a sentence that names the inspectors, or a
    headline giving the inspectors' verdict ("Ofsted praises ...", "Ofsted verdict on ...")."""
    if "verdict" in signals.title and {"ofsted", "inspect"} & signals.title:
        return True
    for m in mentions:
        if not m.rating or m.negated or m.time == "before":
            continue
        if m.time == "now":
            return True
        if m.sentence < 0:
            if {"ofsted", "inspect"} & signals.title:
                return True
        elif signals.in_any(("ofsted", "inspect"), m.sentence):
            return True
    return False


def _headline_families(article: Article, signals: Signals) -> set[str]:
    """The headline's cue families; without a headline, the opening sentence stands in."""
    if article.title:
        return signals.title
    opening = next((s.index for s in article.sentences if s.rank == 0), None)
    if opening is None:
        return set()
    found = {family for family, indices in signals.body.items() if opening in indices}
    if FAMILIES["service_subject"].search(article.sentences[opening].text.lower()):
        found.add("service_subject")
    return found


def _inspector_feature(article: Article, signals: Signals) -> float:
    """Ofsted named in the headline, address or opening: the story is its inspection.
    Named only further down, it may be a comparison ("Ofsted inspects the councils")."""
    if "ofsted" in signals.title or "ofsted" in signals.url:
        return 1.5
    body = signals.sentences("ofsted")
    if body:
        return 1.5 if any(article.in_lead(i) for i in body) else 0.6
    return 1.0 if names_an_inspector(signals) else -2.5


_PROMINENT = (
    "ofsted",
    "cqc",
    "inspect",
    "event",
    "event_grade",
    "focused_visit",
    "monitoring_visit",
    "monitoring_inspection",
    "jtai",
    "wsoa",
    "send2023",
    "significant_weakness",
    "ilacs",
    "sif",
    "revisit",
)


def _prominent(article: Article, signals: Signals) -> bool:
    """The inspection is the story: a verdict or inspection in the headline, or an
    inspection within the opening sentences. Mentioned only further down ("months after
    Ofsted rated services inadequate" in a story about a director leaving), it is context."""
    if article.title and any(f in signals.title for f in (*_PROMINENT, "verdict", "grade_word")):
        return True
    return any(article.in_lead(i, 3) for family in _PROMINENT for i in signals.sentences(family))


def _names_a_type(article: Article, signals: Signals) -> bool:
    """An inspection type or outcome is named, and not only as history ("was required to
    produce a written statement of action after an inspection in 2019")."""
    hedged_title = "hedge" in signals.title or "future" in signals.title
    joint = joint_inspection(article, signals)
    for family in _TYPE_FAMILIES:
        if family == "joint_agencies" and not joint:
            continue  # the police inspectorate alone is not a joint inspection
        if (family in signals.title and not hedged_title) or family in signals.url:
            return True
        for index in signals.sentences(family):
            if signals.in_any(("hedge", "future"), index):
                continue  # "fear inspectors could find systemic failings"
            if article.sentences[index].quoted and not _report_voice(article, index):
                continue  # a parent's words, not the report's
            if not _history(article, article.sentences[index].text.lower()):
                return True
    # Progress against earlier weaknesses is dated by them ("sufficient progress in the
    # weaknesses identified in 2018"): a year after it says nothing of when it was found (one
    # before it may: "a 2022 revisit that found insufficient progress").
    for (start, end), index in zip(
        signals.spans.get("send_outcome", []), signals.sentences("send_outcome"), strict=True
    ):
        found = article.lower[start:end]
        if "progress" not in found and "effective action" not in found:
            continue
        sentence = article.sentences[index]
        if signals.in_any(("hedge", "future"), index) or sentence.quoted:
            continue
        if not _history(article, article.lower[sentence.start : start]):
            return True
    return False


def _history(article: Article, sentence: str) -> bool:
    """A sentence about an earlier year: dated before the article, or, on an undated
    page, told in the past tense with a year ("was required ... in 2019"). A year after
    "since" only bounds the story ("the fifth visit since it was rated inadequate in 2015")."""
    sentence = _SINCE_CLAUSE.sub(" ", sentence)
    if _only_old_years(sentence, article.event_year):
        # ("inspectors have found progress on the weaknesses identified in 2019": news)
        return not _PRESENT.search(sentence)
    return (
        article.published is None
        and bool(_YEAR.search(sentence))
        and bool(_PAST.search(sentence))
        and not _PRESENT.search(sentence)
    )


def _council_feature(councils: CouncilReading) -> float:
    """No English council identified: nothing to alert anyone about."""
    if not councils.councils:
        return -6.0
    if councils.top_score >= 3.0:
        return 1.0
    return 0.0 if councils.top_score >= 1.5 else -1.0


def _fresh_events(article: Article, signals: Signals, mentions: list[GradeMention]) -> float:
    """Reported inspection events, not recalled ("rated inadequate in 2015") or awaited."""
    recalled = _recalled_sentences(mentions)
    event_year = article.event_year
    awaited = "hedge" in signals.title or "future" in signals.title  # "Kent prepares for ..."
    total = 3.0 * bool({"event", "event_grade"} & signals.title and not awaited)
    total += 1.5 * bool({"event", "event_grade"} & signals.url)
    weights: dict[int, float] = {}
    for family in ("event", "event_grade"):
        spans = signals.spans.get(family, [])
        for (start, end), index in zip(spans, signals.sentences(family), strict=True):
            weight = _event_weight(article, signals, (start, end), index, event_year)
            if family == "event_grade" and index in recalled:
                weight *= 0.25
            weights[index] = max(weights.get(index, 0.0), weight)
    total += sum(weights.values())
    return min(total, 5.0)


def _event_weight(
    article: Article, signals: Signals, span: tuple[int, int], index: int, event_year: int | None
) -> float:
    """An event in the opening counts more; one about a school or dated years ago, less."""
    if signals.in_any(("future", "hedge"), index):
        return 0.0
    if signals.in_any(_OTHER_SUBJECT, index) and not signals.in_any(_TOPIC, index):
        return 0.0
    weight = 1.0 if article.in_lead(index) else 0.5
    near = article.lower[max(0, span[0] - 15) : span[1] + 45]
    if _only_old_years(near, event_year):
        weight *= 0.25
    return weight


def _recalled_sentences(mentions: list[GradeMention]) -> set[int]:
    """Sentences whose only grades belong to an earlier inspection."""
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.rating and not m.negated:
            by_sentence.setdefault(m.sentence, set()).add("before" if m.time == "before" else "now")
    return {i for i, times in by_sentence.items() if times == {"before"}}


def _only_old_years(text: str, event_year: int | None) -> bool:
    years = {int(y) for y in _YEAR.findall(text)}
    if not years or event_year is None:
        return False
    dated = {int(y) for y in _MONTH_YEAR.findall(text.lower())}
    return all(event_year - y >= 2 or (event_year - y == 1 and y not in dated) for y in years)


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
