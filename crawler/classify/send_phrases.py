"""The words of area SEND outcomes, as reporters write them (data for send.py).

Each pattern is a regular expression over lower-cased text with straight quotes;
WORDS gives, for each, literal text every match contains, so that only sentences
holding one are searched (text.search_sentences).
"""

from __future__ import annotations

import re

# Where an outcome sits on the 2023 framework's scale of three: "the lowest of the three
# possible outcomes", "the second of three", "the best result an area can get".
# (Singular nouns only: "the best outcomes for children" is an aim, not a verdict.)
OF_THREE = (
    r"(?: one)? of (?:the )?(?:three|3)(?: possible)?(?: inspection)?(?: outcomes| ratings| "
    r"results| judge?ments| categories| grades)?"
)
SCALE_NOUN = (
    r" (?:possible |available )?(?:inspection |send )?(?:rating|outcome|grade|category|result|"
    r"judge?ment|verdict)\b(?! for (?:its |their |our |the |every |each )?(?:children|child|young|"
    r"famil|pupils|learners))"
)
POSITIVE = re.compile(
    r"typically (?:lead|leads|leading|led) to positive (?:experiences|outcomes)|"
    r"positive experiences and outcomes|"
    r"(?:lead|leads|leading|led)(?:, [^,.]{1,30},)? to (?:good|positive) experiences and "
    r"(?:good |positive )?outcomes|"
    r"\b(?:highest|best|top|strongest|most positive)(?:" + OF_THREE + "|" + SCALE_NOUN + r")|"
    r"\btop (?:marks|one)\b"
)
INCONSISTENT = re.compile(
    r"inconsistent experiences and outcomes|(?:lead|leads|leading|led) to inconsistent "
    r"(?:experiences|outcomes)|experiences (?:and outcomes )?(?:are|were|remain) inconsistent|"
    r"(?:outcome|finding) (?:was|is) (?:that )?.{0,40}inconsistent|"
    r"(?:have|has|had|get|gets|got|receive|receives|received|face|faces|faced) (?:an |often |too "
    r"often |very |highly )?inconsistent experiences?|"
    r"experiences? (?:and outcomes )?(?:of|for) (?:children|young people|families)[^.]{0,60}?"
    r"\b(?:are|were|is|was) (?:too |very |often )?(?:mixed|variable|varied|uneven)\b|"
    r"experiences? (?:and outcomes )?(?:of|for) (?:children|young people|families)[^.]{0,60}?"
    r"\bvar(?:y|ies|ied) (?:too much|too widely|widely|considerably|greatly|a great deal)|"
    r"\bmiddle(?:-ranking)?(?:" + OF_THREE + "|" + SCALE_NOUN + r")|\bsecond" + OF_THREE + "|"
    r"\bsecond[- ](?:highest|best|lowest|worst)(?:" + OF_THREE + "|" + SCALE_NOUN + r")|"
    r"experiences and outcomes [^.]{0,50}(?:are|were|was|is|remain|remained) (?:too |often |"
    r"highly |very )?inconsistent"
)
SYSTEMIC = re.compile(
    r"widespread and/or systemic fail(?:ings|ures)|widespread (?:and|or) systemic "
    r"fail(?:ings|ures)|systemic fail(?:ings|ures)|widespread fail(?:ings|ures)|"
    r"(?<!second )(?<!second-)\b(?:lowest|worst|bottom|weakest|most serious|most severe)(?:"
    + OF_THREE
    + "|"
    + SCALE_NOUN
    + r")|(?:serious|significant|widespread|deep-rooted|major|system-wide) failings (?:across|"
    r"throughout|in) (?:the )?(?:whole )?(?:local area |send )?(?:partnership|system|area)|"
    r"failings (?:that |which )?(?:run|ran|running) (?:right )?(?:across|through(?:out)?) "
    r"(?:the )?(?:whole )?(?:system|partnership|area)"
)
SYSTEMIC_PARAPHRASE = re.compile(
    r"significant concerns about the experiences and outcomes|(?:address|addressing) "
    r"(?:these |them |the (?:issues|concerns) )?urgently|need(?:s)? addressing urgently|"
    r"priority action plan|areas? (?:for|requiring|of) priority action"
)
SYSTEMIC_ANY = re.compile(SYSTEMIC.pattern + "|" + SYSTEMIC_PARAPHRASE.pattern)
EXPLAINER = re.compile(
    r"(?<!of )(?<!of the )three possible (?:inspection )?outcomes|(?<!of )(?:three|possible) "
    r"(?:inspection )?outcomes (?:are|"
    r"were|is)|"
    # ("one of three possible outcomes" explains the scale; "the middle one of three" is one)
    r"(?<!middle )(?<!lowest )(?<!highest )(?<!best )(?<!worst )(?<!top )(?<!bottom )"
    r"one of (?:the )?three (?:possible )?outcomes|there are three|next full [^.]{0,30}"
    r"inspection will|will (?:be|take place) within (?:five|three|approximately|\d)"
)
# "the outcome for Trafford was that ...": a list of outcomes, then this area's own.
ATTRIBUTED = re.compile(
    r"outcome (?:for [\w' ]{2,40} )?(?:was|is) that|(?:found|concluded|"
    r"judged|decided) that"
)
NO_WSOA = re.compile(
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
WSOA = re.compile(
    r"written statement of action|\bstatement of action\b|\bwsoa\b|"
    r"significant (?:areas? of )?weakness|areas? of significant weakness"
)
EARLIER = re.compile(
    r"(?<![a-z0-9])(?:previous|last|earlier|(?:in|since) 20[01]\d|(?:in|since) 202[0-2]|back in|"
    r"was required|had to|were required|years? (?:after|ago|earlier|before)|after finding)"
)
EARLIER_OUTCOME = re.compile(
    r"(?<![a-z0-9])(?:previous|last (?:inspection|time|inspected)|earlier|back in|at the time|"
    r"first inspection|initial inspection|had (?:been )?(?:found|judged|rated)|"
    r"(?:was|were) (?:previously|originally))"
)
# "... had widespread and/or systemic failings at its previous inspection in 2023": the time
# comes after the outcome. (Not "the same as at its previous inspection": that is now too.)
EARLIER_AFTER = re.compile(
    r"^(?![^.;]{0,40}?\b(?:same|again|also|still|as at|as in|as it did|unchanged)\b)[^.;]{0,40}?"
    r"\b(?:at|in|during|after|from|following) (?:its|the|their|an?|that) (?:previous|last|"
    r"earlier|first|initial|original) (?:full |send |area )?inspection"
)
NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno|fail(?:ed|s)? to|yet to)\b(?: \w+){0,3} ?$")
VERBATIM = re.compile(
    r"positive experiences and outcomes|inconsistent experiences and outcomes|systemic failings"
)
DEFINITE = re.compile(
    VERBATIM.pattern + r"|(?:widespread|systemic) fail|three (?:possible )?(?:inspection )?"
    r"(?:outcomes|ratings|results|judge?ments|categories|grades)|\bof (?:the )?three\b|"
    r"(?:lowest|highest|middle|best|worst|top|strongest) (?:possible )?(?:rating|outcome|grade|"
    r"result)"
)
# "avoided the lowest rating", "fears of systemic failings", "did not find widespread failings"
NOT_AN_OUTCOME = re.compile(
    r"(?:\bnot|n't|\bnever|\bno|fail(?:ed|s)? to|yet to|avoid(?:ed|s|ing)?|escap(?:ed|es|ing)|"
    r"short of|could|might|fears?|feared|risks?|if|whether|rather than|instead of)\b"
    r"(?: [\w'/-]+){0,4} ?$|"
    # an aim or a hope reaches further: "hopes for the best outcome ... and the highest rating"
    r"\b(?:hopes?|hoped|hoping|aims?|aiming|wants?|wanted|wish(?:es)?|ambitions?|striv(?:e|ing)|"
    r"target(?:s|ing)?|determined)\b[^.;:]*$"
)
IN_YEAR = re.compile(r"\b(?:in|since|from) ((?:19|20)\d\d)\b")
FUTURE = re.compile(
    r"(?<![a-z0-9])(?:will|would|due to|expected to|going to|plans? to)\b[^.]{0,50}$"
)

SUFFICIENT_ALL = re.compile(
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
    r"taking ['\"]?effective action|(?:has|have|had) (?:now )?(?:addressed|resolved|tackled) "
    r"(?:all|each|every one) (?:of )?(?:the |its )?(?:[a-z]+ ){0,2}(?:weaknesses|areas|concerns)|"
    r"(?<![a-z])(?<!insufficient )(?<!no )(?<!little )"
    r"(?<!limited )(?<!some )(?<!enough )progress (?:has|had|have) been made (?:in|on|against) "
    r"(?:addressing )?(?:all|each|every)\b|effective action (?:in|to address) (?:all|each)|"
    r"improvements? (?:had|have) been made in (?:relation to )?(?:each|all) "
)
SUFFICIENT_SOME = re.compile(
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
INSUFFICIENT = re.compile(
    r"(?:not|n't|insufficient|no|little|lack of|limited)\s+(?:yet\s+)?(?:to\s+have\s+)?"
    r"(?:been\s+)?(?:made\s+|making\s+)?(?:sufficient\s+|significant\s+|enough\s+|any\s+)?"
    r"progress|"
    r"insufficient progress|not (?:made|making) sufficient progress|"
    r"not (?:yet )?(?:taking|taken|take|taking sufficiently) effective action|"
    r"not (?:yet )?addressed|still to make ['\"]?sufficient progress|accelerated progress plan"
)
INSUFFICIENT_ALL = re.compile(
    r"(?:not|insufficient) (?:made )?(?:sufficient )?progress (?:(?:has|had|have) been made |"
    r"was made )?(?:in|on) (?:addressing )?(?:any|all|each)|"
    r"none of the (?:areas|weaknesses)|no progress"
)


# Literal words every match of each pattern contains (see text.search_sentences).
# A place on a scale ("the highest rating") is a SEND outcome only when the sentence is not
# about the four-point children's services scale ("were rated outstanding, the highest rating").
SCALE_PLACE = re.compile(
    r"(?:lowest|highest|middle|best|worst|top|bottom|second|most positive|most serious|"
    r"most severe|strongest|weakest)\b"
)
FOUR_POINT = re.compile(
    r"\b(?:outstanding|inadequate|requires? improvement|of four|(?:rated|judged|graded) good)\b"
)
SEND_WORDS = re.compile(r"\bsend\b|special educational|local area|partnership|disabilit")


WORDS = {
    POSITIVE: ("positive", "highest", "top ", "best ", "strongest"),
    INCONSISTENT: (
        "inconsistent",
        "middle",
        "second ",
        "second-",
        "mixed",
        "vari",
        "vary",
        "uneven",
    ),
    SYSTEMIC: ("systemic", "lowest", "worst", "bottom", "weakest", "most se", "failings"),
    SYSTEMIC_PARAPHRASE: ("concerns", "urgently", "priority action"),
    NO_WSOA: ("statement of action", "wsoa", "not required", "weakness"),
    WSOA: ("statement of action", "wsoa", "weakness"),
    SUFFICIENT_ALL: (
        "progress",
        "addressed",
        "resolved",
        "statement of action",
        "wsoa",
        "weaknesses",
        "effective action",
        "improvement",
    ),
    SUFFICIENT_SOME: (
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
    INSUFFICIENT: ("progress", "effective action", "addressed"),
    INSUFFICIENT_ALL: ("progress", "none of"),
}
