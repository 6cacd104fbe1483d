"""The words a children's-services reporter reacts to, grouped into cue families.

Each family is a set of phrases. Families are run together in a few combined
scans over the lower-cased article (a scan is skipped when none of its literal
anchors occurs), and every hit is kept with its position and sentence, so rules
can ask "which sentences mention a focused visit?" without scanning again.
Patterns match lower-cased text with straight quotes (see text.normalise).

Why combined scans without a leading word boundary: Python's regex engine can
only skip ahead quickly when a pattern starts with literal text; a leading
`\\b` makes it try every position. The boundary is checked after a match instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from crawler.classify.text import Article

_VERBS = (
    r"found|finds|said|says|say|praised|praises|commended|commends|highlighted|highlights|"
    r"identified|identifies|concluded|concludes|rated|rates|judged|judges|noted|notes|reported|"
    r"reports|criticised|criticises|raised|raises|visited|visits|returned|ruled|warned|warns|"
    r"recognised|recognises|acknowledged|acknowledges|described|describes|observed|saw|spent|"
    r"looked|spoke|examined|awarded|handed|gave|gives|published|publishes|stated|states|"
    r"condemned|condemns|accused|accuses|told|urged|branded|singled|uncovered|revealed|reveals|"
    r"confirmed|confirms|read|reads|added|adds|inspected|carried out|report"
)
_SUBJECTS = (
    "ofsted",
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
        r"majesty'?s inspector",
        r"hmi\b",
        r"hm inspectors?\b",
        r"hmci\b",
        r"inspectorate\b",
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
        r"inspectorate of constabulary",
        r"constabulary and fire",
        r"hmi constabulary",
        r"hmi probation",
        r"inspectorate of probation",
    ),
    "focused_visit": (r"focus{1,2}ed visits?\b",),
    "monitoring_visit": (r"monitoring visits?\b",),
    "monitoring_inspection": (r"monitoring inspections?\b",),
    "revisit": (
        r"revisit(?:ed|s)?\b",
        r"re-visit(?:ed|s)?\b",
        r"returned to\b",
        r"inspectors? returned\b",
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
        r"integrated care board",
        r"icb\b",
    ),
    "ilacs": (
        r"ilacs\b",
        r"inspection of local authority children'?s services",
        r"inspecting local authorit(?:y|ies) children'?s services?",
        r"impact of leaders",
        r"children in care and care leavers",
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
        r"unannounced (?:inspection|visit)",
        r"joint area review",
        r"star rating",
        r"one star\b",
        r"two stars?\b",
        r"three stars?\b",
        r"perform(?:s|ing)? (?:excellently|well|adequately|poorly)",
        r"capacity to improve",
        r"prospects for improvement",
    ),
    # Things Ofsted inspects that are not a council's children's services.
    "neg_school": (
        r"schools?\b",
        r"academ(?:y|ies)\b",
        r"pupils?\b",
        r"headteachers?",
        r"head teachers?",
        r"sixth form",
        r"special measures",
        r"principal\b",
        r"multi-academy",
    ),
    "neg_nursery": (
        r"nurser(?:y|ies)\b",
        r"pre-?schools?",
        r"childminders?",
        r"early years providers?",
        r"children'?s centres?",
        r"day care",
    ),
    "neg_home": (
        r"children'?s (?:residential )?homes?\b",
        r"residential (?:homes?|units?|care)",
        r"secure (?:unit|children'?s home)",
        r"care homes?\b",
    ),
    "neg_agency": (
        r"fostering (?:service|agency|agencies)",
        r"independent fostering",
        r"adoption (?:service|services|agency|agencies)",
        r"regional adoption",
        r"raas?\b",
        r"adoption@heart",
        r"fostering\b",
        r"foster carers?\b",
        r"foster famil",
    ),
    "neg_adult_learning": (
        r"colleges?\b",
        r"adult (?:learning|education)",
        r"further education",
        r"learners\b",
        r"apprenticeships?",
    ),
    "neg_health": (
        r"hospitals?\b",
        r"nhs (?:foundation )?trust",
        r"paediatric",
        r"wards?\b",
        r"neonatal",
        r"emergency department",
        r"maternity",
    ),
    "neg_adult_care": (
        r"adult social care",
        r"adult social services",
        r"adult services",
        r"unpaid carers",
    ),
    "neg_police": (r"police\b", r"constabulary", r"hmicfrs", r"officers\b"),
    "neg_youth_justice": (r"youth offending", r"youth justice", r"yots?\b", r"probation"),
    "neg_devolved": (
        r"wales\b",
        r"welsh\b",
        r"care inspectorate\b(?! of)",
        r"cssiw\b",
        r"ciw\b",
        r"scotland\b",
        r"scottish\b",
        r"estyn\b",
        r"northern ireland",
    ),
    "neg_national": (
        r"nationally\b",
        r"national (?:figures|statistics|data|picture|average)",
        r"councils (?:in|across) england",
        r"local authorities (?:in|across) england",
        r"per cent",
        r"percent",
        r"thematic review",
        r"analysis\b",
        r"figures show",
        r"statistics",
        r"annual report",
        r"chief inspector",
        r"guide to",
    ),
    "neg_intervention": (
        r"improvement notice",
        r"statutory direction",
        r"commissioner\b",
        r"intervention by the",
    ),
    "neg_topic": (
        r"scrutiny (?:committee|panel)",
        r"resign(?:s|ed|ation)?\b",
        r"quits?\b",
        r"step(?:s|ped|ping)? down",
        r"budget\b",
        r"overspend",
        r"recruit\w*",
        r"retention",
        r"turnover",
    ),
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
        r"following (?:an?|the|its|their) (?:recent |latest |full |joint |two-day |three-day |"
        r"short |standard |unannounced )?(?:ofsted )?(?:inspection|visit)",
        r"inspection (?:took place|was carried out|found|focused|report|of)",
        r"carried out (?:an?|the) (?:joint )?inspection",
        r"inspected (?:on|between|in)",
        r"visit (?:took place|found|in)",
        r"(?:latest|recent|ofsted|monitoring|focused) visits?\b",
        r"(?:three|four|two)-(?:week|day) inspection",
        r"(?:three|four|two) (?:week|day) inspection",
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
    ),
}


def _literal_start(phrase: str) -> str:
    """The literal text a phrase's matches all start with ("" when it has none)."""
    out = []
    for i, char in enumerate(phrase):
        if char in "()[]{}|.^$*+?\\" or phrase[i + 1 : i + 2] in {"?", "*", "{"}:
            break
        out.append(char)
    return "".join(out)


def _trie(phrases: tuple[str, ...]) -> str:
    """One alternation with the phrases' literal starts factored into a character trie,
    so the engine tries a handful of branches at each position instead of all of them."""
    root: dict[str | None, object] = {}
    for phrase in phrases:
        literal = _literal_start(phrase)
        node = root
        for char in literal:
            node = node.setdefault(char, {})  # type: ignore[assignment]
        tails = node.setdefault(None, [])
        assert isinstance(tails, list)
        tails.append(phrase[len(literal) :])
    return _emit(root)


def _emit(node: dict[str | None, object]) -> str:
    branches = [
        re.escape(c) + _emit(child)
        for c, child in sorted(
            ((c, n) for c, n in node.items() if c is not None), key=lambda item: str(item[0])
        )
        if isinstance(child, dict)
    ]
    tails = node.get(None) or []
    assert isinstance(tails, list)
    branches += [t for t in tails if t]
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in tails:
        return f"(?:{body})?"
    return body if len(branches) == 1 and not tails else f"(?:{body})"


_LEADING_CHOICE = re.compile(r"^\(\?:([a-z' |]+)\)(\??)")


def _expand(phrase: str) -> list[str]:
    """'(?:latest|new) visits?' -> 'latest visits?', 'new visits?': every phrase then starts
    with literal text, which is what the anchor index needs."""
    match = _LEADING_CHOICE.match(phrase)
    if not match:
        return [phrase]
    rest = phrase[match.end() :]
    options = [f"{o}{rest}" for o in match.group(1).split("|")]
    return options + ([rest] if match.group(2) else [])


def _index() -> tuple[re.Pattern[str], dict[str, list[tuple[str, re.Pattern[str]]]]]:
    """Every phrase keyed by its first word (or word beginning), and one trie of those words.

    The trie finds the few places in a text where any phrase could start; only
    there are the phrases themselves tried. A hand-made Aho-Corasick over words."""
    grouped: dict[str, dict[str, list[str]]] = {}
    whole: set[str] = set()
    for family, phrases in PHRASES.items():
        for phrase in (e for p in phrases for e in _expand(p)):
            literal = _literal_start(phrase)
            anchor = literal.split(" ")[0]
            if len(anchor) < 2:
                raise ValueError(f"phrase without a literal start: {phrase!r}")
            if " " in literal:
                whole.add(anchor)  # a complete word: "is" must not fire on "issue"
            grouped.setdefault(anchor, {}).setdefault(family, []).append(phrase)
    own = {
        anchor: [(family, re.compile("|".join(ps))) for family, ps in families.items()]
        for anchor, families in grouped.items()
    }
    # The scan reports the longest anchor at a place; shorter anchors it begins with
    # ("inspect" in "inspection") must be tried there too.
    by_anchor = {
        anchor: [pair for size in range(2, len(anchor) + 1) for pair in own.get(anchor[:size], ())]
        for anchor in own
    }
    words = tuple(re.escape(a) + (r"\b" if a in whole else "") for a in sorted(by_anchor))
    # The lookbehind lets the engine drop a position inside a word at once, instead of
    # walking the trie there: three times faster than testing the boundary afterwards.
    return re.compile(r"(?<![a-z0-9_])(?:" + _trie(words) + ")"), by_anchor


ANCHOR_SCAN, PHRASES_BY_ANCHOR = _index()
# One pattern per family, with word boundaries, for checks on a single sentence.
FAMILIES: dict[str, re.Pattern[str]] = {
    name: re.compile(r"\b(?:" + "|".join(phrases) + ")") for name, phrases in PHRASES.items()
}
_SEND_ACRONYM = re.compile(r"(?<![A-Za-z0-9])SEN(?:D|Co)?\b")


@dataclass(slots=True)
class Signals:
    """Which sentences carry which cue families (title and address hits kept apart)."""

    article: Article
    body: dict[str, list[int]] = field(default_factory=dict)
    title: set[str] = field(default_factory=set)
    url: set[str] = field(default_factory=set)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _sets: dict[str, frozenset[int]] = field(default_factory=dict)

    def count(self, family: str) -> int:
        return len(self.body.get(family, ()))

    def sentences(self, family: str) -> list[int]:
        return self.body.get(family, [])

    def has(self, family: str) -> bool:
        return family in self.title or bool(self.body.get(family))

    def in_sentence(self, family: str, index: int) -> bool:
        found = self._sets.get(family)
        if found is None:
            found = self._sets[family] = frozenset(self.body.get(family, ()))
        return index in found

    def in_any(self, families: tuple[str, ...], index: int) -> bool:
        """Whether a sentence carries any of several families (the union is kept)."""
        key = "|".join(families)
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = frozenset(
                i for family in families for i in self.body.get(family, ())
            )
        return index in found


def _scan(text: str) -> list[tuple[str, int, int]]:
    """(family, start, end) of every phrase that starts at a word boundary in a text."""
    found: list[tuple[str, int, int]] = []
    last_end: dict[str, int] = {}
    by_anchor = PHRASES_BY_ANCHOR
    for hit in ANCHOR_SCAN.finditer(text):
        start = hit.start()
        for family, phrase in by_anchor[hit.group()]:
            match = phrase.match(text, start)
            if match is not None and start >= last_end.get(family, -1):
                end = match.end()
                found.append((family, start, end))
                last_end[family] = end
    return found


def read_signals(article: Article) -> Signals:
    """Find every family's phrases in body, title and address words (one string for speed)."""
    signals = Signals(article)
    title = article.title.lower()
    body_end = len(article.lower)
    title_end = body_end + 2 + len(title)
    text = f"{article.lower}\n\n{title}\n\n{article.url_words}"
    hits = _scan(text)
    hits.sort(key=itemgetter(1))
    for family, start, _end in hits:
        if start < body_end:
            signals.spans.setdefault(family, []).append((start, _end))
            signals.body.setdefault(family, []).append(article.sentence_at(start).index)
        elif start < title_end:
            signals.title.add(family)
        else:
            signals.url.add(family)
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
