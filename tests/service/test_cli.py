"""The command line as users meet it: help, exit codes, classify, demo."""

from __future__ import annotations

import json
import subprocess
import sys
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from service.cli import main

CONTRACT_COMMANDS = [
    "init",
    "run",
    "crawl",
    "classify",
    "articles",
    "judgements",
    "subscribe",
    "unsubscribe",
    "subscribers",
    "digest",
    "sources",
    "demo",
]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name in CONTRACT_COMMANDS:
        assert f"  {name} " in out


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("ofsted-watch")
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "crawl" in result.stdout


def test_unknown_command_and_bad_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert main(["articles", "--format", "yaml"]) == 2
    assert "yaml" in capsys.readouterr().err


def test_classify_jsonl_keeps_ids_and_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps(
            {
                "id": "a1",
                "title": "Leeds children's services rated outstanding",
                "text": "Ofsted inspectors rated Leeds City Council's children's services "
                "outstanding.",
            }
        )
        + "\n"
        + json.dumps({"id": "a2", "text": "A new bypass opened in Hull on Tuesday."})
        + "\n",
        encoding="utf-8",
    )
    assert main(["classify", "--jsonl", str(docs)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in lines] == ["a1", "a2"]
    keys = {
        "id",
        "relevant",
        "score",
        "local_authorities",
        "inspection_type",
        "judgement",
        "previous_judgement",
        "direction",
        "grades",
        "evidence",
    }
    assert all(keys <= set(r) for r in lines)
    assert lines[0]["relevant"] and lines[0]["local_authorities"][0]["gss_code"] == "E08000035"
    assert not lines[1]["relevant"]


def test_classify_reads_html_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    page = (
        "<html><head><title>Ofsted: Hartlepool SEND</title></head><body><article><p>"
        "Ofsted and the CQC found widespread and/or systemic failings in the SEND arrangements "
        "of Hartlepool Borough Council's local area, inspectors said in a report.</p>"
        "</article></body></html>"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(page))
    assert main(["classify", "--html", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["relevant"] and result["local_authorities"][0]["name"] == "Hartlepool"


def test_demo_leaves_emails_in_the_outbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--workdir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    emails = sorted((tmp_path / "outbox").glob("*.eml"))
    assert emails, out
    subjects = [
        str(message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"]) for p in emails
    ]
    assert any("Stockton-on-Tees" in s for s in subjects)
    assert "email(s) written" in out


def test_a_database_that_cannot_be_opened_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "watch.db").mkdir()  # a folder where the SQLite file should be
    config = tmp_path / "c.toml"
    config.write_text('database_url = "sqlite:///watch.db"\nbuiltin_sources = false\n')
    assert main(["--config", str(config), "status"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        f"ofsted-watch: error: cannot use the database sqlite:///{tmp_path.resolve()}/watch.db: "
        "unable to open database file"
    ]


def test_classify_jsonl_reports_bad_lines_by_number_classifies_the_rest_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {"id": "ok1", "text": "Ofsted rated Leeds City Council's children's services good."}
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "\n".join(
            [
                json.dumps(good),
                "{not json",
                json.dumps({"id": "no-text"}),
                json.dumps({"id": "n", "text": 42}),
                json.dumps(["id", "text"]),
                json.dumps({"text": "no id here"}),
                json.dumps({"id": "t", "text": "A bypass opened.", "title": ["x"]}),
                json.dumps({**good, "id": 7}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as failed:
        main(["classify", "--jsonl", str(docs)])
    assert failed.value.code == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["ok1", 7]
    errors = captured.err.splitlines()
    assert [e.split(":")[1].strip() for e in errors] == [f"line {n}" for n in range(2, 8)]
    assert "not JSON" in errors[0] and "missing 'text'" in errors[1]
    assert "'text' must be a string" in errors[2] and "not a JSON object" in errors[3]
    assert "missing 'id'" in errors[4] and "'title' must be a string" in errors[5]
