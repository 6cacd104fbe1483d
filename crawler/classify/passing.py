"""Is a grade stated in an article given now, or only cited?

A reporter tells a fresh verdict from a rating cited while the news is something
else: the rating sits in someone's quoted words (a leaflet, a councillor), in an aside
("the town's services, rated good by Ofsted, are being stretched"), or is said of a
school, home or agency; an improvement notice labels a council with its grade. Only a
grade given now, to the council's services, speaks for the article being an inspection
report.
"""

from __future__ import annotations

import re

from crawler.classify.cues import FAMILIES, Signals
from crawler.classify.grades import GradeMention
from crawler.classify.history import report_voice
from crawler.classify.text import Article
from crawler.classify.timing import NOW

# Things Ofsted inspects that are not a council's children's services (cue families).
OTHER_SUBJECT = (
    "neg_school",
    "neg_nursery",
    "neg_home",
    "neg_agency",
    "neg_adult_learning",
    "neg_health",
    "neg_adult_care",
    "neg_police",
    "neg_youth_justice",
)


def current_grades(
    article: Article, signals: Signals, mentions: list[GradeMention]
) -> tuple[bool, bool, bool]:
    """Whether a grade is given now; whether one is the story (in the headline or opening,
    or said to be new: one of unknown time further down may be anyone's, "she worked in a
    borough whose services were rated ..."); and whether the headline gives one."""
    graded = title = False
    for m in mentions:  # (headline mentions come first)
        if not current_grade(m, signals):
            continue
        graded = True
        title = title or m.sentence < 0
        if m.time == "now" or article.in_lead(m.sentence):
            return True, True, title
    return graded, False, title


def current_grade(m: GradeMention, signals: Signals) -> bool:
    """A grade given now to something that is not a school, home, agency or hospital."""
    if not m.rating or m.negated or m.time == "before" or m.no_longer:
        return False
    if m.time == "steady" and m.year is not None:
        return False  # "remains rated outstanding following its 2019 inspection": a standing grade
    if m.sentence >= 0 and (_claimed(signals.article, m) or _aside(signals.article, signals, m)):
        return False  # a leaflet's words, or "the services, rated good by Ofsted, are ..."
    if m.sentence < 0:
        if "neg_intervention" in signals.title:
            return False  # "Improvement notice issued to 'inadequate' council": a label
        return not any(f in signals.title for f in OTHER_SUBJECT) or (
            "service_subject" in signals.title
        )
    if signals.in_any(OTHER_SUBJECT, m.sentence):
        return bool(
            FAMILIES["service_subject"].search(signals.article.sentences[m.sentence].text.lower())
        )
    return True


_ASIDE = re.compile(
    r",\s*(?:which|that|who)?\s*(?:(?:is|are|was|were)\s+)?(?:(?:currently|still|also)\s+)?"
    r"(?:rated|judged|graded|deemed)\b[^,;]{0,40}$"
)
_ASIDE_END = re.compile(r"[^,;.]{0,25},(?:\s+\w+){3}")
_CLOSING = re.compile(r"(?: by ofsted| by inspectors)?\W*$")


def _aside(article: Article, signals: Signals, m: GradeMention) -> bool:
    """A grade in an aside, the sentence being about something else: between commas ("the
    town's children's services, rated good by Ofsted, are being stretched"), or closing a
    sentence that reports no inspection ("... help the city's services, which were judged
    requires improvement by Ofsted")."""
    sentence = article.sentences[m.sentence]
    head = article.lower[max(sentence.start, m.start - 60) : m.start]
    if "," not in head or not _ASIDE.search(head) or NOW.search(head[head.rfind(",") :]):
        return False
    if _ASIDE_END.match(article.lower, m.end, sentence.end):
        return True
    return _CLOSING.match(article.lower, m.end, sentence.end) is not None and not any(
        start < m.start - 60 and sentence.start <= start < sentence.end
        for start, _ in signals.spans.get("event", [])
    )


def _claimed(article: Article, m: GradeMention) -> bool:
    """The grade sits inside someone's quoted words (more than the grade itself), and the
    words are not introduced as the report's or the inspectors'."""
    sentence = article.sentences[m.sentence]
    head = article.body[sentence.start : m.start]
    if head.count('"') % 2 == 0 and not sentence.quoted:
        return False
    opening = head.rfind('"')
    if opening >= 0 and not head[opening + 1 :].strip(" '"):
        return False  # only the grade is quoted: 'rated "inadequate"'
    return not report_voice(article, m.sentence)
