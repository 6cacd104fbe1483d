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

from crawler.classify.text import Article


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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
    r"|(?P<lowest>(?:lowest|worst)" + _RATING_NOUN + ")"
    r"|(?P<top>(?:top|highest|best)" + _RATING_NOUN + ")"
    r")\b"
)
# Literal starts of the grade phrases: a fast first pass finds where to try GRADE_WORDS.
_GRADE_START = re.compile(
    r"(?<![a-z0-9])(?:requir|not yet|inadequa|outstanding|good|adequate|perform|second[- ]|"
    r"lowest |worst |top |highest |best )"
)
# "good practice", "good work": an adjective before a noun, dropped before any reading.
_GOOD_NOUN = re.compile(r"good\s+([a-z]+)")
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
_CLAUSE_BREAK = re.compile(r"[;:(]|\s-\s|\b(?:but|while|whilst|whereas|although|however)\b")
# Hedges reach over a clause ("fears the service could be rated inadequate"); a plain
# negation only over the grade's own verb phrase ("is not inadequate"), so that
# "'not made sufficient progress' since rated inadequate" keeps its grade.
_HEDGE = re.compile(
    r"(?<![a-z0-9])(?:could|would|might|fears?|feared|risk|risks|if|whether|unless|expects?|"
    r"expected|hopes?|hoping|aims?|aiming|ambitions?|aspirations?|aspires?|wants?|strive|"
    r"striving|target|targets|become|becoming|potential(?:ly)?|possibl[ey]|likely|unlikely|"
    r"should|prevent|short of|less than|rather than|instead of|on track|bid to|determined to|"
    r"towards|toward|push for|goal|avoid(?:ed|s)?|will|shall|going to|set to)\b"
)
_NEGATION = re.compile(r"(?<![a-z0-9])(?:not|never|nor|neither|no)\b|n't\b")
_NEGATION_SCOPE = re.compile(
    r"(?<![a-z0-9])(?:since|after|when|because|following|as|once|until)\b|,"
)
# "may" hedges ("may be rated"), but not as a month ("in May 2018", "since May").
_MAY = re.compile(r"(\w+[ -])?\bmay\b(?! \d)")
_MONTH_PRECEDERS = frozenset(["in", "of", "since", "until", "from", "last", "early", "late", "mid"])
_NO_LONGER = re.compile(r"\bno longer\b|\bmoved? (?:out of|away from)\b|\blift(?:ed)? out of\b")
_BEFORE = re.compile(
    r"(?<![a-z0-9])(?:previous(?:ly)?|"
    r"last (?:full )?(?:inspection|inspected|time|rated|judged|ofsted)|"
    r"prior|earlier|former(?:ly)?|originally|initial(?:ly)?|back in|up from|down from|"
    r"had been|since (?:being|it was|they were|the|its|it)|after (?:being|it was|they were|"
    r"years|several|a decade)|years of|for (?:over |more than |almost |nearly )?"
    r"(?:a |two |three |four |five |six |seven |\d+ )?(?:decade|years)|"
    r"when (?:it was|they were|last)|in the past|historically|had (?:been )?(?:rated|judged|"
    r"given|received)|the (?:19|20)\d\d|then|at the time|at that time|until|since|"
    r"comes? after|came after|follows (?:a|an|the))\b"
)
# Cues right after a grade that put it in the past: "inadequate in 2015", "... six years prior".
_BEFORE_AFTER = re.compile(
    r"\W*(?:by ofsted\W*)?(?:(?:rating|grade|judgement)\W*)?"
    r"(?:(?:in|since|back in|until) (?:[a-z]+ )?"
    r"(?:19|20)\d\d|previously|before that|earlier|at the time|for (?:over |more than |almost |"
    r"nearly )?(?:a |two |three |four |five |six |seven |\d+ )?(?:decade|years)|(?:[a-z]+ ){0,2}"
    r"years? (?:prior|ago|earlier|before)|(?:at|in|during|when) (?:its|the|their|it was) "
    r"(?:last|previous|earlier|prior|first) (?:full )?(?:ofsted )?inspect)"
)
# "It comes after the service was rated 'good but requires improvement ...' in 2019."
_LOOKS_BACK_OPENING = re.compile(
    r"^\W*(?:it|this|the (?:news|report|rating|judgement)) (?:comes|came) "
    r"after\b|^\W*(?:it|this) follows\b"
)
_STEADY = re.compile(
    r"(?<![a-z0-9])(?:remains?|remained|maintain(?:s|ed)?|retain(?:s|ed|ing)?|"
    r"still rated|continues to be|sustain(?:s|ed)?|again)\b"
)
_NOW = re.compile(
    r"(?<![a-z0-9])(?:now|latest|new|newly|most recent|recent(?:ly)?|this year|today|this week|"
    r"has been|have been|currently|just been|this time)\b"
)
_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b")
_MONTH_YEAR = re.compile(
    r"(?<![a-z0-9])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
    r"(19[89]\d|20[0-4]\d)\b"
)
_RATING_BEFORE = re.compile(
    r"(?:rated|rating|ratings|judged|judgement|judgment|graded|grading|grade|deemed|"
    r"found to be|found|assessed as|awarded|given|received|receive|handed|branded|labell?ed|"
    r"described as|condemned as|as|remains?|remained|now|still|overall|its|an?|from|to|secures?|"
    r"secured|achieved|achieves|earned|retains?|retained|maintains?|maintained|are|is|"
    r"were|was|be|been|being|of|both|all)\W*$"
)
_GOOD_BEFORE = re.compile(
    r"(?:rated|rating of|judged|judgement of|graded|deemed|found to be|assessed as|awarded|"
    r"given|received|as|now|still|remains?|remained|to|overall|secured?|achieved?|retain(?:s|ed)?|"
    r"maintain(?:s|ed)?|an?|been|be|both|all)\W*$"
)
_STRONG_BEFORE = re.compile(
    r"(?:(?:is|are|was|were) now|rated|judged|graded|deemed|awarded|condemned as|labell?ed|"
    r"branded|found to be|rating of)\W*(?:as\W*|to be\W*|as being\W*)?$"
)
# Words that may follow a grade used as a grade ("rated good by", "remain outstanding,
# according to"); any other word after it makes it an adjective ("good practice").
_FOLLOW_OK = _words(
    """
    rating ratings grade grades judgement judgment judgements overall status verdict score
    outcome result ofsted again by in for across and or with after following at since to
    from but as when under on this last then before until back previously earlier ago
    already also too up down out over into about among between through during without within
    against despite including according than so yet still now only both all each too once
    while where which who that because if has have had is are was were will would should
    must may can could remains remain said says say found finds according inspectors
    """
)
_SERVICE_NOUNS = _words(
    """
    children children's services council authority department borough county city
    """
)
# Judgement areas named right after a grade make it a grade ("requiring improvement
# included the impact of leaders ... and overall effectiveness").
_AREA_WORDS = re.compile(
    r"impact of leaders|help and protection|overall effectiveness|care leavers|"
    r"children in care|looked[- ]after|leadership, management|children who "
    r"needs? help"
)
# "A department rated inadequate has made progress": the standing grade of a visit.
_STANDING = re.compile(
    r"^\W*(?:[a-z']+\s+){0,3}?(?:ha(?:s|ve|d)\s+(?:now\s+)?(?:made|shown|started|"
    r"begun)|make|makes|making|is making|are making)\s+(?:\w+\s+){0,2}?"
    r"(?:progress|improvements?|signs)"
)
# "help and protection good, children in care outstanding": a list of areas and grades.
_AREA_BEFORE = re.compile(
    r"(?:impact of leaders|help and protection|overall effectiveness|care leavers|"
    r"children in care|leadership)\W{0,3}(?:(?:was|were|is|are|judged|rated|"
    r"to be|as)\W+){0,2}$"
)
# "the department requires improvement": the grade as the predicate of the service.
_SERVICE_SUBJECT = re.compile(
    r"(?<![a-z0-9])(?:department|services?|council|authority|it|they|trust|borough|"
    r"county|partnership|provision)\s+(?:still\s+|now\s+|also\s+)?$"
)
_LABEL_FOLLOWER = re.compile(r"['\"]?-?(?:rated)?[ \t]+([A-Za-z]+)")
_NOT_PLACES = _words(
    """
    Ofsted Overall In By For And Across With Rating Grade Judgement For The Children
    Children's Services
    """
)
_DATED = re.compile(r"\W*(?:in|since|back in) (?:[a-z]+ )?(?:19|20)\d\d\b")
# A rating verb a few words before the grade: "rated the council's services good".
_RATED_OBJECT = re.compile(
    r"(?<![a-z0-9])(?:rated|judged|graded|deemed|found|considered|declared)\s+"
    r"(?:[a-z'&-]+\s+){1,7}$"
)
_PAST_VERB = re.compile(r"(?<![a-z0-9])(?:was|were|had been)\b")
_CAPITALISED = re.compile(r"^(?:Requir|Inadequa|Outstanding|Good|Adequate)")


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
        for match in TRANSITION.finditer(text, start, end):
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
            m.time = time
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
        if match is None or _plain_good(text, lower, match):
            continue
        resume = match.end()
        kind = match.lastgroup or ""
        value, older = _value(kind, match.group(0))
        if value is None:
            continue
        if is_title:
            sentence_index, s_start, s_end = -1, 0, len(text)
        else:
            sentence = article.sentence_at(match.start())
            sentence_index, s_start, s_end = sentence.index, sentence.start, sentence.end
        clause_start, clause_end = _clause(lower, s_start, s_end, match.start(), match.end())
        before = lower[clause_start : match.start()]
        opening = not lower[s_start : match.start()].strip(" '\"*-\t\n0123456789.")
        after = lower[match.end() : clause_end]
        rating = _is_rating(text, match, (before, after), kind, is_title, opening)
        mention = GradeMention(
            value=value,
            sentence=sentence_index,
            start=match.start(),
            end=match.end(),
            text=text[match.start() : match.end()],
            rating=rating,
            negated=False,
            no_longer=False,
            time="unknown",
            year=None,
            older_scale=older,
        )
        if rating:  # an adjective ("good practice") needs no further reading
            head = lower[s_start : match.start()]
            mention.negated = _negated(before[-80:], after)
            mention.no_longer = bool(_NO_LONGER.search(before[-40:]))
            mention.time = (
                "before"
                if _labels_council(text, match.end(), is_title)
                else _time(before[-90:], after[:45], article, sentence_index, head)
            )
            mention.year = _year(before[-90:] + " " + after[:30]) or (
                None if _NOW.search(before) else _year(head)
            )
        found.append(mention)
    return found


def _plain_good(text: str, lower: str, match: re.Match[str]) -> bool:
    """'good' followed by a noun, neither quoted nor capitalised: never a grade."""
    if match.lastgroup != "good":
        return False
    noun = _GOOD_NOUN.match(lower, match.start())
    if noun is None or noun.group(1) in _FOLLOW_OK:
        return False
    start = match.start()
    return text[start] == "g" and text[start - 1 : start] not in {"'", '"'}


def _labels_council(text: str, end: int, is_title: bool) -> bool:
    """ "'inadequate' councils", "at 'inadequate' Surrey": a council's standing grade, used
    as a label while the news is something else (usually a visit)."""
    follower = _LABEL_FOLLOWER.match(text, end)
    if not follower:
        return False
    word = follower.group(1)
    if word.lower() in {"council", "councils", "authority", "authorities", "local", "boroughs"}:
        return True
    return not is_title and word[:1].isupper() and word not in _NOT_PLACES


def _value(kind: str, text: str) -> tuple[str | None, bool]:
    if kind == "perf":
        return _PERF[text.split()[-1].strip("'\"")], True
    if kind == "adequate":
        return "requires_improvement", True
    return _VALUE.get(kind), False


def _clause(lower: str, s_start: int, s_end: int, m_start: int, m_end: int) -> tuple[int, int]:
    start = s_start
    for brk in _CLAUSE_BREAK.finditer(lower, s_start, m_start):
        start = brk.end()
    stop = _CLAUSE_BREAK.search(lower, m_end, s_end)
    return start, stop.start() if stop else s_end


def _is_rating(
    text: str,
    match: re.Match[str],
    context: tuple[str, str],
    kind: str,
    is_title: bool,
    opening: bool,
) -> bool:
    """A grade, not an adjective: quoted, capitalised, or framed by rating words."""
    before, after = context
    if kind in {"second_low", "second_high", "lowest", "top", "perf"}:
        return True
    if kind == "ri" and "not yet" in match.group(0):
        return True
    original = text[match.start() : match.end()]
    opens = text[match.start() - 1 : match.start()] in {"'", '"'}
    closes = text[match.end() : match.end() + 2].lstrip(".,!")[:1] in {"'", '"'} or text[
        match.end() : match.end() + 1
    ] in {"'", '"'}
    quoted = closes and (opens or bool(_RATING_BEFORE.search(before[-30:])))
    capital = bool(_CAPITALISED.match(original)) and not is_title and not opening
    follower = re.match(r"\W*([a-z']+)", after)
    next_word = follower.group(1) if follower else ""
    if _AREA_BEFORE.search(before[-45:]):
        return True
    if kind == "good":
        if not (next_word and next_word not in _FOLLOW_OK) and _RATED_OBJECT.search(before):
            return True  # "Ofsted has rated Swindon's children's services good."
        framed = bool(_GOOD_BEFORE.search(before[-30:])) or next_word in {
            "rating",
            "grade",
            "judgement",
            "judgment",
            "overall",
            "across",
            "by",
            "in",
        }
        plain_noun = next_word and next_word not in _FOLLOW_OK
        if plain_noun and not quoted and not capital:
            return False
        return (
            quoted
            or capital
            or (
                framed
                and (
                    is_title
                    or bool(_STRONG_BEFORE.search(before[-30:]))
                    or next_word in {"rating", "overall", "across", "in", "by", "grade"}
                )
            )
        )
    strong_value = kind in {"ri", "inadequate"}
    if (
        next_word
        and next_word not in _FOLLOW_OK
        and not (strong_value and next_word in _SERVICE_NOUNS)
    ):
        return quoted or capital or (kind == "ri" and bool(_AREA_WORDS.search(after[:120])))
    if kind in {"ri", "inadequate", "outstanding"} and _AREA_WORDS.search(
        after[:120] + before[-120:]
    ):
        return True
    if kind == "ri" and _SERVICE_SUBJECT.search(before[-40:]):
        return True
    if kind != "good" and _DATED.match(after):
        return True  # "... and requires improvement in 2019": a grade with its year
    return quoted or capital or is_title or bool(_RATING_BEFORE.search(before[-30:]))


def _negated(before: str, after: str) -> bool:
    if _HEDGE.search(before):
        return True
    for may in _MAY.finditer(before):
        if (may.group(1) or "").strip(" -") not in _MONTH_PRECEDERS:
            return True
    scope = _NO_LONGER.sub(" ", before[-32:])
    cuts = [m.end() for m in _NEGATION_SCOPE.finditer(scope)]
    if cuts:
        scope = scope[cuts[-1] :]
    if _NEGATION.search(scope):
        return True
    return bool(
        re.match(
            r"\W*(?:or|and/or)\s+(?:better|worse|above|below|good|outstanding|"
            r"inadequate|requires?)",
            after,
        )
    ) or bool(
        re.search(
            r"\b(?:good|outstanding|inadequate|requires? improvement)\W+(?:or|and/or)\W*$", before
        )
    )


def _time(
    before: str, after: str, article: Article, sentence_index: int, sentence_head: str
) -> str:
    """Now, before (an earlier inspection), steady (unchanged: both) or unknown."""
    if _NO_LONGER.search(before[-40:]) or _STANDING.search(after):
        return "before"
    window = before + " " + after[:30]
    event_year = article.event_year
    earlier = _earlier_year(window, event_year)
    if not earlier and not _YEAR.search(window) and not _NOW.search(before):
        earlier = _earlier_year(sentence_head, event_year)
    if _STEADY.search(before[-40:]) and not earlier:
        return "steady"
    if earlier or _BEFORE.search(before) or _BEFORE_AFTER.match(after):
        return "before"
    if _LOOKS_BACK_OPENING.search(sentence_head):
        return "before"
    year = _year(window)
    if year and article.published is None and _PAST_VERB.search(before) and not _NOW.search(before):
        return "before"  # undated page: a grade given a year in the past tense is history
    if _NOW.search(before) or (year and event_year and year >= event_year):
        return "now"
    if _PAST_VERB.search(before) and _previous_sentence_looks_back(article, sentence_index):
        return "before"
    return "unknown"


def _previous_sentence_looks_back(article: Article, index: int) -> bool:
    """'The previous inspection ... was in June 2012. The local authority was judged good.'"""
    if index <= 0:
        return False
    text = article.sentences[index - 1].text.lower()
    return bool(
        re.search(r"\b(?:previous|last|earlier|prior) (?:full )?(?:ofsted )?inspection", text)
    )


def _earlier_year(text: str, event_year: int | None) -> bool:
    """A year before the article's own. "December 2022" in an article of early 2023 is
    usually the inspection being reported (published months later), so a dated month
    only counts when it is two or more years back."""
    if event_year is None:
        return False
    dated = {int(y) for y in _MONTH_YEAR.findall(text)}
    for raw in _YEAR.findall(text):
        year = int(raw)
        gap = event_year - year
        if gap >= 2 or (gap == 1 and year not in dated):
            return True
    return False


def _year(text: str) -> int | None:
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


TRANSITION = re.compile(
    r"(?:from\s+(?:being\s+)?(?:rated\s+|judged\s+)?(?:an?\s+|the\s+|its\s+)?)?['\"]?"
    r"(?P<old>inadequate|requires? improvement|good|outstanding)['\"]?"
    r"(?:\s+(?:ofsted\s+)?(?:rating|grade|judgement))?\s+(?:to|into)\s+(?:being\s+)?"
    r"(?:rated\s+|judged\s+)?(?:an?\s+)?['\"]?(?P<new>inadequate|requires? improvement|good|"
    r"outstanding)\b"
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
