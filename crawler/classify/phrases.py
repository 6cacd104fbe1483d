"""The phrases a children's-services reporter reacts to, grouped into cue families.

Data, not logic: each family is a tuple of regular expressions over lower-cased
text with straight quotes, and every phrase must start with literal text (the
scanner in cues.py indexes phrases by their first word). Add a phrase here and
it is found everywhere; a family's meaning is in its comment.
"""

from __future__ import annotations

from crawler.classify.phrases_against import AGAINST

_VERBS = (
    r"found|finds|said|says|say|praised|praises|commended|commends|highlighted|highlights|"
    r"identified|identifies|concluded|concludes|rated|rates|judged|judges|noted|notes|reported|"
    r"reports|criticised|criticises|raised|raises|visited|visits|returned|ruled|warned|warns|find|"
    r"recognised|recognises|acknowledged|acknowledges|described|describes|observed|saw|spent|"
    r"revisited|revisits|"
    r"looked|spoke|examined|awarded|handed|gave|gives|published|publishes|stated|states|"
    r"condemned|condemns|accused|accuses|told|urged|branded|singled|uncovered|revealed|reveals|"
    r"confirmed|confirms|read|reads|added|adds|inspected|carried out|report|given"
)
_SUBJECTS = (
    "ofsted",
    "cqc",
    "commission",
    "inspectors?",
    "inspectorate",
    "watchdogs?",
    "regulators?",
    "hmi",
    "report",
    "letter",
    "judgement",
)

_AUXILIARIES = ("has", "have", "had", "was", "were", "been", "being", "is", "are")
_DETERMINERS = (
    "the",
    "its",
    "a",
    "an",
    "their",
    "latest",
    "new",
    "recent",
    "this",
    "damning",
    "inspection",
    "ofsted",
    "visit",
    "inspectors'",
    "joint",
)
# "the report", "its latest letter": anchored on the noun (a determiner is too common a word
# to index), with the determiner checked behind it.
_DETERMINED_NOUNS = tuple(
    noun
    + r"s?\b(?:"
    + "|".join(f"(?<={det} {noun})|(?<={det} ofsted {noun})" for det in _DETERMINERS)
    + ")"
    for noun in ("report", "letter", "findings", "judgement", "judgment")
)

# Family name -> phrases (regular expressions, each starting with literal text).
PHRASES: dict[str, tuple[str, ...]] = {
    # Who inspects.
    "ofsted": (
        r"ofsted\b",
        r"office for standards in education",
        r"majesty'?s inspector\b",
        r"majesty'?s inspectors\b",
        r"majesty'?s chief inspector\b",
        r"hmi\b",
        r"hm inspectors?\b",
        r"hmci\b",
        # Not the police, probation or prisons inspectorates, nor the Scottish and Welsh ones.
        r"inspectorate\b(?<!care inspectorate)(?<!police inspectorate)(?<!probation inspectorate)"
        r"(?<!prisons inspectorate)(?! of (?:constab|probation|prison)| wales)",
    ),
    "cqc": (r"cqc\b", r"care quality commission", r"qcq\b"),
    "inspect": (
        r"inspect(?:ion|ions|ed|ors?|ing)\b",
        r"reinspect\w*",
        r"re-inspect\w*",
        r"watchdogs?\b",
        r"regulators?\b",
        r"visit(?:ed)?\b",
        r"assessors?\b",
    ),
    # What was inspected: the council's children's services, or SEND arrangements.
    "childrens_services": (
        r"children'?s services?\b",
        r"childrens services?\b",
        r"children'?s social care",
        r"social care services",
        r"services for (?:vulnerable |looked[- ]after )?children",
        r"child protection",
        r"safeguarding",
        r"vulnerable children?\b",
        r"children in care",
        r"looked[- ]after",
        r"care leavers",
        r"leav(?:e|ing) care",
        r"help and protection",
        r"social work",
        r"children and families",
        r"early help",
        r"children in need",
        r"families together",
        r"front door",
        r"social care\b(?<!adult social care)",
        r"risk of (?:significant )?harm",
        r"child (?:sexual )?abuse",
        r"domestic abuse",
        r"neglect\b",
        r"exploitation",
        r"missing from (?:home|care)",
        r"children'?s mental health",
        r"multi-agency (?:response|working|safeguarding|arrangements)",
    ),
    "send": (
        r"special educational needs?",
        r"special education(?:al)? needs",
        r"special needs",
        r"send (?:services?|provision|arrangements|inspection|system|partnership|reforms?|local|"
        r"support|improvement)",
        r"ehc\s?p?s?\b",
        r"education, health and care",
        r"area send",
        r"local offer",
        r"local area send",
        r"disabilities \(send\)",
    ),
    # Inspection types.
    "jtai": (r"joint targeted area inspection", r"jtais?\b"),
    "joint_agencies": (
        r"hmic\b",
        r"hmicfrs",
        r"inspectorates? of constabulary",
        r"constabulary and fire",
        r"hmi constabulary",
        r"hmi probation",
        r"inspectorates? of probation",
        r"police inspectorate",
        r"probation inspectorate",
        r"inspectorates? for (?:police|policing|probation)",
    ),
    "focused_visit": (r"focus{1,2}ed visits?\b",),
    "monitoring_visit": (r"monitoring visits?\b",),
    "monitoring_inspection": (r"monitoring inspections?\b",),
    "revisit": (
        r"revisit(?:ed|s)?\b",
        r"re-visit(?:ed|s)?\b",
        r"returned to\b",
        r"inspectors? returned\b",
        r"inspectors? returning\b",
        r"reinspected\b",
        r"re-inspected\b",
        r"follow-up (?:inspection|visit)",
        r"return to (?:check|assess|see|monitor)",
    ),
    "wsoa": (r"written statement of action", r"statement of action\b", r"wsoa\b"),
    "significant_weakness": (
        r"significant (?:areas? of )?weakness",
        r"areas? of significant weakness",
        r"serious areas of weakness",
    ),
    "send2023": (
        r"local area partnership",
        r"priority action",
        r"strategic improvement plan",
        r"positive experiences and outcomes",
        r"inconsistent experiences",
        r"systemic failings",
    ),
    # NHS integrated care boards (from July 2022): partners in SEND inspections of both
    # frameworks' last and first years, so only a hint of the 2023 one.
    "icb": (r"integrated care board", r"icb\b"),
    "ilacs": (
        r"ilacs\b",
        r"inspection of local authority children'?s services",
        r"inspecting local authorit(?:y|ies) children'?s services?",
        r"impact of leaders",
        r"children in care and care leavers",
        r"short inspection",
        r"standard inspection",
    ),
    "sif": (
        r"single inspection framework",
        r"sif\b",
        r"leadership, management and governance",
        r"adoption performance",
        r"looked after and achieving permanence",
        r"local safeguarding children'?s? board",
        r"lscb\b",
    ),
    "older": (
        r"annual (?:performance )?assessment",
        r"annual rating",
        r"safeguarding and looked[- ]after children",
        r"unannounced (?:ofsted )?(?:inspection|visit)",
        r"contact,? referral and assessment",
        r"arrangements for the protection of children",
        r"arrangements for protecting children",
        r"leadership and governance\b(?<!management and governance)",
        r"joint area review",
        r"star rating",
        r"one star\b",
        r"two stars?\b",
        r"three stars?\b",
        r"perform(?:s|ing)? (?:excellently|well|adequately|poorly)",
        r"capacity to improve",
        r"prospects for improvement",
    ),
    **AGAINST,
    # Was an inspection reported, or only mentioned?
    "event": (
        *(
            rf"{s}'?s? (?:has |have |had |also |then |now )?(?:\w+ly )?(?:{_VERBS})\b"
            for s in _SUBJECTS
        ),
        r"found\b(?<=it found)",
        *_DETERMINED_NOUNS,
        r"published (?:today|this week|yesterday|on|last)",
        r"report (?:published|released)",
        r"(?:following|after) (?:an?|the|its|their) (?:recent |latest |full |joint |two-day |"
        r"three-day |short |standard |unannounced )?(?:ofsted )?(?:inspection|visit)",
        r"inspection (?:took place|was carried out|found|focused|report)",
        # ("Inspection of Local Authority Children's Services" is the framework's name)
        r"inspection of\b(?! local authorit)",
        r"carried out (?:an?|the) (?:joint )?inspection",
        r"(?:say|says|said|find|finds|found) (?:ofsted|inspectors|the inspectorate|the watchdog|"
        r"watchdog|the regulator)\b",
        r"according to (?:the |a |an |its )?(?:\w+ ){0,2}(?:inspection|inspectors|ofsted|report)",
        r"inspection (?:has|had) (?:found|concluded|said|identified|judged|rated)",
        r"(?:inspection|visit)\b[^.]{0,50}?\bwhich (?:found|concluded|said|judged|rated|"
        r"identified)\b",
        r"(?:inspection|visit) by (?:ofsted|the|inspectors)\b[^.]{0,60}? (?:found|finds|said|says|"
        r"concluded|judged|rated|identified)\b",
        r"inspected (?:on|between|in)",
        r"visit (?:took place|found|in)",
        r"(?:latest|recent|ofsted|monitoring|focused) visits?\b",
        r"(?:three|four|two)-(?:week|day) inspection",
        r"(?:three|four|two) (?:week|day) inspection",
        # An inspection under way is news too.
        r"arriv(?:ed|e|es|ing) (?:at|in|to)\b",
        r"(?:begin|began|begun|begins|start|started|starts) (?:an?|the|its|their) (?:full |"
        r"three-week |two-week |joint |area |send |ofsted )*inspection",
        r"inspection (?:began|begins|started|starts|is under way|is underway|is ongoing)",
        r"(?:currently|now) (?:inspecting|being inspected|under inspection)",
        r"inspecting\b(?<=are inspecting)",
    ),
    # A grade given: news when it is this inspection's, history when it is not.
    "event_grade": (
        *(
            verb
            + r"\b(?:"
            + "|".join(
                f"(?<={aux} {adverb}{verb})"
                for aux in _AUXILIARIES
                for adverb in ("", "now ", "since ", "also ", "both ")
            )
            + ")"
            for verb in ("rated", "judged", "graded", "deemed", "awarded")
        ),
        r"rated (?:as )?['\"]?[a-z ]{3,30}['\"]? by ofsted",
        r"ofsted rat(?:ed|es)\b",
    ),
    # Where a grade word may start (read by grades.find_grades, which saves a scan).
    "grade_word": (
        r"requir",
        r"not yet",
        r"inadequa",
        r"outstanding",
        r"good",
        r"adequate",
        r"perform",
        r"second[- ]",
        r"lowest ",
        r"worst ",
        r"top ",
        r"highest ",
        r"best ",
        r"bottom ",
    ),
    # Fears and forecasts: an outcome that has not happened.
    "hedge": (
        r"fears?\b",
        r"feared\b",
        r"could (?:be|find|face|receive|get|see|lead)\b",
        r"might (?:be|find|face)\b",
        r"braced? for",
        r"bracing\b",
        r"expects? (?:an?|the|to be|its)\b",
        r"likely to be (?:judged|rated|found)",
        r"risk of being (?:judged|rated|found)",
        r"self-assess",
        r"ready for (?:an?|the|its) (?:ofsted |send |area )?inspection",
        # (not "preparing for adulthood", a SEND report's heading)
        r"prepar(?:es|ed|ing|ations?) for\b(?! adult| independ| life| work| employ)",
        r"readiness",
        r"imminent",
        r"mock inspection",
    ),
    # The 2023 SEND framework's three outcome sentences: an inspection's result.
    "send_outcome": (
        r"positive experiences and outcomes",
        r"inconsistent experiences?",
        r"systemic failings",
        r"systemic failures",
        r"widespread failings",
        r"widespread failures",
        r"significant concerns about the experiences",
        r"experiences and outcomes\b[^.]{0,60}(?:inconsistent|positive|failings)",
        # revisits and monitoring inspections: progress, or effective action, is the outcome
        # (each anchored on its rarest word: "made", "good" and "best" are everywhere)
        r"progress\b(?:(?<=sufficient progress)|(?<=enough progress))",
        r"effective action",
        # and in a reporter's words: a place on the scale of three, or the finding
        r"three\b(?:"
        + "|".join(
            f"(?<={place} of three)|(?<={place} of the three)|(?<={place} one of three)"
            for place in (
                "lowest",
                "worst",
                "bottom",
                "highest",
                "best",
                "top",
                "middle",
                "second",
                "most positive",
                "most serious",
                "strongest",
                "weakest",
            )
        )
        + ")",
        *(
            noun
            + r"\b(?! for (?:its |their |our |the |every |each )?(?:children|child|young|"
            + r"famil|pupils))(?:"
            + "|".join(
                f"(?<={place} {extra}{noun})"
                for place in (
                    "lowest",
                    "worst",
                    "bottom",
                    "highest",
                    "best",
                    "top",
                    "strongest",
                    "middle",
                    "middle-ranking",
                    "most positive",
                    "most serious",
                    "weakest",
                )
                for extra in ("", "possible ", "send ")
            )
            + ")"
            for noun in ("outcome", "rating", "result", "category", "grade", "judgement")
        ),
        r"failings (?:that |which )?(?:run |ran |running )?(?:right )?(?:across|through(?:out)?) "
        r"the (?:whole )?(?:partnership|system|area)",
        r"experiences\b(?:(?<=good experiences)|(?<=positive experiences))",
        r"(?:addressed|resolved|tackled) (?:all|each|every)\b",
    ),
    # No inspection to report: "no inspection had taken place this year".
    "no_inspection": (
        r"no (?:ofsted )?inspection (?:has|had|have) (?:yet )?(?:taken place|been carried out|"
        r"happened)",
        r"no (?:ofsted )?inspection (?:this|last|that) year",
        r"not (?:yet )?been inspected",
        r"not yet (?:been )?inspected",
        r"not (?:yet )?had an? (?:ofsted |full )?inspection",
        r"awaiting (?:its|an|the|a) (?:next |first )?(?:ofsted |full )?inspection",
    ),
    "future": (
        r"will (?:carry out|inspect|visit|be inspected|return|take place|be published)",
        r"due\b(?<=is due)",
        r"due (?:to|in|later)\b",
        r"upcoming\b",
        r"ahead of\b",
        r"later this (?:month|year)",
        r"next (?:inspection|year)\b",
        r"expected (?:next|to)\b",
        r"next (?:visit|inspect\w*|full inspection)\b",
        r"when inspectors (?:next|return|come)",
        r"expected\b(?:(?<=is expected)|(?<=was expected)|(?<=are expected)|(?<=were expected))",
        r"some point\b",
        r"next (?:few |six |three |twelve |\d+ )?(?:weeks|months)\b",
    ),
}

# Families read in headlines only (too common to scan whole bodies for; a rule that needs
# one in a body sentence tests that sentence with cues.FAMILIES).
TITLE_PHRASES: dict[str, tuple[str, ...]] = {
    # The services a council is inspected for, named as the subject of a sentence.
    "service_subject": (
        r"children'?s services?\b",
        r"childrens services?\b",
        r"children'?s social care\b",
        r"services for (?:vulnerable |looked[- ]after )?children\b",
        r"help and protection",
        r"local area partnership",
        r"send (?:services?|provision|arrangements|partnership|system)",
        r"special educational needs (?:services|provision|support)",
    ),
    # A headline that gives a verdict (with the grade words, read elsewhere).
    "verdict": (
        r"prais",
        # (an improvement plan, board or notice is the council's or the government's, no verdict)
        r"improv(?!ement (?:plan|board|notice|partner|journey|programme|strateg))",
        r"progress",
        r"turn(?:s|ed|ing)? (?:a corner|around|round)",
        r"turnaround",
        r"fail",
        r"criticis",
        r"concerns?\b",
        r"rated\b",
        r"judged\b",
        r"verdict",
        r"worse\b",
        r"better\b",
        r"declin",
        r"urgent",
        r"let down",
        r"weakness",
        r"strength",
        r"positive",
        r"damning",
        r"success",
        r"effective",
    ),
}
