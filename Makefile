# Intercity: `make run` serves the demo, `make test` runs every check. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# Every leg runs on every core (pytest-xdist); each browser worker serves its own copy of the
# SQLite test database (pytest-django names one per worker).
XDIST ?= -n auto

.PHONY: run test lint typecheck translations messages test-sqlite test-postgres test-browser worker benchmarks clean

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
	$(BIN)/python manage.py compile_catalogs
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed
	$(BIN)/python manage.py create_demo_users
	$(BIN)/python manage.py demo_reports
	$(BIN)/python manage.py demo_assessments
	$(BIN)/python manage.py demo_awards
	$(BIN)/python manage.py demo_knowledge
	$(BIN)/python manage.py demo_exchange
	$(BIN)/python manage.py demo_plans
	$(BIN)/python manage.py demo_learning
	$(BIN)/python manage.py demo_events
	$(BIN)/python manage.py demo_governance
	STATIC_MANIFEST=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	STATIC_MANIFEST=1 scripts/serve

test: lint typecheck translations test-sqlite test-postgres test-browser

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev
	$(BIN)/mypy intercity benchmarks

# Fails on visible template text not marked for translation, and on any catalog entry missing,
# left over, untranslated or fuzzy (docs/translating.md). makemessages needs GNU gettext.
translations: $(VENV)/.dev
	@command -v xgettext >/dev/null || { echo "== translations: GNU gettext is missing (apt-get install gettext)"; exit 1; }
	$(BIN)/python manage.py check_catalogs
	$(BIN)/python manage.py compile_catalogs

# Brings every catalog up to date with the source; translators then fill in the new entries.
LANGS := -l ko -l zh_Hans -l ru -l es
MAKEMESSAGES := $(BIN)/python manage.py makemessages $(LANGS) --add-location=file --no-obsolete \
	--ignore='*/tests/*' --ignore='*/static/vendor/*' --ignore='.venv/*' --ignore='staticfiles/*' \
	--ignore='benchmarks/*' --ignore='scripts/*'
messages: $(VENV)/.dev
	$(MAKEMESSAGES) --domain django --extension html,txt,py
	$(MAKEMESSAGES) --domain djangojs --extension js

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
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(BIN)/pytest -m browser -q $(XDIST)

worker: $(VENV)/.runtime
	$(BIN)/python manage.py db_worker

benchmarks: $(VENV)/.dev
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache
