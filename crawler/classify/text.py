"""Turn a raw page excerpt into what the rules read: clean text, sentences, title, address.

Crawled text is noisy (curly quotes, mojibake, cookie banners, a stored
" date YYYY-MM-DD " prefix). Every rule works on the same normalised copy, and
every match is mapped back to the sentence it sits in, which is what the
evidence shows the user.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from urllib.parse import unquote, urlsplit


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# One character in, one character out, so offsets never shift.
_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02dc": "'",  # "˜" left by a broken left quote
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2022": "\n",  # bullets start a new line
        "\u25cf": "\n",
    }
)
_SAME_LENGTH_PAIRS = tuple((chr(code), str(plain)) for code, plain in _SAME_LENGTH.items())
_MOJIBAKE = (("â€™", "'"), ("â€˜", "'"), ("â€œ", '"'), ("â€\x9d", '"'), ("â€“", "-"), ("Â", ""))
_DATE_PREFIX = re.compile(r"^\s*date (\d{4})-(\d{2})-(\d{2})\s")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d\d)/(?:(\d\d)/)?")
_YEAR = re.compile(r"(?:19[89]|20[0-4])\d(?!\d)")
# A year after these words is before the article's own events ("since 2008").
_NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a decade": 10,
    "eighteen": 18,
}
_YEARS_ON = re.compile(
    r"\b(a decade|a|one|two|three|four|five|six|seven|eight|nine|ten|eighteen|\d{1,2}) "
    r"(?:and a half )?(?:(months?)|years?) (?:after|ago|later|on from|since)\b"
)
_LOWER_BOUND = re.compile(
    r"(?<![a-z0-9])(?:since|previous(?:ly)?|last|earlier|prior|back in|first|having been|"
    r"after being|after it was|after they were|from being|same|identified)\b[^.;]*$"
)
# A sentence ends at . ! ? (plus closing quotes) before a capital, digit or quote,
# or at a line break. Abbreviations are checked after the fact.
_BOUNDARY = re.compile(r"[.!?]['\")\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*")
_ABBREVIATIONS = _words(
    """
    st mr mrs ms dr cllr coun no vs etc e.g i.e prof rev gen lt col sgt co ltd inc jan feb
    mar apr jun jul aug sep sept oct nov dec
    """
)


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    quoted: bool  # inside someone's quoted words (a councillor's claim is not a finding)
    rank: int = 0  # how many real sentences precede it: "Published" and captions don't count


@dataclass(slots=True)
class Article:
    """The normalised article: title, body sentences, address parts and any date found."""

    title: str
    body: str
    lower: str
    sentences: list[Sentence]
    url_host: str = ""
    url_words: str = ""
    published: date | None = None
    years: list[int] = field(default_factory=list)
    event_year: int | None = None  # the year of the events reported: published, or estimated
    # The estimate is only a floor set by an earlier event ("its previous inspection in 2016"):
    # the story is later, often by a whole inspection cycle.
    event_year_floor: bool = False
    memo: dict[str, object] = field(default_factory=dict)  # per-article results read twice
    # Sentences that name only councils other than the story's (set once they are known):
    # "Elsewhere, Sefton's visit found progress" says nothing of this council.
    elsewhere: frozenset[int] = frozenset()
    _starts: list[int] = field(default_factory=list)

    def in_lead(self, index: int, size: int = 4) -> bool:
        """Among the opening sentences (the title counts as index -1)."""
        return index < 0 or self.sentences[index].rank < size

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding a character offset of `body`."""
        return self.sentences[max(0, bisect_right(self._starts, offset) - 1)]


def search_sentences(
    article: Article, pattern: re.Pattern[str], words: tuple[str, ...]
) -> Iterator[tuple[Sentence, re.Match[str]]]:
    """Matches of a pattern, looked for only in sentences holding one of `words`.

    The words are literal text every match contains; finding them is far cheaper
    than running a loose pattern over the whole article."""
    lower = article.lower
    chosen: set[int] = set()
    for word in words:
        at = lower.find(word)
        while at != -1:
            sentence = article.sentence_at(at)
            chosen.add(sentence.index)
            at = lower.find(word, sentence.end)
    for index in sorted(chosen):
        sentence = article.sentences[index]
        for match in pattern.finditer(lower, sentence.start, sentence.end):
            yield sentence, match


def normalise(text: str) -> str:
    """Straighten quotes and dashes, repair common mojibake, unify spaces."""
    if not text.isascii():
        for bad, good in _MOJIBAKE:
            if bad in text:
                text = text.replace(bad, good)
        for char, plain in _SAME_LENGTH_PAIRS:
            if char in text:
                text = text.replace(char, plain)
    for char in "`\r":
        if char in text:
            text = text.replace(char, "'" if char == "`" else "")
    return text


def split_sentences(body: str) -> list[Sentence]:
    """Sentences with offsets; bullets and line breaks always end a sentence."""
    cuts = [0]
    for match in _BOUNDARY.finditer(body):
        start = match.start()
        if body[start] == ".":
            word = body[max(0, start - 6) : start].rsplit(None, 1)[-1:]
            if word and word[0].lower() in _ABBREVIATIONS:
                continue
        cuts.append(match.end())
    cuts.append(len(body))
    sentences: list[Sentence] = []
    in_quote = False
    rank = 0
    for start, end in pairwise(cuts):
        chunk = body[start:end]
        stripped = chunk.strip()
        if stripped:
            quoted = in_quote or stripped[0] == '"' or (":" in stripped and _said(stripped))
            sentences.append(Sentence(len(sentences), start, end, stripped, quoted, rank))
            rank += stripped.count(" ") >= 5
        # A quotation runs on until its closing mark, but never past a paragraph.
        in_quote = False if "\n" in chunk else in_quote ^ (stripped.count('"') % 2 == 1)
    return sentences


def _said(sentence: str) -> bool:
    """A sentence that is mostly a quotation introduced by 'said:' or similar."""
    head, sep, tail = sentence.partition(":")
    return bool(sep) and tail.lstrip().startswith('"') and len(tail) > len(head)


def url_parts(url: str | None) -> tuple[str, str]:
    """The host, and the path and query as plain words ("hertfordshire-s-send" -> words)."""
    if not url:
        return "", ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "", ""
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = unquote(parts.path + " " + parts.query)
    words = re.sub(r"[^A-Za-z0-9&]+", " ", path).strip().lower()
    return host, words


def prepare(text: str, title: str | None, url: str | None, published: date | None) -> Article:
    """Everything the rules need, computed once per document."""
    body = normalise(text or "")
    found_date: date | None = None
    prefix = _DATE_PREFIX.match(body)
    if prefix:
        found_date = _safe_date(*(int(g) for g in prefix.groups()))
        body = " " * prefix.end() + body[prefix.end() :]
    if published is None:
        published = found_date or _url_date(url)
    clean_title = normalise(title or "").strip()
    host, words = url_parts(url)
    sentences = split_sentences(body)
    article = Article(
        title=clean_title,
        body=body,
        lower=body.lower(),
        sentences=sentences,
        url_host=host,
        url_words=words,
        published=published,
        years=_years(body),
        _starts=[s.start for s in sentences],
    )
    if not sentences:
        article.sentences = [Sentence(0, 0, len(body), body.strip(), False)]
        article._starts = [0]
    if published:
        article.event_year = published.year
    else:
        article.event_year, article.event_year_floor = _estimate_year(article)
    return article


def _years(text: str) -> list[int]:
    return sorted(
        {
            int(m.group())
            for m in _YEAR.finditer(text)
            if not text[m.start() - 1 : m.start()].isdigit()
        }
    )


def _estimate_year(article: Article) -> tuple[int | None, bool]:
    """The latest year the text, headline or address names, or one after a year it names as
    the past; and whether it is only such a floor."""
    url_years = [y for y in _years(article.url_words + " " + article.title) if 2000 <= y <= 2035]
    if not article.years:
        return (max(url_years) if url_years else None), False
    lower = article.lower
    bounds = [
        int(m.group()) + 1
        for m in _YEAR.finditer(lower)
        if _LOWER_BOUND.search(lower, max(0, m.start() - 45), m.start())
    ]
    named = max([*article.years, *url_years, *_years_on(article), *_last_year(article)])
    if bounds and max(bounds) > named:
        return max(bounds), True
    return named, False


def _years_on(article: Article) -> list[int]:
    """ "Rated good four years after an inadequate verdict": the news is that many years on
    from the latest year the text names, unless two named years already make the gap
    ("inspected in 2023, four years after it was rated inadequate in 2019")."""
    years = set(article.years)
    if not years or not (" years " in article.lower or " months " in article.lower):
        return []
    lead = (
        article.title.lower()
        + " "
        + " ".join(s.text.lower() for s in article.sentences if s.rank < 5)
    )
    found = []
    for match in _YEARS_ON.finditer(lead):
        gap = _NUMBERS.get(match.group(1)) or (
            int(match.group(1)) if match.group(1).isdigit() else 0
        )
        if match.group(2):  # months
            gap //= 12
        if 1 <= gap <= 15 and not any(y - gap in years for y in years):
            found.append(max(years) + gap)
    return found


_LAST_YEAR = re.compile(
    r"\b(?:ofsted|inspect\w*|cqc)\b[^.]{0,80}\blast year\b|\blast year'?s? (?:ofsted |send )?"
    r"(?:inspection|report|visit)"
)


def _last_year(article: Article) -> list[int]:
    """ "The priority actions identified by Ofsted last year": the inspection the text dates
    (its latest year) was the year before the story, which is a year on."""
    lower = article.lower
    if "last year" not in lower or not article.years:
        return []
    for match in _LAST_YEAR.finditer(lower):
        if not _YEAR.search(article.sentence_at(match.start()).text):
            return [max(article.years) + 1]
    return []


def _url_date(url: str | None) -> date | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3) or "1"
    return _safe_date(int(year), int(month), int(day))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
