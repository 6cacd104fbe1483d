"""Find every Ofsted grade an article states, and read each one like a reporter would.

For each grade word ("inadequate", "requires improvement", "'Good'", "top
rating") we decide: is it a rating at all ("good practice" is not), is it
negated or hedged ("not inadequate", "could be rated inadequate", "fears it
will be"), does it describe this inspection or an earlier one ("was judged
inadequate in 2019", "up from requires improvement", "remains inadequate"), and
which judgement area it grades (overall, help and protection, children in care,
care leavers, leaders, or adoption, which has no key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.classify.framing import (
    DATED,
    clause,
    is_rating,
    labels_council,
    negated,
    no_longer,
    plain_good,
)
from crawler.classify.text import Article
from crawler.classify.timing import NOW, near_after, time_of, year_of

_RATING_NOUN = r"(?:\s+possible)?(?:\s+ofsted)?\s+(?:rating|grade|judge?ment)"
GRADE_WORDS = re.compile(
    r"(?<![a-z0-9])(?:"
    r"(?P<ri>requir(?:es?|ed|ing)\s+(?:an?\s+|some\s+|further\s+)?improvement"
    r"(?:(?:\s+in\s+order)?\s+to\s+(?:be|reach|achieve|become|get)\s+(?:an?\s+)?['\"]?good"
    r"(?:['\"]?\s+rating)?)?|not\s+yet\s+(?:delivering\s+)?good)"
    r"|(?P<inadequate>inadequa(?:te|cy))"
    r"|(?P<outstanding>outstanding)"
    r"|(?P<good>good)"
    r"|(?P<adequate>adequate(?:ly)?)"
    r"|(?P<perf>perform(?:s|ing|ed)?\s+['\"]?(?:excellently|well|adequately|poorly))"
    r"|(?P<second_low>second[- ](?:lowest|worst)" + _RATING_NOUN + ")"
    r"|(?P<second_high>second[- ](?:highest|best)" + _RATING_NOUN + ")"
    r"|(?P<lowest>(?:lowest|worst)"
    + _RATING_NOUN
    + "|bottom of (?:the |its |ofsted'?s? )?(?:scale|"
    r"ratings?|grades?|grading|rankings?)|bottom (?:rung|grade|rating))"
    r"|(?P<top>(?:top|highest|best)" + _RATING_NOUN + ")"
    r")\b"
)
# Literal starts of the grade phrases: a fast first pass finds where to try GRADE_WORDS.
_GRADE_START = re.compile(
    r"(?<![a-z0-9])(?:requir|not yet|inadequa|outstanding|good|adequate|perform|second[- ]|"
    r"lowest |worst |top |highest |best |bottom )"
)
# "good practice", "good work": an adjective before a noun, dropped before any reading.
_VALUE = {
    "ri": "requires_improvement",
    "inadequate": "inadequate",
    "outstanding": "outstanding",
    "good": "good",
    "second_low": "requires_improvement",
    "second_high": "good",
    "lowest": "inadequate",
    "top": "outstanding",
}
_PERF = {
    "excellently": "outstanding",
    "well": "good",
    "adequately": "requires_improvement",
    "poorly": "inadequate",
}


# A clause ends at these; cues are only read inside the grade's own clause.
@dataclass(slots=True)
class GradeMention:
    value: str  # a Judgement value
    sentence: int  # -1 for the title
    start: int  # offset in the body (or the title)
    end: int
    text: str
    rating: bool  # used as a grade, not as a plain adjective
    negated: bool  # negated or hedged: never a finding
    no_longer: bool  # "no longer inadequate": the previous grade
    time: str  # "now", "before", "steady" (now and before) or "unknown"
    year: int | None
    older_scale: bool  # "adequate", "performs well": pre-2013 bands


def find_grades(article: Article, starts: list[int] | None = None) -> list[GradeMention]:
    """Grade mentions in the title and the body, in reading order (title first).

    `starts` are body offsets where a grade word may begin, when a scan already found
    them (cues' "grade_word" family); otherwise the body is scanned here."""
    mentions = _scan(article.title, article, True, None)
    mentions += _scan(article.body, article, False, starts)
    return _apply_transitions(article, mentions)


def _apply_transitions(article: Article, mentions: list[GradeMention]) -> list[GradeMention]:
    """In 'from inadequate to good' the first grade is the earlier one, the second is now.

    Only sentences with two grade words can hold a transition, so only they are read."""
    per_sentence: dict[int, int] = {}
    for m in mentions:
        per_sentence[m.sentence] = per_sentence.get(m.sentence, 0) + 1
    spans: dict[tuple[int, int], str] = {}
    found: list[tuple[str, str, int]] = []
    for index, count in per_sentence.items():
        if count < 2:
            continue
        text, start, end = _sentence_span(article, index)
        for match in (
            *TRANSITION.finditer(text, start, end),
            *TRANSITION_BACK.finditer(text, start, end),
        ):
            where = -1 if index < 0 else 0
            spans[(where, match.start("old"))] = "before"
            spans[(where, match.start("new"))] = "now"
            old, new = _plain(match.group("old")), _plain(match.group("new"))
            if old != new:
                found.append((old, new, index))
    article.memo["transitions"] = found
    if not spans:
        return mentions
    for m in mentions:
        time = spans.get((-1 if m.sentence < 0 else 0, m.start))
        if time:
            m.time, m.rating = time, True
    return mentions


def _scan(
    text: str, article: Article, is_title: bool, starts: list[int] | None
) -> list[GradeMention]:
    lower = article.lower if not is_title else text.lower()
    found: list[GradeMention] = []
    resume = 0
    if starts is None:
        starts = [m.start() for m in _GRADE_START.finditer(lower)]
    for position in starts:
        if position < resume:
            continue
        match = GRADE_WORDS.match(lower, position)
        if match is None or plain_good(text, lower, match):
            continue
        resume = match.end()
        mention = _read_mention(text, lower, match, article, is_title)
        if mention is not None:
            found.append(mention)
    return found


def _read_mention(
    text: str, lower: str, match: re.Match[str], article: Article, is_title: bool
) -> GradeMention | None:
    """One grade word, read in its clause (only a real grade is read for time and hedges)."""
    kind = match.lastgroup or ""
    value, older = _value(kind, match.group(0))
    if value is None:
        return None
    if is_title:
        sentence_index, s_start, s_end = -1, 0, len(text)
    else:
        sentence = article.sentence_at(match.start())
        sentence_index, s_start, s_end = sentence.index, sentence.start, sentence.end
    clause_start, clause_end = clause(lower, s_start, s_end, match.start(), match.end())
    for earlier in GRADE_WORDS.finditer(lower, clause_start, match.start()):
        # "last rated good in 2016, now judged outstanding": the year is the earlier grade's
        dated = DATED.match(lower, earlier.end(), match.start())
        clause_start = dated.end() if dated else earlier.end()
    before = lower[clause_start : match.start()]
    after = lower[match.end() : clause_end]
    opening = not lower[s_start : match.start()].strip(" '\"*-\t\n0123456789.")
    rating = is_rating(text, match, (before, after), kind, is_title, opening)
    mention = GradeMention(
        value,
        sentence_index,
        match.start(),
        match.end(),
        text[match.start() : match.end()],
        rating,
        False,
        False,
        "unknown",
        None,
        older,
    )
    if rating:
        head = lower[s_start : match.start()]
        mention.negated = negated(before[-80:], after)
        mention.no_longer = no_longer(before)
        mention.time = (
            "before"
            if labels_council(text, match.end(), is_title)
            else time_of(before[-90:], after[:45], article, sentence_index, head)
        )
        mention.year = year_of(before[-90:] + " " + near_after(after)) or (
            None if NOW.search(before) else year_of(head)
        )
    return mention


def _value(kind: str, text: str) -> tuple[str | None, bool]:
    if kind == "perf":
        return _PERF[text.split()[-1].strip("'\"")], True
    if kind == "adequate":
        return "requires_improvement", True
    return _VALUE.get(kind), False


TRANSITION = re.compile(
    r"(?:from\s+(?:being\s+)?(?:rated\s+|judged\s+)?(?:an?\s+|the\s+|its\s+)?)?['\"]?"
    r"(?P<old>inadequate|requires? improvement|good|outstanding)['\"]?"
    r"(?:\s+(?:ofsted\s+)?(?:rating|grade|judgement))?\s+(?:to|into)\s+(?:being\s+)?"
    r"(?:rated\s+|judged\s+)?(?:an?\s+)?['\"]?(?P<new>inadequate|requires? improvement|good|"
    r"outstanding)\b"
)
# "... lowered to requires improvement, from good": the new grade first, the old after it.
TRANSITION_BACK = re.compile(
    r"\bto\s+(?:being\s+)?(?:rated\s+|judged\s+)?['\"]?(?P<new>inadequate|requires? improvement|"
    r"good|outstanding)['\"]?(?:\s+to\s+be\s+good)?,?\s+(?:down\s+|up\s+)?from\s+(?:an?\s+|the\s+|"
    r"its\s+)?['\"]?(?P<old>inadequate|requires? improvement|good|outstanding)\b"
)


def transitions(article: Article) -> list[tuple[str, str, int]]:
    """'from inadequate to good', "spun its 'Inadequate' rating to 'Good'": (old, new, sentence).

    Read by find_grades, which must have run on the article first."""
    if "transitions" not in article.memo:
        find_grades(article)
    found = article.memo["transitions"]
    assert isinstance(found, list)
    return found


def _sentence_span(article: Article, index: int) -> tuple[str, int, int]:
    if index < 0:
        return article.title.lower(), 0, len(article.title)
    sentence = article.sentences[index]
    return article.lower, sentence.start, sentence.end


def _plain(word: str) -> str:
    return "requires_improvement" if word.startswith("requir") else word
