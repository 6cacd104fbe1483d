"""How many articles a second the classifier reads on one core.

Builds 10,000 documents by cycling the labelled corpora (../shared/corpus and
tests/corpus, each about 2,000 characters of real page text), or synthetic
articles when neither is present, then times `classify` on them in this one
process. The first call, which loads the gazetteer and builds the name index,
is timed separately: the target is under a second for that and at least 1,000
articles a second after it.

    .venv/bin/python bench/classify_speed.py [--count 10000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_IMPORT_STARTED = time.perf_counter()

from crawler.classify import Document, classify  # noqa: E402

_IMPORT_SECONDS = time.perf_counter() - _IMPORT_STARTED

SYNTHETIC = (
    "Ofsted has rated {council} Council's children's services {grade} following an inspection "
    "in March. Inspectors said children who need help and protection were seen quickly, and "
    "that the experiences and progress of children in care were {grade}. The council's "
    "cabinet member said staff had worked hard since the last inspection in 2019, when the "
    "service was judged to require improvement. "
)
COUNCILS = ("Leeds", "Derby", "Surrey", "Wigan", "Torbay", "Kent", "Bristol City", "Sefton")
GRADES = ("good", "outstanding", "inadequate", "requires improvement to be good")


def corpus_documents(shared: Path) -> list[Document]:
    paths = [shared / "corpus" / "seeds.jsonl", shared / "corpus" / "real-dev.jsonl"]
    paths += sorted((ROOT / "tests" / "corpus").glob("*.jsonl"))
    docs = []
    for path in paths:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                docs.append(Document(text=row["text"], title=row.get("title"), url=row.get("url")))
    return docs


def synthetic_documents() -> list[Document]:
    docs = []
    for i, council in enumerate(COUNCILS):
        grade = GRADES[i % len(GRADES)]
        text = (SYNTHETIC.format(council=council, grade=grade) * 4)[:2000]
        docs.append(Document(text=text, title=f"{council} children's services rated {grade}"))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    docs = corpus_documents(args.shared)
    source = "labelled corpus articles"
    if not docs:
        docs, source = synthetic_documents(), "synthetic articles"
    started = time.perf_counter()
    classify(docs[0])
    first = time.perf_counter() - started
    batch = list(islice(cycle(docs), args.count))
    chars = sum(len(d.text) for d in batch) / len(batch)
    started = time.perf_counter()
    relevant = sum(classify(doc).relevant for doc in batch)
    elapsed = time.perf_counter() - started
    print(f"documents: {len(batch)} from {len(docs)} {source}, mean {chars:.0f} characters")
    print(
        f"loading: import {_IMPORT_SECONDS * 1000:.0f} ms (compiles the patterns), first call "
        f"{first * 1000:.0f} ms (reads the gazetteer, builds the name index)"
    )
    print(
        f"classified {len(batch)} in {elapsed:.2f} s: {len(batch) / elapsed:.0f} articles/second "
        f"on one core ({relevant} relevant)"
    )


if __name__ == "__main__":
    main()
