"""Which inspection an article reports: a full inspection (and under which framework),
a visit, a joint targeted inspection, or one of the area SEND inspections.

A type named in the headline or the opening lines wins; a visit mentioned in
passing ("following a monitoring visit in March") does not make a full
inspection into a visit, and a revisit that "will" happen is not the one
reported. Without a name, the shape decides: a short visit reported through a
letter or as progress is a visit; progress against earlier weaknesses is a SEND
revisit (2016 framework) or monitoring inspection (2023 framework); a graded
inspection's framework follows its date and its judgement headings (SIF reports
grade adoption; from 2018 it is ILACS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from config.vocabulary import InspectionType, Judgement
from crawler.classify.cues import FAMILIES, Signals
from crawler.classify.joint import joint_inspection
from crawler.classify.send import current_outcome_2023
from crawler.classify.text import Article, search_sentences

_FUTURE_HEAD = re.compile(
    r"(?<![a-z0-9])(?:will|would|due to|expected to|going to|plans? to|ahead of|"
    r"before the|next)\b[^.]{0,60}$"
)
# "Monitoring visits by Ofsted will continue": what comes next, not what is reported.
_FUTURE_TAIL = re.compile(
    r"(?:\W+\w+){0,3}?\W+(?:will|would|are due|is due|are expected|is expected|are set|"
    r"is set|to (?:continue|follow|resume|begin|start))\b"
)
_PAST_HEAD = re.compile(
    r"(?<![a-z0-9])(?:follows?|followed|following|after|since|previous|last|earlier|"
    r"in (?:19|20)\d\d|and (?:a|at) |at a )\b[^.]{0,50}$"
)
# A statement of action from an earlier inspection, recalled in a 2023-framework report.
_EARLIER_FRAMEWORK = re.compile(
    r"previous (?:framework|inspection|system|regime)|old (?:framework|system|regime)|"
    r"\bin (?:201\d|202[0-2])\b|(?:was|were) (?:ordered|required|told|asked)|\bhad (?:to|been)\b|"
    r"back in|years? (?:ago|earlier|before)|last (?:inspection|time|inspected)|"
    r"(?:first|earlier|initial) inspection"
)
_REVISIT_WORD = re.compile(r"\bre-?visit")
# Adoption given its own grade (SIF reports graded it): "adoption ... was judged good",
# "good for adoption"; not "still good, though adoptions should be speedier".
_ADOPTION_GRADED = re.compile(
    r"adoption\b[^.;]{0,80}?\b(?:rated|rating|graded|judged|found to be|was|were|is|are)\b"
    r"[^.;]{0,20}?['\"]?(?:good|outstanding|inadequate|requires? improvement|adequate)|"
    r"(?:good|outstanding|inadequate|requires? improvement)['\"]?(?:\s+(?:rating|grade|"
    r"judgement))?\s+(?:for|in)\s+(?:its\s+|the\s+)?adoption\b|"
    r"adoption(?: performance| services?)?\W{1,4}(?:good|outstanding|inadequate|requires? "
    r"improvement)\b"
)
# The local safeguarding children board was reviewed by the SIF, but existed from 2006 to
# 2019: alone it does not tell the SIF from the older regimes.
_LSCB = re.compile(r"local safeguarding children'?s? board|\blscb\b")
_NEW_FRAMEWORK = re.compile(
    r"new (?:ofsted )?(?:inspection )?framework|\bilacs\b|"
    r"\b(?:four|4) (?:key |separate )?(?:areas|judgements)"
)
# Judgement headings used from the single inspection framework (2013) on.
_MODERN_AREA_WORDS = (
    "help and protection",
    "care leavers",
    "impact of leaders",
    "leadership, management and governance",
)
_FULL_DUE = re.compile(
    r"full [^.]{0,60}?inspection (?:is )?(?:due|expected)|next full inspection "
    r"(?:is )?(?:due|expected)"
)
_VISIT_WORDS = re.compile(
    r"\bvisits?\b|\bvisited\b|inspectors? (?:have )?returned|"
    r"inspected on \d|\btwo-day\b|\b(?:two|2) days\b"
)
_VISIT_PROGRESS = re.compile(
    r"(?:made|make|makes|making|shows?|showing|signs of|lack of|little|no|slow|limited|"
    r"insufficient|sufficient)\s+(?:some |good |significant |slow |real |further |enough )?"
    r"progress|(?<![a-z])see(?:s)? improvement|not good enough|cannot (?:be )?(?:ensure|assured)|"
    r"f(?:ou|i)nds? (?:some |significant |clear |real )?improvements?"
)
_PROGRESS = re.compile(
    r"sufficient progress|(?:some|little|no|insufficient|slow|good) progress (?:had|has|have) "
    r"been made|taking ['\"]?effective action|improvements? (?:had|have) been made in relation "
    r"to|(?:areas?|five|four|three|two) of (?:significant )?weakness[^.]{0,80}progress|"
    r"weaknesses (?:had|have) been addressed|largely on the right track|since the (?:previous|"
    r"initial|last) inspection[^.]{0,40}progress|progress[^.]{0,60}since the (?:previous|"
    r"initial|last) inspection"
)


_VISIT_WORD_STARTS = ("visit", "returned", "inspected on", "two-day", "two days", "2 days")
_PROGRESS_WORDS = (
    "progress",
    "effective action",
    "improvement",
    "priority action",
    "weakness",
    "right track",
)
_VISIT_PROGRESS_WORDS = ("progress", "improvement", "good enough", "ensure", "assured")


_VISIT_KINDS = {
    "jtai": InspectionType.JTAI,
    "focused_visit": InspectionType.FOCUSED_VISIT,
    "monitoring_visit": InspectionType.MONITORING_VISIT,
}


@dataclass(frozen=True, slots=True)
class KindReading:
    kind: str
    evidence: str
    send_topic: bool
    framework_2023: bool


def read_kind(
    article: Article,
    signals: Signals,
    grade_strength: float,
    standing_inadequate: bool,
    latest_entry: tuple[str, str] | None = None,
) -> KindReading:
    """The inspection type and the sentence that names or implies it.

    `grade_strength` is how strongly the article states a current overall grade
    (0 when it states none); `standing_inadequate` whether the council's grade
    before this event was inadequate (which makes an unnamed visit a monitoring visit).
    `latest_entry` is, on a page listing several past inspections, the latest one's
    family (a visit's, or "graded") and sentence: the type is that entry's.
    """
    send = _is_send(signals)
    year = _event_year(article)
    framework_2023 = send and _send_2023(article, signals, year)
    if latest_entry is not None:
        family, evidence = latest_entry
        if family in _VISIT_KINDS:
            return KindReading(_VISIT_KINDS[family], evidence, send, False)
        if send:
            return _send_kind(article, signals, framework_2023)
        return _graded_kind(article, signals, year)
    if joint_inspection(article, signals):
        evidence = _first_family_sentence(article, signals, ("jtai", "joint_agencies"))
        return KindReading(InspectionType.JTAI, evidence, send, False)
    if send:
        return _send_kind(article, signals, framework_2023)
    visit = _visit_kind(article, signals, grade_strength, standing_inadequate)
    if visit:
        return visit
    return _graded_kind(article, signals, year)


def _is_send(signals: Signals) -> bool:
    """SEND arrangements rather than social care: the topic words, WSOAs, Ofsted with the CQC."""
    send = 3 * ("send" in signals.title) + 2 * ("send" in signals.url) + signals.count("send")
    send += 2 * (signals.count("wsoa") + signals.count("significant_weakness"))
    send += signals.count("send2023") + signals.count("icb")
    if signals.has("cqc") and signals.has("ofsted") and not signals.has("joint_agencies"):
        send += 2
    services = (
        3 * ("childrens_services" in signals.title)
        + 2 * ("childrens_services" in signals.url)
        + signals.count("childrens_services")
    )
    return send > services and send >= 3


def _send_2023(article: Article, signals: Signals, year: int | None) -> bool:
    """The 2023 framework: its monitoring inspections and outcome words, unless the 2016
    framework's written statements of action outnumber them (a statement of action
    recalled from an earlier inspection does not count)."""
    if signals.has("monitoring_inspection"):
        return True
    old = sum(
        1
        for i in dict.fromkeys(
            signals.sentences("wsoa") + signals.sentences("significant_weakness")
        )
        if not _EARLIER_FRAMEWORK.search(article.sentences[i].text.lower())
    )
    progress = len(signals.sentences("revisit")) + sum(
        1 for s in article.sentences if "sufficient progress" in s.text.lower()
    )
    old += progress  # revisits judged progress against the 2016 framework's weaknesses
    new = signals.count("send2023") + 0.5 * signals.count("icb")
    if old > new:
        return False
    if article.published is not None:
        return article.published.year >= 2023
    if new and not old:
        return True  # only the new framework's words; an estimated year is a lower bound
    if year is not None:
        return year >= 2023
    return new > 0


def _send_kind(article: Article, signals: Signals, framework_2023: bool) -> KindReading:
    monitoring = _hits(article, signals, "monitoring_inspection") or (
        _hits(article, signals, "monitoring_visit") if framework_2023 else []
    )
    if monitoring:
        return KindReading(InspectionType.SEND_MONITORING, monitoring[0][0], True, True)
    # The 2023 framework has no revisits: inspectors who "returned" carried out a monitoring
    # inspection (progress reported) or a new full inspection.
    revisit = _hits(article, signals, "revisit")
    if framework_2023:
        revisit = [(text, past) for text, past in revisit if _REVISIT_WORD.search(text.lower())]
    progress = _progress_sentence(article)
    revisited = bool(revisit) and not (progress is None and _only_future(article, signals))
    if revisited or progress:
        # One of the 2023 framework's outcomes given now is a full inspection's result,
        # whatever progress the article also recalls ("progress since the last inspection in
        # 2018"); systemic failings only when no progress is reported (monitoring recalls them).
        outcome, sentence = current_outcome_2023(article)
        if sentence is not None and (
            outcome != Judgement.SEND_SYSTEMIC_FAILINGS or progress is None
        ):
            return KindReading(InspectionType.SEND_AREA, sentence, True, True)
    if revisited:
        return KindReading(InspectionType.SEND_REVISIT, revisit[0][0], True, False)
    if progress and framework_2023:
        return KindReading(InspectionType.SEND_MONITORING, progress, True, True)
    if progress:
        return KindReading(InspectionType.SEND_REVISIT, progress, True, False)
    evidence = _first_family_sentence(article, signals, ("send", "wsoa"))
    return KindReading(InspectionType.SEND_AREA, evidence, True, framework_2023)


def _progress_sentence(article: Article) -> str | None:
    """Progress against earlier weaknesses or priority actions: a revisit or monitoring
    (not "a revisit will later check for sufficient progress")."""
    for sentence, match in search_sentences(article, _PROGRESS, _PROGRESS_WORDS):
        if not _FUTURE_HEAD.search(article.lower[sentence.start : match.start()]):
            return sentence.text
    return None


def _only_future(article: Article, signals: Signals) -> bool:
    """Some revisit mentioned is still to happen ('will carry out a re-visit'); the caller
    has found no progress reported."""
    for index in dict.fromkeys(signals.sentences("revisit")):
        lower = article.sentences[index].text.lower()
        match = FAMILIES["revisit"].search(lower)
        if match and _FUTURE_HEAD.search(lower[: match.start()]):
            return True
    return False


def _visit_kind(
    article: Article, signals: Signals, grade_strength: float, standing_inadequate: bool
) -> KindReading | None:
    """A visit, named or not, unless a full inspection's grade is clearly the news."""
    strong_grade = grade_strength >= 3.0
    for family, kind in (
        ("monitoring_visit", InspectionType.MONITORING_VISIT),
        ("focused_visit", InspectionType.FOCUSED_VISIT),
    ):
        hits = _hits(article, signals, family, keep_past=True)
        if not hits:
            continue
        prominent = (
            family in signals.title
            or family in signals.url
            or any(article.in_lead(i) for i in signals.sentences(family))
        )
        current = not hits[0][1]
        if (prominent and current) or not grade_strength or (current and not strong_grade):
            return KindReading(kind, hits[0][0], False, False)
    if strong_grade or signals.has("older"):
        return None  # (the older regimes' unannounced inspections were short visits too)
    unnamed = _unnamed_visit(article)
    if unnamed:
        kind = (
            InspectionType.MONITORING_VISIT if standing_inadequate else InspectionType.FOCUSED_VISIT
        )
        return KindReading(kind, unnamed, False, False)
    return None


def _unnamed_visit(article: Article) -> str | None:
    """A short visit described but not named: a letter, a return, progress as the news,
    or a full inspection said to be still to come."""
    title = article.title.lower()
    lower = article.lower
    visit = _VISIT_WORDS.search(lower) if any(w in lower for w in _VISIT_WORD_STARTS) else None
    in_title = _VISIT_WORDS.search(title)
    progress = _VISIT_PROGRESS.search(title) or any(
        s.rank < 5 for s, _ in search_sentences(article, _VISIT_PROGRESS, _VISIT_PROGRESS_WORDS)
    )
    letter = "letter" in lower and re.search(r"\bletter\b", lower)
    if in_title and (progress or letter):
        return article.title
    if visit and (progress or letter):
        return article.sentence_at(visit.start()).text
    due = _FULL_DUE.search(article.lower) if "full" in article.lower else None
    return article.sentence_at(due.start()).text if due else None


def _graded_kind(article: Article, signals: Signals, year: int | None) -> KindReading:
    lower = article.lower
    adoption = "adoption" in lower and _ADOPTION_GRADED.search(lower)
    sif_all = [h for h, _ in _hits(article, signals, "sif")]
    sif = [h for h in sif_all if not _LSCB.search(h.lower())] or (
        [_first_sentence(article, _ADOPTION_GRADED)] if adoption else []
    )
    older = [h for h, _ in _hits(article, signals, "older")]
    framework = ("framework" in lower or "ilacs" in lower or "four" in lower) and bool(
        _NEW_FRAMEWORK.search(lower)
    )
    ilacs = [h for h, _ in _hits(article, signals, "ilacs")] or (
        [_first_sentence(article, _NEW_FRAMEWORK)] if framework else []
    )
    modern_areas = any(w in lower for w in _MODERN_AREA_WORDS)
    # Both frameworks' words: the SIF ended in 2018, so a later date settles it.
    if ilacs and (not sif or (year is not None and year >= 2019)):
        return KindReading(InspectionType.ILACS, ilacs[0], False, False)
    if sif and (year is None or year >= 2013 or modern_areas):
        return KindReading(InspectionType.SIF, sif[0], False, False)
    if sif_all and not older and (year is None or year >= 2013 or modern_areas):
        return KindReading(InspectionType.SIF, sif_all[0], False, False)
    if older or (year is not None and year <= 2012 and not modern_areas):
        evidence = older[0] if older else _first_family_sentence(article, signals, ("ofsted",))
        return KindReading(InspectionType.OLDER, evidence, False, False)
    evidence = _first_family_sentence(article, signals, ("ofsted", "inspect"))
    # A year known only as "after the previous inspection in 2016" is a floor: inspections
    # come years apart, so the story is likelier a cycle on (ILACS from 2018).
    if article.event_year_floor and year is not None:
        year += 1
    if year is not None and year <= 2017:
        return KindReading(InspectionType.SIF, evidence, False, False)
    return KindReading(InspectionType.ILACS, evidence, False, False)


def _hits(
    article: Article, signals: Signals, family: str, keep_past: bool = False
) -> list[tuple[str, bool]]:
    """Sentences naming the family, each with whether it only recalls a past event.

    Future mentions ('will carry out') are dropped; past ones ('follows a
    monitoring visit in March') too, unless `keep_past`. Current ones come first."""
    found: list[tuple[str, bool]] = []
    if family in signals.title:
        found.append((article.title, False))
    for index in dict.fromkeys(signals.sentences(family)):
        sentence = article.sentences[index]
        lower = sentence.text.lower()
        match = FAMILIES[family].search(lower)
        head = lower[: match.start()] if match else lower
        tail = lower[match.end() : match.end() + 40] if match else ""
        if _FUTURE_HEAD.search(head) or _FUTURE_TAIL.match(tail):
            continue
        past = family != "revisit" and bool(_PAST_HEAD.search(head))
        if past and not keep_past:
            continue
        found.append((sentence.text, past))
    if not found and family in signals.url:
        found.append((article.title or article.url_words, False))
    found.sort(key=lambda item: item[1])
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
    return article.event_year
