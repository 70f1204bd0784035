"""User options for a comparison -> ``CompareOptions``.

In: raw option values (pins as "OLD=NEW" strings, a mapping file path).  Out: a
frozen ``CompareOptions``; malformed pins or mapping files raise ``OptionError``
with a message that says how to write them.
"""

from __future__ import annotations

import csv
from pathlib import Path

from travaux.diffing.errors import OptionError
from travaux.diffing.model import CompareOptions

DEFAULT_THRESHOLD = CompareOptions().threshold


def parse_pin(pin: str) -> tuple[str, str]:
    if pin.count("=") != 1:
        raise OptionError(f'pin {pin!r} must have the form OLD=NEW, e.g. --pin "Article 7=Article 8"')
    old, new = (part.strip() for part in pin.split("="))
    if not old or not new:
        raise OptionError(f'pin {pin!r} names an empty provision; write --pin "Article 7=Article 8"')
    return old, new


MAX_MAP_LINE = 10_000     # csv's own field limit (128 kB) would fail as an internal error


def read_mapping(path: Path) -> tuple[tuple[str, str], ...]:
    """Read forced pairs from a TSV or CSV file: old path, new path (a header row
    ``old_id``/``old`` is skipped; lines starting with # are comments)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise OptionError(f"mapping file {path} does not exist; check the path given to --map") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(f"cannot read mapping file {path} ({exc}); give a UTF-8 TSV or CSV file") from None
    delimiter = "\t" if "\t" in text else ","
    pairs = []
    lines = text.splitlines()
    for lineno, line in enumerate(lines, start=1):
        if len(line) > MAX_MAP_LINE:
            raise OptionError(f"{path}, line {lineno}: {len(line)} characters long; a mapping "
                              f"line holds two citations (at most {MAX_MAP_LINE} characters)")
    for lineno, row in enumerate(csv.reader(lines, delimiter=delimiter), start=1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if lineno == 1 and row[0].strip().lower() in {"old", "old_id", "old path", "from"}:
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise OptionError(f"{path}, line {lineno}: expected 'old path<TAB>new path'")
        pairs.append((row[0].strip(), row[1].strip()))
    return tuple(pairs)


def build_options(*, ignore_case=False, ignore_punctuation=False, ignore_whitespace=False,
                  ignore_numbering=False, match="order", threshold=None, pins=(), mapping=None,
                  backend="auto", scope="all") -> CompareOptions:
    forced = tuple(parse_pin(p) for p in pins)
    if mapping:
        forced += read_mapping(Path(mapping))
    return CompareOptions(
        ignore_case=ignore_case, ignore_punctuation=ignore_punctuation,
        ignore_whitespace=ignore_whitespace, ignore_numbering=ignore_numbering,
        match=match, threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        pins=forced, backend=backend, scope=(scope or "all").strip() or "all",
    )
