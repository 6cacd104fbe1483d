"""The §4 result a user and the rest of the service rely on, on written and real articles."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from config.vocabulary import (
    Direction,
    GradeKey,
    InspectionType,
    Judgement,
    compare,
    compare_areas,
)
from crawler.classify import Classification, Document, classify

CONTRACT_KEYS = [
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
]
FIELD_NAMES = {
    "relevant",
    "local_authorities",
    "inspection_type",
    "judgement",
    "previous_judgement",
    "direction",
    "grades",
}
SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
CORPUS = SHARED / "corpus"
WRITTEN = Path(__file__).resolve().parents[2] / "corpus"

Reader = Callable[..., dict[str, Any]]
Names = Callable[[dict[str, Any]], list[str]]


def assert_contract(result: dict[str, Any]) -> None:
    """Exactly the §4 keys, plain JSON values from the §2 vocabulary, evidence per field."""
    assert list(result) == CONTRACT_KEYS
    assert isinstance(result["relevant"], bool)
    assert 0.0 <= result["score"] <= 1.0
    assert (result["score"] >= 0.5) == result["relevant"]
    for la in result["local_authorities"]:
        assert set(la) == {"name", "gss_code", "ofsted_urn", "region"}
        assert all(isinstance(v, str) and v for v in la.values())
    assert result["inspection_type"] in {None, *(t.value for t in InspectionType)}
    assert result["judgement"] in {None, *(j.value for j in Judgement)}
    assert result["previous_judgement"] in {None, *(j.value for j in Judgement)}
    assert result["direction"] in {None, *(d.value for d in Direction)}
    grade_values = {
        Judgement.OUTSTANDING,
        Judgement.GOOD,
        Judgement.REQUIRES_IMPROVEMENT,
        Judgement.INADEQUATE,
    }
    for key, value in result["grades"].items():
        assert key in {k.value for k in GradeKey}
        assert value in {g.value for g in grade_values}
    assert set(result["evidence"]) <= FIELD_NAMES
    assert all(isinstance(v, str) and v.strip() for v in result["evidence"].values())
    if not result["relevant"]:
        assert result["local_authorities"] == [] and result["judgement"] is None
    else:
        assert result["inspection_type"] is not None and result["direction"] is not None
        _assert_evidence_for_every_field_set(result)


def _assert_evidence_for_every_field_set(result: dict[str, Any]) -> None:
    """A value a user cannot check in one glance is a value they cannot trust."""
    evidence = result["evidence"]
    for field in ("inspection_type", "judgement", "previous_judgement"):
        if result[field] is not None:
            assert evidence.get(field), field
    if result["local_authorities"]:
        assert evidence.get("local_authorities")
    if result["grades"]:
        assert evidence.get("grades")
    if result["direction"] != Direction.UNKNOWN.value:
        assert evidence.get("direction")


def test_values_are_plain_strings_in_json() -> None:
    result = classify(
        Document(
            text="Ofsted has judged Leeds City Council's children's services outstanding.",
            title="Leeds children's services outstanding",
        )
    )
    printed = json.dumps(result.to_dict(id="x"))
    assert '"inspection_type": "ilacs"' in printed
    assert '"judgement": "outstanding"' in printed
    assert "InspectionType" not in printed and "Judgement." not in printed


def test_every_field_set_carries_the_sentence_it_was_read_from(read: Reader) -> None:
    result = read(
        "Ofsted has rated Cornwall Council's children's services good, up from requires "
        "improvement in 2019. Inspectors said care leavers were well supported.",
        "Cornwall children's services rated good",
        published="2023-02-01",
    )
    assert_contract(result)
    for field in (
        "relevant",
        "local_authorities",
        "inspection_type",
        "judgement",
        "previous_judgement",
        "direction",
        "grades",
    ):
        assert field in result["evidence"], field
    assert "up from requires" in result["evidence"]["previous_judgement"]


def test_the_date_prefix_of_stored_pages_is_read_as_the_publication_date(read: Reader) -> None:
    result = read(
        " date 2017-03-01 Ofsted has rated Enfield's children's services good. The service "
        "was rated inadequate in 2014.",
        "Enfield children's services rated good",
    )
    assert result["judgement"] == "good"
    assert result["previous_judgement"] == "inadequate"
    assert not any("date 2017" in v for v in result["evidence"].values())


def test_odd_input_never_raises() -> None:
    for text in ("", "   ", "Ofsted", "x" * 5000, "“”‘’ â€™ \u00a0"):
        result = classify(Document(text=text, title=text[:10] or None, url="::not a url::"))
        assert isinstance(result, Classification)
        assert_contract(result.to_dict(id="x"))


def test_the_result_keeps_the_interface_other_code_calls() -> None:
    result = classify(
        Document(
            text="Ofsted rated Barnet's children's services good.",
            title="Barnet rated good by Ofsted",
        )
    )
    assert result.local_authority is not None and result.local_authority.name == "Barnet"
    assert result.to_dict()["local_authorities"][0]["ofsted_urn"] == "80487"


def _corpus_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name in ("seeds.jsonl", "real-dev.jsonl"):
        path = CORPUS / name
        if path.exists():
            rows += [
                json.loads(line)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
    return rows


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus (labelled real articles) absent")
def test_every_real_article_gives_well_formed_contract_json() -> None:
    """Shape only: accuracy is measured by bench/evaluate.py, not asserted here."""
    rows = _corpus_rows()
    assert rows, "the corpus folder exists but holds no articles"
    for row in rows:
        doc = Document(text=row["text"], title=row.get("title"), url=row.get("url"))
        result = json.loads(json.dumps(classify(doc).to_dict(id=row["id"])))
        assert result["id"] == row["id"]
        assert_contract(result)


def test_a_previous_outcome_implied_by_the_inspection_type_has_evidence(read: Reader) -> None:
    for text, title in (
        (
            "Ofsted and the CQC revisited Bury's SEND services in May and found sufficient "
            "progress in two of the four areas.",
            "Bury SEND revisit",
        ),
        (
            "Ofsted inspectors carried out a monitoring visit to Bury's children's services in "
            "May and found the council was making progress.",
            "Bury monitoring visit",
        ),
    ):
        result = read(text, title)
        assert result["previous_judgement"] is not None
        assert_contract(result)
        assert result["evidence"]["previous_judgement"]


def test_direction_follows_the_vocabulary_whenever_now_and_before_are_known() -> None:
    """A user reading "good, up from inadequate" must never see no direction, nor one the
    grades contradict: over the project's written corpus, wherever the classifier found an
    outcome and the one before on one scale, the direction is config.vocabulary's; for a
    report without an overall grade, its areas' (unless they moved both ways)."""
    checked = 0
    for path in sorted(WRITTEN.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            doc = Document(text=row["text"], title=row.get("title"), url=row.get("url"))
            result = classify(doc)
            now, before = result.judgement, result.previous_judgement
            if not result.relevant or before is None:
                continue
            assert result.direction is not None, row["id"]
            if now is not None:
                expected = compare(now, before)
            elif result.grades:
                expected = compare_areas(result.grades.values(), before)
            else:
                continue
            if expected != Direction.UNKNOWN:
                checked += 1
                assert result.direction == expected.value, row["id"]
    assert checked >= 50  # (the corpus has about 75 such articles)
