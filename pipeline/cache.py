"""Per-item caches under ``<out>/.cache/<stage>/``, keyed by everything an item depends on (input bytes,
code, model, data files); what a run did not use is dropped at its end, so a cache holds exactly what
the current corpus needs.

``Cache`` keeps one binary file per item (the parsed spaCy Docs, too large to hold in one file);
``Store`` keeps a stage's small results in one marshalled file plus a journal.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from pipeline.tables import atomic_write_bytes


def digest(*parts: str | bytes) -> str:
    """SHA-256 over the parts, each length-prefixed so that boundaries matter."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def files_digest(paths) -> str:
    """One digest of the contents of several files (code modules, data files)."""
    return digest(*(Path(p).read_bytes() for p in sorted(map(str, paths))))


class Cache:
    """A folder of binary entries for one stage, each written atomically."""

    def __init__(self, root: Path, stage: str, version: str):
        self.dir = Path(root) / stage
        self.version = version
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.dir / f"{digest(self.version, key)}.bin"

    def get_bytes(self, key: str) -> bytes | None:
        path = self._path(key)
        self.used.add(path.name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def put_bytes(self, key: str, data: bytes) -> None:
        path = self._path(key)
        self.used.add(path.name)
        atomic_write_bytes(path, data)

    def keep(self, key: str) -> None:
        """Mark an entry as used without reading it, so that prune() keeps it."""
        self.used.add(self._path(key).name)

    def prune(self) -> int:
        """Delete entries this run did not use; returns how many."""
        removed = 0
        if self.dir.is_dir():
            for path in self.dir.iterdir():
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


class Store:
    """One stage's results in one file, plus a journal of results added since.

    Loading four thousand small JSON files costs seconds; one marshalled file (results are plain lists,
    dicts, strings and numbers) costs a fraction of that. A result
    is journalled (one small file) the moment it exists, so an interrupted run keeps finished work; the
    end of a run folds the journal into the file, keeping exactly the results the run used.
    """

    def __init__(self, root: Path, stage: str, version: str):
        self.dir = Path(root) / stage
        self.version = version
        self.path = self.dir / "store.marshal"
        self.journal = self.dir / "journal"
        self.entries: dict[str, object] = {}
        self.used: set[str] = set()
        self.added = False
        self._load()

    def _load(self) -> None:
        try:
            version, entries = marshal.loads(self.path.read_bytes())
            if version == self.version:
                self.entries = entries
        except (FileNotFoundError, EOFError, ValueError, TypeError):
            self.entries = {}
        if self.journal.is_dir():
            for path in sorted(self.journal.iterdir()):
                try:
                    version, key, value = marshal.loads(path.read_bytes())
                except (EOFError, ValueError, TypeError, OSError):
                    continue
                if version == self.version:
                    self.entries[key] = value
                    self.added = True

    def get(self, key: str):
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
        return value

    def put(self, key: str, value) -> None:
        self.entries[key] = value
        self.used.add(key)
        self.added = True
        atomic_write_bytes(self.journal / f"{digest(key)}.marshal", marshal.dumps((self.version, key, value)))

    def keep_only(self, entries: dict) -> None:
        """Make ``entries`` the whole content, without a journal: for results cheap to recompute, which an
        interrupted run may lose."""
        if entries != {k: self.entries.get(k) for k in entries} or set(self.entries) != set(entries):
            self.added = True
        self.entries, self.used = dict(entries), set(entries)

    def finish(self) -> None:
        """Keep exactly the results this run used, in one file; empty the journal."""
        if self.added or set(self.entries) != self.used:
            kept = {k: self.entries[k] for k in sorted(self.used)}
            atomic_write_bytes(self.path, marshal.dumps((self.version, kept)))
        if self.journal.is_dir():
            for path in self.journal.iterdir():
                path.unlink(missing_ok=True)
