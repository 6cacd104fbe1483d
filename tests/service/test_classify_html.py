"""`classify --html` on pages saved in the encodings older news sites still use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import main

HEADLINE = "Children’s services in Stockport judged good by Ofsted"
BODY = (
    "Ofsted inspectors said Stockport Council’s children’s services were good overall in "
    "a report published on Tuesday, after a three-week inspection in October; the council "
    "will put £2.5m into its social work academy."
)


def saved_page(meta: str, encoding: str, bom: bytes = b"") -> bytes:
    html = (
        f"<!DOCTYPE html><html><head>{meta}<title>{HEADLINE}</title></head>"
        f"<body><article><h1>{HEADLINE}</h1><p>{BODY}</p></article></body></html>"
    )
    return bom + html.encode(encoding)


@pytest.mark.parametrize(
    ("data"),
    [
        saved_page('<meta charset="windows-1252">', "cp1252"),
        saved_page("", "cp1252"),  # declared nowhere: not UTF-8, so windows-1252
        saved_page('<meta charset="iso-8859-1">', "cp1252"),
        saved_page('<meta charset="windows-1252">', "utf-8", bom=b"\xef\xbb\xbf"),  # BOM wins
        saved_page("", "utf-16", bom=b""),  # Python's utf-16 codec writes a BOM
    ],
    ids=["meta-1252", "undeclared-1252", "meta-latin1", "utf8-bom", "utf16-bom"],
)
def test_a_saved_page_is_decoded_by_its_bom_or_meta_charset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    page = tmp_path / "article.html"
    page.write_bytes(data)

    assert main(["classify", "--html", str(page)]) == 0

    result = json.loads(capsys.readouterr().out)
    assert result["relevant"] and result["local_authorities"][0]["name"] == "Stockport"
    assert result["judgement"] == "good"
    evidence = " ".join(result["evidence"].values())  # the page's sentences, quotes folded
    assert "Children's services in Stockport" in evidence and "£2.5m" in evidence
    assert "\ufffd" not in evidence


def test_the_curly_apostrophe_byte_0x92_survives_on_stdin_too(tmp_path: Path) -> None:
    data = saved_page('<meta charset="windows-1252">', "cp1252")
    assert b"Children\x92s" in data
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "classify", "--html", "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["local_authorities"][0]["name"] == "Stockport"
    out = done.stdout.decode("utf-8")
    assert "Children's services in Stockport" in out and "\ufffd" not in out
