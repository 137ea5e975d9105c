"""Per-item caches under ``<out>/.cache/<stage>/``, keyed by everything an item depends on (input bytes,
code, model, data files); what a run did not use is dropped at its end, so a cache holds exactly what
the current corpus needs.

``Cache`` keeps one binary file per item (the parsed spaCy Docs, too large to hold in one file);
``Store`` keeps a stage's small results in one marshalled file plus a journal.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping
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


def article_digests(title: str, kinds: list[str], texts: list[str]) -> tuple[str, str]:
    """What the extract stage's caches key an article by: its paragraphs' text (the model's Docs), and
    that with its title and block kinds (the extraction result). Computed once, when a page is parsed."""
    text_key = digest(*texts)
    return text_key, digest(text_key, title, *kinds)


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
    dicts, strings and numbers) costs a fraction of that. A result is journalled (one small file) the
    moment it exists, so an interrupted run keeps finished work. The journal is folded into the file,
    keeping exactly the results the run used, once it or the unused results outgrow a share of the file:
    a build that adds one page writes one small file, not the whole store again.
    """

    FOLD_SHARE = 8  # fold when the journal or the unused results exceed 1/8 of the results
    FOLD_FILES = 64  # or when the journal holds this many files

    def __init__(self, root: Path, stage: str, version: str, lazy: bool = False):
        """``lazy``: keep each result marshalled until it is asked for, for big results of which a build
        may need few (loading them all would cost more than the build)."""
        self.dir = Path(root) / stage
        self.lazy = lazy
        self.version = digest(version, "lazy") if lazy else version
        self.path = self.dir / "store.marshal"
        self.journal = self.dir / "journal"
        self.entries: dict[str, object] = {}
        self.used: set[str] = set()
        self.in_file = False  # the file holds this version
        self.journalled: set[str] = set()
        self.pending: set[str] = set()  # changed in memory, in neither the file nor the journal
        self.journal_files = 0
        self._load()

    def _load(self) -> None:
        try:
            version, entries = marshal.loads(self.path.read_bytes())
            if version == self.version:
                self.entries, self.in_file = entries, True
        except (FileNotFoundError, EOFError, ValueError, TypeError):
            self.entries = {}
        if self.journal.is_dir():
            for path in sorted(self.journal.iterdir()):
                try:
                    version, entries = marshal.loads(path.read_bytes())
                except (EOFError, ValueError, TypeError, OSError):
                    continue
                if version == self.version and isinstance(entries, dict):
                    self.entries.update(entries)
                    self.journalled.update(entries)
                    self.journal_files += 1

    def get(self, key: str):
        value = self.entries.get(key)
        if value is not None:
            self.used.add(key)
            if self.lazy:
                value = marshal.loads(value)
        return value

    def has(self, key: str) -> bool:
        """Whether the store holds ``key`` (which this run then keeps), without reading its result."""
        if key in self.entries:
            self.used.add(key)
            return True
        return False

    def put(self, key: str, value) -> None:
        """Add a result and journal it at once."""
        if self.lazy:
            value = marshal.dumps(value)
        self.entries[key] = value
        self.used.add(key)
        self._journal({key: value})

    def _journal(self, entries: dict) -> None:
        name = digest(*sorted(entries))
        atomic_write_bytes(self.journal / f"{name}.marshal", marshal.dumps((self.version, entries)))
        self.journalled.update(entries)
        self.journal_files += 1

    def keep_only(self, entries: dict) -> None:
        """Make ``entries`` what this run used, journalled only at the end (finish): for results cheap to
        recompute, which an interrupted run may lose."""
        for key, value in entries.items():
            if key not in self.entries or self.entries[key] != value:
                self.entries[key] = value
                self.pending.add(key)
        self.used = set(entries)

    def finish(self) -> None:
        """Write what this run added: the whole store, keeping exactly what it used, when the journal or
        the unused results have grown past a share of it; else one journal file of the new results."""
        unused = len(self.entries) - len(self.used & self.entries.keys())
        limit = len(self.entries) / self.FOLD_SHARE
        changed = self.pending or self.journalled or unused or not self.in_file
        if not changed:
            return
        if (not self.in_file or unused > limit or len(self.journalled | self.pending) > limit
                or self.journal_files >= self.FOLD_FILES):
            kept = {k: self.entries[k] for k in sorted(self.used) if k in self.entries}
            atomic_write_bytes(self.path, marshal.dumps((self.version, kept)))
            if self.journal.is_dir():
                for path in self.journal.iterdir():
                    path.unlink(missing_ok=True)
        elif self.pending:
            self._journal({k: self.entries[k] for k in sorted(self.pending)})
        self.pending = set()


class StoredResults(Mapping):
    """Article → its result: those made in this run, and those a Store holds (read only when asked for)."""

    def __init__(self, store: Store, keys: dict[int, str], fresh: dict[int, object]):
        self.store, self.keys, self.fresh = store, keys, fresh
        self.order = list(keys) + [a for a in fresh if a not in keys]

    def __getitem__(self, article_id: int):
        if article_id in self.fresh:
            return self.fresh[article_id]
        value = self.store.get(self.keys[article_id])
        if value is None:
            raise KeyError(article_id)
        return value

    def __iter__(self):
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)
