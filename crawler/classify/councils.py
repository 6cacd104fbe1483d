"""Which council an article is chiefly about, and which others it reports on.

Every clue a reporter would use is weighed: the headline, the address (a council
domain such as democracy.plymouth.gov.uk, or a slug naming the council), an
outlet's name in the host, how often and how early the body names the council,
and whether it is named where the inspection is discussed rather than as a
partner, a previous employer or a commissioner. Names that fit several councils
("the Royal Borough", "Newcastle") go to the one the rest of the article, or the
source's region, points to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from config.gazetteer import Gazetteer, LocalAuthority, normalise_region
from crawler.classify.cues import Signals
from crawler.classify.places import KIND_WEIGHT, Mention, place_index
from crawler.classify.text import Article

_TITLE, _URL, _DOMAIN, _HOST = 3.0, 2.0, 3.0, 1.0
_BODY_CAP = 6.0
_PASSING = re.compile(
    r"(?:partnership with|partnered with|partner(?:s)?,? |from|joined|commissioner (?:from|at)|"
    r"taken over by|put in charge|run by|like|such as|neighbouring|compared (?:with|to)|"
    r"than|previously (?:at|worked)|formerly (?:at|of)|director (?:at|of) (?:neighbouring)?)"
    r"\W*(?:the\s+)?$"
)
_INSPECTION_FAMILIES = ("ofsted", "inspect", "event")
_NOT_PART = re.compile(
    r"\b(?:not|never) (?:part of|included|among|inspected|subject)|\bseparate(?:ly)?\b", re.I
)
_SEVERAL = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+) (?:neighbouring |"
    r"north[- ]?\w* |south[- ]?\w* |[a-z]+shire )?(?:councils|local authorities|authorities|"
    r"boroughs|partnerships|areas)\b"
)
# "/news/stoke-on-trent-news/": an outlet's section for an area, not the story's subject.
_SECTION = re.compile(r"\W*(?:news|live|today|local|latest|updates)\b")
_PROVIDER_URN = re.compile(r"\bprovider (?:\d+ )?(\d{5,6})\b")
# Hosts of committee papers and meetings, whose other labels name the council.
_CIVIC_HOSTS = {"moderngov", "modgov", "cmis", "democracy", "committees", "meetings", "councillors"}


@dataclass(slots=True)
class CouncilReading:
    councils: list[LocalAuthority] = field(default_factory=list)
    top_score: float = 0.0
    evidence: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    by_sentence: dict[int, set[str]] = field(default_factory=dict)  # body sentence -> codes
    in_title: frozenset[str] = frozenset()  # codes the headline names on their own


def read_councils(
    article: Article, gazetteer: Gazetteer, signals: Signals, region: str | None
) -> CouncilReading:
    """Councils ranked by how much the article is about them, best first."""
    index = place_index(gazetteer)
    title = index.scan(article.title, "title") if article.title else []
    body = index.scan(article.body, "body")
    url = index.scan(article.url_words, "url", capitals=False) if article.url_words else []
    for where, text, found in (("title", article.title, title), ("body", article.body, body)):
        if text and " and " in text:
            found += index.scan_elliptic(text, where)
    if article.url_words:
        url += index.scan_elliptic(article.url_words.replace("-", " "), "url")
    domain = _address_councils(article, gazetteer)
    host = [] if domain else index.scan_host(article.url_host) if article.url_host else []
    by_code = index.by_code
    tally = _Tally(article, signals, region)
    everything = title + url + host + body
    for mention in everything:
        if _unambiguous(mention):
            tally.add(mention, mention.entries[0].councils)
    if len(domain) == 1:
        tally.credit(domain[0], _DOMAIN, "domain")
    for mention in everything:
        if not _unambiguous(mention):
            chosen = tally.resolve(mention)
            if chosen:
                tally.add(mention, (chosen,), entry_kind=_kind_of(mention, chosen))
    if len(domain) > 1:
        chosen_domain = max(domain, key=lambda la: tally.scores.get(la.gss_code, 0.0))
        if tally.scores.get(chosen_domain.gss_code, 0.0) > 0:
            tally.credit(chosen_domain, _DOMAIN, "domain")
    return tally.reading(by_code, body)


def _address_councils(article: Article, gazetteer: Gazetteer) -> list[LocalAuthority]:
    """Councils the address itself names: a council's own web domain, an Ofsted report page
    (/provider/44/<URN>), or a committee-papers host ("kent.moderngov.co.uk")."""
    if not article.url_host:
        return []
    found = gazetteer.by_domain(article.url_host)
    if found:
        return found
    urn = _PROVIDER_URN.search(article.url_words)
    if urn and "ofsted" in article.url_host:
        la = gazetteer.by_urn(urn.group(1))
        return [la] if la else []
    labels = article.url_host.split(".")
    if _CIVIC_HOSTS & set(labels):
        for label in labels:
            la = gazetteer.by_name(label)
            if la is not None:
                return [la]
    return []


def _unambiguous(mention: Mention) -> bool:
    entries = [e for e in mention.entries if KIND_WEIGHT[e.kind] > 0]
    if not entries:
        return True  # false friends and district councils: credit nobody, hide nothing else
    if len(entries) > 1:
        return False
    entry = entries[0]
    return entry.kind == "former" or len(entry.councils) == 1


def _kind_of(mention: Mention, la: LocalAuthority) -> str:
    for entry in mention.entries:
        if la in entry.councils:
            return entry.kind
    return "town"


class _Tally:
    """Scores per council, with the mentions behind them."""

    def __init__(self, article: Article, signals: Signals, region: str | None) -> None:
        self.article = article
        self.signals = signals
        # ("North-East" from a hand-written source entry is the North East.)
        region = (normalise_region(region) or region) if region else None
        self.region = " ".join(region.casefold().split()) if region else None
        self.scores: dict[str, float] = {}
        self.body: dict[str, float] = {}
        self.seen: set[tuple[str, str]] = set()
        self.first: dict[str, int] = {}
        self.first_offset: dict[str, int] = {}
        self.sentences: dict[str, list[int]] = {}
        self.title_codes: set[str] = set()
        self.title_alone: set[str] = set()  # named in the headline by a name of its own
        self.title_offset: dict[str, int] = {}
        self.address: set[str] = set()  # councils the URL, host or domain names

    def credit(self, la: LocalAuthority, amount: float, where: str) -> None:
        if (la.gss_code, where) in self.seen and where != "body":
            return
        self.seen.add((la.gss_code, where))
        if where in {"url", "host", "domain"}:
            self.address.add(la.gss_code)
        if self._local(la):
            amount *= 1.15
        self.scores[la.gss_code] = self.scores.get(la.gss_code, 0.0) + amount

    def add(
        self, mention: Mention, councils: tuple[LocalAuthority, ...], entry_kind: str | None = None
    ) -> None:
        weight = KIND_WEIGHT[entry_kind or mention.kind]
        if weight <= 0:
            return
        if (entry_kind or mention.kind) == "former" and len(councils) > 1:
            weight /= len(councils)  # "Cumbria": shared by its successors
        for la in councils:
            if mention.where == "title":
                self.title_codes.add(la.gss_code)
                if len(councils) == 1:
                    self.title_alone.add(la.gss_code)
                self.title_offset.setdefault(la.gss_code, mention.start)
                self.credit(la, _TITLE * weight, "title")
            elif mention.where == "url":
                section = _SECTION.match(self.article.url_words, mention.end)
                self.credit(la, (_HOST if section else _URL) * weight, "url")
            elif mention.where == "host":
                self.credit(la, _HOST * weight, "host")
            else:
                self._add_body(mention, la, weight)

    def _add_body(self, mention: Mention, la: LocalAuthority, weight: float) -> None:
        sentence = self.article.sentence_at(mention.start)
        code = la.gss_code
        context = 1.3 if self.signals.in_any(_INSPECTION_FAMILIES, sentence.index) else 1.0
        head = self.article.lower[max(sentence.start, mention.start - 40) : mention.start]
        if _PASSING.search(head):
            context = 0.4
        amount = min(weight * context, _BODY_CAP - self.body.get(code, 0.0))
        if amount <= 0:
            return
        self.body[code] = self.body.get(code, 0.0) + amount
        if code not in self.first:
            self.first[code] = sentence.index
            self.first_offset[code] = mention.start
            position = 1.0 - min(sentence.index, 10) / 10
            amount += weight * position
        self.sentences.setdefault(code, []).append(sentence.index)
        self.credit(la, amount, "body")

    def _local(self, la: LocalAuthority) -> bool:
        """In the source's region (an ONS or an Ofsted region name, any capitals)."""
        return self.region is not None and self.region in (
            la.ons_region.casefold(),
            la.ofsted_region.casefold(),
        )

    def resolve(self, mention: Mention) -> LocalAuthority | None:
        """The candidate the rest of the article (or the source's region) supports."""
        candidates = [la for e in mention.entries if KIND_WEIGHT[e.kind] > 0 for la in e.councils]
        # The address says where the outlet or the council is ("windsorexpress", "/windsor/"):
        # it outranks a neighbour the body names in passing.
        supported = [la for la in candidates if la.gss_code in self.address]
        supported = supported or [la for la in candidates if self.scores.get(la.gss_code, 0.0) > 0]
        if supported:
            return max(supported, key=lambda la: self.scores[la.gss_code])
        if self.region:
            local = [la for la in candidates if self._local(la)]
            if len(local) == 1:
                return local[0]
        first = next(e for e in mention.entries if KIND_WEIGHT[e.kind] > 0)
        strongest_alone = first.kind == "alias" and len(first.councils) == 1
        return first.councils[0] if strongest_alone else None

    def reading(self, by_code: dict[str, LocalAuthority], body: list[Mention]) -> CouncilReading:
        if not self.scores:
            return CouncilReading()
        ranked = sorted(
            self.scores.items(),
            key=lambda kv: (-round(kv[1], 6), self.first_offset.get(kv[0], 1 << 30)),
        )
        top_code, top = ranked[0]
        chosen = [top_code]
        floor = max(min(2.0, 0.75 * top), 0.5 * top)
        several = len(ranked) > 1 and ranked[1][1] >= floor and self._says_several()
        for code, score in ranked[1:]:
            if score >= floor and ((several and self._not_excluded(code)) or self._discussed(code)):
                chosen.append(code)
        chosen += [c for c in self._listed_together(body, chosen) if c not in chosen]
        if len(chosen) >= 3:  # a round-up: councils in the order the article names them
            chosen.sort(
                key=lambda c: (c not in self.title_codes, self.first_offset.get(c, 1 << 30))
            )
        elif len(chosen) == 2 and all(c in self.title_offset for c in chosen):
            chosen.sort(key=lambda c: self.title_offset[c])  # "North and West Northamptonshire"
        councils = [by_code[c] for c in chosen]
        by_sentence: dict[int, set[str]] = {}
        for code, indices in self.sentences.items():
            for index in indices:
                by_sentence.setdefault(index, set()).add(code)
        return CouncilReading(
            councils,
            top,
            self._evidence(councils[0]),
            dict(self.scores),
            by_sentence,
            frozenset(self.title_alone),
        )

    def _says_several(self) -> bool:
        """ "Three councils have been praised by Ofsted": the headline or opening announces a
        round-up, so every council it then names with similar weight is in it."""
        lead = (
            self.article.title
            + " "
            + " ".join(s.text for s in self.article.sentences if s.rank < 2)
        )
        return bool(_SEVERAL.search(lead.lower()))

    def _not_excluded(self, code: str) -> bool:
        """Named somewhere other than "Newcastle was not part of this round"."""
        return any(
            not _NOT_PART.search(self.article.sentences[i].text)
            for i in self.sentences.get(code, [])
        ) or (code in self.title_codes)

    def _discussed(self, code: str) -> bool:
        """Named where an inspection or a grade is discussed, not only in passing."""
        return code in self.title_codes or any(
            self.signals.in_sentence(f, i) and not _NOT_PART.search(self.article.sentences[i].text)
            for i in self.sentences.get(code, [])
            for f in ("ofsted", "event", "send2023")
        )

    def _listed_together(self, body: list[Mention], chosen: list[str]) -> list[str]:
        """A round-up: three or more councils named in one sentence about inspections."""
        per_sentence: dict[int, list[str]] = {}
        for mention in body:
            if mention.kind != "alias" or len(mention.entries[0].councils) != 1:
                continue
            index = self.article.sentence_at(mention.start).index
            code = mention.entries[0].councils[0].gss_code
            if code in self.scores and code not in per_sentence.setdefault(index, []):
                per_sentence[index].append(code)
        extra: list[str] = []
        for index, codes in per_sentence.items():
            if len(codes) >= 3 and any(
                self.signals.in_sentence(f, index) for f in ("ofsted", "inspect", "event")
            ):
                extra += [c for c in codes if c not in extra]
        return extra

    def _evidence(self, la: LocalAuthority) -> str:
        if la.gss_code in self.title_codes:
            return self.article.title
        indices = self.sentences.get(la.gss_code)
        if indices:
            return self.article.sentences[indices[0]].text
        return f"Address: {self.article.url_host} {self.article.url_words}".strip()
