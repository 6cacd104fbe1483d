"""Judgements as printed in Ofsted reports, mapped onto the DESIGN.md §2 vocabulary.

Each reader returns the value and the text it relied on, so a person can check a stored
judgement against the report without opening the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from config.vocabulary import GradeKey, Judgement

# Longest first, so "requires improvement to be good" wins over "requires improvement" and
# "inadequate" is never read as "adequate".
GRADE_PATTERN = (
    r"(?:requires\s+improvement(?:\s+to\s+be\s+good)?|outstanding|inadequate|adequate|good)"
)
_GRADE_RE = re.compile(GRADE_PATTERN, re.IGNORECASE)


def grade_from_phrase(phrase: str) -> Judgement | None:
    """One of the four grades from its printed wording.

    "Adequate" is the pre-2013 grade 3; the vocabulary has one value for grade 3, so it reads
    as requires_improvement (the evidence keeps the printed word).
    """
    word = " ".join(phrase.lower().split())
    if word.startswith("requires improvement") or word == "adequate":
        return Judgement.REQUIRES_IMPROVEMENT
    return {
        "outstanding": Judgement.OUTSTANDING,
        "good": Judgement.GOOD,
        "inadequate": Judgement.INADEQUATE,
    }.get(word)


def _words(label: str) -> str:
    """A label as a pattern that survives line wraps anywhere between its words."""
    return r"\s+".join(re.escape(word) for word in label.split())


@dataclass(slots=True)
class GradeTable:
    """Grades read from a report's table, with the row text each came from."""

    grades: dict[GradeKey, Judgement] = field(default_factory=dict)
    evidence: dict[GradeKey, str] = field(default_factory=dict)

    def add(self, key: GradeKey, grade: Judgement, text: str) -> None:
        if key not in self.grades:
            self.grades[key] = grade
            self.evidence[key] = " ".join(text.split())


# ILACS rows, from the 2018, 2023 and 2026 tables. The combined 2018–2022 row comes before
# the plain "children in care" row so the longer label is tried first.
ILACS_ROWS: tuple[tuple[GradeKey, str], ...] = (
    (
        GradeKey.IMPACT_OF_LEADERS,
        "The impact of leaders on social work practice with children and families",
    ),
    (
        GradeKey.HELP_AND_PROTECTION,
        "The experiences and progress of children who need help and protection",
    ),
    (
        GradeKey.CHILDREN_IN_CARE_AND_CARE_LEAVERS,
        "The experiences and progress of children in care and care leavers",
    ),
    (GradeKey.CHILDREN_IN_CARE, "The experiences and progress of children in care"),
    (GradeKey.CARE_LEAVERS, "The experiences and progress of care leavers"),
    (GradeKey.OVERALL_EFFECTIVENESS, "Overall effectiveness"),
)
_ILACS_ROW_RES = tuple(
    (key, re.compile(rf"\s*{_words(label)}\s*[:|]?\s*({GRADE_PATTERN})\b", re.IGNORECASE))
    for key, label in ILACS_ROWS
)
_TABLE_HEADER_RE = re.compile(r"\bJudgement\s*\|?\s*Grade\b", re.IGNORECASE)


def read_ilacs_table(text: str) -> GradeTable:
    """The "Judgement | Grade" table: rows read in order from the header until one is not a row.

    Reading row after row, anchored, keeps prose such as "when overall effectiveness was
    judged to be inadequate" (2026 reports, just below the table) out of the grades.
    """
    table = GradeTable()
    header = _TABLE_HEADER_RE.search(text)
    if header is None:
        return table
    position = header.end()
    while True:
        for key, row_re in _ILACS_ROW_RES:
            match = row_re.match(text, position)
            if match is not None:
                grade = grade_from_phrase(match.group(1))
                if grade is not None:
                    table.add(key, grade, match.group(0))
                position = match.end()
                break
        else:
            return table


# Single inspection framework (2013–2018): its own headings, mapped to the nearest §2 key.
# "Adoption performance" has no key and is left out.
SIF_ROWS: tuple[tuple[GradeKey, str], ...] = (
    (GradeKey.HELP_AND_PROTECTION, "Children who need help and protection"),
    (GradeKey.CHILDREN_IN_CARE, "Children looked after and achieving permanence"),
    (GradeKey.CARE_LEAVERS, "Experiences and progress of care leavers"),
    (GradeKey.IMPACT_OF_LEADERS, "Leadership, management and governance"),
)
_SIF_ROW_RES = tuple(
    (
        key,
        re.compile(
            rf"(?:^|\n)[ \t]*(?:\d(?:\.\d)?\.?\s+)?{_words(label)}\s+({GRADE_PATTERN})\b",
            re.IGNORECASE,
        ),
    )
    for key, label in SIF_ROWS
)
_SIF_OVERALL_RE = re.compile(
    rf"overall\s+judgement\s+is\s+(?:that\s+[^.]{{0,80}}?\s+(?:is|are)\s+)?({GRADE_PATTERN})\b",
    re.IGNORECASE,
)


def read_sif_grades(text: str) -> GradeTable:
    """The SIF summary on page 1: "The overall judgement is ..." and the numbered judgements."""
    table = GradeTable()
    overall = _SIF_OVERALL_RE.search(text)
    if overall is not None:
        grade = grade_from_phrase(overall.group(1))
        if grade is not None:
            table.add(GradeKey.OVERALL_EFFECTIVENESS, grade, _sentence_around(text, overall))
    for key, row_re in _SIF_ROW_RES:
        match = row_re.search(text)
        if match is not None:
            grade = grade_from_phrase(match.group(1))
            if grade is not None:
                table.add(key, grade, match.group(0))
    return table


_OLDER_OVERALL_RE = re.compile(
    r"Overall\s+effectiveness\b[^\n]{0,120}(?:\n[^\n]{0,120}){0,2}?\s*"
    rf"Grade\s+([1-4])\s*\(\s*({GRADE_PATTERN})\s*\)",
    re.IGNORECASE,
)


def read_older_overall(text: str) -> tuple[Judgement, str] | None:
    """Pre-2013 reports: "Overall effectiveness of services ..." then "Grade 4 (inadequate)"."""
    match = _OLDER_OVERALL_RE.search(text)
    if match is None:
        return None
    grade = grade_from_phrase(match.group(2))
    if grade is None:
        return None
    return grade, " ".join(match.group(0).split())


@dataclass(frozen=True, slots=True)
class Outcome:
    judgement: Judgement
    evidence: str


_SEND_2023_OUTCOMES = (
    (
        re.compile(r"widespread\s+and/or\s+systemic\s+failings", re.I),
        Judgement.SEND_SYSTEMIC_FAILINGS,
    ),
    (re.compile(r"inconsistent\s+experiences\s+and\s+outcomes", re.I), Judgement.SEND_INCONSISTENT),
    (re.compile(r"positive\s+experiences\s+and\s+outcomes", re.I), Judgement.SEND_POSITIVE),
)
_OUTCOME_HEADING_RE = re.compile(r"\bInspection\s+outcome\b", re.IGNORECASE)


def read_send_2023_outcome(text: str) -> Outcome | None:
    """The "Inspection outcome" paragraph of a 2023-framework area SEND report."""
    heading = _OUTCOME_HEADING_RE.search(text)
    if heading is None:
        return None
    paragraph = text[heading.end() : heading.end() + 600]
    for pattern, judgement in _SEND_2023_OUTCOMES:
        match = pattern.search(paragraph)
        if match is not None:
            return Outcome(judgement, _sentence_around(paragraph, match))
    return None


_WSOA_REQUIRED_RE = re.compile(
    r"written\s+statement\s+of\s+action(?:\s*\(WSOA\))?\s+(?:is|was)\s+required", re.IGNORECASE
)
_WSOA_NOT_REQUIRED_RE = re.compile(
    r"(?:no\s+written\s+statement\s+of\s+action|written\s+statement\s+of\s+action"
    r"(?:\s*\(WSOA\))?\s+(?:is|was)\s+not\s+required)",
    re.IGNORECASE,
)
_SEND_2016_INTRO_RE = re.compile(
    r"conducted\s+a\s+joint\s+inspection\s+of\s+the\s+local\s+area", re.IGNORECASE
)


def read_send_2016_outcome(text: str) -> Outcome | None:
    """2016-framework letters say a written statement of action is required, or say nothing.

    Letters without a WSOA carry no sentence about it, so its absence (with the framework's
    opening sentence present) reads as no_wsoa; the opening sentence is the evidence then.
    """
    for pattern, judgement in (
        (_WSOA_NOT_REQUIRED_RE, Judgement.NO_WSOA),
        (_WSOA_REQUIRED_RE, Judgement.WSOA_REQUIRED),
    ):
        match = pattern.search(text)
        if match is not None:
            return Outcome(judgement, _sentence_around(text, match))
    intro = _SEND_2016_INTRO_RE.search(text)
    if intro is not None:
        return Outcome(Judgement.NO_WSOA, _sentence_around(text, intro))
    return None


_NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|none|some|most|many|all|each|any)"
)
_PROGRESS_RE = re.compile(
    r"(has|have)\s+(not\s+)?made\s+(sufficient|insufficient|some|limited)\s+progress"
    rf"(?:\s+in\s+(?:addressing|tackling|improving)"
    rf"(?:\s+({_NUMBER})\b(?:\s+of\s+(?:the\s+)?({_NUMBER})\b)?)?)?",
    re.IGNORECASE,
)


def read_progress(text: str) -> Outcome | None:
    """Progress against the WSOA (2016 revisits) or the priority actions (2023 monitoring).

    "sufficient progress in addressing all/each of" → sufficient; "... in addressing three of
    the five" → partial; "not made sufficient progress" / "insufficient progress" → insufficient.
    """
    match = _PROGRESS_RE.search(text)
    if match is None:
        return None
    negated, kind = match.group(2), match.group(3).lower()
    amount, total = (match.group(4) or "").lower(), (match.group(5) or "").lower()
    if amount and amount == total:
        amount = "all"
    if negated or kind in ("insufficient", "limited") or amount in ("none", "any"):
        judgement = Judgement.INSUFFICIENT_PROGRESS
    elif kind == "some" or amount not in ("", "all", "each"):
        judgement = Judgement.PARTIAL_PROGRESS
    else:
        judgement = Judgement.SUFFICIENT_PROGRESS
    return Outcome(judgement, _sentence_around(text, match))


def _sentence_around(text: str, match: re.Match[str], reach: int = 300) -> str:
    """The sentence containing `match`, on one line: what a reader would quote.

    Sentences wrap across lines in extracted text, so a line break is not a boundary; but
    headings carry no full stop, so with no boundary within `reach` the match's line starts it.
    """
    floor = max(0, match.start() - reach)
    marks = [text.rfind(mark, floor, match.start()) for mark in (". ", ".\n", "\n\n")]
    found = [i + 2 for i in marks if i >= 0]
    start = max(found) if found else text.rfind("\n", 0, match.start()) + 1
    after = [i for i in (text.find(". ", match.end()), text.find(".\n", match.end())) if i >= 0]
    end = min(after) + 1 if after else min(len(text), match.end() + 200)
    return " ".join(text[start:end].split())
