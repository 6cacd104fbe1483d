"""When a grade was given: by this inspection (now), an earlier one (before), or both
(steady, "remains good").

A reporter places a grade in time from the words around it: a year ("inadequate in
2015"), a tense ("had been judged"), a cue ("previously", "up from", "at its last
inspection", "remains"), or a whole sentence that looks back ("The previous inspection
... was in 2012."). Committee minutes tell everything in reported speech, so there "had
been judged" is only the tense of the report.
"""

from __future__ import annotations

import re

from crawler.classify.framing import CLAUSE_BREAK, changed_from, no_longer
from crawler.classify.text import Article

_BEFORE = re.compile(
    r"(?<![a-z0-9])(?:previous(?:ly)?|once (?:rated|judged|graded|deemed|branded|labelled)|"
    r"last (?:full )?(?:inspection|inspected|time|rated|judged|ofsted)|"
    r"prior|earlier(?! this| in the (?:year|month|week))|former(?:ly)?|originally|"
    r"initial(?:ly)?|back in|(?:up|down|rise|fall) from|"
    r"(?:upgrade|downgrade|improvement|move|step|leap|jump)[ds]? (?:forward |up |down |on )?"
    r"(?:from|on)|having been|"
    r"had been|since (?:being|it was|they were|the|its|it)|after (?:being|it was|they were|"
    r"(?:\w+ )?years|several|a decade)|years of|for (?:over |more than |almost |nearly )?"
    r"(?:a |two |three |four |five |six |seven |\d+ )?(?:decade|years)|"
    r"when (?:it was|they were|last)|in the past|historically|had (?:been )?(?:rated|judged|"
    r"given|received)|the (?:19|20)\d\d|then|at the time|at that time|until|since|"
    r"(?:years?|months?|decades?|weeks?) (?:after|since|on from)|"
    r"comes? after|came after|follows (?:a|an|the)|last year)\b"
)
# Cues right after a grade that put it in the past: "inadequate in 2015", "... six years prior".
_BEFORE_AFTER = re.compile(
    r"\W*(?:by ofsted\W*)?(?:(?:rating|grade|judgement)\W*)?(?:overall\W*)?"
    r"(?:(?:in|since|back in|until) (?:[a-z]+ )?"
    r"(?:19|20)\d\d|previously|before that|earlier|at the time|for (?:over |more than |almost |"
    r"nearly )?(?:a |two |three |four |five |six |seven |\d+ )?(?:decade|years)|(?:[a-z]+ ){0,2}"
    r"years? (?:prior|ago|earlier|before)|last year|the year before|"
    r"(?:at|in) (?:every|each|all) (?:(?:of )?(?:its|their|the) )?(?:ofsted )?inspections?\b|"
    r"(?:at|in|during|when|after|following) (?:its|the|their|it was|they were) "
    r"(?:last|previous|earlier|prior) (?:full |standard |short |graded |ofsted )*inspect|"
    r"(?:rating|grade|judgement) (?:it|they|the council) (?:held|had|received|got|was given|"
    r"were given)\b)"
)
# "It comes after the service was rated 'good but requires improvement ...' in 2019."
_LOOKS_BACK_OPENING = re.compile(
    r"^\W*(?:it|this|the (?:news|report|rating|judgement)) (?:comes|came) "
    r"after\b|^\W*(?:it|this) follows\b"
)
_STEADY = re.compile(
    r"(?<![a-z0-9])(?:remains?|remained|maintain(?:s|ed)?|retain(?:s|ed|ing)?|"
    r"still(?: rated| judged| be| being)?|continues to be|sustain(?:s|ed)?|again|"
    r"(?:second|third|fourth) consecutive|(?:kept|keeps|keeping|held on to|holds on to|"
    r"hang(?:s|ing)? on to|hung on to)(?: (?:its|their|the|a|an|her|his))?)\b"
)
# "Outstanding again", "good for the second time running".
_STEADY_AFTER = re.compile(
    r"\W*(?:again|once more|for (?:a|the) (?:second|third|fourth) (?:time|consecutive)|"
    r"(?:rating|grade|judgement) (?:again|retained|kept|maintained)|(?:to be good\W*)?"
    r"(?:overall\W*)?(?:the )?same (?:overall )?(?:grades?|judge?ments?|ratings?|outcomes?)\b)\b"
)
_FIRST_TIME_AFTER = re.compile(
    r"\W*(?:(?:rating|grade|judgement) )?(?:by ofsted )?for the first time\b"
)
# "£2m savings despite inadequate rating": a rating the council already had.
_DESPITE = re.compile(r"\bdespite (?:its |their |the |an? )?['\"]?$")
NOW = re.compile(
    r"(?<![a-z0-9])(?:now|latest|new|newly|most recent|recent(?:ly)?|this year|today|this week|"
    r"has been|have been|currently|just been|this time)\b"
)
_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_SINCE_YEAR = re.compile(r"\bsince (?:[a-z]+ )?(?:19|20)\d\d\b")
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,")
_REPORTED_SPEECH = re.compile(
    r"\b(?:noted?|notes|reported|heard|informed|explained|confirmed|told|advised|stated|said|"
    r"outlined|set out|reminded)(?: \w+){0,2} that\b"
)
_MONTH_YEAR = re.compile(
    r"(?<![a-z0-9])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
    r"(19[89]\d|20[0-4]\d)\b"
)
# "A department rated inadequate has made progress": the standing grade of a visit.
_STANDING = re.compile(
    r"^\W*(?:[a-z']+\s+){0,3}?(?:ha(?:s|ve|d)\s+(?:now\s+)?(?:made|shown|started|"
    r"begun)|make|makes|making|is making|are making)\s+(?:\w+\s+){0,2}?"
    r"(?:progress|improvements?|signs)"
)
# "... had improved significantly since 2021, and rated them good": a new clause of its own.
_AND_THEN = re.compile(r",\s+and\s+(?=(?:\w+\s+){0,2}(?:rated|judged|found|gave|graded|deemed)\b)")
_PAST_VERB = re.compile(r"(?<![a-z0-9])(?:was|were|had been)\b")
_LOOKS_BACK = re.compile(r"\b(?:previous|last|earlier|prior) (?:full )?(?:ofsted )?inspection")


def time_of(
    before: str, after: str, article: Article, sentence_index: int, sentence_head: str
) -> str:
    """Now, before (an earlier inspection), steady (unchanged: both) or unknown."""
    if (
        no_longer(before)
        or _STANDING.search(after)
        or ("despite" in before and _DESPITE.search(before))
        or changed_from(before)  # "up a grade on the requires improvement verdict"
    ):
        return "before"
    first = before.rfind("first time", max(0, len(before) - 60))
    if (first >= 0 and "," not in before[first:]) or _FIRST_TIME_AFTER.match(after):
        # "the first time they have been judged good since 2011": the grade is the new one
        # (and the year says when it was last given, not that this one is old)
        return "now"
    # A year inside a relative clause (", which took over in 2023,") dates that clause only.
    if "wh" in before:
        before = _RELATIVE_CLAUSE.sub(", ", before)
    window = before + " " + near_after(after)
    event_year = article.event_year
    # "improvements since 2020": a year after "since" bounds the story, it does not date it.
    earlier = _earlieryear_of(_unbounded(window), event_year)
    if not earlier and not _YEAR.search(window) and not NOW.search(before):
        earlier = _earlieryear_of(_unbounded(sentence_head), event_year)
    if (_STEADY.search(before[-60:]) or _STEADY_AFTER.match(after)) and not earlier:
        return "steady"
    breaks = [*CLAUSE_BREAK.finditer(before)]
    if ", and " in before:
        breaks += _AND_THEN.finditer(before)
    own_clause = before[max(b.end() for b in breaks) :] if breaks else before
    if earlier or _BEFORE_AFTER.match(after):
        return "before"
    cue = _before_cue(own_clause, sentence_head, is_minutes(article))
    if cue >= 0 and not _now_after(own_clause, cue):
        return "before"
    if _LOOKS_BACK_OPENING.search(sentence_head):
        return "before"
    year = year_of(window)
    if year and article.published is None and _PAST_VERB.search(before) and not NOW.search(before):
        return "before"  # undated page: a grade given a year in the past tense is history
    if NOW.search(before) or (year and event_year and year >= event_year):
        return "now"
    if _PAST_VERB.search(before) and _previous_sentence_looks_back(article, sentence_index):
        return "before"
    return "unknown"


def is_minutes(article: Article) -> bool:
    """Committee minutes, told in reported speech throughout ("had been judged good")."""
    if "minutes" not in article.memo:
        lower = article.lower
        article.memo["minutes"] = bool(
            ("resolved" in lower or "minutes" in lower or "agenda item" in lower)
            and _MINUTES.search(lower)
        )
    return bool(article.memo["minutes"])


_MINUTES = re.compile(
    r"\b(?:the (?:committee|panel|cabinet|board|council|members) (?:considered|received|noted|"
    r"heard)|resolved\b|members (?:noted|asked|raised|heard)|minutes\b)"
)


def _before_cue(before: str, sentence_head: str, minutes: bool) -> int:
    """Where the last word that puts the grade in the past ends (-1: none). In minutes'
    reported speech ("the panel noted that services had been judged good") "had been" is
    only the tense of the report."""
    found = -1
    for match in _BEFORE.finditer(before):
        if match.group().startswith("had ") and (_REPORTED_SPEECH.search(sentence_head) or minutes):
            continue
        found = match.end()
    return found


def _now_after(clause: str, cue: int) -> bool:
    """ "which was rated inadequate until 2022, has now been judged good":
    a new clause in the present after the past one, nearer the grade."""
    comma = clause.find(",", cue)
    return comma >= 0 and NOW.search(clause, comma) is not None


def _previous_sentence_looks_back(article: Article, index: int) -> bool:
    """'The previous inspection ... was in June 2012. The local authority was judged good.'"""
    if index <= 0:
        return False
    text = article.sentences[index - 1].text.lower()
    found = _LOOKS_BACK.search(text)
    # "The previous inspection, in June 2012, ..." opens with it; "... the same judgement as at
    # the previous inspection" only compares.
    return found is not None and found.start() < 40 and "same" not in text


def _earlieryear_of(text: str, event_year: int | None) -> bool:
    """A year before the article's own. "December 2022" in an article of early 2023 is
    usually the inspection being reported (published months later), so a dated month
    only counts when it is two or more years back."""
    if event_year is None or not _HAS_DIGIT.search(text):
        return False
    dated = {int(y) for y in _MONTH_YEAR.findall(text)}
    for raw in _YEAR.findall(text):
        year = int(raw)
        gap = event_year - year
        if gap >= 2 or (gap == 1 and year not in dated):
            return True
    return False


_HAS_DIGIT = re.compile(r"[12]\d\d\d")


def _unbounded(text: str) -> str:
    """The text without "since 2020" (a bound, not a date)."""
    return _SINCE_YEAR.sub(" ", text) if "since" in text else text


def near_after(after: str) -> str:
    """The words after a grade that may date it: up to 45 characters ("rated good by Ofsted
    after an inspection in 2022"), but not past a comma beyond the first 30 (", after it was
    rated inadequate in 2018" dates another grade)."""
    near = after[:45]
    comma = near.find(",")
    return near[: max(30, comma)] if comma >= 0 else near


def year_of(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None
