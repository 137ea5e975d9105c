"""Atomic, deterministic file writing: a table is either the old complete file or the new one."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from pipeline.schema import Table


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)


def csv_bytes(table: Table, rows: Iterable[Mapping]) -> bytes:
    """Render rows as CSV with the table's columns in order, sorted by its primary key."""
    names = table.column_names
    key_idx = [names.index(k) for k in table.primary_key]
    records = [tuple(row.get(n) for n in names) for row in rows]

    def sort_key(record):
        return tuple((v is None, v if v is not None else 0) for v in (record[i] for i in key_idx))

    records.sort(key=sort_key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for record in records:
        writer.writerow([_cell(v) for v in record])
    return buffer.getvalue().encode("utf-8")


def write_tables(out_dir: Path, tables: Mapping[Table, Iterable[Mapping]]) -> None:
    """Render every table first, then rename each into place, so a failure writes nothing."""
    rendered = [(Path(out_dir) / t.filename, csv_bytes(t, rows)) for t, rows in tables.items()]
    for path, data in rendered:
        atomic_write_bytes(path, data)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV as dicts of strings (empty cells stay empty strings)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
