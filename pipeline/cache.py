"""Per-item result cache, keyed by everything a result depends on (input bytes, code, model, data files).

Entries are JSON files under ``<out>/.cache/<stage>/``, written atomically; entries not used by a
run are pruned at its end, so the cache holds exactly what the current corpus needs.
"""

from __future__ import annotations

import hashlib
import json
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
    """A folder of JSON results for one stage."""

    def __init__(self, root: Path, stage: str, version: str):
        self.dir = Path(root) / stage
        self.version = version
        self.used: set[str] = set()

    def _path(self, key: str, suffix: str = ".json") -> Path:
        return self.dir / f"{digest(self.version, key)}{suffix}"

    def get_bytes(self, key: str) -> bytes | None:
        path = self._path(key, ".bin")
        self.used.add(path.name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def put_bytes(self, key: str, data: bytes) -> None:
        path = self._path(key, ".bin")
        self.used.add(path.name)
        atomic_write_bytes(path, data)

    def keep(self, key: str) -> None:
        """Mark an entry as used without reading it, so that prune() keeps it."""
        self.used.update({self._path(key).name, self._path(key, ".bin").name})

    def get(self, key: str):
        path = self._path(key)
        self.used.add(path.name)
        try:
            return json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError):
            return None

    def put(self, key: str, value) -> None:
        path = self._path(key)
        self.used.add(path.name)
        atomic_write_bytes(path, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

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
    """One stage's results in one file: a consolidated pickle, plus a journal of results added since.

    Loading four thousand small JSON files costs seconds; one marshalled file (results are plain lists,
    dicts, strings and numbers) costs a fraction of that. A result
    is journalled (one small file) the moment it exists, so an interrupted run keeps finished work; the
    end of a run folds the journal into the pickle, keeping exactly the results the run used.
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

    def finish(self) -> None:
        """Keep exactly the results this run used, in one file; empty the journal."""
        if self.added or set(self.entries) != self.used:
            kept = {k: self.entries[k] for k in sorted(self.used)}
            atomic_write_bytes(self.path, marshal.dumps((self.version, kept)))
        if self.journal.is_dir():
            for path in self.journal.iterdir():
                path.unlink(missing_ok=True)
