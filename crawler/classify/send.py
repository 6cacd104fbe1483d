"""Area SEND outcomes in the words reporters use for them.

Three regimes: the 2016 framework (a written statement of action was required,
or not), its revisits (sufficient progress in all, some or none of the
significant weaknesses), and the 2023 framework's three outcome sentences and
monitoring inspections ("taking effective action"). Council pages often list all
three 2023 outcome sentences as background; a sentence that sits in such a list
is not this area's result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from config.vocabulary import InspectionType, Judgement
from crawler.classify.framing import is_minutes
from crawler.classify.text import Article, search_sentences

# Where an outcome sits on the 2023 framework's scale of three: "the lowest of the three
# possible outcomes", "the second of three", "the strongest result the inspection can give".
# (Singular nouns only: "the best outcomes for children" is an aim, not a verdict.)
_OF_THREE = (
    r" of (?:the )?(?:three|3)(?: possible)?(?: inspection)?(?: outcomes| ratings| results| "
    r"judge?ments| categories| grades)?"
)
_SCALE_NOUN = (
    r" (?:possible |available )?(?:inspection |send )?(?:rating|outcome|grade|category|result|"
    r"judge?ment|verdict)\b(?! for (?:children|young|famil|pupils|learners))"
)
_POSITIVE = re.compile(
    r"typically (?:lead|leads|leading|led) to positive (?:experiences|outcomes)|"
    r"positive experiences and outcomes|"
    r"(?:lead|leads|leading|led)(?:, [^,.]{1,30},)? to (?:good|positive) experiences and "
    r"(?:good |positive )?outcomes|"
    r"\b(?:highest|best|top|strongest|most positive)(?:" + _OF_THREE + "|" + _SCALE_NOUN + r")|"
    r"\btop (?:marks|one)\b"
)
_INCONSISTENT = re.compile(
    r"inconsistent experiences and outcomes|(?:lead|leads|leading|led) to inconsistent "
    r"(?:experiences|outcomes)|experiences (?:and outcomes )?(?:are|were|remain) inconsistent|"
    r"(?:outcome|finding) (?:was|is) (?:that )?.{0,40}inconsistent|"
    r"(?:have|has|had|get|gets|got|receive|receives|received|face|faces|faced) (?:an |often |too "
    r"often |very |highly )?inconsistent experiences?|"
    r"experiences? (?:and outcomes )?(?:of|for) (?:children|young people|families)[^.]{0,60}?"
    r"\b(?:are|were|is|was) (?:too |very |often )?(?:mixed|variable|varied|uneven)\b|"
    r"experiences? (?:and outcomes )?(?:of|for) (?:children|young people|families)[^.]{0,60}?"
    r"\bvar(?:y|ies|ied) (?:too much|too widely|widely|considerably|greatly|a great deal)|"
    r"\bmiddle(?:" + _OF_THREE + "|" + _SCALE_NOUN + r")|\bsecond" + _OF_THREE + "|"
    r"\bsecond[- ](?:highest|best|lowest|worst)(?:" + _OF_THREE + "|" + _SCALE_NOUN + r")|"
    r"experiences and outcomes [^.]{0,50}(?:are|were|was|is|remain|remained) (?:too |often |"
    r"highly |very )?inconsistent"
)
_SYSTEMIC = re.compile(
    r"widespread and/or systemic fail(?:ings|ures)|widespread (?:and|or) systemic "
    r"fail(?:ings|ures)|systemic fail(?:ings|ures)|widespread fail(?:ings|ures)|"
    r"(?<!second )(?<!second-)\b(?:lowest|worst|bottom|weakest|most serious|most severe)(?:"
    + _OF_THREE
    + "|"
    + _SCALE_NOUN
    + r")|(?:serious|significant|widespread|deep-rooted|major|system-wide) failings (?:across|"
    r"throughout|in) (?:the )?(?:whole )?(?:local area |send )?(?:partnership|system|area)|"
    r"failings (?:that |which )?(?:run|ran|running) (?:right )?(?:across|through(?:out)?) "
    r"(?:the )?(?:whole )?(?:system|partnership|area)"
)
_SYSTEMIC_PARAPHRASE = re.compile(
    r"significant concerns about the experiences and outcomes|(?:address|addressing) "
    r"(?:these |them |the (?:issues|concerns) )?urgently|need(?:s)? addressing urgently|"
    r"priority action plan|areas? (?:for|requiring|of) priority action"
)
_EXPLAINER = re.compile(
    r"(?<!of )(?<!of the )three possible (?:inspection )?outcomes|(?<!of )(?:three|possible) "
    r"(?:inspection )?outcomes (?:are|"
    r"were|is)|one of (?:the )?three (?:possible )?outcomes|there are three|next full [^.]{0,30}"
    r"inspection will|will (?:be|take place) within (?:five|three|approximately|\d)"
)
# "the outcome for Trafford was that ...": a list of outcomes, then this area's own.
_ATTRIBUTED = re.compile(
    r"outcome (?:for [\w' ]{2,40} )?(?:was|is) that|(?:found|concluded|"
    r"judged|decided) that"
)
_NO_WSOA = re.compile(
    r"(?:avoid(?:ed|s)?|escaped?|without|no longer (?:requires?|needs?|has)|not (?:be )?"
    r"required to (?:produce|submit|write)|\bno (?:need|requirement|request)\b|removed?|"
    r"not need(?:ed)? (?:a|to produce)|"
    r"(?:did|does|do|was|were|has|have|had|will|would|is|are)(?: not|n't) (?:be |been )?"
    r"(?:ask|asked|need|needed|require|required|call|called|request|requested|issue|issued|"
    r"told|have to|had to|has to|need to)\b)"
    r"[^.]{0,60}(?:statement of action|\bwsoa\b)|"
    r"\bno (?:written )?statement of action (?:was |is |has been |will be |had been )?"
    r"(?:required|needed|necessary|issued|requested)|"
    r"statement of action (?:was|is|has been|will be) not (?:required|needed|necessary)|"
    r"(?:was|is) not required to produce|"
    r"\bno (?:significant (?:areas? of )?weakness|areas? of significant weakness)|"
    r"(?:not|n't) (?:find|found|identify|identified|identifies|finds|uncover|uncovered)(?: any)? "
    r"(?:significant (?:areas? of )?weakness|areas? of significant weakness)"
)
_WSOA = re.compile(
    r"written statement of action|\bstatement of action\b|\bwsoa\b|"
    r"significant (?:areas? of )?weakness|areas? of significant weakness"
)
_EARLIER = re.compile(
    r"(?<![a-z0-9])(?:previous|last|earlier|(?:in|since) 20[01]\d|(?:in|since) 202[0-2]|back in|"
    r"was required|had to|were required|years? (?:after|ago|earlier|before)|after finding)"
)
_EARLIER_OUTCOME = re.compile(
    r"(?<![a-z0-9])(?:previous|last (?:inspection|time|inspected)|earlier|back in|at the time|"
    r"first inspection|initial inspection|had (?:been )?(?:found|judged|rated)|"
    r"(?:was|were) (?:previously|originally))"
)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno|fail(?:ed|s)? to|yet to)\b(?: \w+){0,3} ?$")
_VERBATIM = re.compile(
    r"positive experiences and outcomes|inconsistent experiences and outcomes|systemic failings"
)
_DEFINITE = re.compile(
    _VERBATIM.pattern + r"|(?:widespread|systemic) fail|three (?:possible )?(?:inspection )?"
    r"(?:outcomes|ratings|results|judge?ments|categories|grades)|\bof (?:the )?three\b|"
    r"(?:lowest|highest|middle|best|worst|top|strongest) (?:possible )?(?:rating|outcome|grade|"
    r"result)"
)
# "avoided the lowest rating", "fears of systemic failings", "did not find widespread failings"
_NOT_AN_OUTCOME = re.compile(
    r"(?:\bnot|n't|\bnever|\bno|fail(?:ed|s)? to|yet to|avoid(?:ed|s|ing)?|escap(?:ed|es|ing)|"
    r"short of|could|might|fears?|feared|risks?|if|whether|rather than|instead of)\b"
    r"(?: [\w'/-]+){0,4} ?$"
)
_IN_YEAR = re.compile(r"\b(?:in|since|from) ((?:19|20)\d\d)\b")
_FUTURE = re.compile(
    r"(?<![a-z0-9])(?:will|would|due to|expected to|going to|plans? to)\b[^.]{0,50}$"
)

_SUFFICIENT_ALL = re.compile(
    r"(?<![a-z])(?:sufficient|enough) progress['\"]? (?:(?:has|had|have) been made )?(?:in|on|"
    r"against) "
    r"(?:addressing |"
    r"tackling |resolving |dealing with )?"
    r"(?:all|each|every|"
    r"both|the (?:two|three|four|five|six|seven) )|(?:all|each of the) (?:two |three |four |five |"
    r"six |seven )?(?:weaknesses |areas |concerns )?(?:had|have) (?:now |all )?been (?:addressed|"
    r"resolved|tackled)|(?:weaknesses|areas|concerns) (?:had|have) "
    r"(?:all )?been (?:addressed|resolved)|no longer requires? a (?:written statement of action|"
    r"wsoa)|(?:all|each of the) (?:areas of )?(?:significant )?weaknesses (?:had|have) been|"
    r"(?<![a-z])sufficient progress in addressing (?:the )?(?:areas of )?significant weakness|"
    r"taking ['\"]?effective action|(?<![a-z])(?<!insufficient )(?<!no )(?<!little )"
    r"(?<!limited )(?<!some )(?<!enough )progress (?:has|had|have) been made (?:in|on|against) "
    r"(?:addressing )?(?:all|each|every)\b|effective action (?:in|to address) (?:all|each)|"
    r"improvements? (?:had|have) been made in (?:relation to )?(?:each|all) "
)
_SUFFICIENT_SOME = re.compile(
    r"(?<![a-z])sufficient progress['\"]? (?:has been |had been )?(?:made )?"
    r"(?:in|on|regarding|against|with) (?:addressing )?"
    r"(?:one|two|three|four|five|six|some|most|several|many|half|the majority)\b|"
    r"(?:one|two|three|four|five|six) of the "
    r"(?:two|three|four|five|six|seven) (?:significant )?(?:areas|weaknesses)|"
    r"some (?:progress|improvements?) (?:had|has|have) been made|mixed progress|"
    r"effective action (?:in|on) (?:one|two|three|four|some|most|several)\b|"
    r"made some progress|largely on the right track|"
    r"(?:in|of|on) (?:the|its) (?:other|remaining) (?:areas|weaknesses|priorit(?:y|ies))|"
    r"almost all areas|(?:made|making|make|makes) (?:sufficient |good |enough |real )?progress "
    r"(?:on|in|with|against) (?:addressing )?(?:only )?(?:one|two|three|some|most|several|half)\b|"
    r"(?<![a-z])sufficient progress had been made (?:regarding|in) (?!all\b|each\b|every\b|"
    r"both\b|the (?:two|three|four|five|six|seven) )"
)
_INSUFFICIENT = re.compile(
    r"(?:not|n't|insufficient|no|little|lack of|limited)\s+(?:yet\s+)?(?:to\s+have\s+)?"
    r"(?:been\s+)?(?:made\s+|making\s+)?(?:sufficient\s+|significant\s+|enough\s+|any\s+)?"
    r"progress|"
    r"insufficient progress|not (?:made|making) sufficient progress|"
    r"not (?:yet )?(?:taking|taken|take|taking sufficiently) effective action|"
    r"not (?:yet )?addressed|still to make ['\"]?sufficient progress|accelerated progress plan"
)
_INSUFFICIENT_ALL = re.compile(
    r"(?:not|insufficient) (?:made )?(?:sufficient )?progress (?:(?:has|had|have) been made |"
    r"was made )?(?:in|on) (?:addressing )?(?:any|all|each)|"
    r"none of the (?:areas|weaknesses)|no progress"
)


# Literal words every match of each pattern contains (see text.search_sentences).
_WORDS = {
    _POSITIVE: ("positive", "highest", "top ", "best ", "strongest"),
    _INCONSISTENT: (
        "inconsistent",
        "middle",
        "second ",
        "second-",
        "mixed",
        "vari",
        "vary",
        "uneven",
    ),
    _SYSTEMIC: ("systemic", "lowest", "worst", "bottom", "weakest", "most se", "failings"),
    _SYSTEMIC_PARAPHRASE: ("concerns", "urgently", "priority action"),
    _NO_WSOA: ("statement of action", "wsoa", "not required", "weakness"),
    _WSOA: ("statement of action", "wsoa", "weakness"),
    _SUFFICIENT_ALL: (
        "progress",
        "addressed",
        "resolved",
        "statement of action",
        "wsoa",
        "weaknesses",
        "effective action",
        "improvement",
    ),
    _SUFFICIENT_SOME: (
        "progress",
        "improvement",
        " of the ",
        "right track",
        "almost all",
        "mixed",
        "effective action",
        "other",
        "remaining",
    ),
    _INSUFFICIENT: ("progress", "effective action", "addressed"),
    _INSUFFICIENT_ALL: ("progress", "none of"),
}


@dataclass(slots=True)
class SendOutcome:
    judgement: str | None = None
    previous: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def read_send(
    article: Article, kind: str, framework_2023: bool, roundup: bool = False
) -> SendOutcome:
    """Outcome, previous outcome and the sentences relied on, for the SEND types.

    A round-up whose areas got different outcomes has no one outcome (null)."""
    if kind == InspectionType.SEND_REVISIT:
        out = _progress(article)
        out.previous = Judgement.WSOA_REQUIRED.value
        _evidence(article, out, "previous_judgement", _WSOA)
        return out
    if kind == InspectionType.SEND_MONITORING:
        out = _progress(article)
        out.previous = Judgement.SEND_SYSTEMIC_FAILINGS.value
        _evidence(
            article,
            out,
            "previous_judgement",
            re.compile(_SYSTEMIC.pattern + "|" + _SYSTEMIC_PARAPHRASE.pattern),
        )
        return out
    if framework_2023:
        return _outcome_2023(article, roundup) if roundup else _outcome_2023_once(article)
    out = _outcome_2016(article, roundup)
    year = article.event_year
    if out.judgement is None and (year is None or year >= 2023):
        # Neither framework's words counted, and the date does not rule out the newer one:
        # a paraphrased 2023 outcome ("the strongest result the inspection can give").
        newer = _outcome_2023(article, roundup) if roundup else _outcome_2023_once(article)
        if newer.judgement is not None:
            return newer
    return out


class Finding(NamedTuple):
    sentence: int  # sentence index, -1 for the headline
    text: str
    head: str  # the sentence's words before the match, lower case


def _findings(
    article: Article, pattern: re.Pattern[str], negatable: bool | re.Pattern[str] = False
) -> list[Finding]:
    """Sentences (title = -1) where a pattern reads as a finding: not background, not future
    (and, for progress, not negated: "have not made sufficient progress in any"; for an
    outcome, not avoided or feared either: `negatable` is then that pattern)."""
    found: list[Finding] = []
    negation = negatable if isinstance(negatable, re.Pattern) else _NEGATED if negatable else None
    title = article.title.lower()
    match = pattern.search(title)
    if match and not (negation and negation.search(title[: match.start()])):
        found.append(Finding(-1, article.title, title[: match.start()]))
    for sentence, match in search_sentences(article, pattern, _WORDS[pattern]):
        head = article.lower[sentence.start : match.start()]
        if _explained(article, sentence.index) and not _ATTRIBUTED.search(
            article.lower, sentence.start, sentence.end
        ):
            continue
        if _FUTURE.search(head[-60:]) and pattern is not _NO_WSOA:
            continue  # ("will not have to produce a statement" is this inspection's result)
        if negation and negation.search(head[-40:]):
            continue
        if not found or found[-1][0] != sentence.index:
            found.append(Finding(sentence.index, sentence.text, head))
    return found


def _explained(article: Article, index: int) -> bool:
    """The sentence sets out the possible outcomes, or is a bullet of a list introduced so."""
    if "explainers" not in article.memo:
        article.memo["explainers"] = frozenset(
            article.sentence_at(m.start()).index for m in _EXPLAINER.finditer(article.lower)
        )
    explainers = article.memo["explainers"]
    assert isinstance(explainers, frozenset)
    return any(index - back in explainers for back in range(4))


def _outcome_2023(article: Article, roundup: bool) -> SendOutcome:
    out = SendOutcome()
    hits = [
        (Judgement.SEND_SYSTEMIC_FAILINGS, _findings(article, _SYSTEMIC, _NOT_AN_OUTCOME)),
        (Judgement.SEND_INCONSISTENT, _findings(article, _INCONSISTENT, _NOT_AN_OUTCOME)),
        (Judgement.SEND_POSITIVE, _findings(article, _POSITIVE, _NOT_AN_OUTCOME)),
    ]
    present = [(j, h) for j, h in hits if h]
    if not present:
        paraphrase = _findings(article, _SYSTEMIC_PARAPHRASE)
        if paraphrase:
            out.judgement = Judgement.SEND_SYSTEMIC_FAILINGS.value
            out.evidence["judgement"] = paraphrase[0][1]
        return out
    now = [
        (f.sentence, value, f.text)
        for value, found in present
        for f in found
        if not _earlier(article, f.head)
    ]
    before = [
        (f.sentence, value, f.text)
        for value, found in present
        for f in found
        if _earlier(article, f.head)
    ]
    now.sort(key=lambda item: item[0])
    before.sort(key=lambda item: item[0])
    if not now:
        return out
    if roundup and len({value for _, value, _ in now}) > 1:
        return out  # several areas, several outcomes
    out.judgement = now[0][1].value
    # The report's own outcome sentence shows the finding best; a paraphrase otherwise.
    same = [text for _, value, text in now if value == now[0][1]]
    verbatim = [text for text in same if _VERBATIM.search(text.lower())]
    out.evidence["judgement"] = (verbatim or same)[0]
    if before:
        out.previous = before[0][1].value
        out.evidence["previous_judgement"] = before[0][2]
    else:
        _earlier_statement_of_action(article, out)
    return out


def current_outcome_2023(article: Article) -> tuple[str | None, str | None]:
    """The 2023 framework outcome the article gives as this inspection's in the framework's
    own words or by its place on the scale, and the sentence ((None, None) otherwise: "mixed
    experiences" alone could be said of a revisit too)."""
    out = _outcome_2023_once(article)
    sentence = out.evidence.get("judgement")
    if sentence is None or not _DEFINITE.search(sentence.lower()):
        return None, None
    return out.judgement, sentence


def _outcome_2023_once(article: Article) -> SendOutcome:
    """_outcome_2023 for one area, read once per article (the type and the outcome ask)."""
    if "outcome_2023" not in article.memo:
        article.memo["outcome_2023"] = _outcome_2023(article, roundup=False)
    out = article.memo["outcome_2023"]
    assert isinstance(out, SendOutcome)
    return SendOutcome(out.judgement, out.previous, dict(out.evidence))


def _earlier(article: Article, head: str) -> bool:
    """An outcome given at an earlier inspection: "at the previous inspection in 2023 the
    partnership's arrangements were found to lead to ..." (the words before it decide)."""
    lower = head[-120:]
    for match in _EARLIER_OUTCOME.finditer(lower):
        # (in minutes' reported speech "inspectors had found" is this inspection's finding)
        if not (match.group().startswith("had ") and is_minutes(article)):
            return True
    year = article.event_year
    return year is not None and any(int(y) < year for y in _IN_YEAR.findall(lower))


def _earlier_statement_of_action(article: Article, out: SendOutcome) -> None:
    """A 2023-framework report on an area that earlier had (or did not have) to write a
    statement of action: that is the outcome before this one."""
    for sentence, _match in search_sentences(article, _WSOA, _WORDS[_WSOA]):
        lower = sentence.text.lower()
        if _EARLIER.search(lower):
            avoided = _NO_WSOA.search(lower)
            out.previous = (Judgement.NO_WSOA if avoided else Judgement.WSOA_REQUIRED).value
            out.evidence["previous_judgement"] = sentence.text
            return


def _outcome_2016(article: Article, roundup: bool) -> SendOutcome:
    out = SendOutcome()
    avoided = _findings(article, _NO_WSOA)
    if roundup and avoided and len(_findings(article, _WSOA)) > len(avoided):
        return out  # some areas had to write a statement, others did not
    if avoided:
        out.judgement = Judgement.NO_WSOA.value
        out.evidence["judgement"] = avoided[0][1]
        return out
    required = _findings(article, _WSOA, negatable=True)
    if required:
        out.judgement = Judgement.WSOA_REQUIRED.value
        out.evidence["judgement"] = required[0][1]
    return out


def _progress(article: Article) -> SendOutcome:
    """All, some or none of the weaknesses (revisits); effective action (monitoring)."""
    out = SendOutcome()
    all_done = _findings(article, _SUFFICIENT_ALL, negatable=True)
    some = _findings(article, _SUFFICIENT_SOME, negatable=True)
    short = _findings(article, _INSUFFICIENT)
    none_done = _findings(article, _INSUFFICIENT_ALL)
    if none_done and not (all_done or some):
        out.judgement, chosen = Judgement.INSUFFICIENT_PROGRESS.value, none_done
    elif some or (short and all_done):
        out.judgement, chosen = Judgement.PARTIAL_PROGRESS.value, some or short
    elif all_done:
        out.judgement, chosen = Judgement.SUFFICIENT_PROGRESS.value, all_done
    elif short:
        out.judgement, chosen = Judgement.INSUFFICIENT_PROGRESS.value, short
    else:
        return out
    out.evidence["judgement"] = chosen[0][1]
    return out


def _evidence(article: Article, out: SendOutcome, key: str, pattern: re.Pattern[str]) -> None:
    match = pattern.search(article.lower)
    if match:
        out.evidence[key] = article.sentence_at(match.start()).text
