"""Who led an inspection, from the places each layout names them.

Full reports print "Lead inspector: NAME" under the dates (SIF: in "Information about this
inspection"); area SEND reports list "NAME, Ofsted lead inspector" in the team near the end;
letters are signed "Yours sincerely / NAME / His Majesty's Inspector" on their last page and
usually name the lead in their first paragraph too.
"""

from __future__ import annotations

import re

_I, _M = re.IGNORECASE, re.MULTILINE
_NAME_WORD = r"[A-Z][A-Za-z'\-]*\.?"
_PARTICLE = r"(?:de|del|della|van|von|der|da|du|le|la|di|bin|ibn)"
# Two to four words: a longer run is more likely two signatories printed side by side.
NAME_RE = re.compile(rf"^(?:Dr\.?\s+)?{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{1,3}}$")
_TITLES_AFTER_NAME = re.compile(
    r"(?:,|\s)\s*(?:HMI\b|Her\s+Majesty|His\s+Majesty|Ofsted\b|CQC\b|Lead\s+inspector|"
    r"Senior\s+HMI|Social\s+Care\s+Regulatory|Regional\s+Director|National\s+Director).*$",
    _I,
)

_LEAD_LINE_RE = re.compile(
    r"^[ \t]*(?:Lead|Reporting)\s+inspector\b[ \t]*:?[ \t]*\n?[ \t]*([^\n]+)", _I | _M
)
_SEND_TEAM_RE = re.compile(
    r"^\s*([^,\n]{3,60}?)(?:\s+HMI)?,\s*Ofsted\s+(?:HMI\s+)?lead\s+inspector", _I | _M
)
_SIGNATURE_RE = re.compile(r"Yours\s+sincerely,?\s*\n((?:[ \t]*\n)*)[ \t]*([^\n]+)", _I)
_LETTER_LEAD_RES = (
    re.compile(rf"\blead\s+inspector\s+(?:was\s+)?((?:{_NAME_WORD}\s+){{1,4}}{_NAME_WORD})", _M),
    re.compile(
        r"Inspectors?\s+for\s+this\s+(?:visit|inspection)\s+(?:were|was)\s+"
        rf"((?:{_NAME_WORD}\s+){{1,4}}?{_NAME_WORD})(?=\s*(?:,|\.|\band\b))"
    ),
)


def clean_name(raw: str) -> str | None:
    """A person's name without the titles printed after it, or None if it is not a name."""
    text = " ".join(raw.replace("\u2019", "'").split())
    text = _TITLES_AFTER_NAME.sub("", text).strip(" ,.;:")
    return text if NAME_RE.match(text) else None


def lead_from_heading(text: str) -> str | None:
    """ "Lead inspector: Lisa Summers, His Majesty's Inspector" (and "Reporting inspector")."""
    for match in _LEAD_LINE_RE.finditer(text):
        name = clean_name(match.group(1))
        if name is not None:
            return name
    return None


def lead_from_send_team(text: str) -> str | None:
    """ "Rebecca Sharples, Ofsted HMI lead inspector" in a 2023 area SEND team list."""
    for match in _SEND_TEAM_RE.finditer(text):
        name = clean_name(match.group(1))
        if name is not None:
            return name
    return None


def signatory(text: str) -> str | None:
    """The first name signed under "Yours sincerely" (Ofsted signs first on joint letters)."""
    for match in _SIGNATURE_RE.finditer(text):
        name = clean_name(match.group(2))
        if name is not None:
            return name
    return None


def lead_from_letter_body(text: str) -> str | None:
    """ "... were lead inspector Sophie Wales and ..." or the first inspector listed."""
    for pattern in _LETTER_LEAD_RES:
        match = pattern.search(text)
        if match is not None:
            name = clean_name(match.group(1))
            if name is not None:
                return name
    return None
