"""Read an article the way a children's-services reporter would, and say what it reports.

The steps run in the order a reporter's eye does: what the page is (text,
headline, address), whether it is about an Ofsted inspection of a council's
children's services at all, which council, which kind of inspection, and then
what was found now and before. Each field that is set carries the sentence it
was read from (`evidence`), so a user can check it at a glance.
"""

from __future__ import annotations

import re

from config.gazetteer import Gazetteer, load_gazetteer
from config.vocabulary import Direction, InspectionType, Judgement
from crawler.classify.areas import read_areas
from crawler.classify.councils import CouncilReading, read_councils
from crawler.classify.cues import Signals, read_signals
from crawler.classify.grades import GradeMention, find_grades, transitions
from crawler.classify.history import (
    areas_direction,
    graded_direction,
    send_area_direction,
    send_direction,
    visit_direction,
    visit_previous,
)
from crawler.classify.history_page import read_history_page
from crawler.classify.judgement import read_graded
from crawler.classify.kinds import read_kind
from crawler.classify.relevance import names_an_inspector, read_relevance
from crawler.classify.result import Classification, Document
from crawler.classify.send import read_send
from crawler.classify.text import Article, prepare

_VISITS = {InspectionType.FOCUSED_VISIT, InspectionType.MONITORING_VISIT, InspectionType.JTAI}
_SEND = {InspectionType.SEND_AREA, InspectionType.SEND_REVISIT, InspectionType.SEND_MONITORING}


def classify(doc: Document, gazetteer: Gazetteer | None = None) -> Classification:
    """Classify one document (DESIGN.md §4); never raises on odd input."""
    gazetteer = gazetteer or load_gazetteer()
    article = prepare(doc.text, doc.title, doc.url, doc.published)
    signals = read_signals(article)
    if not names_an_inspector(signals):
        # Most crawled news never mentions Ofsted: answered without reading further.
        return Classification(relevant=False, score=0.01)
    councils = read_councils(article, gazetteer, signals, doc.source_region)
    starts = [start for start, _ in signals.spans.get("grade_word", [])]
    mentions = find_grades(article, starts) if councils.councils else []
    relevance = read_relevance(article, signals, councils, mentions)
    if not relevance.relevant:
        return Classification(relevant=False, score=relevance.score)
    result = Classification(
        relevant=True,
        score=relevance.score,
        local_authorities=list(councils.councils),
        evidence={"relevant": relevance.evidence},
    )
    chosen = {la.gss_code for la in councils.councils}
    if chosen:
        result.evidence["local_authorities"] = councils.evidence
        article.elsewhere = frozenset(
            i for i, codes in councils.by_sentence.items() if not codes & chosen
        )
    # Several councils' results: three or more, or two the headline names ("Bolton and
    # Salford keep good ratings"), each with its own inspection.
    roundup = len(chosen) >= 3 or len(chosen & councils.in_title) >= 2
    _read_inspection(article, signals, _about_these(mentions, councils, signals), result, roundup)
    return result


def _about_these(
    mentions: list[GradeMention], councils: CouncilReading, signals: Signals
) -> list[GradeMention]:
    """Grades said of other councils ("Elsewhere, Bury remains inadequate") or of a school,
    home or agency ("See also: infant school holds its grade") are not this inspection's; in a
    round-up, an earlier grade of one council is not the round-up's."""
    chosen = {la.gss_code for la in councils.councils}
    roundup = len(chosen) >= 3
    kept = []
    for m in mentions:
        named = councils.by_sentence.get(m.sentence, set()) if m.sentence >= 0 else set()
        if named and not named & chosen:
            continue
        if m.sentence >= 0 and _other_subject(signals, m.sentence):
            continue
        if roundup and len(named) == 1 and (m.time == "before" or m.no_longer):
            continue
        kept.append(m)
    return kept


_SERVICE_WORDS = re.compile(r"\b(?:[Ss]ervices?|[Dd]epartment|[Aa]uthority|[Cc]ouncil)\b")
_OTHER_SUBJECTS = ("neg_school", "neg_nursery", "neg_home", "neg_agency", "neg_adult_learning")


def _other_subject(signals: Signals, index: int) -> bool:
    """A sentence about a school, nursery, home or agency ("See also: infant school holds its
    grade"), not about the council's services ("the service was put into special measures")."""
    if not signals.in_any(_OTHER_SUBJECTS, index) or signals.in_any(
        ("childrens_services", "send"), index
    ):
        return False
    return not _SERVICE_WORDS.search(signals.article.sentences[index].text)


def _read_inspection(
    article: Article,
    signals: Signals,
    mentions: list[GradeMention],
    result: Classification,
    roundup: bool,
) -> None:
    """Which inspection, then what it found now and before, each with its sentence."""
    page = read_history_page(article, signals, mentions)
    latest = None
    if page is not None:  # a council's list of past inspections: its latest entry counts
        mentions = page.mentions
        latest = (page.latest, article.sentences[page.sentence].text)
    areas = read_areas(article, mentions)
    preliminary = read_graded(article, signals, mentions, areas, InspectionType.ILACS)
    standing, _ = visit_previous(mentions, InspectionType.FOCUSED_VISIT)
    standing_inadequate = standing == Judgement.INADEQUATE or any(
        old == Judgement.INADEQUATE for old, _, _ in transitions(article)
    )
    kind = read_kind(article, signals, preliminary.strength, standing_inadequate, latest)
    result.inspection_type = str(kind.kind)
    result.evidence["inspection_type"] = kind.evidence
    if kind.kind in _VISITS:
        because = _read_visit(article, mentions, kind.kind, kind.evidence, result)
    elif kind.kind in _SEND:
        because = _read_send(article, kind.kind, kind.framework_2023, roundup, result)
    else:
        graded = (
            preliminary
            if kind.kind == InspectionType.ILACS
            else read_graded(article, signals, mentions, areas, kind.kind)
        )
        result.judgement, result.previous_judgement = graded.judgement, graded.previous
        # A round-up's sub-grades differ by council: they are not one inspection's grades
        # (nor are they when the headline names two councils: "Bolton and Salford ...").
        result.grades = graded.grades if not roundup else {}
        result.evidence.update(graded.evidence)
        # From April 2026 (no overall grade) the areas against the grade before decide, by the
        # rule storage uses too (config.vocabulary.compare_areas); the article's words only
        # when the areas cannot ("better for care, worse for help and protection").
        by_areas = Direction.UNKNOWN.value
        if graded.post_reform and graded.grades and graded.previous:
            by_areas = areas_direction(graded.grades.values(), graded.previous)
        if by_areas != Direction.UNKNOWN:
            result.direction, because = by_areas, None
        else:
            result.direction, because = graded_direction(
                article, graded.judgement, graded.previous, graded.post_reform
            )
    # A direction read from two grades rests on the sentence that gives the earlier one.
    because = because or result.evidence.get("previous_judgement")
    if because and result.direction not in {Direction.UNKNOWN, None}:
        result.evidence["direction"] = because


def _read_visit(
    article: Article,
    mentions: list[GradeMention],
    kind: str,
    evidence: str,
    result: Classification,
) -> str | None:
    """Visits are never graded: the council's standing grade and the progress reported."""
    result.judgement = Judgement.NO_GRADE.value
    result.evidence["judgement"] = evidence
    previous, source = visit_previous(mentions, kind)
    result.previous_judgement = previous
    if source is not None:
        result.evidence["previous_judgement"] = _sentence(article, source)
    elif previous is not None:  # a monitoring visit: the council was judged inadequate
        result.evidence["previous_judgement"] = evidence
    result.direction, because = visit_direction(article, kind)
    return because


def _read_send(
    article: Article, kind: str, framework_2023: bool, roundup: bool, result: Classification
) -> str | None:
    outcome = read_send(article, kind, framework_2023, roundup)
    result.judgement, result.previous_judgement = outcome.judgement, outcome.previous
    result.evidence.update(outcome.evidence)
    if outcome.previous and "previous_judgement" not in result.evidence:
        # A revisit implies the statement of action, a monitoring inspection the systemic
        # failings: the sentence naming the inspection is the evidence for both.
        result.evidence["previous_judgement"] = result.evidence["inspection_type"]
    if kind == InspectionType.SEND_AREA:
        result.direction, because = send_area_direction(
            article, outcome.judgement, outcome.previous
        )
        return because
    result.direction, because = send_direction(article, outcome.judgement)
    return because or outcome.evidence.get("judgement")


def _sentence(article: Article, index: int) -> str:
    return article.title if index < 0 else article.sentences[index].text
