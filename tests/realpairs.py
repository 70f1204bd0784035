"""Real corpus pairs (copied under fixtures/) run through the real pipeline."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from travaux.diffing.compare import compare
from travaux.diffing.model import Diff

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

PAIRS = {
    "dma": ("example-dma/proposal.txt", "example-dma/final.txt"),
    "untoc": ("render-untoc/old.txt", "render-untoc/new.txt"),
    "data-act": ("compare-eu-data-act/proposal.txt", "compare-eu-data-act/final.txt"),
    "s5": ("render-us-s5/01-pcs.txt", "render-us-s5/02-es.txt"),
}


def parse_file(path: Path):
    try:
        from travaux.diffing.parse import parse_path
    except ImportError:      # the reader's module may not have landed yet: segment directly
        from travaux.diffing.model import DocumentMeta
        from travaux.diffing.segment.segmenter import segment

        return segment(path.read_text(encoding="utf-8"), DocumentMeta(name=path.name))
    return parse_path(path)


@lru_cache(maxsize=None)
def real_diff(name: str) -> Diff:
    old, new = PAIRS[name]
    return compare(parse_file(FIXTURES / old), parse_file(FIXTURES / new))
