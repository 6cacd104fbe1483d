"""Council "Ofsted journey" pages: several past inspections listed, the latest one reported.

A council's "our Ofsted inspections" page lists, year by year, a 2014 judgement, a 2018
ILACS, a 2021 focused visit and a 2024 ILACS. Read as one story it is a confusion: the
focused visit named in the middle looks like the news and the grades like its standing.
A reporter reads such a page for its latest entry: that entry's inspection type and grade
are the ones reported, and the grades listed for earlier years are the ones before.

A page counts as such a list only when it dates at least three entries in different years,
and mixes visits (focused, monitoring, joint) with graded inspections; a news story about
one inspection rarely does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from crawler.classify.cues import Signals
from crawler.classify.grades import GradeMention
from crawler.classify.text import Article

VISIT_FAMILIES = ("jtai", "focused_visit", "monitoring_visit")
GRADED = "graded"
_YEAR = re.compile(r"\b((?:19[89]|20[0-3])\d)\b")
_LOOK_BACK = 6  # a grade line under a dated heading ("2024: ILACS inspection.")


@dataclass(frozen=True, slots=True)
class HistoryPage:
    latest: str  # a visit family, or GRADED
    sentence: int  # the latest entry's sentence
    mentions: list[GradeMention]  # re-timed: the latest year's grades now, earlier ones before


def read_history_page(
    article: Article, signals: Signals, mentions: list[GradeMention]
) -> HistoryPage | None:
    """The latest entry of a page listing several dated inspections (None for a story)."""
    if len(set(article.years)) < 3 or not any(signals.has(f) for f in VISIT_FAMILIES):
        return None  # (the cheap test first: most articles stop here)
    entries: list[tuple[int, int, str]] = []
    for family in VISIT_FAMILIES:
        for index in dict.fromkeys(signals.sentences(family)):
            year = _year_near(article, index)
            if year is not None:
                entries.append((year, index, family))
    dated: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if m.rating and not m.negated and m.sentence >= 0:
            year = m.year or _year_near(article, m.sentence)
            if year is not None:
                dated[i] = year
                entries.append((year, m.sentence, GRADED))
    kinds = {family == GRADED for _, _, family in entries}
    if len({year for year, _, _ in entries}) < 3 or len(kinds) < 2:
        return None
    year, sentence, latest = max(entries)
    latest_graded = max((y for y, _, f in entries if f == GRADED), default=None)
    retimed = []
    for i, m in enumerate(mentions):
        when = dated.get(i)
        if when is not None and latest_graded is not None:
            now = latest == GRADED and when == latest_graded
            m = replace(m, time="now" if now else "before", year=when)
        retimed.append(m)
    return HistoryPage(latest, sentence, retimed)


def _year_near(article: Article, index: int) -> int | None:
    """The year in a sentence, or in the nearest dated line above it."""
    for i in range(index, max(-1, index - _LOOK_BACK), -1):
        found = _YEAR.findall(article.sentences[i].text)
        if found:
            return max(int(y) for y in found)
    return None
