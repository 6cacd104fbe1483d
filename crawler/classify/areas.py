"""Which judgement area each grade belongs to: overall, help and protection, care, leaders.

Reporters write sub-judgements in three shapes, and all three are read here:
"children who need help and protection - Inadequate" (area, then grade),
"rated good for leadership, child protection and care leavers" (grade, then
areas), and a header with a list ("the following areas were rated inadequate:"
followed by bullet lines). "Good in all areas" stands for every area of the
framework in force, which the caller expands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.classify.grades import GradeMention
from crawler.classify.text import Article

AREA = re.compile(
    r"(?P<children_in_care_and_care_leavers>(?:children in care|children looked after|"
    r"looked[- ]after children) and (?:for )?(?:the )?care leavers|in care and care leavers)"
    r"|(?P<help_and_protection>help and protection|help, protection|(?:child|children) (?:who "
    r"(?:need|needs)|in need of) (?:help(?: and protection)?|protection)|"
    r"child protection(?: work)?|protection of children|children in need)"
    r"|(?P<children_in_care>children in care|child(?:ren)? looked after|looked[- ]after children|"
    r"\"looked after\" children|looked[- ]after|achieving permanence|in care\b)"
    r"|(?P<care_leavers>care leavers?|care-leavers?|leaving care|leave care|care experienced)"
    r"|(?P<impact_of_leaders>impact of leaders|leadership(?:, management and governance)?|"
    r"leaders\b(?= (?:were|was|are|is|have been|had been) (?:also )?(?:judged|rated|graded|"
    r"assessed|found to be))|"
    r"management and governance)"
    # (not "with no single overall grade": the reform, not an area; the look-backs come after
    # the word, so that they are tried only where it is)
    r"|(?P<overall_effectiveness>\boverall\b(?<!no overall)(?<!no single overall)(?<!without an "
    r"overall)(?<!without a single overall)"
    # (nor "since the overall effectiveness grade was scrapped")
    r"(?! (?:effectiveness )?(?:grade|judge?ment|rating)s? (?:was |were |has |have |had )?"
    r"(?:been )?(?:dropped|scrapped|removed|abolished|ended|replaced))(?: effectiveness)?|"
    r"service overall)"
    r"|(?P<adoption>adoption\b|safeguarding (?:children )?board|\blscb\b|safeguarding children "
    r"partnership)"
)
ALL_AREAS = re.compile(
    r"\ball (?:areas|aspects|judgements|judgments|four areas|five areas|categories|of the areas|"
    r"of these areas|the areas|four|five|focus areas)|across the board|in every (?:area|category)|"
    r"each of (?:these|the) (?:four |five )?(?:focus |key )?(?:areas|judge?ments)|clean sweep|"
    r"in (?:four|five) (?:key |separate )?areas|every (?:area|judgement|judgment)|all of these|"
    r"each area|in all"
)
_LINK_AFTER = re.compile(
    r"(?<![a-z0-9])(?:was|were|is|are|be|been|being|rated|judged|graded|labell?ed|described|found|awarded|"
    r"deemed|praised|singled out|both|all|each|now|also|become|remain(?:s|ed)?|stay(?:s|ed)?|"
    r"which)\b|"
    r"[-:|]|"
    r"\bas\W*$"
)
_LINK_BEFORE = re.compile(
    r"(?<![a-z0-9])(?:for|in|including|included|include|includes|areas?|both|namely|along with|"
    r"as well as|together with|"
    r"as (?:were|was|did|are|is|had|has|have|do|does))\b|[-:]"
)
# "... were now good, but help and protection ...": the area opens the next clause.
_NEW_CLAUSE = re.compile(r"(?:,|;|^|\s-) ?(?:but|while|whereas|although|though|however)\b|;")
# "children in care were also good, while care leavers' experiences were found to require
# improvement": a new clause with its own area takes the grade after it.
_CLAUSE_THEN_AREA = re.compile(
    r"(?:[,;] ?|\s)(?:but|while|whereas|although|though|however)\b[^.]*?(?:"
    + re.sub(r"\(\?P<\w+>", "(?:", AREA.pattern)
    + ")"
)
_AREA_ANY = re.compile(re.sub(r"\(\?P<\w+>", "(?:", AREA.pattern))
_CONNECTORS = re.compile(r"(?:[\s,']|\b(?:and|or|of|for|the|both|experiences|progress)\b)*")


def _only_areas(gap: str) -> bool:
    """'children in care and of care leavers require ...': the gap holds only more areas."""
    return _CONNECTORS.fullmatch(_AREA_ANY.sub(" ", gap)) is not None


# "Looking at help and protection, children in care and care leavers, inspectors found that
# services were good": the areas were the inspection's scope, the grade is the finding's.
_FINDING_THAT = re.compile(r"\b(?:found|finds|concluded|concludes|judged|decided|said|says) that\b")
_GRADE_FOR = re.compile(r"['\"]?\s+(?:for|in)\b")
_EXCEPT = re.compile(
    r"\b(?:except|apart from|other than|but|with the exception of|save for|while|whereas|"
    r"however|bar)\b"
)
_MOST_AREAS = re.compile(
    r"\b(?:two|three|four|2|3|4) (?:out )?of (?:the )?(?:three|four|five|3|4|5) (?:key |separate )?"
    r"(?:areas|judge?ments|categories)|"
    # "requires improvement for help and protection and good for the other three (areas)"
    r"\b(?:the )?(?:other|remaining) (?:two |three |four )?(?:key |separate )?(?:areas|"
    r"judge?ments|categories|two|three|four)\b|\bthe rest\b|\ball (?:the )?other (?:areas|"
    r"judge?ments|categories)"
)
_HEADER = re.compile(
    r"(?:following|these|all of these|the below|below) (?:areas?|aspects|judgements)"
    r"|:\s*$"
)


@dataclass(slots=True)
class AreaReading:
    """For each grade mention (by position in the list): its areas, and 'all areas' flags."""

    areas: dict[int, list[str]] = field(default_factory=dict)
    all_areas: set[int] = field(default_factory=set)


def read_areas(article: Article, mentions: list[GradeMention]) -> AreaReading:
    reading = AreaReading()
    by_sentence: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.rating and not m.negated:
            by_sentence.setdefault(m.sentence, []).append(i)
    for index, members in by_sentence.items():
        text, offset = _sentence_text(article, index)
        lower = text.lower()
        for i in members:
            if _every_area(lower, mentions[i].start - offset, mentions[i].end - offset):
                reading.all_areas.add(i)
        _link_in_sentence(lower, offset, members, mentions, reading)
        _inherit_list(article, index, lower, members, mentions, reading)
        _most_areas(lower, offset, members, mentions, reading)
    return reading


def _every_area(lower: str, start: int, end: int) -> bool:
    """ "Good in all areas", "all judgements were good"; but in "all judgements were good
    except care leavers, which requires improvement" the exception's grade is its own."""
    window_start = max(0, start - 70)
    for found in ALL_AREAS.finditer(lower, window_start, end + 60):
        if found.end() <= start and _EXCEPT.search(lower, found.end(), start):
            continue
        return True
    return False


def _most_areas(
    lower: str, offset: int, members: list[int], mentions: list[GradeMention], reading: AreaReading
) -> None:
    """ "Four of the five areas good, with care leavers judged outstanding", "requires
    improvement for help and protection and good for the other three": the grade covers every
    area but the one graded apart in the same sentence (only then is it known which)."""
    if len(members) < 2 or not (
        " of " in lower or "other" in lower or "remaining" in lower or "rest" in lower
    ):
        return
    apart = [i for i in members if reading.areas.get(i)]
    for i in members:
        if i in apart or i in reading.all_areas:
            continue
        near = lower[max(0, mentions[i].start - offset - 50) : mentions[i].end - offset + 30]
        if _MOST_AREAS.search(near) and any(mentions[j].value != mentions[i].value for j in apart):
            reading.all_areas.add(i)


def _sentence_text(article: Article, index: int) -> tuple[str, int]:
    if index < 0:
        return article.title, 0
    sentence = article.sentences[index]
    return article.body[sentence.start : sentence.end], sentence.start


def _link_in_sentence(
    lower: str, offset: int, members: list[int], mentions: list[GradeMention], reading: AreaReading
) -> None:
    """Area before a grade ('care leavers - Inadequate') or after it ('good for leadership')."""
    positions = [(mentions[i].start - offset, mentions[i].end - offset, i) for i in members]
    for area in AREA.finditer(lower):
        key = area.lastgroup or ""
        following = [p for p in positions if p[0] >= area.end()]
        preceding = [p for p in positions if p[1] <= area.start()]
        chosen = None
        if preceding and _GRADE_FOR.match(lower, preceding[-1][1]):
            # "rated outstanding for leaders and for care leavers, and good for ...": areas
            # that follow "grade for" belong to that grade, however far the next grade is.
            gap = lower[preceding[-1][1] : area.start()]
            if _only_areas(gap):
                chosen = preceding[-1][2]
        if chosen is None and following:
            start, _, i = following[0]
            gap = lower[area.end() : start]
            if (
                len(gap) <= 180
                and (
                    _LINK_AFTER.search(gap)
                    or len(gap.strip(" '\"")) <= 3
                    or _only_areas(gap)
                    or _rated_object(lower, area.start(), gap)
                )
                and not _CLAUSE_THEN_AREA.search(gap)
                and not _FINDING_THAT.search(gap)
            ):
                chosen = i
        if chosen is None and preceding:
            _, end, i = preceding[-1]
            gap = lower[end : area.start()]
            if not gap.strip(" '\"") or (  # "outstanding leadership"
                len(gap) <= 160 and _LINK_BEFORE.search(gap) and not _NEW_CLAUSE.search(gap)
            ):
                chosen = i
        if chosen is not None and key not in reading.areas.setdefault(chosen, []):
            reading.areas[chosen].append(key)


# "Ofsted judged the impact of leaders in Wakefield's children's services outstanding": the
# area is the object of the verb, the grade its complement.
_VERB_BEFORE = re.compile(r"\b(?:rated|judged|graded|assessed|deemed|found)\s+(?:the\s+)?$")


def _rated_object(lower: str, start: int, gap: str) -> bool:
    return (
        len(gap) <= 80
        and "," not in gap
        and _AREA_ANY.search(gap) is None
        and _VERB_BEFORE.search(lower, max(0, start - 20), start) is not None
    )


def _inherit_list(
    article: Article,
    index: int,
    lower: str,
    members: list[int],
    mentions: list[GradeMention],
    reading: AreaReading,
) -> None:
    """A header line with one grade, then bullet lines naming areas without a grade."""
    if index < 0 or len(members) != 1 or not _HEADER.search(lower):
        return
    i = members[0]
    graded = {m.sentence for m in mentions}
    for following in article.sentences[index + 1 : index + 8]:
        if following.index in graded:
            break
        found = [a.lastgroup or "" for a in AREA.finditer(following.text.lower())]
        if not found:
            break
        for key in found[:1]:
            if key not in reading.areas.setdefault(i, []):
                reading.areas[i].append(key)
