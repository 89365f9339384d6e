# Everything a new machine needs, from Python 3.11 and pip. See README.md.
VENV   := .venv
PY     := $(VENV)/bin/python
KITH   := $(VENV)/bin/kith
STAMP  := $(VENV)/.installed

.PHONY: install bytecode run test lint format bench bench-peers docs clean vendor browser dovecot serve screenshots reliability

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Bytecode for Kith's own modules: an editable install does not write it, and a machine with
# PYTHONDONTWRITEBYTECODE never would, which would slow every start-up. Then the code of the
# methods dataclasses writes (kith.cli.method_cache), which it would otherwise compile at each start,
# and the objects each schema version has (kith.store.integrity), read from the migrations at each open.
bytecode: $(STAMP)
	$(PY) -m compileall -q src
	$(PY) -m kith.cli.method_cache
	$(PY) -c 'from kith.store import integrity; integrity.write_objects()'

install: $(STAMP) bytecode

## run: build the demo network and show it
run: install
	$(KITH) --demo demo
	$(KITH) --demo plan

## serve: the web app on the demo network, at http://127.0.0.1:8765
serve: install
	$(KITH) --demo demo
	$(KITH) --demo serve

## browser: Debian's chromium for the browser tests, installed only when missing
browser:
	scripts/browser.sh

## dovecot: Debian's Dovecot for the IMAP sync tests, installed only when missing
dovecot:
	scripts/dovecot.sh

## screenshots: the web app's pages, desktop and phone, into docs/screenshots/ (README)
screenshots: install browser
	KITH_SCREENSHOTS=docs/screenshots $(PY) -m pytest -q -p no:cacheprovider \
		tests/test_web_browser.py tests/test_web_browser_settings.py \
		-k "screenshots or settings_page or watched or network"
	KITH_SCREENSHOTS=docs/screenshots $(PY) -m pytest -q -p no:cacheprovider tests/test_web_mesh_browser.py

## vendor: front-end libraries from the npm registry, once; the result is committed
HTMX       := 2.0.11
UPLOT      := 1.6.32
SIGMA      := 4.0.4
GRAPHOLOGY := 0.26.0
VENDOR     := src/kith/web/static/vendor
# name@version, the file in the package, where it goes, the licence file in the package
define fetch
	cd .vendor && rm -rf package && npm pack --silent $(1) >/dev/null && tar -xzf *.tgz && rm *.tgz
	cp .vendor/package/$(2) $(VENDOR)/$(3)
	cp .vendor/package/$(4) $(VENDOR)/$(basename $(basename $(3))).LICENSE
endef
vendor:
	rm -rf $(VENDOR) .vendor && mkdir -p $(VENDOR) .vendor
	$(call fetch,htmx.org@$(HTMX),dist/htmx.min.js,htmx.min.js,LICENSE)
	$(call fetch,uplot@$(UPLOT),dist/uPlot.iife.min.js,uPlot.min.js,LICENSE)
	cp .vendor/package/dist/uPlot.min.css $(VENDOR)/uPlot.min.css
	$(call fetch,graphology@$(GRAPHOLOGY),dist/graphology.umd.min.js,graphology.min.js,LICENSE.txt)
	$(call fetch,sigma@$(SIGMA),dist/sigma.min.js,sigma.min.js,LICENSE.txt)
	printf '%s\n' "htmx.org $(HTMX), BSD Zero Clause License: htmx.LICENSE" \
	  "uplot $(UPLOT), MIT: uPlot.LICENSE" "graphology $(GRAPHOLOGY), MIT: graphology.LICENSE" \
	  "sigma $(SIGMA), MIT: sigma.LICENSE" "All from the npm registry by \`make vendor\`." \
	  > $(VENDOR)/README
	rm -rf .vendor

## test: lint, type-check and run the whole suite (pytest's exit 5, no tests, fails too);
## the browser tests drive Debian's chromium (make browser), the IMAP sync tests Debian's
## Dovecot (make dovecot)
test: lint browser dovecot
	$(PY) -m pytest -q -n 2 -p no:cacheprovider

lint: install
	$(PY) -m ruff check src tests bench reliability
	$(PY) -m ruff format --check src tests bench reliability
	$(PY) -m mypy

format: install
	$(PY) -m ruff format src tests bench reliability
	$(PY) -m ruff check --fix src tests bench reliability

## bench: the performance and plan-quality figures of docs/benchmarks.md
bench: install dovecot
	$(PY) bench/run.py
	$(PY) bench/week.py
	$(PY) bench/exports.py
	$(PY) bench/imports.py
	$(PY) bench/importer_scaling.py
	$(PY) bench/mail.py
	$(PY) bench/sync_imap.py
	$(PY) bench/chats.py
	$(PY) bench/chats.py --kinds sms-backup --sms uniform
	$(PY) bench/mesh.py
	$(PY) bench/web.py
	$(PY) bench/mcp_tools.py
	$(PY) bench/sync_carddav.py
	$(PY) bench/web_mesh.py
	$(PY) bench/plan_quality.py

## bench-peers: Kith beside jsoncrm, rolodex-cli and narad at 10,000 and 30,000 people
## (../shared/tools/peer_bench.py; venvs under bench/.peers/, made once), Kith ÷ peer printed
bench-peers: install
	$(PY) bench/peers.py

## reliability: the proofs of crash safety, concurrency, importers, limits, the database and
## the web app under attack, in full (at most 60 minutes on 2 cores); writes
## docs/reliability.md. `make test` runs them with small counts (tests/test_reliability_reduced.py)
reliability: install
	$(PY) -m reliability --write docs/reliability.md

## docs: regenerate the command reference in docs/cli.md from the commands' own help
docs: install
	$(PY) -m kith.cli.reference docs/cli.md
	$(PY) -m ruff format -q src/kith/cli/help_text.py

clean:
	rm -rf $(VENV) bench/.data bench/.peers .pytest_cache .mypy_cache .ruff_cache
