"""Now versus before: the direction of travel, and the standing grade before a visit.

For graded inspections the direction compares the two grades (the label
convention: the same grade is "unchanged" whatever the prose says). Without a
previous grade, only a plain statement in the article's own voice counts
("significant improvements since the previous inspection", "seriously
declined"); a councillor's claim in quotation marks does not. For visits the
direction is the progress the letter reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from config.vocabulary import Direction, InspectionType, Judgement, compare, compare_areas
from crawler.classify.grades import GradeMention
from crawler.classify.text import Article, search_sentences

_IMPROVED = re.compile(
    r"(?:significant|substantial|considerable|huge|marked|real|good|strong|notable|sustained|"
    r"rapid|further|clear)?\s*(?:improvements?|progress) (?:(?:has|have|had) been )?(?:made )?"
    r"since (?:the|its|their|an|a)(?: [a-z]+'s)? (?:previous|last|initial|earlier|unannounced|"
    r"inspection|damning|critical|inadequate)|(?:marked|significant|substantial|considerable|"
    r"huge|dramatic) improvement|"
    r"improved (?:ofsted )?rating|"
    r"(?:have|has|had) (?:substantially |significantly |considerably )?improved (?:substantially |"
    r"significantly )?since|turn(?:ed)? ?around|transformation|transformed|better than|"
    r"(?:got|become|became|getting) (?:much |a lot |significantly |far |considerably )?better|"
    r"no longer (?:rated |"
    r"judged )?inadequate|\bup from\b|are now (?:good|outstanding)|is now (?:good|outstanding)|"
    r"after (?:several |many )?(?:troubled|turbulent|difficult)(?: and (?:troubled|turbulent|"
    r"difficult))? years|(?:improvement|progress) "
    r"(?:on|from) (?:the|its) (?:previous|last)"
)
_DECLINED = re.compile(
    r"(?:seriously |significantly |sharply )?declined|deteriorat\w*|downgraded|\bdown from\b|"
    r"(?:got|become|became|getting) worse|significant deterioration|(?:gone|go|going|went|slipped|"
    r"slid) (?:backwards?|back)\b|worsened"
)
_REMAINS = re.compile(
    r"remain(?:s|ed)? (?:rated |judged )?(?:inadequate|good|outstanding|requires? improvement)|"
    r"still (?:failing|inadequate|rated|judged|requires?)|"
    r"(?:kept|keeps|retain(?:s|ed)?) (?:its|their) ['\"]?(?:inadequate|good|outstanding)"
)
_VISIT_IMPROVED = re.compile(
    r"(?:made|making|make|shows?|showing|signs? of|starting to make|evidence of|continued|some|"
    r"good|significant|considerable|strong|steady|positive|real|encouraging|clear)\s+"
    r"(?:signs of |some |good |significant |steady |real |further |['\"]?[a-z]+['\"]? )?"
    r"(?:progress|improvements?)|"
    r"(?<!areas for )(?<!area for )(?<!need for )(?<!room for )(?<!further )(?<!requires )"
    r"(?<!require )(?<!required )(?<!requiring )"
    r"improv(?:ed|ing|ement) (?:in|since|across)|see improvement|"
    r"improvements? (?:have|has|had) been made|(?:on|back on) (?:the )?right track|"
    r"better understanding|f(?:ou|i)nds? (?:some |significant |clear |real )?improvements?|"
    r"(?:got|getting|become|becoming) (?:much |a lot |significantly )?(?:better|stronger)|"
    r"\b(?:are|is) improving\b|"
    r"(?:has|have|had) improved|continu(?:e|es|ed|ing) to (?:improve|strengthen|develop)|"
    r"improved? since\b|positive change|transformation|(?:moving|moved) in the right "
    r"direction|more promising|(?:had|has|have) strengthened|continued to strengthen"
)
_VISIT_STALLED = re.compile(
    r"(?:not|n't|little|lack of|limited|insufficient|no|slow)\s+(?:yet\s+)?(?:made\s+|making\s+)?"
    r"(?:sufficient\s+|enough\s+|significant\s+|any\s+)?(?:progress|improvement)|pace of "
    r"(?:change|improvement) (?:is|has been|remains) (?:too )?slow|remains? inadequate|"
    r"not (?:yet )?improved|cannot (?:be )?(?:ensure|assured)|widespread and serious failures "
    r"remain"
)


# Literal words every match of each pattern contains (see text.search_sentences).
_WORDS = {
    _IMPROVED: (
        "improv",
        "progress",
        "turn",
        "transform",
        "better",
        "no longer",
        "up from",
        "now good",
        "now outstanding",
        "troubled",
        "turbulent",
        "difficult",
    ),
    _DECLINED: ("declin", "deteriorat", "downgrad", "down from", "worse", "back"),
    _REMAINS: ("remain", "still", "kept", "keeps", "retain"),
    _VISIT_IMPROVED: (
        "progress",
        "improv",
        "change",
        "transformation",
        "direction",
        "promising",
        "strengthen",
        "better",
        "stronger",
        "right track",
    ),
    _VISIT_STALLED: ("progress", "improv", "slow", "inadequate", "ensure", "assured", "failures"),
}
_TITLE_IMPROVED = re.compile(r"\bimprov(?:es|ed|ements?|ing)\b|\bstronger\b|\bbetter\b")
# "Services still need 'urgent' improvement", "told to improve": improvement asked for, not seen.
_STILL_TO_IMPROVE = re.compile(
    r"\b(?:needs?|needed|need to|requires?|required|requiring|must|told to|urged to|calls? for|"
    r"room for|areas? for|more|further|still)\b[^.]{0,20}\b(?:improv|better\b)"
)
_REPORT_SAYS = re.compile(
    r"(?:report|letter|inspectors?|ofsted|judge?ment)\W+(?:\w+\W+){0,3}?(?:said|says|states|stated|"
    r"reads?|found|concluded|noted|adds?|added)"
)


def graded_direction(
    article: Article, judgement: str | None, previous: str | None, post_reform: bool = False
) -> tuple[str, str | None]:
    """Compare the grades; failing that, the article's own statement of change.

    Reports from April 2026 have no overall grade to compare: the article's words decide
    (with or without the grade before stated), and a grade that "remains" what it was is
    unchanged."""
    if judgement and previous:
        return compare(judgement, previous).value, None
    if judgement is None and not post_reform:
        return Direction.UNKNOWN.value, None
    if judgement is None and previous:
        remains = _unquoted(article, _REMAINS)
        if remains:
            return Direction.UNCHANGED.value, remains
    declined = _unquoted(article, _DECLINED)
    if declined:
        return Direction.DECLINED.value, declined
    improved = _unquoted(article, _IMPROVED)
    if improved:
        return Direction.IMPROVED.value, improved
    title = article.title.lower()
    if _TITLE_DOWN.search(title):
        return Direction.DECLINED.value, article.title
    if _TITLE_UP.search(title):
        return Direction.IMPROVED.value, article.title
    return _first_time(article, judgement)


def _first_time(article: Article, judgement: str | None) -> tuple[str, str | None]:
    """ "Rated good for the first time since 2009": better than every grade in between,
    whatever they were; "inadequate for the first time": worse."""
    change = _FIRST_TIME_CHANGE.get(judgement or "")
    if change is None or judgement is None:
        return Direction.UNKNOWN.value, None
    for text in (article.title, *(s.text for s in article.sentences)):
        lower = text.lower()
        if "first time" in lower and judgement in lower:  # the grade's own word
            return change.value, text
    return Direction.UNKNOWN.value, None


_FIRST_TIME_CHANGE = {
    Judgement.GOOD.value: Direction.IMPROVED,
    Judgement.OUTSTANDING.value: Direction.IMPROVED,
    Judgement.INADEQUATE.value: Direction.DECLINED,
}


# A headline's verb of change for a grade: "move up to outstanding", "marked down".
_TITLE_UP = re.compile(
    r"\b(?:moves?|moved|moving|steps?|stepped|climbs?|climbed|jumps?|jumped|leaps?|leapt|rises?|"
    r"rose) up\b|\bupgraded?\b|\bclimbs?\b|\bclimbed\b|\bjumps?\b|\bjumped\b|\bleaps?\b|"
    r"\bleapt\b|\bbounces? back\b|\bno longer (?:rated |judged )?(?:inadequate|failing)\b"
)
_TITLE_DOWN = re.compile(
    r"\b(?:downgraded?|marked down|slips?|slipped|drops?|dropped|falls?|fell|plunges?|plunged|"
    r"tumbles?|tumbled)\b"
)


def areas_direction(grades: Iterable[str], previous: str | None) -> str:
    """The shared rule for reports without an overall grade (config.vocabulary)."""
    return compare_areas(grades, previous).value


def visit_direction(article: Article, kind: str) -> tuple[str, str | None]:
    """Progress a visit letter reports: the headline first, then the body."""
    if kind == InspectionType.JTAI:
        return Direction.UNKNOWN.value, None
    title = article.title.lower()
    if _VISIT_STALLED.search(title):
        return Direction.UNCHANGED.value, article.title
    if (_VISIT_IMPROVED.search(title) or _TITLE_IMPROVED.search(title)) and not (
        _STILL_TO_IMPROVE.search(title)
    ):
        return Direction.IMPROVED.value, article.title
    declined = _unquoted(article, _DECLINED)
    if declined:
        return Direction.DECLINED.value, declined
    stalled = _all_unquoted(article, _VISIT_STALLED)
    improved = _all_unquoted(article, _VISIT_IMPROVED)
    if stalled and len(stalled) >= len(improved):
        return Direction.UNCHANGED.value, stalled[0]
    if improved:
        return Direction.IMPROVED.value, improved[0]
    return Direction.UNKNOWN.value, None


def send_area_direction(
    article: Article, judgement: str | None, previous: str | None
) -> tuple[str, str | None]:
    """Two outcomes on one scale compare like grades. Across the 2016 and 2023 frameworks
    they do not, so the article's own account of change decides ("a remarkable
    turnaround"); failing that, only the plain cases: a statement of action then and the
    best outcome now is better, no statement then and systemic failings now is worse."""
    if not judgement or not previous:
        return Direction.UNKNOWN.value, None
    same_scale = compare(judgement, previous)
    if same_scale != Direction.UNKNOWN:
        return same_scale.value, None
    direction, because = graded_direction(article, judgement, None)
    if direction != Direction.UNKNOWN:
        return direction, because
    if previous == Judgement.WSOA_REQUIRED and judgement == Judgement.SEND_POSITIVE:
        return Direction.IMPROVED.value, None
    if previous == Judgement.NO_WSOA and judgement == Judgement.SEND_SYSTEMIC_FAILINGS:
        return Direction.DECLINED.value, None
    return Direction.UNKNOWN.value, None


def send_direction(article: Article, judgement: str | None) -> tuple[str, str | None]:
    """Revisits and monitoring inspections: progress in all or some areas is better, none is
    the same, unless the letter says things got worse."""
    if judgement in {Judgement.SUFFICIENT_PROGRESS, Judgement.PARTIAL_PROGRESS}:
        return Direction.IMPROVED.value, None
    declined = _unquoted(article, _DECLINED)
    if declined:
        return Direction.DECLINED.value, declined
    if judgement == Judgement.INSUFFICIENT_PROGRESS:
        return Direction.UNCHANGED.value, None
    return Direction.UNKNOWN.value, None


def visit_previous(mentions: list[GradeMention], kind: str) -> tuple[str | None, int | None]:
    """The council's standing grade when it was visited: any rating the article states.

    Monitoring visits only go to councils judged inadequate, so that is the default.
    """
    if kind == InspectionType.JTAI:
        return None, None
    usable = [m for m in mentions if m.rating and not m.negated and not m.older_scale]
    earlier = [m for m in usable if m.time in {"before", "steady"} or m.no_longer]
    pool = earlier or usable
    if pool:
        dated = [m for m in pool if m.year]
        chosen = max(dated, key=lambda m: m.year or 0) if dated else pool[0]
        return chosen.value, chosen.sentence
    if kind == InspectionType.MONITORING_VISIT:
        return Judgement.INADEQUATE.value, None
    return None, None


def _unquoted(article: Article, pattern: re.Pattern[str]) -> str | None:
    found = _all_unquoted(article, pattern)
    return found[0] if found else None


def _all_unquoted(article: Article, pattern: re.Pattern[str]) -> list[str]:
    """Sentences in the article's own voice or the report's, not a spokesperson's, and about
    this council rather than another."""
    found: list[str] = []
    for sentence, _match in search_sentences(article, pattern, _WORDS[pattern]):
        if sentence.quoted and not report_voice(article, sentence.index):
            continue
        if sentence.index in article.elsewhere:
            continue  # another council's progress
        if sentence.text not in found:
            found.append(sentence.text)
    return found


def report_voice(article: Article, index: int) -> bool:
    """A quotation introduced as the report's or the inspectors' words."""
    for i in (index, index - 1):
        if i >= 0 and _REPORT_SAYS.search(article.sentences[i].text.lower()):
            return True
    return False
