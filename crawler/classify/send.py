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
from crawler.classify.send_phrases import (
    ATTRIBUTED,
    DEFINITE,
    EARLIER,
    EARLIER_AFTER,
    EARLIER_OUTCOME,
    EXPLAINER,
    FOUR_POINT,
    FUTURE,
    IN_YEAR,
    INCONSISTENT,
    INSUFFICIENT,
    INSUFFICIENT_ALL,
    NEGATED,
    NO_WSOA,
    NOT_AN_OUTCOME,
    POSITIVE,
    SCALE_PLACE,
    SEND_WORDS,
    SUFFICIENT_ALL,
    SUFFICIENT_SOME,
    SYSTEMIC,
    SYSTEMIC_ANY,
    SYSTEMIC_PARAPHRASE,
    VERBATIM,
    WORDS,
    WSOA,
)
from crawler.classify.text import Article, search_sentences
from crawler.classify.timing import is_minutes


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
        _evidence(article, out, "previous_judgement", WSOA)
        return out
    if kind == InspectionType.SEND_MONITORING:
        out = _progress(article)
        out.previous = Judgement.SEND_SYSTEMIC_FAILINGS.value
        _evidence(
            article,
            out,
            "previous_judgement",
            SYSTEMIC_ANY,
        )
        return out
    if framework_2023:
        return _outcome_2023(article, roundup) if roundup else _outcome_2023_once(article)
    out = _outcome_2016(article, roundup)
    year = article.event_year
    if out.judgement is None and (year is None or year >= 2023):
        # Neither framework's words counted, and the date does not rule out the newer one:
        # a paraphrased 2023 outcome ("the best result an area can get").
        newer = _outcome_2023(article, roundup) if roundup else _outcome_2023_once(article)
        if newer.judgement is not None:
            return newer
    return out


class Finding(NamedTuple):
    sentence: int  # sentence index, -1 for the headline
    text: str
    head: str  # the sentence's words before the match, lower case
    tail: str = ""  # and the words after it


def _findings(
    article: Article, pattern: re.Pattern[str], negatable: bool | re.Pattern[str] = False
) -> list[Finding]:
    """Sentences (title = -1) where a pattern reads as a finding: not background, not future
    (and, for progress, not negated: "have not made sufficient progress in any"; for an
    outcome, not avoided or feared either: `negatable` is then that pattern)."""
    found: list[Finding] = []
    negation = negatable if isinstance(negatable, re.Pattern) else NEGATED if negatable else None
    title = article.title.lower()
    match = pattern.search(title)
    if match and not (negation and negation.search(title[: match.start()])):
        found.append(Finding(-1, article.title, title[: match.start()], title[match.end() :]))
    for sentence, match in search_sentences(article, pattern, WORDS[pattern]):
        head = article.lower[sentence.start : match.start()]
        if _explained(article, sentence.index) and not ATTRIBUTED.search(
            article.lower, sentence.start, sentence.end
        ):
            continue
        if FUTURE.search(head[-60:]) and pattern is not NO_WSOA:
            continue  # ("will not have to produce a statement" is this inspection's result)
        if negation and negation.search(head[-40:] if negation is NEGATED else head[-100:]):
            continue
        if not found or found[-1][0] != sentence.index:
            tail = article.lower[match.end() : sentence.end]
            found.append(Finding(sentence.index, sentence.text, head, tail))
    return found


def _explained(article: Article, index: int) -> bool:
    """The sentence sets out the possible outcomes, or is a bullet of a list introduced so."""
    seen = article.memo.setdefault("explainers", {})
    assert isinstance(seen, dict)
    for i in range(max(0, index - 3), index + 1):
        if i not in seen:
            sentence = article.sentences[i]
            seen[i] = EXPLAINER.search(article.lower, sentence.start, sentence.end) is not None
        if seen[i]:
            return True
    return False


def _outcome_2023(article: Article, roundup: bool) -> SendOutcome:
    out = SendOutcome()
    hits = [
        (value, [f for f in _findings(article, pattern, NOT_AN_OUTCOME) if not _other_scale(f)])
        for value, pattern in (
            (Judgement.SEND_SYSTEMIC_FAILINGS, SYSTEMIC),
            (Judgement.SEND_INCONSISTENT, INCONSISTENT),
            (Judgement.SEND_POSITIVE, POSITIVE),
        )
    ]
    present = [(j, h) for j, h in hits if h]
    if not present:
        paraphrase = _findings(article, SYSTEMIC_PARAPHRASE)
        if paraphrase:
            out.judgement = Judgement.SEND_SYSTEMIC_FAILINGS.value
            out.evidence["judgement"] = paraphrase[0][1]
        return out
    now = [
        (f.sentence, value, f.text)
        for value, found in present
        for f in found
        if not _earlier(article, f)
    ]
    before = [
        (f.sentence, value, f.text)
        for value, found in present
        for f in found
        if _earlier(article, f)
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
    verbatim = [text for text in same if VERBATIM.search(text.lower())]
    out.evidence["judgement"] = (verbatim or same)[0]
    if before:
        out.previous = before[0][1].value
        out.evidence["previous_judgement"] = before[0][2]
    else:
        _earlier_statement_of_action(article, out)
    return out


def _other_scale(finding: Finding) -> bool:
    """A place on the four-point children's services scale, not on the SEND one: "its
    children's services were rated outstanding, the highest rating, in 2019"."""
    lower = finding.text.lower()
    if not SCALE_PLACE.match(lower, len(finding.head)):
        return False
    return bool(FOUR_POINT.search(lower)) and not SEND_WORDS.search(lower)


def current_outcome_2023(article: Article) -> tuple[str | None, str | None]:
    """The 2023 framework outcome the article gives as this inspection's in the framework's
    own words or by its place on the scale, and the sentence ((None, None) otherwise: "mixed
    experiences" alone could be said of a revisit too)."""
    if not DEFINITE.search(article.lower) and not DEFINITE.search(article.title.lower()):
        return None, None  # (one scan, before reading every outcome pattern)
    out = _outcome_2023_once(article)
    sentence = out.evidence.get("judgement")
    if sentence is None or not DEFINITE.search(sentence.lower()):
        return None, None
    return out.judgement, sentence


def _outcome_2023_once(article: Article) -> SendOutcome:
    """_outcome_2023 for one area, read once per article (the type and the outcome ask)."""
    if "outcome_2023" not in article.memo:
        article.memo["outcome_2023"] = _outcome_2023(article, roundup=False)
    out = article.memo["outcome_2023"]
    assert isinstance(out, SendOutcome)
    return SendOutcome(out.judgement, out.previous, dict(out.evidence))


def _earlier(article: Article, finding: Finding) -> bool:
    """An outcome given at an earlier inspection: "at the previous inspection in 2023 the
    partnership's arrangements were found to lead to ...", or "... systemic failings at its
    previous inspection" (the words before it decide, or the time right after it)."""
    if EARLIER_AFTER.search(finding.tail):
        return True
    lower = finding.head[-120:]
    for match in EARLIER_OUTCOME.finditer(lower):
        # (in minutes' reported speech "inspectors had found" is this inspection's finding)
        if not (match.group().startswith("had ") and is_minutes(article)):
            return True
    year = article.event_year
    return year is not None and any(int(y) < year for y in IN_YEAR.findall(lower))


def _earlier_statement_of_action(article: Article, out: SendOutcome) -> None:
    """A 2023-framework report on an area that earlier had (or did not have) to write a
    statement of action: that is the outcome before this one."""
    for sentence, _match in search_sentences(article, WSOA, WORDS[WSOA]):
        lower = sentence.text.lower()
        if EARLIER.search(lower):
            avoided = NO_WSOA.search(lower)
            out.previous = (Judgement.NO_WSOA if avoided else Judgement.WSOA_REQUIRED).value
            out.evidence["previous_judgement"] = sentence.text
            return


def _outcome_2016(article: Article, roundup: bool) -> SendOutcome:
    out = SendOutcome()
    avoided = _findings(article, NO_WSOA)
    if roundup and avoided and len(_findings(article, WSOA)) > len(avoided):
        return out  # some areas had to write a statement, others did not
    if avoided:
        out.judgement = Judgement.NO_WSOA.value
        out.evidence["judgement"] = avoided[0][1]
        return out
    required = _findings(article, WSOA, negatable=True)
    if required:
        out.judgement = Judgement.WSOA_REQUIRED.value
        out.evidence["judgement"] = required[0][1]
    return out


def _progress(article: Article) -> SendOutcome:
    """All, some or none of the weaknesses (revisits); effective action (monitoring)."""
    out = SendOutcome()
    all_done = _findings(article, SUFFICIENT_ALL, negatable=True)
    some = _findings(article, SUFFICIENT_SOME, negatable=True)
    short = _findings(article, INSUFFICIENT)
    none_done = _findings(article, INSUFFICIENT_ALL)
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
