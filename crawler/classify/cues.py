"""The words a children's-services reporter reacts to, grouped into cue families.

Each family is one compiled pattern, run once over the lower-cased article;
hits are mapped to sentences so rules can ask "which sentences mention a
focused visit?" without re-scanning. Patterns match lower-cased text with
straight quotes (see text.normalise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.classify.text import Article


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


FAMILIES: dict[str, re.Pattern[str]] = {
    # Who inspects.
    "ofsted": _c(
        r"\bofsted\b|office for standards in education|majesty'?s inspector|\bhmi\b|"
        r"\bhm inspectors?\b|\bhmci\b|\binspectorate\b"
    ),
    "cqc": _c(r"\bcqc\b|care quality commission|\bqcq\b"),
    "inspect": _c(
        r"\binspect(?:ion|ions|ed|ors?|ing|orate)\b|\bre-?inspect\w*|\bwatchdogs?\b|"
        r"\bregulators?\b|\bvisit(?:ed)?\b|\bassessors?\b"
    ),
    # What was inspected: the council's children's services, or SEND arrangements.
    "childrens_services": _c(
        r"children'?s services?\b|children'?s social care|social care services|"
        r"services for (?:vulnerable |looked[- ]after )?children|"
        r"child protection|safeguarding|vulnerable children|children in care|looked[- ]after|"
        r"care leavers|leav(?:e|ing) care|help and protection|social work|children and families|"
        r"children'?s trust|early help|children in need|families together|front door|"
        r"(?<!adult )social care\b|at risk of (?:significant )?harm|exploitation|"
        r"missing from (?:home|care)|vulnerable child\b"
    ),
    "send": _c(
        r"special educational needs?|special education(?:al)? needs|\bsend\b(?= (?:services?|"
        r"provision|arrangements|inspection|system|partnership|reforms?|local|support|"
        r"improvement))|local area partnership|written statement of action|"
        r"\bwsoa\b|\behc\s?p?s?\b|education, health and care|area send|local offer|"
        r"send local area|local area send|disabilities \(send\)"
    ),
    # Inspection types.
    "jtai": _c(r"joint targeted area inspection|\bjtais?\b"),
    "joint_agencies": _c(
        r"\bhmic\b|hmicfrs|inspectorate of constabulary|constabulary and fire|"
        r"hmi constabulary|hmi probation|inspectorate of probation"
    ),
    "focused_visit": _c(r"\bfocus{1,2}ed visits?\b"),
    "monitoring_visit": _c(r"\bmonitoring visits?\b"),
    "monitoring_inspection": _c(r"\bmonitoring inspections?\b"),
    "revisit": _c(
        r"\bre-?visit(?:ed|s)?\b|\breturned to\b|\binspectors? returned\b|\bre-?inspected\b|"
        r"follow-up (?:inspection|visit)|\breturn(?:ed)? to (?:check|assess|see|monitor)"
    ),
    "wsoa": _c(r"written statement of action|\bstatement of action\b|\bwsoa\b"),
    "significant_weakness": _c(
        r"significant (?:areas? of )?weakness|areas? of significant weakness|"
        r"serious areas of weakness"
    ),
    "send2023": _c(
        r"local area partnership|priority action|strategic improvement plan|"
        r"positive experiences and outcomes|inconsistent experiences|systemic failings|"
        r"integrated care board|\bicb\b"
    ),
    "ilacs": _c(
        r"\bilacs\b|inspection of local authority children'?s services|"
        r"inspecting local authorit(?:y|ies) children'?s services?|impact of leaders|"
        r"children in care and care leavers"
    ),
    "sif": _c(
        r"single inspection framework|\bsif\b|leadership, management and governance|"
        r"adoption performance|looked after and achieving permanence|"
        r"local safeguarding children'?s? board|"
        r"\blscb\b"
    ),
    "older": _c(
        r"annual (?:performance )?assessment|annual rating|"
        r"safeguarding and looked[- ]after children|unannounced (?:inspection|visit)|"
        r"joint area review|star rating|\bone star\b|\btwo stars?\b|\bthree stars?\b|"
        r"perform(?:s|ing)? (?:excellently|well|adequately|poorly)|capacity to improve|"
        r"prospects for improvement"
    ),
    # Things Ofsted inspects that are not a council's children's services.
    "neg_school": _c(
        r"\bschools?\b|\bacadem(?:y|ies)\b|\bpupils?\b|head ?teachers?|sixth form|"
        r"special measures|\bprincipal\b|multi-academy"
    ),
    "neg_nursery": _c(
        r"\bnurser(?:y|ies)\b|pre-?schools?|childminders?|early years providers?|"
        r"children'?s centres?|day care"
    ),
    "neg_home": _c(
        r"children'?s (?:residential )?homes?\b|residential (?:homes?|units?|care)|"
        r"secure (?:unit|children'?s home)|care homes?\b"
    ),
    "neg_agency": _c(
        r"fostering (?:service|agency|agencies)|independent fostering|"
        r"adoption (?:service|services|agency|agencies)|regional adoption|\braas?\b|"
        r"adoption@heart|\bfostering\b"
    ),
    "neg_adult_learning": _c(
        r"\bcolleges?\b|adult (?:learning|education)|further education|\blearners\b|"
        r"apprenticeships?"
    ),
    "neg_health": _c(
        r"\bhospitals?\b|nhs (?:foundation )?trust|paediatric|\bwards?\b|neonatal|"
        r"emergency department|maternity"
    ),
    "neg_adult_care": _c(r"adult social care|adult social services|adult services|unpaid carers"),
    "neg_police": _c(r"\bpolice\b|constabulary|hmicfrs|\bofficers\b"),
    "neg_youth_justice": _c(r"youth offending|youth justice|\byots?\b|probation"),
    "neg_devolved": _c(
        r"\bwales\b|\bwelsh\b|care inspectorate|\bcssiw\b|\bciw\b|\bscotland\b|\bscottish\b|"
        r"\bestyn\b|northern ireland"
    ),
    "neg_national": _c(
        r"\bnationally\b|national (?:figures|statistics|data|picture|average)|"
        r"councils (?:in|across) england|local authorities (?:in|across) england|"
        r"per cent|\d+%|percent|thematic review|\banalysis\b|figures show|"
        r"statistics|annual report|chief inspector|guide to"
    ),
    "neg_intervention": _c(
        r"improvement notice|statutory direction|\bcommissioner\b|intervention by the"
    ),
    "neg_topic": _c(
        r"scrutiny (?:committee|panel)|resign(?:s|ed|ation)?|\bquits?\b|step(?:s|ped|ping)? down|"
        r"\bbudget\b|overspend|\brecruit\w*|retention|turnover"
    ),
    # Was an inspection reported, or only mentioned?
    "event": _c(
        r"(?:ofsted|inspectors?|inspectorate|watchdogs?|regulators?|\bhmi|report|letter|"
        r"judgement)'?s? (?:has |have |had |also |then |now )?(?:\w+ly )?(?:found|finds|said|says|"
        r"say|praised|praises|commended|commends|highlighted|highlights|identified|identifies|"
        r"concluded|concludes|rated|rates|judged|judges|noted|notes|reported|reports|criticised|"
        r"criticises|raised|raises|visited|visits|returned|ruled|warned|warns|recognised|"
        r"recognises|acknowledged|acknowledges|described|describes|observed|saw|spent|looked|spoke|"
        r"examined|awarded|handed|gave|gives|published|publishes|stated|states|condemned|condemns|"
        r"accused|accuses|told|urged|branded|singled|uncovered|revealed|reveals|confirmed|"
        r"confirms|read|reads|added|adds|inspected|carried out|report)\b|\bit found\b|"
        r"(?:the|a|its|their|latest|new|recent|this|damning|inspection|ofsted|visit|"
        r"inspectors') (?:ofsted )?(?:report|letter|findings|judgement|judgment)s?\b|"
        r"published (?:today|this week|yesterday|on|last)|report (?:published|released)|"
        r"following (?:an?|the|its|their) (?:recent |latest |full |joint |two-day |"
        r"three-day |short |standard |unannounced )?(?:ofsted )?(?:inspection|visit)|"
        r"inspection (?:took place|was carried out|found|focused|report|of)|"
        r"carried out (?:an?|the) (?:joint )?inspection|inspected (?:on|between|in)|"
        r"visit (?:took place|found|in)|(?:latest|recent|ofsted|monitoring|focused) visits?\b|"
        r"(?:three|four|two)[- ](?:week|day) inspection"
    ),
    # A grade given: news when it is this inspection's, history when it is not.
    "event_grade": _c(
        r"(?:has|have|had|was|were|been|being|is|are) (?:now |since |also |both )?"
        r"(?:rated|judged|graded|deemed)|rated (?:as )?['\"]?[a-z ]{3,30}['\"]? by ofsted|"
        r"ofsted rat(?:ed|es)\b"
    ),
    "future": _c(
        r"\bwill (?:carry out|inspect|visit|be inspected|return|take place|be published)|"
        r"\bis due\b|\bdue (?:to|in|later)\b|\bupcoming\b|\bahead of\b|later this (?:month|year)|"
        r"\bnext (?:inspection|year)\b|\bexpected (?:next|to)\b"
    ),
}

_SEND_ACRONYM = re.compile(r"\bSEND\b|\bSEN\b|\bSENCo\b")


@dataclass(slots=True)
class Signals:
    """Which sentences carry which cue families (title hits kept apart)."""

    article: Article
    body: dict[str, list[int]] = field(default_factory=dict)
    title: set[str] = field(default_factory=set)
    url: set[str] = field(default_factory=set)

    def count(self, family: str) -> int:
        return len(self.body.get(family, ()))

    def sentences(self, family: str) -> list[int]:
        return self.body.get(family, [])

    def has(self, family: str) -> bool:
        return family in self.title or bool(self.body.get(family))

    def in_sentence(self, family: str, index: int) -> bool:
        return index in self.body.get(family, ())


def read_signals(article: Article) -> Signals:
    """Run every family once over body, title and address words."""
    signals = Signals(article)
    title = article.title.lower()
    for name, pattern in FAMILIES.items():
        hits = [article.sentence_at(m.start()).index for m in pattern.finditer(article.lower)]
        if hits:
            signals.body[name] = hits
        if title and pattern.search(title):
            signals.title.add(name)
        if article.url_words and pattern.search(article.url_words):
            signals.url.add(name)
    acronym_hits = [
        article.sentence_at(m.start()).index for m in _SEND_ACRONYM.finditer(article.body)
    ]
    if acronym_hits:
        signals.body["send"] = sorted(signals.body.get("send", []) + acronym_hits)
    if _SEND_ACRONYM.search(article.title):
        signals.title.add("send")
    if re.search(r"\bsend\b", article.url_words):
        signals.url.add("send")
    return signals
