"""How a grade word is framed in its sentence: a grade or an adjective, negated or
hedged, about this inspection or an earlier one.

Everything here reads a short window around one grade word ("before" and "after"
are the rest of its clause, lower-cased), so each rule is a plain, local test a
reporter would make: is it in quotes, does "rated" come before it, does "not" or
"could" govern it, is there a year or "previously" attached to it.
"""

from __future__ import annotations

import re

from crawler.classify.text import Article


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GOOD_NOUN = re.compile(r"good[ \t]+([a-z]+)")  # (a list's next line is no noun)
_CLAUSE_BREAK = re.compile(r"[;:(]|\s-\s|\b(?:but|while|whilst|whereas|although|however)\b")
# Hedges reach over a clause ("fears the service could be rated inadequate"); a plain
# negation only over the grade's own verb phrase ("is not inadequate"), so that
# "'not made sufficient progress' since rated inadequate" keeps its grade.
_HEDGE = re.compile(
    r"(?<![a-z0-9])(?:could|would|might|fears?|feared|risks? (?:of )?(?:being|becoming|falling|"
    r"slipping|dropping|a)|if|whether|unless|expects?|"
    r"expected|hopes?|hoping|aims?|aiming|ambitions?|aspirations?|aspires?|wants?|strive|"
    r"striving|target|targets|(?<!had )(?<!has )(?<!have )become|becoming|potential(?:ly)?|"
    r"possibl[ey]|likely|unlikely|"
    r"should|prevent|short of|miss(?:ed|es|ing)? out on|fail(?:ed|s)? to (?:get|secure|achieve|"
    r"gain|win|earn|reach)|less than|rather than|instead of|on track|bid to|determined to|"
    r"towards|toward|push for|goal|avoid(?:ed|s)?|will|shall|going to|set to)\b"
)
_NEGATION = re.compile(r"(?<![a-z0-9])(?:not|never|nor|neither|no)\b|n't\b")
_NEGATION_SCOPE = re.compile(
    r"(?<![a-z0-9])(?:since|after|when|because|following|as|once|until)\b|,"
)
# "may" hedges ("may be rated"), but not as a month ("in May 2018", "since May").
_MAY = re.compile(r"(\w+[ -])?\bmay\b(?! \d)")
_MONTH_PRECEDERS = frozenset(["in", "of", "since", "until", "from", "last", "early", "late", "mid"])
NO_LONGER = re.compile(
    r"\bno longer\b|\bmoved? (?:out of|away from)\b|\blift(?:ed)? out of\b|"
    r"\b(?:lose|loses|lost|losing)\b(?: (?:its|their|the|her|his)\b)?\W*$|\bstripped of\b|"
    r"\b(?:dropped|drops|drop|dropping|fell|falls|fall|falling|fallen|slipped|slips|slip|"
    r"slipping|slid|slides|slide|moved|moving|climbed|climbing|rose|risen|rising|jumped|"
    r"jumping)(?: (?:one|two|three|a) (?:grades?|places?|notch(?:es)?|levels?|steps?))? "
    r"(?:from|out of)\b|\b(?:shaken|shake|shakes|shook|shed|sheds|shedding|thrown|throws) off\b|"
    r"\b(?:emerged?|emerges|come|comes|came|climbed?|climbs) (?:out of|from)\b"
)
_BEFORE = re.compile(
    r"(?<![a-z0-9])(?:previous(?:ly)?|"
    r"last (?:full )?(?:inspection|inspected|time|rated|judged|ofsted)|"
    r"prior|earlier(?! this| in the (?:year|month|week))|former(?:ly)?|originally|"
    r"initial(?:ly)?|back in|(?:up|down|rise|fall) from|"
    r"(?:upgrade|downgrade|improvement|move|step|leap|jump)[ds]? (?:forward |up |down |on )?"
    r"(?:from|on)|having been|"
    r"had been|since (?:being|it was|they were|the|its|it)|after (?:being|it was|they were|"
    r"years|several|a decade)|years of|for (?:over |more than |almost |nearly )?"
    r"(?:a |two |three |four |five |six |seven |\d+ )?(?:decade|years)|"
    r"when (?:it was|they were|last)|in the past|historically|had (?:been )?(?:rated|judged|"
    r"given|received)|the (?:19|20)\d\d|then|at the time|at that time|until|since|"
    r"(?:years?|months?|decades?|weeks?) (?:after|since)|"
    r"comes? after|came after|follows (?:a|an|the)|last year)\b"
)
# Cues right after a grade that put it in the past: "inadequate in 2015", "... six years prior".
_BEFORE_AFTER = re.compile(
    r"\W*(?:by ofsted\W*)?(?:(?:rating|grade|judgement)\W*)?(?:overall\W*)?"
    r"(?:(?:in|since|back in|until) (?:[a-z]+ )?"
    r"(?:19|20)\d\d|previously|before that|earlier|at the time|for (?:over |more than |almost |"
    r"nearly )?(?:a |two |three |four |five |six |seven |\d+ )?(?:decade|years)|(?:[a-z]+ ){0,2}"
    r"years? (?:prior|ago|earlier|before)|last year|the year before|"
    r"(?:at|in|during|when|after|following) (?:its|the|their|it was|they were) "
    r"(?:last|previous|earlier|prior|first) (?:full |standard |short |graded |ofsted )*inspect|"
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
    r"(?:had|has|have) become|"
    r"maintain(?:s|ed)?|an?|been|be|both|all|each|from)\W*$"
)
# "up from good", "an upgrade from 'requires improvement'": the grade is certainly a grade.
_CHANGE_FROM = re.compile(
    r"(?:up|down|rise|fall|upgrade|downgrade|improvement|improved|moved?)"
    r"d? (?:from|on)\W*$"
)
_RATED_AS = re.compile(r"\b(?:rated|judged|graded|assessed|deemed)\b[^.;]*\bas\W*$")
_STRONG_BEFORE = re.compile(
    r"(?:(?:is|are|was|were) (?:now|each|both|all)|rated|judged|graded|deemed|awarded|"
    r"condemned as|labell?ed|(?:had|has|have) become|"
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
    while where which who that because if has have had is are was were will would should except
    must may can could remains remain said says say found finds according inspectors
    one two three four five six seven eight nine ten years months nearly almost just more
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
_FOR_AREA = re.compile(r"['\"]?\s+(?:for|in) (?:the |its |their )?(?:" + _AREA_WORDS.pattern + ")")
# "A department rated inadequate has made progress": the standing grade of a visit.
_STANDING = re.compile(
    r"^\W*(?:[a-z']+\s+){0,3}?(?:ha(?:s|ve|d)\s+(?:now\s+)?(?:made|shown|started|"
    r"begun)|make|makes|making|is making|are making)\s+(?:\w+\s+){0,2}?"
    r"(?:progress|improvements?|signs)"
)
# "help and protection good, children in care outstanding": a list of areas and grades.
_AREA_BEFORE = re.compile(
    r"(?:impact of leaders|help and protection|overall effectiveness|care leavers|"
    r"children in care|leadership|care leaver)(?:s?'?s? (?:service|services|work|support|team|"
    r"provision|offer|experiences))?\W{0,3}(?:(?:was|were|is|are|judged|rated|"
    r"to be|as|also|still|now|remain(?:s|ed)?)\W+){0,3}$"
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
DATED = re.compile(r"\W*(?:in|since|back in) (?:[a-z]+ )?(?:19|20)\d\d\b")
# A rating verb a few words before the grade: "rated the council's services good".
_RATED_OBJECT = re.compile(
    r"(?<![a-z0-9])(?:rated|rating|rates|judged|judging|graded|deemed|found|considered|declared|"
    r"branded|labell?ed)\s+"
    r"(?:(?!that\s)[a-z'&-]+\s+){1,7}$"
)
# ("found that social workers are good at ...": a clause of its own, not the rating's object)
_GRADE_NOUNS = _words("rating ratings grade judgement judgment verdict label")
_GOOD_FOLLOWERS = _words("rating grade judgement judgment overall across by in")
_PAST_VERB = re.compile(r"(?<![a-z0-9])(?:was|were|had been)\b")
_CAPITALISED = re.compile(r"(?:Requir|Inadequa|Outstanding|Good|Adequate)")


def plain_good(text: str, lower: str, match: re.Match[str]) -> bool:
    """'good' followed by a noun, neither quoted nor capitalised: never a grade."""
    if match.lastgroup != "good":
        return False
    noun = _GOOD_NOUN.match(lower, match.start())
    if noun is None or noun.group(1) in _FOLLOW_OK:
        return False
    start = match.start()
    return text[start] == "g" and text[start - 1 : start] not in {"'", '"'}


def labels_council(text: str, end: int, is_title: bool) -> bool:
    """ "'inadequate' councils", "at 'inadequate' Surrey": a council's standing grade, used
    as a label while the news is something else (usually a visit)."""
    follower = _LABEL_FOLLOWER.match(text, end)
    if not follower:
        return False
    word = follower.group(1)
    if word.lower() in {"council", "councils", "authority", "authorities", "local", "boroughs"}:
        return True
    return not is_title and word[:1].isupper() and word not in _NOT_PLACES


def clause(lower: str, s_start: int, s_end: int, m_start: int, m_end: int) -> tuple[int, int]:
    start = s_start
    for brk in _CLAUSE_BREAK.finditer(lower, s_start, m_start):
        start = brk.end()
    stop = _CLAUSE_BREAK.search(lower, m_end, s_end)
    return start, stop.start() if stop else s_end


def is_rating(
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
    if _AREA_BEFORE.search(before[-45:]) or _listed_area(text, match.start()):
        return True  # "help and protection good, children in care outstanding"
    marked = _quoted(text, match, before) or (
        bool(_CAPITALISED.match(text, match.start())) and not is_title and not opening
    )
    follower = _FOLLOWER.match(after)  # a comma ends the phrase
    next_word = follower.group(1) if follower else ""
    if _CHANGE_FROM.search(before[-30:]) or _FOR_AREA.match(after):
        return True  # "up from good"; "and good for help and protection"
    if next_word in _GRADE_NOUNS and kind != "good":
        return True  # "the requires improvement rating", "an inadequate judgement"
    if not (next_word and next_word not in _FOLLOW_OK) and _RATED_OBJECT.search(before):
        return True  # "Ofsted has rated Swindon's children's services good."
    if kind == "good":
        return _good_is_rating(before, next_word, marked, is_title) or _predicate_good(
            before, after
        )
    return _grade_is_rating(before, after, next_word, kind, marked or is_title)


def _listed_area(text: str, start: int) -> bool:
    """A list or table line: "Impact of leaders: outstanding", "Care leavers | Good" (the
    colon or bar ends the grade's clause, so the line is read on its own)."""
    line = text[max(0, start - 60) : start]
    if ":" not in line and "|" not in line:
        return False
    return bool(_AREA_BEFORE.search(line[line.rfind("\n") + 1 :].lower()))


def _quoted(text: str, match: re.Match[str], before: str) -> bool:
    """'Good', "inadequate": the quote closes right after the word (a quoted phrase that
    merely starts with it, like "good arrangements", is not a quoted grade)."""
    after = text[match.end() : match.end() + 2]
    closes = after.lstrip(".,!")[:1] in {"'", '"'} or after[:1] in {"'", '"'}
    opens = text[match.start() - 1 : match.start()] in {"'", '"'}
    return closes and (opens or bool(_RATING_BEFORE.search(before[-30:])))


def _good_is_rating(before: str, next_word: str, marked: bool, is_title: bool) -> bool:
    """'good' is the commonest adjective in the language: it needs a strong frame."""
    noun_follows = bool(next_word) and next_word not in _FOLLOW_OK
    if noun_follows and not marked:
        return False
    if marked:
        return True
    framed = bool(_GOOD_BEFORE.search(before[-30:])) or next_word in _GOOD_FOLLOWERS
    strong = (
        is_title
        or bool(_STRONG_BEFORE.search(before[-30:]))
        or bool(_RATED_AS.search(before[-110:]))  # "rated the impact of leaders ... as good"
    )
    return framed and (strong or next_word in _GOOD_FOLLOWERS)


# "Rochdale's children's services are good, inspectors found": the service's grade, said
# with nothing after it (a following word makes it an adjective: "are good at listening").
_SERVICE_IS = re.compile(
    r"(?<![a-z0-9])(?:services?|department|council|authority|social care|provision|"
    r"arrangements|judge?ments|areas)\s+(?:are|is|were|was|remain|remains|remained)\s+(?:now\s+|"
    r"still\s+|also\s+|overall\s+)?$"
)


def _predicate_good(before: str, after: str) -> bool:
    rest = after.lstrip(" '\"")
    ends = not rest or rest[0] in ",.;-" or rest.startswith(("except", "apart from"))
    return ends and bool(_SERVICE_IS.search(before[-45:]))


def _grade_is_rating(before: str, after: str, next_word: str, kind: str, marked: bool) -> bool:
    """'inadequate', 'requires improvement', 'outstanding': rarely anything but a grade."""
    strong_value = kind in {"ri", "inadequate"}
    if (
        next_word
        and next_word not in _FOLLOW_OK
        and not (strong_value and next_word in _SERVICE_NOUNS)
    ):
        return marked or (kind == "ri" and bool(_AREA_WORDS.search(after[:120])))
    if kind in {"ri", "inadequate", "outstanding"} and _AREA_WORDS.search(
        after[:120] + before[-120:]
    ):
        return True
    if kind == "ri" and _SERVICE_SUBJECT.search(before[-40:]):
        return True
    if DATED.match(after):
        return True  # "... and requires improvement in 2019": a grade with its year
    return marked or bool(_RATING_BEFORE.search(before[-30:]))


# A hedge reaches over its own clause only: in "could be rated inadequate if nothing changes,
# after an inspection found them to require improvement" the second grade is a finding.
_HEDGE_SCOPE = re.compile(r",\s*(?:after|following|when|since|because|once|but|and)\b")


def negated(before: str, after: str) -> bool:
    scope = before
    if "," in before:
        for boundary in _HEDGE_SCOPE.finditer(before):
            scope = before[boundary.end() :]
    if _HEDGE.search(scope):
        return True
    if "may" in before:
        for may in _MAY.finditer(before):
            if (may.group(1) or "").strip(" -") not in _MONTH_PRECEDERS:
                return True
    scope = NO_LONGER.sub(" ", before[-32:])
    cuts = [m.end() for m in _NEGATION_SCOPE.finditer(scope)]
    if cuts:
        scope = scope[cuts[-1] :]
    if _NEGATION.search(scope):
        return True
    return ("or" in after[:12] and bool(_OR_AFTER.match(after))) or (
        "or" in before[-12:] and bool(_OR_BEFORE.search(before))
    )


# "good or outstanding", "requires improvement or inadequate": a range, not a grade.
_OR_AFTER = re.compile(
    r"\W*(?:or|and/or)\s+(?:better|worse|above|below|good|outstanding|inadequate|requires?)"
)
_OR_BEFORE = re.compile(
    r"\b(?:good|outstanding|inadequate|requires? improvement)\W+(?:or|and/or)\W*$"
)
_FOLLOWER = re.compile(r"[\s'\"]*([a-z']+)")
_LOOKS_BACK = re.compile(r"\b(?:previous|last|earlier|prior) (?:full )?(?:ofsted )?inspection")


def time_of(
    before: str, after: str, article: Article, sentence_index: int, sentence_head: str
) -> str:
    """Now, before (an earlier inspection), steady (unchanged: both) or unknown."""
    if NO_LONGER.search(before[-40:]) or _STANDING.search(after) or _DESPITE.search(before):
        return "before"
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
    breaks = list(_CLAUSE_BREAK.finditer(before))
    own_clause = before[breaks[-1].end() :] if breaks else before
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
    """ "which had been rated inadequate until its last inspection, has now been judged":
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
