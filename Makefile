# Intercity: `make run` serves the demo, `make test` runs every check. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# The unit and integration legs run on every core (pytest-xdist); the browser leg runs alone.
XDIST ?= -n auto

.PHONY: run test lint typecheck test-sqlite test-postgres test-browser worker benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed
	$(BIN)/python manage.py create_demo_users
	$(BIN)/python manage.py demo_reports
	$(BIN)/python manage.py demo_assessments
	STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	STATIC_MANIFEST=1 scripts/serve

test: lint typecheck test-sqlite test-postgres test-browser

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy intercity benchmarks

test-sqlite: $(VENV)/.dev
	@echo "== pytest on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(BIN)/pytest -m "not browser" -q $(XDIST)

# PostgreSQL: DATABASE_URL when it names one, else 127.0.0.1:5432 when that answers.
test-postgres: $(VENV)/.dev
	@url=$$($(BIN)/python scripts/postgres_url.py); \
	if [ -z "$$url" ]; then \
		echo "== PostgreSQL leg skipped: no PostgreSQL answers (set DATABASE_URL or start one on 127.0.0.1:5432)"; \
	else \
		echo "== pytest on PostgreSQL"; \
		DATABASE_URL=$$url $(BIN)/pytest -m "not browser" -q $(XDIST); \
	fi

test-browser: $(VENV)/.dev
	@echo "== browser tests (Playwright driving /usr/bin/chromium)"
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(BIN)/pytest -m browser -q

worker: $(VENV)/.runtime
	$(BIN)/python manage.py db_worker

benchmarks: $(VENV)/.dev
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache
