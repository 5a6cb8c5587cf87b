# The two commands: `make run` and `make test`. Everything else is listed by `make help`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address every absolute link names: emails take it from BASE_URL, pages (canonical, hreflang,
# feeds, sitemap) from the Site record, which the demo loader keeps at BASE_URL's host and port.
BASE_URL ?= http://$(HOST):$(PORT)
# make test: the suite on TEST_WORKERS processes (pytest-xdist; a module that builds its data
# once keeps its tests on one process with xdist_group), then the slow load and fault tests, which
# start servers of their own, on as many processes, apart from the rest.
# TEST_MARKERS narrows both runs (a pytest -m expression); PYTEST_ARGS adds options to both.
TEST_WORKERS ?= auto
TEST_MARKERS ?=
only_marked = $(if $(TEST_MARKERS), and ($(TEST_MARKERS)))
# pytest's exit status when the markers leave nothing to run in one of the two runs: not a failure.
NO_TESTS := 5

.DEFAULT_GOAL := help
.PHONY: help install migrate demo run test lint format check messages bench stack stack-stop clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(BIN)/uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --inexact --quiet
	@touch $@

install: $(VENV)/.synced ## Create .venv from the lock file

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo content (idempotent), its site at BASE_URL
	BASE_URL=$(BASE_URL) $(MANAGE) load_demo

run: demo ## Set everything up and serve the site on http://127.0.0.1:8000 (HOST, PORT, BASE_URL)
	@echo "Site:  $(BASE_URL)/    Admin: $(BASE_URL)/admin/  (admin / network-admin)"
	BASE_URL=$(BASE_URL) $(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (browser tests where Chromium is installed)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not slow$(only_marked)" $(PYTEST_ARGS) || [ $$? -eq $(NO_TESTS) ]
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "slow$(only_marked)" $(PYTEST_ARGS) || [ $$? -eq $(NO_TESTS) ]

lint: install ## ruff check and format check, migrations and translations in sync
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

format: install ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update the gettext catalogues from the code and compile them
	$(MANAGE) makemessages --all --no-obsolete --ignore=.venv --ignore=var --ignore=tests
	$(MANAGE) compile_catalogues

check: install ## Django's deployment checks with production settings
	DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=check-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install ## Measure the site's speed on a scaled data set (needs wrk; Varnish optional; see README)
	$(BIN)/python -m bench.run

stack: install ## Start nginx, Varnish, 2 gunicorn, a task worker on loopback, on PostgreSQL and Redis (see README)
	$(BIN)/python -m deploy.stack start

stack-stop: ## Stop the processes `make stack` started
	$(BIN)/python -m deploy.stack stop

clean: ## Remove the virtual environment, database and generated files
	rm -rf $(VENV) db.sqlite3 var
