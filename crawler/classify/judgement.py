"""The outcome of a graded inspection (ILACS, SIF, older regimes): now, before, sub-grades.

Grade mentions are weighed, not counted: a grade in the headline, one said to be
"overall" or "in all areas", and one in the present tense count more; anything
negated, hedged, about an earlier inspection or about a school, home or agency
counts for nothing. When two grades compete closely the answer is null: a wrong
"inadequate" in an inbox is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from config.vocabulary import GradeKey, InspectionType, Judgement
from crawler.classify.areas import AreaReading
from crawler.classify.cues import Signals
from crawler.classify.grades import GradeMention, transitions
from crawler.classify.text import Article, search_sentences

_GRADES = {
    j.value
    for j in (
        Judgement.OUTSTANDING,
        Judgement.GOOD,
        Judgement.REQUIRES_IMPROVEMENT,
        Judgement.INADEQUATE,
    )
}
_OTHER_SUBJECT = (
    "neg_school",
    "neg_nursery",
    "neg_home",
    "neg_agency",
    "neg_adult_learning",
    "neg_health",
    "neg_police",
    "neg_youth_justice",
)
_NO_OVERALL = re.compile(
    r"no (?:longer (?:an? |give |gives |awards? )?)?(?:single )?overall (?:effectiveness )?"
    r"(?:grade|judgement|judgment|rating)|without (?:an?|the|any) (?:single )?overall|"
    r"no longer (?:gives?|given|awards?|awarded|gets?|receives?|has|have|includes?|carr(?:y|ies)|"
    r"makes?|uses?)\b[^.]{0,30}"
    r"overall (?:effectiveness )?(?:grade|judgement|judgment|rating)|(?:dropped|scrapped|removed|"
    r"abolished|ended)\b[^.]{0,20}(?:single )?overall (?:effectiveness )?(?:grade|judgement|"
    r"judgment|rating)|overall (?:effectiveness )?(?:grades?|judgements?|judgments?|ratings?) "
    r"(?:ha(?:ve|s) been|were|was) (?:dropped|scrapped|removed|abolished)|"
    # "since Ofsted stopped giving councils a single overall grade", "four judgements rather
    # than a single overall grade"
    r"(?:stopped|stops|ceased|ceases) (?:giving|awarding|issuing|using)\b[^.]{0,30}overall "
    r"(?:effectiveness )?(?:grade|judgement|judgment|rating)|(?:rather than|instead of|"
    r"replac\w+) (?:a|the) single overall (?:effectiveness )?(?:grade|judgement|judgment|rating)"
)
_COMING = re.compile(
    r"\b(?:will|before|ahead of|from (?:april|next)|comes? in|coming|due to|plans?|proposals?|"
    r"consult\w*)\b"
)
_FOUR_AREAS = re.compile(
    r"(?<![a-z0-9])(?:four|4) (?:key |separate )?(?:areas|judgements|judgments)"
)
_FIVE_AREAS = re.compile(
    r"\bfive (?:key |separate )?(?:areas|judgements|judgments)|out of five|"
    r"new judge?ment for care leavers|experiences and progress of care leavers"
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATED_INSPECTION = re.compile(
    r"(?:inspect\w*|visit\w*|took place)[^.]{0,40}?\b(?P<month>jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]* (?P<year>20[2-4]\d)\b"
)
_UNDATED_INSPECTION = re.compile(
    r"(?:inspect\w*|visit\w*|took place)[^.]{0,40}?\b(?:in|during|last) (?P<month>january|"
    r"february|march|april|may|june|july|august|september|october|november|december)\b"
    r"(?! (?:19|20)\d\d)"
)
_OVERALL_GRADED = re.compile(
    r"overall effectiveness[^.]{0,60}?\b(?:outstanding|good|requires improvement|inadequate)\b|"
    r"\b(?:outstanding|good|requires improvement|inadequate) overall\b"
)
_SAME_AS_BEFORE = re.compile(
    r"\bthe same as (?:in (?:19|20)\d\d|(?:\w+ ){1,2}years? (?:ago|before|earlier)|(?:at )?"
    r"(?:its|the|their) (?:last|previous))|"
    r"\bsame (?:overall )?(?:grades?|ratings?|judge?ments?|outcomes?)\b[^.]{0,60}?\b(?:received|"
    r"given|achieved|got|awarded|had|as|at)\b|\b(?:second|third|fourth) (?:consecutive|"
    r"inspection running|time running|time in a row)|\b(?:judge?ment|rating|grade|outcome)s? "
    r"(?:is|are|was|were|remains?) (?:the )?same as\b|\bunchanged (?:from|since)\b|\bmatching "
    r"(?:its|their|the) (?:previous|last|earlier)"
)
_SAME_WORDS = ("same", "consecutive", "running", "in a row", "unchanged", "matching")
_COMBINED = re.compile(r"children in care and care leavers|children looked after and care leavers")
_INFERRED_RI = re.compile(r"not yet")


@dataclass(slots=True)
class GradedOutcome:
    judgement: str | None = None
    previous: str | None = None
    grades: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    post_reform: bool = False
    strength: float = 0.0  # support for the current overall grade (0: none stated)


def read_graded(
    article: Article,
    signals: Signals,
    mentions: list[GradeMention],
    areas: AreaReading,
    kind: str,
) -> GradedOutcome:
    """Judgement, previous judgement and grades of a graded inspection."""
    out = GradedOutcome()
    usable = [i for i, m in enumerate(mentions) if _usable(m, kind, signals)]
    current = [i for i in usable if mentions[i].time != "before" and not mentions[i].no_longer]
    overall = [i for i in current if _is_overall(i, areas)]
    out.judgement, source = _choose(overall, mentions, areas, article)
    if source is not None:
        out.evidence["judgement"] = _sentence(article, mentions[source].sentence)
        out.strength = sum(
            _weight(i, mentions[i], areas, article)
            for i in overall
            if mentions[i].value == out.judgement
        )
    # An earlier grade may be on the pre-2013 scale ("adequate in 2010"): it still counts.
    # ("rated each area as adequate" grades an older inspection's areas, not the council).
    earlier_usable = [
        i
        for i, m in enumerate(mentions)
        if _usable(m, InspectionType.OLDER, signals)
        and not (m.older_scale and (i in areas.all_areas or areas.areas.get(i)))
    ]
    out.previous, prev_source = _previous(article, mentions, earlier_usable, out.judgement)
    if prev_source is not None:
        out.evidence["previous_judgement"] = _sentence(article, prev_source)
    # A report that states its overall effectiveness grade is not one without it.
    explicit_overall = any("overall_effectiveness" in areas.areas.get(i, []) for i in current)
    out.post_reform = (
        kind == InspectionType.ILACS and not explicit_overall and _post_reform(article)
    )
    stated = (out.judgement, out.evidence.get("judgement"))
    if out.post_reform:
        out.judgement = None
        out.evidence.pop("judgement", None)
    if kind != InspectionType.OLDER:
        explicit = source is not None and not _INFERRED_RI.search(mentions[source].text.lower())
        out.grades = _grades(article, kind, mentions, current, areas, out, explicit)
        if out.grades:
            firsts = [i for i in current if areas.areas.get(i) or i in areas.all_areas]
            if firsts:
                out.evidence["grades"] = _sentence(article, mentions[firsts[0]].sentence)
            elif "judgement" in out.evidence:
                out.evidence["grades"] = out.evidence["judgement"]
        if out.post_reform and not out.grades and _post_reform_by_date_only(article):
            # Dated after the reform but naming no area grade: "rated inadequate" is all the
            # reader is told, and dropping it would hide the story from those who filter on it.
            out.post_reform = False
            out.judgement, evidence = stated
            if evidence is not None:
                out.evidence["judgement"] = evidence
        _overall_from_areas(out)
    _same_as_before(article, out)
    return out


def _same_as_before(article: Article, out: GradedOutcome) -> None:
    """ "The same rating the council received at its previous inspection", "good for the
    second inspection running": the grade before was this one."""
    if out.previous is not None:
        return
    now = out.judgement
    if now is None and out.post_reform and len(set(out.grades.values())) == 1:
        now = next(iter(out.grades.values()))  # "the same grades the Island received in 2023"
    if now is None:
        return
    for sentence, _match in search_sentences(article, _SAME_AS_BEFORE, _SAME_WORDS):
        if not sentence.quoted:
            out.previous = now
            out.evidence["previous_judgement"] = sentence.text
            return


def _overall_from_areas(out: GradedOutcome) -> None:
    """No overall grade stated, but help and protection, care and leadership all given the
    same grade: that is the overall grade (the judgement cannot differ from all three)."""
    if out.judgement is not None or out.post_reform:
        return
    grades = out.grades
    care = grades.get(GradeKey.CHILDREN_IN_CARE.value) or grades.get(
        GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS.value
    )
    values = {
        grades.get(GradeKey.HELP_AND_PROTECTION.value),
        grades.get(GradeKey.IMPACT_OF_LEADERS.value),
        care,
    }
    if len(values) == 1 and None not in values:
        value = values.pop()
        assert value is not None
        out.judgement = value
        out.grades[GradeKey.OVERALL_EFFECTIVENESS.value] = value
        out.evidence["judgement"] = out.evidence.get("grades", "")


def _usable(m: GradeMention, kind: str, signals: Signals) -> bool:
    if not m.rating or m.negated:
        return False
    if m.older_scale and kind != InspectionType.OLDER:
        return False
    if m.sentence >= 0 and signals.in_any(_OTHER_SUBJECT, m.sentence):
        return signals.in_sentence("childrens_services", m.sentence)
    if m.sentence < 0 and any(f in signals.title for f in _OTHER_SUBJECT):
        return "childrens_services" in signals.title
    return True


def _is_overall(i: int, areas: AreaReading) -> bool:
    keys = areas.areas.get(i, [])
    return not keys or "overall_effectiveness" in keys or i in areas.all_areas


def _weight(i: int, m: GradeMention, areas: AreaReading, article: Article) -> float:
    weight = 1.0
    if m.sentence < 0:
        weight += 2.0
    elif article.in_lead(m.sentence, 3):
        weight += 0.5
    if "overall_effectiveness" in areas.areas.get(i, []) or i in areas.all_areas:
        weight += 2.0
    if m.time in {"now", "steady"}:
        weight += 1.0
    if _INFERRED_RI.search(m.text.lower()):
        weight -= 0.5
    return weight


def _choose(
    candidates: list[int], mentions: list[GradeMention], areas: AreaReading, article: Article
) -> tuple[str | None, int | None]:
    """The best-supported overall grade, or None when two grades compete closely."""
    totals: dict[str, float] = {}
    best_source: dict[str, tuple[float, int]] = {}
    for i in candidates:
        m = mentions[i]
        w = _weight(i, m, areas, article)
        totals[m.value] = totals.get(m.value, 0.0) + w
        if m.value not in best_source or w > best_source[m.value][0]:
            best_source[m.value] = (w, i)
    if not totals:
        return None, None
    ranked = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)
    value, score = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= 0.75 * score and best_source[value][0] < 3.0:
        return None, None
    return value, best_source[value][1]


def _previous(
    article: Article, mentions: list[GradeMention], usable: list[int], now: str | None
) -> tuple[str | None, int | None]:
    """The grade before this inspection: the most recent earlier grade the text states."""
    earlier = [mentions[i] for i in usable if mentions[i].time == "before" or mentions[i].no_longer]
    dated = [m for m in earlier if m.year]
    if dated:
        best = max(dated, key=lambda m: (m.year or 0, m.start))
        return best.value, best.sentence
    for old, new, index in transitions(article):
        if now is None or new == now:
            return old, index
    if earlier:
        return earlier[0].value, earlier[0].sentence
    steady = [
        mentions[i]
        for i in usable
        if mentions[i].time == "steady" and (mentions[i].value == now or now is None)
    ]
    if steady and len({m.value for m in steady}) == 1:
        return steady[0].value, steady[0].sentence
    return None, None


def _post_reform(article: Article) -> bool:
    """ILACS inspected from April 2026 carry no overall effectiveness grade."""
    if "post_reform" not in article.memo:
        article.memo["post_reform"] = _reads_post_reform(article)
    return bool(article.memo["post_reform"])


def _post_reform_by_date_only(article: Article) -> bool:
    return article.memo.get("post_reform") == "dated"


def _reads_post_reform(article: Article) -> str:
    """ "stated" when the text says there is no overall grade, "dated" when only the dates
    put the inspection after the reform, "" otherwise."""
    text = article.lower + " " + article.title.lower()
    if "overall" in text:
        for match in _NO_OVERALL.finditer(text):
            if not _COMING.search(text[max(0, match.start() - 70) : match.start()]):
                return "stated"  # not "weeks before changes that mean councils no longer ..."
        if _OVERALL_GRADED.search(text):
            return ""  # inspected before April, published after: the old report shape
    published = article.published
    inspected = _inspection_months(article)
    if published is not None:
        if (published.year, published.month) < (2026, 5):
            return ""
        # Only dates close before publication are this inspection ("last inspected in 2022" is not).
        inspected = [
            (month, year)
            for month, year in inspected
            if 0 <= (published.year - year) * 12 + published.month - month <= 9
        ]
        inspected += [(m, published.year) for m in _undated_inspection_months(article, published)]
        if inspected and all((year, month) < (2026, 4) for month, year in inspected):
            return ""
        return "dated"
    if not article.years or max(article.years) < 2026:
        return ""
    return "dated" if any((year, month) >= (2026, 4) for month, year in inspected) else ""


def _undated_inspection_months(article: Article, published: date) -> list[int]:
    """ "Following an inspection in February" in a May story: that February."""
    months = []
    for match in _UNDATED_INSPECTION.finditer(article.lower):
        month = _MONTHS.index(match.group("month")[:3]) + 1
        if month <= published.month:
            months.append(month)
    return months


def _inspection_months(article: Article) -> list[tuple[int, int]]:
    """(month, year) of dates written next to an inspection ("inspected in June 2026")."""
    found = []
    for match in _DATED_INSPECTION.finditer(article.lower):
        month = _MONTHS.index(match.group("month")[:3]) + 1
        found.append((month, int(match.group("year"))))
    return found


def framework_keys(
    kind: str, article: Article, post_reform: bool, split_care: bool = False
) -> tuple[list[str], bool]:
    """The grade keys of the framework in force, and whether care is one combined judgement."""
    if kind == InspectionType.SIF:
        keys = [
            GradeKey.OVERALL_EFFECTIVENESS,
            GradeKey.HELP_AND_PROTECTION,
            GradeKey.CHILDREN_IN_CARE,
            GradeKey.CARE_LEAVERS,
            GradeKey.IMPACT_OF_LEADERS,
        ]
        return [k.value for k in keys], False
    combined = not (post_reform or split_care) and _combined_care(article)
    keys = [
        GradeKey.OVERALL_EFFECTIVENESS,
        GradeKey.IMPACT_OF_LEADERS,
        GradeKey.HELP_AND_PROTECTION,
    ]
    keys += (
        [GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS]
        if combined
        else [GradeKey.CHILDREN_IN_CARE, GradeKey.CARE_LEAVERS]
    )
    if post_reform:
        keys = keys[1:]
    return [k.value for k in keys], combined


def _combined_care(article: Article) -> bool:
    """2018-2022 ILACS judged children in care and care leavers together."""
    if "combined_care" not in article.memo:
        article.memo["combined_care"] = _reads_combined_care(article)
    return bool(article.memo["combined_care"])


def _reads_combined_care(article: Article) -> bool:
    lower = article.lower
    if _has(lower, _FIVE_AREAS, "five", "new judg", "progress of care leavers"):
        return False
    if _has(lower, _FOUR_AREAS, "four", " 4 "):
        return True
    if article.published is not None:
        return article.published.year <= 2022
    if _has(lower + " " + article.title.lower(), _COMBINED, "and care leavers"):
        return True
    return article.event_year is not None and article.event_year <= 2022


def _grades(
    article: Article,
    kind: str,
    mentions: list[GradeMention],
    current: list[int],
    areas: AreaReading,
    out: GradedOutcome,
    explicit_overall: bool,
) -> dict[str, str]:
    keys, combined = framework_keys(
        kind, article, out.post_reform, _care_graded_apart(article, mentions, current, areas)
    )
    grades: dict[str, str] = {}
    for i in current:
        if i in areas.all_areas and mentions[i].value in _GRADES:
            for key in keys:
                grades.setdefault(key, mentions[i].value)
    explicit: dict[str, str] = {}
    for i in current:
        for area in areas.areas.get(i, []):
            for key in _map_area(area, kind, combined):
                if key in keys:
                    explicit.setdefault(key, mentions[i].value)
    grades.update(explicit)
    if out.judgement in _GRADES and explicit_overall and not out.post_reform:
        grades[GradeKey.OVERALL_EFFECTIVENESS.value] = out.judgement
    elif GradeKey.OVERALL_EFFECTIVENESS.value in grades and out.judgement is None:
        del grades[GradeKey.OVERALL_EFFECTIVENESS.value]
    return grades


def _care_graded_apart(
    article: Article, mentions: list[GradeMention], current: list[int], areas: AreaReading
) -> bool:
    """Care leavers graded on their own: two different grades for children in care and care
    leavers cannot be one combined judgement, and on a page from 2023 on (or undated) care
    leavers named apart from children in care are the newer framework's fifth judgement."""
    care = {mentions[i].value for i in current if "children_in_care" in areas.areas.get(i, [])}
    leavers = {mentions[i].value for i in current if "care_leavers" in areas.areas.get(i, [])}
    if care and leavers and care != leavers:
        return True
    published = article.published
    if not leavers or (published is not None and published.year <= 2022):
        return False
    # (an estimate of 2022 is usually a lower bound: "previous inspection in November 2021")
    return article.event_year is None or article.event_year >= 2022


def _map_area(area: str, kind: str, combined: bool) -> list[str]:
    if area == "adoption":
        return []
    both = GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS.value
    if kind == InspectionType.ILACS and combined and area in {"children_in_care", "care_leavers"}:
        return [both]
    if area == both and not combined:
        return [GradeKey.CHILDREN_IN_CARE.value, GradeKey.CARE_LEAVERS.value]
    return [area]


def _has(text: str, pattern: re.Pattern[str], *words: str) -> bool:
    """pattern.search, skipped when none of the literal words it needs is there (speed)."""
    return any(w in text for w in words) and pattern.search(text) is not None


def _sentence(article: Article, index: int) -> str:
    return article.title if index < 0 else article.sentences[index].text
