# sitreps — one target per task. `make demo` and `make test` work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.sitreps-installed
DEMO_DB ?= demo.db
PIP_VERSION := 26.3
# The web page's npm packages (package.json), and Debian's chromium for the browser tests.
NODE_STAMP := node_modules/.sitreps-installed
CHROMIUM := /usr/bin/chromium
DB ?= sitreps.db

.PHONY: setup demo serve test test-all lint format bench lock pin-pipeline clean browser java

setup: $(STAMP) $(NODE_STAMP) browser java

# Re-installs only when the project's own dependency files change, so a second `make setup` is instant.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# pip 23 misses lxml's renamed html_clean extra (trafilatura needs it): upgrade pip first.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==$(PIP_VERSION)"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,dev,spark]"
	$(BIN)/python -c "import sitreps.nlp as n; n.verify_pipeline(); print('spaCy pipeline verified:', n.DEFAULT_PIPELINE)"
	$(BIN)/sitreps gazetteer build
	# Train the event-type classifier once and keep it beside the gazetteer (later processes load it).
	$(BIN)/python -c "from sitreps.classify import load_default_model; load_default_model()"
	touch $(STAMP)

# Leaflet, world-atlas, topojson-client and swagger-ui-dist, served by `sitreps serve` from node_modules.
# --ignore-scripts: no install scripts run (swagger-ui-dist's dependency would report usage).
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

# Playwright drives Debian's chromium and never downloads a browser; installed only when missing.
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "apt-get is not available: browser tests will be skipped (install chromium as $(CHROMIUM))"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	    || echo "could not install chromium: browser tests will be skipped"; \
	fi

# `sitreps spark` (PySpark) needs Java 17; Debian's headless JRE is installed only when no java is found.
java:
	@if command -v java >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "apt-get is not available: Spark tests will be skipped (install Java 17)"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; } \
	    || echo "could not install Java 17: Spark tests will be skipped"; \
	fi

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/sitreps ingest examples/ --db $(DEMO_DB); test $$? -le 1
	$(BIN)/sitreps stats --db $(DEMO_DB)
	mkdir -p out
	$(BIN)/sitreps export --db $(DEMO_DB) --format acled --out out/events-acled.csv
	$(BIN)/sitreps export --db $(DEMO_DB) --format csv --out out/events.csv
	$(BIN)/sitreps export --db $(DEMO_DB) --format geojson --out out/events.geojson
	@echo "demo database: $(DEMO_DB); exports in out/; the page: http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/sitreps serve --db $(DEMO_DB)

# The web page and REST API over any database: make serve DB=path/to/sitreps.db
serve: setup
	$(BIN)/sitreps serve --db $(DB)

test: setup
	$(BIN)/python -m pytest -q

# The long hypothesis profile (10k examples per property); not part of `make test`.
test-all: setup
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/ruff format --check src tests tools benchmarks
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests tools benchmarks
	$(BIN)/ruff check --fix src tests tools benchmarks

# 10-12 minutes on 2 cores (611 s; 699 s with the machine shared). Writes benchmarks/results/*.json and README.md.
# bench_pipeline leaves its 100k-article store (about 7 GB) in benchmarks/.cache for bench_api, then it goes.
bench: setup
	$(BIN)/python benchmarks/bench_read.py --repeat 2 --out benchmarks/results
	$(BIN)/python benchmarks/bench_cluster.py --out benchmarks/results
	$(BIN)/python benchmarks/bench_serve.py --out benchmarks/results
	$(BIN)/python benchmarks/bench_pipeline.py --out benchmarks/results --work benchmarks/.cache/pipeline
	$(BIN)/python benchmarks/bench_api.py --db benchmarks/.cache/pipeline/store-growth.db --out benchmarks/results
	rm -rf benchmarks/.cache/pipeline
	$(BIN)/python benchmarks/report.py --results benchmarks/results

# Regenerate the pinned versions of every installed package (after changing pyproject.toml).
lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^sitreps' > constraints.txt

# Re-pin the spaCy pipeline's checksums (after changing the pinned pipeline version).
pin-pipeline:
	$(BIN)/python tools/pin_pipeline.py

clean:
	rm -rf $(VENV) out $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .mypy_cache .ruff_cache
