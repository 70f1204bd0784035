"""Manifests: many versions to import at once, checked before anything is written.

In: a TOML file (``[[version]]`` tables) or a CSV file (header row) listing
file, label, date, body, note per version; file paths are relative to the
manifest.  Out: ``Entry`` records in manifest order, every one validated (file
exists and is readable, label valid and unique, date a real YYYY-MM-DD), or a
``HistoryError`` naming the manifest line.

TOML::

    [[version]]
    file = "01-is.txt"
    label = "S. 269 IS"
    date = "2025-01-28"
    body = "Introduced in Senate"

CSV::

    file,label,date,body,note
    01-is.txt,S. 269 IS,2025-01-28,Introduced in Senate,
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from travaux.diffing.errors import HistoryError
from travaux.history import safety

FIELDS = ("file", "label", "date", "body", "note")


@dataclass(frozen=True, slots=True)
class Entry:
    path: Path          # resolved file to import
    label: str
    date: str
    body: str = ""
    note: str = ""
    line: int = 0       # line of the manifest that lists this version


def read_manifest(manifest: Path, existing_labels: frozenset[str] = frozenset(), *,
                  allow_outside: bool = False) -> list[Entry]:
    """The versions ``manifest`` lists.  Their files must lie in the manifest's
    folder or below (after following symlinks) unless ``allow_outside``: a
    manifest from elsewhere cannot make ``show`` print /etc/passwd."""
    manifest = Path(manifest)
    try:
        raw = manifest.read_bytes()
    except FileNotFoundError:
        raise HistoryError(f"manifest {manifest} does not exist; check the path") from None
    except OSError as exc:
        raise HistoryError(f"cannot read manifest {manifest} ({exc.strerror}); check the path "
                           "and permissions") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HistoryError(f"manifest {manifest} is not UTF-8; save it as UTF-8") from None
    if manifest.suffix.lower() == ".toml":
        rows = _toml_rows(manifest, text)
    elif manifest.suffix.lower() in {".csv", ".tsv"}:
        rows = _csv_rows(manifest, text)
    else:
        raise HistoryError(f"manifest {manifest} must be a .toml or .csv file")
    if not rows:
        raise HistoryError(f"manifest {manifest} lists no versions; add [[version]] tables "
                           "(TOML) or rows under a header (CSV)")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        where = f"{manifest.name}, line {line}"
        unknown = sorted(set(row) - set(FIELDS))
        if unknown:
            raise HistoryError(f"{where}: unknown field {unknown[0]!r}; use {', '.join(FIELDS)}")
        for key in ("file", "label", "date"):
            if not str(row.get(key) or "").strip():
                raise HistoryError(f"{where}: the {key} is missing; every version needs "
                                   "file, label and date")
        try:
            label = safety.check_label(str(row["label"]))
            date = safety.check_date(str(row["date"]))
            body = safety.check_text(str(row.get("body") or ""), "body")
            note = safety.check_text(str(row.get("note") or ""), "note")
        except HistoryError as exc:
            raise HistoryError(f"{where}: {exc}") from None
        if label in seen:
            raise HistoryError(f"{where}: label {label!r} is also used on line {seen[label]}; "
                               "labels must be unique")
        if label in existing_labels:
            raise HistoryError(f"{where}: label {label!r} is already in the history; "
                               "choose another label")
        seen[label] = line
        path = (manifest.parent / str(row["file"]).strip())
        if not allow_outside:
            _confine(path, manifest, where, str(row["file"]))
        if not path.is_file():
            raise HistoryError(f"{where}: file {row['file']!r} does not exist (paths are "
                               f"relative to {manifest.parent or '.'})")
        try:
            with open(path, "rb") as fh:
                fh.read(1)
        except OSError as exc:
            raise HistoryError(f"{where}: cannot read {row['file']!r} ({exc.strerror})") from None
        entries.append(Entry(path, label, date, body, note, line))
    return entries


def _confine(path: Path, manifest: Path, where: str, given: str) -> None:
    home = manifest.parent.resolve()
    try:
        inside = path.resolve().is_relative_to(home)
    except (OSError, RuntimeError):     # a symlink loop: not inside anything
        inside = False
    if not inside:
        raise HistoryError(f"{where}: file {given!r} is outside the manifest's folder {home}; "
                           "list files in that folder or below, or pass --allow-outside if you "
                           "trust this manifest")


def _toml_rows(manifest: Path, text: str) -> list[tuple[int, dict]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HistoryError(f"{manifest.name}: not valid TOML ({exc}); see travaux history "
                           "import --help") from None
    extra = sorted(set(data) - {"version"})
    if extra:
        raise HistoryError(f"{manifest.name}: unknown key {extra[0]!r}; list versions as "
                           "[[version]] tables")
    versions = data.get("version", [])
    if not isinstance(versions, list) or not all(isinstance(v, dict) for v in versions):
        raise HistoryError(f"{manifest.name}: 'version' must be [[version]] tables")
    # tomllib gives no line numbers: the n-th [[version]] header is the n-th table.
    lines = [i for i, ln in enumerate(text.splitlines(), start=1)
             if re.match(r"\s*\[\[\s*version\s*\]\]", ln)]
    lines += [0] * (len(versions) - len(lines))
    return [(lines[i], {k: v for k, v in versions[i].items()}) for i in range(len(versions))]


def _csv_rows(manifest: Path, text: str) -> list[tuple[int, dict]]:
    delimiter = "\t" if manifest.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict]] = []
    header: list[str] | None = None
    for row in reader:
        line = reader.line_num
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [h.strip().lower() for h in row]
            missing = [f for f in ("file", "label", "date") if f not in header]
            if missing:
                raise HistoryError(f"{manifest.name}, line {line}: the header row must name "
                                   f"file, label, date (and optionally body, note); "
                                   f"{missing[0]!r} is missing")
            continue
        if len(row) > len(header):
            raise HistoryError(f"{manifest.name}, line {line}: {len(row)} fields but the header "
                               f"has {len(header)}; quote values that contain commas")
        rows.append((line, dict(zip(header, (c.strip() for c in row)))))
    return rows
