"""How a grade word is framed in its sentence: a grade or an adjective, negated or
hedged (timing.py then places it in time: this inspection or an earlier one).

Everything here reads a short window around one grade word ("before" and "after"
are the rest of its clause, lower-cased), so each rule is a plain, local test a
reporter would make: is it in quotes, does "rated" come before it, does "not" or
"could" govern it, is there a year or "previously" attached to it.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_GOOD_NOUN = re.compile(r"good[ \t]+([a-z]+)")  # (a list's next line is no noun)
CLAUSE_BREAK = re.compile(r"[;:(]|\s-\s|\b(?:but|while|whilst|whereas|although|however)\b")
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
CHANGE_FROM = re.compile(
    r"(?:up|down|rise|rising|fall|falling|fell|drop|dropping|dropped|slip|slipping|slipped|"
    r"climb|climbing|climbed|jump|jumping|jumped|upgrade|downgrade|improvement|improved|moved?|"
    r"step|leap)d?(?: (?:one|two|three|a) (?:grades?|places?|notch(?:es)?|levels?|steps?))?"
    r"(?: forward| up| down| back)? (?:from|on)(?: the| its| their| an?)?\W*$"
)
# "... outstanding, a step up from good": the grade given now, compared with the one before.
_CHANGE_AFTER = re.compile(
    r"['\"]?,?\s+(?:an? |the )?(?:(?:big|significant|welcome|major|marked) )?(?:step (?:up|down|"
    r"forward|back)|improvement|upgrade|downgrade|rise|fall|drop|jump|leap|move (?:up|down))"
    r" (?:on|from)\b"
)
_AT_INSPECTION = re.compile(
    r"['\"]?,?\s+(?:at|in|after|following) (?:its|the|their|an?) (?:last|previous|latest|"
    r"most recent|first|full|recent) (?:full |ofsted |ilacs )?inspection"
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
_FOR_AREA = re.compile(
    r"['\"]?\s+(?:for|in) (?:the |its |their )?(?:" + _AREA_WORDS.pattern + ")|"
    # "... and good for the other three (areas)", "good in the remaining judgements"
    r"['\"]?\s+(?:for|in|across) (?:all )?(?:the )?(?:other|remaining) (?:two |three |four )?"
    r"(?:key )?(?:areas|judge?ments|categories|two|three|four)\b"
)
_AREA_HEADING = re.compile(
    r"\b(?:impact of leaders|help and protection|overall effectiveness|care leavers|"
    r"children in care)\b"
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
    r"branded|labell?ed|calls|called)\s+"
    r"(?:(?!that\s)[a-z'&-]+\s+){1,7}$"
)
# ("found that social workers are good at ...": a clause of its own, not the rating's object)
_GRADE_NOUNS = _words("rating ratings grade judgement judgment verdict label")
_GOOD_FOLLOWERS = _words("rating grade judgement judgment overall across by in since")
_CAPITALISED = re.compile(r"(?:Requir|Inadequa|Outstanding|Good|Adequate)")


def changed_from(before: str) -> bool:
    """ "up from", "falling two grades from", "up a grade on the" right before the grade."""
    tail = before[-45:]
    return (" from" in tail or " on" in tail) and CHANGE_FROM.search(tail) is not None


def no_longer(before: str) -> bool:
    """ "no longer", "lifted out of", "lost its", "dropped from" right before the grade."""
    tail = before[-40:]
    return any(w in tail for w in _NO_LONGER_WORDS) and NO_LONGER.search(tail) is not None


_NO_LONGER_WORDS = ("longer", "out of", "from", "lose", "lost", "losing", "stripped", " off")


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
    for brk in CLAUSE_BREAK.finditer(lower, s_start, m_start):
        start = brk.end()
    stop = CLAUSE_BREAK.search(lower, m_end, s_end)
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
    if changed_from(before) or (
        after[:1] in ' \'","' and (_FOR_AREA.match(after) or _CHANGE_AFTER.match(after))
    ):
        return True  # "up from good", "and good for help and protection", "good, a step up"
    if no_longer(before):
        return True  # "are no longer outstanding"
    if _AT_INSPECTION.match(after):
        return True  # "and requires improvement at its last inspection in 2022"
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
    line = text[max(0, start - 90) : start]
    if ":" not in line and "|" not in line:
        return False
    line = line[line.rfind("\n") + 1 :].lower()
    if _AREA_BEFORE.search(line):
        return True
    # A long heading with the grade after its colon: "The impact of leaders on social work
    # practice with children and families: outstanding".
    return line.rstrip().endswith((":", "|")) and _AREA_HEADING.search(line) is not None


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
