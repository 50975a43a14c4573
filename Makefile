# Two commands set everything up on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | cksum | cut -d' ' -f1)

# Python keeps our hooks (overrides/hooks/) compiled in __pycache__/ (ignored by git), as pip keeps
# the packages in .venv; where a machine sets PYTHONDONTWRITEBYTECODE, every build (make serve's,
# each of the tests') would compile all fifty of them again: a tenth of a second of CPU a build.
unexport PYTHONDONTWRITEBYTECODE
# Quiet the theme's end-of-life banner; it does not affect the build.
export NO_MKDOCS_2_WARNING := 1
# Tests drive Debian's Chromium; Playwright must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# `make build RELEASE=1` refuses drafts (see overrides/hooks/front_matter.py).
export RELEASE
# `TODAY=2027-02-28 make test` builds and tests as if on that day (browsers' clocks included).
export TODAY
# The fixed day `make test-dates` runs as: a month's end before a leap year's February.
DATES_DAY ?= 2027-02-28

.PHONY: help serve build check checked sign-off review-pack translation-pack translation-import translation-checked test test-js test-dates bench bench-build stats lock clean system-packages

help:
	@echo "make serve   build and serve a preview at http://127.0.0.1:8000, an edit shown in 2 to 3 seconds (FULL=1: the whole site as published)"
	@echo "make build   strict build into site/, and every language of translations/ into site/<code>/ (RELEASE=1 also refuses drafts)"
	@echo "make check   the editors' fast check: one strict build and every test that needs no browser or build of its own (about a minute)"
	@echo "make test    install what is needed and run the whole test suite (what CI runs)"
	@echo "make test-js the planner's date arithmetic in Node's own test runner (make check and make test run it)"
	@echo "make test-dates  the tests that depend on the date, again as if on $(DATES_DAY) (CI runs it too)"
	@echo "make checked PAGES=docs/x.md  after checking pages' words against their sources: record it"
	@echo "make stats LOG=access.log  pages and channels (text, print, poster) from nginx's log, with GoAccess; no IP addresses"
	@echo "make review-pack [PAGES=docs/x.md]  one PDF for a clinician to review and sign: all drafts and changed pages unless PAGES names some"
	@echo "make sign-off PAGES=docs/x.md ROLE=\"<role>\"  after a clinician signed pages off: record it (role, date, hash)"
	@echo "make translation-pack LANG=so PAGES=docs/x.md  the segments still to translate, as PO for a translation agency"
	@echo "make translation-import LANG=so FILE=returned.po TRANSLATED_BY=\"<role or agency>\"  the translation back into Markdown, to check"
	@echo "make translation-checked LANG=so PAGES=docs/x.md CHECKED_BY=\"<role>\"  after a reviewer who reads the language checked it"
	@echo "make lock    re-pin requirements.lock from pyproject.toml"
	@echo "make bench   Lighthouse on 4 pages, 3 runs each, ours against stock Material (BENCH_ARGS=--help)"
	@echo "make bench-build  build CPU, ours against stock Material (3 paired runs, median, ratio), and an edit's time to show in make serve"

$(STAMP):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "Python 3.11 or newer is needed as '$(PYTHON)'. On Debian: apt-get install python3 python3-venv"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "Cannot create $(VENV). On Debian: apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

# A preview (README, "What a preview leaves out"): only changed pages are rebuilt, and the steps
# that make the published site light (CSS cut, inlining, hashed names, CSP, service worker) are
# left out, so an edit shows within about 2 seconds. `make serve FULL=1` builds everything each time.
serve: $(STAMP)
	$(if $(FULL),,APP_PREVIEW=1) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload $(if $(FULL),,--dirty)

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

# The editors' fast loop (README, "What make check covers"): one strict build into site/, and the
# tests that need no browser, root, Debian package or build of their own read that build
# (APP_BUILT_SITE) instead of building again. Built as the suite builds: the local address, no
# RELEASE, no preview, whatever the shell has set.
check: $(STAMP) test-js
	env -u SITE_URL -u RELEASE -u APP_PREVIEW $(BIN)/mkdocs build --strict --site-dir site
	APP_BUILT_SITE=site $(BIN)/pytest -q -m "not browser and not system and not slow"

# After a person has checked pages' words against their sources (README, "When a page is checked").
checked: $(STAMP)
	@$(BIN)/python .ci/checked.py $(PAGES)

# A clinician's review pack (README, "Signing pages off"): builds the site and prints it in Chromium.
review-pack: $(STAMP) system-packages
	@$(BIN)/python .ci/review_pack.py $(PAGES)

# After a clinician has signed pages off: their role (never a name), today, and the hash of what they signed.
sign-off: $(STAMP)
	@ROLE="$(ROLE)" NEXT="$(NEXT)" $(BIN)/python .ci/sign_off.py $(PAGES)

# Translations (README, "Translations"). LANG is the language's code (it is also the shell's locale
# variable, so the commands run with LANG=C.UTF-8 and get the code as an argument).
translation-pack: $(STAMP)
	@LANG=C.UTF-8 $(BIN)/python .ci/translation_pack.py pack "$(LANG)" $(PAGES)

translation-import: $(STAMP)
	@LANG=C.UTF-8 TRANSLATED_BY="$(TRANSLATED_BY)" $(BIN)/python .ci/translation_pack.py import "$(LANG)" "$(FILE)"

translation-checked: $(STAMP)
	@LANG=C.UTF-8 CHECKED_BY="$(CHECKED_BY)" $(BIN)/python .ci/translation_pack.py checked "$(LANG)" $(PAGES)

system-packages:
	@bash .ci/debian-packages.sh

# The Nu HTML Checker (and Lighthouse for `make bench`), pinned in .ci/node/package-lock.json.
NODE_STAMP := .ci/node/node_modules/.installed
$(NODE_STAMP): .ci/node/package-lock.json | system-packages
	npm ci --prefix .ci/node --no-audit --no-fund --loglevel=error
	@touch $@

test: $(STAMP) system-packages $(NODE_STAMP) test-js
	$(BIN)/pytest

# The planner's date arithmetic (docs/assets/planner.js) in Node's own test runner, no browser:
# month ends, 29 February, corrected age, with every date passed in. Needs only `node`; without
# it `make check` says so and goes on (CI=true stops), and `make test` installs it with npm.
test-js:
	@if command -v node >/dev/null; then node --test tests/planner.test.mjs; \
	elif [ "$$CI" = true ]; then echo "node is missing: apt-get install nodejs"; exit 1; \
	else echo "node is missing, so the planner's date arithmetic is not checked: apt-get install nodejs (make test does)"; fi

# Everything that needs no browser (the build included) and every test marked `dates`, as if on
# DATES_DAY: a test that passes today must pass on any day.
test-dates: $(STAMP) system-packages $(NODE_STAMP)
	TODAY=$(DATES_DAY) $(BIN)/pytest -m "dates or not (browser or system or slow)"

# A benchmark, not a test: builds ours and a stock Material baseline, serves both with nginx.
bench: $(STAMP) system-packages $(NODE_STAMP)
	$(BIN)/python .ci/bench.py $(BENCH_ARGS)

# Build CPU (issue 23: ours at most 1.5 times stock Material), then how long an edit takes to
# show in `make serve` (at most 3 seconds); no browser, no nginx.
bench-build: $(STAMP)
	$(BIN)/python .ci/bench_build.py $(BENCH_ARGS)
	$(BIN)/python .ci/bench_serve.py

# Reach without tracking: the server's own access log, counted by page and by channel (.ci/stats.py).
stats: $(STAMP) system-packages
	@test -n "$(LOG)" || { echo "Give the access log: make stats LOG=/var/log/nginx/early-years.access.log"; exit 1; }
	$(BIN)/python .ci/stats.py "$(LOG)" --out stats

lock: $(STAMP)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]"
	{ echo "# Exact versions of everything pyproject.toml needs, for repeatable builds. Regenerate with \`make lock\`."; \
	  .lock-venv/bin/pip freeze --exclude-editable | grep -v '^early-years-pathway-site'; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site $(VENV) .pytest_cache .cache
