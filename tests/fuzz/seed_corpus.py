"""Copy every .wol file of examples/ and tests/data/ into tests/fuzz/corpus/.

    .venv/bin/python tests/fuzz/seed_corpus.py
"""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    sources = sorted([*ROOT.glob("examples/**/*.wol"), *ROOT.glob("tests/data/**/*.wol")])
    for source in sources:
        data = source.read_bytes()
        # named by content, as libFuzzer names what it adds, so reseeding adds no duplicates
        (CORPUS / hashlib.sha1(data).hexdigest()).write_bytes(data)
    print(f"{len(sources)} seed files in {CORPUS}")


if __name__ == "__main__":
    main()
