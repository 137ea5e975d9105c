"""Atomic, deterministic file writing: a table is either the old complete file or the new one.

Files are written to a temporary file in the same folder, synced, then renamed over the old one, with
the permissions an ordinary write would give (the user's umask, not the temporary file's 0600). A set of
tables is written as one: every temporary file first, then every rename, so a full disk or an
interruption leaves the previous complete set. A failed write is one line saying what could not be
written and how much room it needed.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import operator
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from pipeline.errors import PipelineError
from pipeline.schema import Table


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()


def _write_failed(path: Path, err: OSError, size: int) -> PipelineError:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return PipelineError(f"{path}: cannot write, no space left on the device "
                             f"({size / 2**20:.1f} MB needed for this file)")
    return PipelineError(f"{path}: cannot write ({err.strerror or err})")


def _write_temporary(path: Path, data: bytes) -> str:
    """A synced temporary file beside ``path`` holding ``data``, with the mode an ordinary write gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
    except BaseException as err:
        _unlink(tmp)
        if isinstance(err, OSError):
            raise _write_failed(path, err, len(data)) from err
        raise
    return tmp


# What _write_temporary names a temporary file: ".<name>.<eight random characters>.tmp".
TEMPORARY_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def remove_temporaries(folder: Path) -> None:
    """Remove the temporary files a write left in ``folder`` and below when a signal came between creating one
    and recording it; only for a build that holds the folder's lock, so that no other build is writing there."""
    for path in Path(folder).rglob("*.tmp"):
        if TEMPORARY_RE.fullmatch(path.name):
            _unlink(str(path))


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, sync it, then rename it over ``path``."""
    atomic_write_many({Path(path): data})


def atomic_write_many(files: Mapping[Path, bytes]) -> None:
    """Write several files as one: all temporary files first, then each file in the given order is
    renamed into place or, if its content is already right, only marked as new (make looks at its time).
    Nothing is marked before every earlier file is in place, so the last file (the one make asks for)
    is new only once the whole set is."""
    todo: dict[Path, bytes | None] = {}
    for path, data in files.items():
        path = Path(path)
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        todo[path] = None if same else data
    written: dict[Path, str] = {}
    try:
        for path, data in todo.items():
            if data is not None:
                written[path] = _write_temporary(path, data)
        for path in todo:
            if path in written:
                os.replace(written[path], path)
                del written[path]
            else:
                os.utime(path)
    except BaseException:
        for tmp in written.values():
            _unlink(tmp)
        raise


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return f"{value:.6f}"
    return str(value)


class Fragments:
    """A table kept only as each article's CSV lines (``csv_lines``), with its row count: written as the
    header and the fragments in article order. Iterating reads the rows back as strings, as read_rows
    does. For the big per-article tables, whose rows an unchanged article need not build again.
    ``digests``: what the table's consumer keys each article's cache by (paragraphs: see
    cache.article_digests)."""

    def __init__(self, table: Table, fragments: Mapping[int, bytes], count: int, digests: Mapping | None = None):
        if table.primary_key[0] != "article_id":
            raise ValueError(f"{table.name}: only a table keyed by article first can be kept as fragments")
        self.table, self.fragments, self.count, self.digests = table, fragments, count, digests

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return self._read(b"".join(self.fragments[a] for a in sorted(self.fragments)))

    def rows_of(self, article_id: int) -> list[dict[str, str]]:
        """One article's rows, read back from its lines."""
        return list(self._read(self.fragments.get(article_id, b"")))

    def _read(self, body: bytes):
        return iter(csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""), fieldnames=self.table.column_names))


def csv_field(value: str) -> str:
    """One string cell as the csv module writes it (quoted only when it holds a comma, quote or line break)."""
    if "," in value or '"' in value or "\n" in value or "\r" in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_lines(table: Table, rows: Iterable[Mapping]) -> bytes:
    """The CSV lines of some rows, without the header: one article's fragment for Fragments."""
    return csv_bytes(table, rows).split(b"\n", 1)[1]


def csv_bytes(table: Table, rows: Iterable[Mapping]) -> bytes:
    """Render rows as CSV with the table's columns in order, sorted by its primary key. Strings, integers
    and missing values go to the csv module as they are; numbers and booleans get their one spelling."""
    names = table.column_names
    if isinstance(rows, Fragments):
        header = io.StringIO()
        csv.writer(header, lineterminator="\n").writerow(names)
        return header.getvalue().encode("utf-8") + b"".join(rows.fragments[a] for a in sorted(rows.fragments))
    key_idx = [names.index(k) for k in table.primary_key]
    getter = operator.itemgetter(*names)
    records = [getter(row) if len(names) > 1 else (row[names[0]],) for row in rows] if names else []
    if all(table.columns[i].required for i in key_idx):
        records.sort(key=operator.itemgetter(*key_idx))
    else:
        records.sort(key=lambda r: tuple((r[i] is None, r[i] if r[i] is not None else 0) for i in key_idx))
    special = [i for i, c in enumerate(table.columns) if c.type in ("number", "boolean")]
    if special:
        records = [tuple(_cell(v) if i in special else v for i, v in enumerate(r)) for r in records]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(records)
    return buffer.getvalue().encode("utf-8")


def render_tables(out_dir: Path, tables: Mapping[Table, Iterable[Mapping]]) -> dict[Path, bytes]:
    return {Path(out_dir) / t.filename: csv_bytes(t, rows) for t, rows in tables.items()}


def write_tables(out_dir: Path, tables: Mapping[Table, Iterable[Mapping]]) -> None:
    """Render every table first, then write them as one, so a failure leaves the previous set."""
    atomic_write_many(render_tables(out_dir, tables))


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV as dicts of strings (empty cells stay empty strings)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def json_bytes(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
