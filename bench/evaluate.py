"""How well the classifier reads labelled articles, corpus by corpus.

Two corpora are scored separately, because they answer different questions:

- "real": the labelled real articles in ../shared/corpus/ (seeds.jsonl and
  real-dev.jsonl). This is the estimate of how the product does on the news.
- "written": every tests/corpus/*.jsonl in this repository (or in the folder given
  with --written), articles written by the team to cover cases the real sample
  lacks. Skipped when absent.

Relevance is scored over every item (precision, recall, F1 of `relevant`).
The other fields are only defined for relevant articles (a negative has no
council or judgement), so their accuracy is computed over the items the label
calls relevant, whatever the classifier said about relevance: an item wrongly
called irrelevant counts as wrong on every field. First council compares the
label's `name_ons` spelling with the first `local_authorities` name; a label of
"multiple" (a round-up) counts as right when two or more councils are found.

Each document is given to the classifier as `ofsted-watch classify --jsonl`
would give it (id, text, title, url); `--with-dates` also passes the label's
`published` date.

    .venv/bin/python bench/evaluate.py [--errors] [--with-dates] [--shared ../shared]
        [--written tests/corpus]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.classify import Document, classify  # noqa: E402

FIELDS = (
    "first_council",
    "inspection_type",
    "judgement",
    "previous_judgement",
    "direction",
    "grades",
)


def load(paths: list[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def run(row: dict[str, Any], with_dates: bool) -> dict[str, Any]:
    published = row.get("published") if with_dates else None
    doc = Document(
        text=row["text"],
        title=row.get("title"),
        url=row.get("url"),
        published=date.fromisoformat(published) if published else None,
    )
    return classify(doc).to_dict(id=row["id"])


def got_field(name: str, label: dict[str, Any], got: dict[str, Any]) -> tuple[Any, Any, bool]:
    """(expected, got, correct) for one field of one relevant item."""
    if name == "first_council":
        names = [la["name"] for la in got["local_authorities"]] if got["relevant"] else []
        expected = label["local_authority"]
        if expected == "multiple":
            return expected, names, len(names) >= 2
        first = names[0] if names else None
        return expected, first, first == expected
    value = got[name] if got["relevant"] else ({} if name == "grades" else None)
    return label[name], value, value == label[name]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(name: str, rows: list[dict[str, Any]], with_dates: bool, errors: bool) -> None:
    results = [run(row, with_dates) for row in rows]
    tp = sum(1 for r, g in zip(rows, results, strict=True) if r["relevant"] and g["relevant"])
    fp = sum(1 for r, g in zip(rows, results, strict=True) if not r["relevant"] and g["relevant"])
    fn = sum(1 for r, g in zip(rows, results, strict=True) if r["relevant"] and not g["relevant"])
    p, r, f1 = prf(tp, fp, fn)
    relevant = [(row, got) for row, got in zip(rows, results, strict=True) if row["relevant"]]
    print(f"== {name} corpus: {len(rows)} items, {len(relevant)} relevant")
    print(
        f"relevance            precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}"
        f"  (tp {tp}, fp {fp}, fn {fn})"
    )
    wrong: list[tuple[str, str, Any, Any]] = []
    for field in FIELDS:
        correct = 0
        for row, got in relevant:
            expected, value, ok = got_field(field, row, got)
            correct += ok
            if not ok:
                wrong.append((row["id"], field, expected, value))
        share = correct / len(relevant) if relevant else 0.0
        print(f"{field:<20} accuracy {share:.3f}  ({correct}/{len(relevant)})")
    per_class(relevant, "inspection_type")
    per_class(relevant, "judgement")
    confusion(relevant)
    if errors:
        print_errors(rows, results, wrong)
    print()


def per_class(relevant: list[tuple[dict[str, Any], dict[str, Any]]], field: str) -> None:
    """Precision and recall of each value of a field, over the relevant items."""
    print(f"-- {field}: precision / recall per value")
    values = sorted({str(r[field]) for r, _ in relevant} | {str(g[field]) for _, g in relevant})
    for value in values:
        tp = sum(1 for r, g in relevant if str(r[field]) == value and str(g[field]) == value)
        fp = sum(1 for r, g in relevant if str(r[field]) != value and str(g[field]) == value)
        fn = sum(1 for r, g in relevant if str(r[field]) == value and str(g[field]) != value)
        p, rc, _ = prf(tp, fp, fn)
        print(f"   {value:<24} P {p:.2f}  R {rc:.2f}  (n={tp + fn})")


def confusion(relevant: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Rows: the label's judgement; columns: the classifier's."""
    pairs = Counter((str(r["judgement"]), str(g["judgement"])) for r, g in relevant)
    labels = sorted({a for a, _ in pairs} | {b for _, b in pairs})
    short = {v: v[:9] for v in labels}
    print("-- judgement confusion (rows: expected, columns: got)")
    print(" " * 24 + " ".join(f"{short[v]:>9}" for v in labels))
    for a in labels:
        cells = " ".join(f"{pairs.get((a, b), 0) or '.':>9}" for b in labels)
        print(f"   {a:<21}{cells}")


def print_errors(
    rows: list[dict[str, Any]],
    results: list[dict[str, Any]],
    wrong: list[tuple[str, str, Any, Any]],
) -> None:
    print("-- misclassified (id, field: expected -> got)")
    for row, got in zip(rows, results, strict=True):
        if row["relevant"] != got["relevant"]:
            print(
                f"   {row['id']} relevant: {row['relevant']} -> {got['relevant']}"
                f" (score {got['score']})  {row.get('title') or ''}"[:160]
            )
    for item_id, field, expected, value in wrong:
        print(f"   {item_id} {field}: {expected} -> {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--errors", action="store_true", help="list misclassified items")
    parser.add_argument("--with-dates", action="store_true", help="pass labelled dates too")
    parser.add_argument(
        "--written",
        type=Path,
        default=ROOT / "tests" / "corpus",
        help="folder of the written corpus (default tests/corpus)",
    )
    args = parser.parse_args()
    real = [args.shared / "corpus" / n for n in ("seeds.jsonl", "real-dev.jsonl")]
    real = [p for p in real if p.exists()]
    written = sorted(args.written.glob("*.jsonl"))
    if not real and not written:
        sys.exit("no corpus found: neither ../shared/corpus nor tests/corpus/*.jsonl")
    for name, paths in (("real", real), ("written", written)):
        if paths:
            report(name, load(paths), args.with_dates, args.errors)
        else:
            print(f"== {name} corpus: not found, skipped\n")


if __name__ == "__main__":
    main()
