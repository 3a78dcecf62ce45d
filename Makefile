# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
SEED := data/side-event-2017-09-04-vienna.json
# Locally the test database is kept between runs; .ci/run passes --create-db and the
# --require-* options (tests/conftest.py lists them: pytest --help).
PYTEST_ARGS ?= --reuse-db
# Both cores: one worker each, the "live" and "browser" groups each kept on one worker
# (PostgreSQL gets one test database per worker: test_eventsite_gw0, _gw1).
PYTEST_WORKERS ?= 2

.PHONY: install install-runtime lock upgrade run test lint typecheck format clean serve bench loadtest

# Every install is from the lock files, with hashes (requirements/*.txt, made by
# `make lock` from pyproject.toml). `make run` and `make serve` install the runtime
# only; `make test` and the other targets add the development tools.
install-runtime: $(VENV)/.installed-runtime
install: $(VENV)/.installed-dev

$(VENV)/.installed-runtime: requirements/base.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements/dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

# The lock: requirements/dev.txt resolves everything; base.txt is the runtime part
# of it at the same versions. `make lock` keeps the pins and adds what pyproject.toml
# added; `make upgrade` moves every pin to the newest version pyproject.toml allows.
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --universal --python-version 3.11
lock: install
	$(LOCK) pyproject.toml requirements/build.in --extra dev -o requirements/dev.txt
	$(LOCK) pyproject.toml requirements/build.in -c requirements/dev.txt -o requirements/base.txt

upgrade: install
	$(LOCK) --upgrade pyproject.toml requirements/build.in --extra dev -o requirements/dev.txt
	$(LOCK) pyproject.toml requirements/build.in -c requirements/dev.txt -o requirements/base.txt

run: install-runtime
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_event --if-absent $(SEED)
	$(BIN)/python manage.py ensure_local_admin
	EVENTSITE_BASE_URL=$${EVENTSITE_BASE_URL:-http://127.0.0.1:$(PORT)} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-like: DEBUG off, gunicorn (WEB_CONCURRENCY, default 2), collected static
# files; see deploy/serve.sh (it makes a local SECRET_KEY once if none is set).
serve: install-runtime
	PORT=$(PORT) EVENTSITE_BASE_URL=$${EVENTSITE_BASE_URL:-http://127.0.0.1:$(PORT)} deploy/serve.sh

# Render times, query counts and HTTP throughput; prints a table (bench/README.md).
bench: install
	@command -v wrk >/dev/null || { echo "wrk is not installed: run .ci/setup (or apt-get install wrk)" >&2; exit 1; }
	$(BIN)/python -m bench.run

# 50 connections for 30 s on every public page and export of `make serve` (DATABASE_URL);
# prints requests, req/s, median and p99 per URL; fails on any 5xx (bench/load.py).
loadtest: install
	@command -v wrk >/dev/null || { echo "wrk is not installed: run .ci/setup (or apt-get install wrk)" >&2; exit 1; }
	$(BIN)/python -m bench.load

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# mypy with django-stubs: strict on the pure modules, lenient elsewhere (pyproject.toml).
typecheck: install
	$(BIN)/mypy

test: install lint
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=eventsite.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=eventsite.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache artifacts bench/results
