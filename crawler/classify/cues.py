"""Find the cue families of phrases.py in an article, in one pass.

Every phrase is indexed by its first word; one trie-shaped pattern of those words
finds the few places where any phrase could start, and only there are the phrases
tried (a hand-made Aho-Corasick over words). Every hit is kept with its position
and sentence, so rules can ask "which sentences mention a focused visit?" without
scanning again. Running ~35 family patterns over each article instead was the
classifier's main cost: Python's regex engine cannot skip ahead in a pattern that
starts with an alternation or a word boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

from crawler.classify.phrases import PHRASES, TITLE_PHRASES
from crawler.classify.text import Article


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
            anchor = re.split(r"[ ,;:]", literal)[0]
            if len(anchor) < 2:
                raise ValueError(f"phrase without a literal start: {phrase!r}")
            if len(literal) > len(anchor):
                whole.add(anchor)  # a complete word: "is" must not fire on "issue"
            grouped.setdefault(anchor, {}).setdefault(family, []).append(phrase)
    own = {
        anchor: [(family, re.compile("|".join(ps))) for family, ps in families.items()]
        for anchor, families in grouped.items()
    }
    # The scan reports the longest anchor at a place; shorter anchors it begins with
    # ("inspect" in "inspection") must be tried there too.
    by_anchor = {
        anchor: _merge_families(
            [pair for size in range(2, len(anchor) + 1) for pair in own.get(anchor[:size], ())]
        )
        for anchor in own
    }
    words = tuple(re.escape(a) + (r"\b" if a in whole else "") for a in sorted(by_anchor))
    # The lookbehind lets the engine drop a position inside a word at once, instead of
    # walking the trie there: three times faster than testing the boundary afterwards.
    return re.compile(r"(?<![a-z0-9_])(?:" + _trie(words) + ")"), by_anchor


def _merge_families(
    pairs: list[tuple[str, re.Pattern[str]]],
) -> list[tuple[str, re.Pattern[str]]]:
    """One pattern per family at an anchor (the shorter anchors' phrases first, as before)."""
    merged: dict[str, list[str]] = {}
    for family, pattern in pairs:
        merged.setdefault(family, []).append(pattern.pattern)
    return [(family, re.compile("|".join(ps))) for family, ps in merged.items()]


ANCHOR_SCAN, PHRASES_BY_ANCHOR = _index()
# One pattern per family, with word boundaries, for checks on a single sentence.
FAMILIES: dict[str, re.Pattern[str]] = {
    name: re.compile(r"\b(?:" + "|".join(phrases) + ")")
    for name, phrases in (PHRASES | TITLE_PHRASES).items()
}
_SEND_ACRONYM = re.compile(r"SEN(?:D|Co)?\b")  # a literal start: the engine skips ahead fast


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
            if start < last_end.get(family, -1):
                continue  # inside this family's previous phrase
            match = phrase.match(text, start)
            if match is not None:
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
    sentences = article.sentences
    last = len(sentences) - 1
    current = 0  # hits come in order: walk the sentences alongside instead of searching
    for family, start, _end in hits:
        if start < body_end:
            while current < last and sentences[current + 1].start <= start:
                current += 1
            signals.spans.setdefault(family, []).append((start, _end))
            signals.body.setdefault(family, []).append(sentences[current].index)
        elif start < title_end:
            signals.title.add(family)
        else:
            signals.url.add(family)
    acronym_hits = [
        article.sentence_at(m.start()).index
        for m in _SEND_ACRONYM.finditer(article.body)
        if not article.body[m.start() - 1 : m.start()].isalnum()
    ]
    if acronym_hits:
        signals.body["send"] = sorted(signals.body.get("send", []) + acronym_hits)
    if any(
        not article.title[m.start() - 1 : m.start()].isalnum()
        for m in _SEND_ACRONYM.finditer(article.title)
    ):
        signals.title.add("send")
    if re.search(r"\bsend\b", article.url_words):
        signals.url.add("send")
    for family in TITLE_PHRASES:
        if title and FAMILIES[family].search(title):
            signals.title.add(family)
    return signals
