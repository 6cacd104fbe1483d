"""Find every way an article names a council: in the text, the headline and the address.

All names in the gazetteer (aliases, former councils, towns, district councils,
false friends) go into one dictionary keyed by first word; the text is cut into
words once and each word is looked up, extending to the longest name that fits.
That is one pass per document instead of a regex per name, and longest-first
makes "Stockton Heath" (Warrington) hide "Stockton" and "North Somerset" hide
"Somerset".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

from config.gazetteer import Gazetteer, LocalAuthority


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# How much a kind of name says about the council, before context is weighed.
KIND_WEIGHT = {
    "alias": 1.0,
    "former": 1.0,
    "shared": 0.6,
    "town": 0.35,
    "district": 0.0,
    "false_friend": 0.0,
}
_KIND_ORDER = ("alias", "former", "shared", "town", "district", "false_friend")

_TOKEN = re.compile(r"[A-Za-z0-9]+|&")
_POINT_JOIN = re.compile(r"(?:north|south|east|west)(?: and | & |-and-)")
_ELLIPSIS = re.compile(
    r"\b(North|South|East|West|north|south|east|west)(?: and | & | or |-and-)"
    r"(North|South|East|West|north|south|east|west)[ -]([A-Z]?[a-z]+)\b"
)
_CAPITAL = re.compile(r"[A-Z][A-Za-z0-9]*")
# Words that, right after a place name, make it an outlet, a health body, a police
# force, a university or a club rather than the council.
_ENTITY_WORDS = _words(
    """
    post echo mail telegraph times gazette herald express chronicle star argus journal
    mercury live standard observer advertiser guardian examiner globe dispatch press today
    courier sentinel citizen reporter spotlight voice connected radio fm tv police
    constabulary fire nhs hospital hospitals ccg ccgs clinical integrated icb healthcare
    health university college academy school schools nursery fc afc united rovers cathedral
    airport crown magistrates prison diocese football rugby cricket hospice ambulance
    healthwatch
    """
)
_BEFORE_ENTITY = _words(
    """
    nhs university hmp diocese bishop duke duchess earl
    """
)
_CONNECTORS = _words(
    """
    and & of the on upon in under le super
    """
)
# Council names that are also people's names or ordinary words: in running text
# they count only when nothing suggests a person ("Dudley Smith") or a verb.
_PERSONLIKE = _words(
    """
    brent dudley bolton sutton kent halton merton sefton wakefield bradford barnet devon
    durham derby luton preston lincoln darlington harrow camden bexley enfield
    """
)
_PLACE_FOLLOWERS = _words("council borough town city county district area and or")
_WORDLIKE = _words(
    """
    reading bury
    """
)
_FUNCTION_WORDS = _words(
    """
    the a an in at of for on to from by and or with as after before during across about
    inspectors ofsted council councils said says but while when
    """
)


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    councils: tuple[LocalAuthority, ...]
    name: str
    acronym: bool  # written in capitals in the gazetteer: must be capitals in text


@dataclass(frozen=True, slots=True)
class Mention:
    """One place name found, with every council it may stand for."""

    where: str  # "title", "body", "url" or "host"
    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]

    @property
    def kind(self) -> str:
        return self.entries[0].kind


def _capitalised_trie(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern for every name's first word, capitalised ("Surrey", "SURREY", "BCP"):
    only places where a name can start are looked at, not every capital."""
    by_initial: dict[str, list[str]] = {}
    for word in words:
        if word and word[0].isalpha():
            by_initial.setdefault(word[0], []).append(word[1:])
    branches = []
    for initial, rests in sorted(by_initial.items()):
        branches.append(f"{initial.upper()}(?i:{_char_trie(rests)})")
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(branches) + r")\b")


def _char_trie(words: list[str]) -> str:
    """A regex matching any of the words, factored by shared beginnings (longest first)."""
    if words == [""]:
        return ""
    groups: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    body = "|".join(re.escape(c) + _char_trie(rest) for c, rest in sorted(groups.items()))
    if not ends:
        return body if len(groups) == 1 else f"(?:{body})"
    return f"(?:{body})?"


def _tokens_before(text: str, start: int) -> list[tuple[int, int, str]]:
    """The words just before a position, with their offsets (for the person and NHS checks)."""
    window_start = max(0, start - 45)
    words = _TOKEN.findall(text, window_start, start)[-5:]
    spans: list[tuple[int, int, str]] = []
    cursor = start
    for word in reversed(words):
        begin = text.rfind(word, window_start, cursor)
        spans.insert(0, (begin, begin + len(word), word))
        cursor = begin
    return spans


def _tokens(text: str) -> list[str]:
    return ["and" if t == "&" else t.lower() for t in _TOKEN.findall(text)]


class PlaceIndex:
    """Every name of the gazetteer, keyed by its first word."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        grouped: dict[tuple[str, ...], dict[str, tuple[list[LocalAuthority], str, bool]]] = {}
        for la in gazetteer:
            for kind, names in (
                ("alias", la.names),
                ("former", la.former_names),
                ("shared", la.shared_names),
                ("town", la.towns),
                ("district", la.district_councils),
                ("false_friend", la.false_friends),
            ):
                for name in names:
                    key = tuple(_tokens(name))
                    if key[:1] == ("the",):
                        key = key[1:]  # "the Wirral" is found as "Wirral"
                    if not key:
                        continue
                    acronym = name.isupper() and len(name) <= 6
                    slot = grouped.setdefault(key, {}).setdefault(kind, ([], name, acronym))
                    if la not in slot[0]:
                        slot[0].append(la)
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[Entry, ...]]]] = {}
        for key, kinds in grouped.items():
            entries = _entries(kinds)
            self._by_first.setdefault(key[0], []).append((key, entries))
        for options in self._by_first.values():
            options.sort(key=lambda item: len(item[0]), reverse=True)
        # Words to cut out after a candidate: its longest name, and room for the checks.
        self._reach = {first: len(options[0][0]) + 6 for first, options in self._by_first.items()}
        # For first words that are no name alone ("Council", "County", "City", "North"), the
        # words that may follow: most such candidates are dropped on the next word alone.
        self._seconds = {
            first: None if any(len(key) == 1 for key, _ in options) else {k[1] for k, _ in options}
            for first, options in self._by_first.items()
        }
        self._compact = _compact_names(gazetteer)
        self._first_words = _capitalised_trie(self._by_first)
        self.by_code = {la.gss_code: la for la in gazetteer}

    def scan(self, text: str, where: str, capitals: bool = True) -> list[Mention]:
        """Names in running text (capitals checked) or in an address's words (not checked).

        In running text a place name starts with a capital, so only capitalised words
        are looked up; the words around each candidate are cut out for the checks."""
        if not capitals:
            return self._scan_tokens(text, where, 0, len(text), capitals=False)
        mentions: list[Mention] = []
        resume = 0
        seconds = self._seconds
        for cap in self._first_words.finditer(text):
            start = cap.start()
            if start < resume:
                continue
            first = cap.group().lower()
            following = seconds.get(first)
            if following is not None:
                word = _TOKEN.search(text, cap.end(), cap.end() + 30)
                if word is None or ("and" if word[0] == "&" else word[0].lower()) not in following:
                    continue
            found = self._at(text, where, start, self._reach.get(first, 12))
            if found:
                mentions.append(found)
                resume = found.end
        return mentions

    def _at(self, text: str, where: str, start: int, reach: int = 12) -> Mention | None:
        """The longest name starting at `start`, if it passes the checks for a place."""
        after = [
            (m.start(), m.end(), m.group())
            for m in islice(_TOKEN.finditer(text, start, min(len(text), start + 110)), reach)
        ]
        words = ["and" if w == "&" else w.lower() for _, _, w in after[:9]]
        found = self._longest(words, 0)
        if found is None:
            return None
        spans = _tokens_before(text, start)  # only now: most candidates are no name at all
        i = len(spans)
        spans += after
        length, entries = found
        end = spans[i + length - 1][1]
        if not _looks_like_place(text, spans, i, length, entries, where):
            return None
        return Mention(where, start, end, text[start:end], entries)

    def _scan_tokens(
        self, text: str, where: str, window_start: int, window_end: int, capitals: bool
    ) -> list[Mention]:
        spans = [
            (m.start(), m.end(), m.group(0))
            for m in _TOKEN.finditer(text, window_start, min(len(text), window_end))
        ]
        words = ["and" if w == "&" else w.lower() for _, _, w in spans]
        mentions: list[Mention] = []
        i = 0
        while i < len(words):
            found = self._longest(words, i)
            if found is None:
                i += 1
                continue
            length, entries = found
            start, end = spans[i][0], spans[i + length - 1][1]
            if not capitals or _looks_like_place(text, spans, i, length, entries, where):
                mentions.append(Mention(where, start, end, text[start:end], entries))
            i += length
        return mentions

    def scan_elliptic(self, text: str, where: str) -> list[Mention]:
        """ "North and West Northamptonshire": the first council's name is cut short."""
        mentions: list[Mention] = []
        lower = text.lower()
        if not _POINT_JOIN.search(lower):
            return mentions
        for match in _ELLIPSIS.finditer(text):
            words = [match.group(1).lower(), *match.group(3).lower().split()]
            found = self._longest(words, 0)
            if found is None or found[0] != len(words):
                continue
            whole = [match.group(2).lower(), *match.group(3).lower().split()]
            if self._longest(whole, 0) is None:
                continue  # the second half must be a council too
            mentions.append(Mention(where, match.start(), match.end(1), match.group(1), found[1]))
        return mentions

    def scan_host(self, host: str) -> list[Mention]:
        """Council names run together inside a web host ("yourthurrock.com")."""
        label = "".join(host.split(".")[:-2] if host.endswith(".uk") else host.split(".")[:-1])
        label = re.sub(r"[^a-z0-9]", "", label.lower())
        mentions: list[Mention] = []
        for start, end, entries in self._compact_hits(label):
            mentions.append(Mention("host", start, end, label[start:end], entries))
        return mentions

    def _compact_hits(self, label: str) -> Iterator[tuple[int, int, tuple[Entry, ...]]]:
        i = 0
        while i < len(label):
            for size in range(min(len(label) - i, 40), 4, -1):
                entries = self._compact.get(label[i : i + size])
                if entries:
                    yield i, i + size, entries
                    i += size - 1
                    break
            i += 1

    def _longest(self, words: list[str], i: int) -> tuple[int, tuple[Entry, ...]] | None:
        for key, entries in self._by_first.get(words[i], ()):
            n = len(key)
            if tuple(words[i : i + n]) == key:
                return n, entries
        return None


def _entries(kinds: dict[str, tuple[list[LocalAuthority], str, bool]]) -> tuple[Entry, ...]:
    """Strongest kind first; a council named by a strong kind is not repeated weaker."""
    entries: list[Entry] = []
    claimed: set[str] = set()
    for kind in _KIND_ORDER:
        if kind not in kinds:
            continue
        councils, name, acronym = kinds[kind]
        fresh = tuple(la for la in councils if la.gss_code not in claimed)
        if fresh:
            entries.append(Entry(kind, fresh, name, acronym))
            claimed.update(la.gss_code for la in fresh)
    return tuple(entries)


def _compact_names(gazetteer: Gazetteer) -> dict[str, tuple[Entry, ...]]:
    """Names with spaces and punctuation removed, for matching inside web hosts."""
    table: dict[str, dict[str, tuple[list[LocalAuthority], str, bool]]] = {}
    for la in gazetteer:
        for kind, names in (("alias", la.names), ("former", la.former_names), ("town", la.towns)):
            for name in names:
                compact = "".join(_tokens(name))
                if len(compact) < 5 or name.isupper():
                    continue
                slot = table.setdefault(compact, {}).setdefault(kind, ([], name, False))
                if la not in slot[0]:
                    slot[0].append(la)
    return {key: _entries(kinds) for key, kinds in table.items()}


def _looks_like_place(
    text: str,
    spans: list[tuple[int, int, str]],
    i: int,
    length: int,
    entries: tuple[Entry, ...],
    where: str,
) -> bool:
    """Capitals, and no sign of an outlet, a health body, a person or a verb."""
    first = spans[i][2]
    lead = spans[i + 1][2] if first.lower() == "the" and length > 1 else first
    if entries[0].acronym:
        if (
            text[spans[i][0] : spans[i + length - 1][1]]
            != text[spans[i][0] : spans[i + length - 1][1]].upper()
        ):
            return False
    elif not lead[:1].isupper():
        return False
    if _entity_follows(text, spans, i + length) or _entity_precedes(spans, i):
        return False
    key = first.lower()
    if length == 1 and key in _WORDLIKE and not _council_follows(spans, i + 1):
        end = spans[i][1]
        if text[end : end + 2] in {"'s", "s'"} and text[spans[i][0]].isupper():
            return True  # "Bury's director", "Reading's children's services"
        return i > 0 and spans[i - 1][2].lower() in _FUNCTION_WORDS
    if (
        length == 1
        and entries[0].kind == "town"
        and where == "body"
        and _named_thing(text, spans, i)
    ):
        return False  # "Nelson Mandela", "Preston North End": a town is only weak evidence
    if length == 1 and key in _PERSONLIKE and where == "body" and i > 0:
        before = spans[i - 1][2]
        joined = text[spans[i - 1][1] : spans[i][0]] == " "
        if joined and before[:1].isupper() and before.lower() not in _FUNCTION_WORDS:
            return _council_follows(spans, i + 1)
    return True


def _named_thing(text: str, spans: list[tuple[int, int, str]], i: int) -> bool:
    """A capitalised word runs straight on after the place: a person's or a club's name."""
    j = i + 1
    if j >= len(spans) or text[spans[i][1] : spans[j][0]] != " ":
        return False
    word = spans[j][2]
    return word[:1].isupper() and word.lower() not in _PLACE_FOLLOWERS


def _council_follows(spans: list[tuple[int, int, str]], j: int) -> bool:
    return j < len(spans) and spans[j][2].lower() in {"council", "borough", "s", "county", "city"}


def _entity_follows(text: str, spans: list[tuple[int, int, str]], j: int) -> bool:
    """'Derbyshire Times', 'Nottingham and Nottinghamshire ICB', 'Dorset Police'."""
    steps = 0
    while j < len(spans) and steps < 6:
        gap = text[spans[j - 1][1] : spans[j][0]]
        if gap.strip(" -'") or "\n" in gap:
            return False
        word = spans[j][2]
        low = word.lower()
        if low in _ENTITY_WORDS and (word[:1].isupper() or low in {"nhs", "ccg", "icb", "fc"}):
            return True
        if not (word[:1].isupper() or low in _CONNECTORS):
            return False
        j += 1
        steps += 1
    return False


def _entity_precedes(spans: list[tuple[int, int, str]], i: int) -> bool:
    """'NHS Derby and Derbyshire ...', 'NHS Kent and Medway', 'University of Bristol'."""
    for back in (1, 2):
        if i - back >= 0:
            word = spans[i - back][2].lower()
            if word in _BEFORE_ENTITY:
                return True
            if word not in {"of"}:
                break
    # "NHS Kent and Medway": the second name inside a health body's name
    if i >= 2 and spans[i - 1][2].lower() in {"and", "&"}:
        for back in range(2, min(i, 5) + 1):
            word = spans[i - back][2]
            if word.lower() in {"nhs", "hospitals", "icb"}:
                return True
            if not word[:1].isupper():
                break
    return False


@cache
def place_index(gazetteer: Gazetteer) -> PlaceIndex:
    """Built once per gazetteer (the default one is itself loaded once)."""
    return PlaceIndex(gazetteer)
