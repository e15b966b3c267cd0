# KIMTrack: `make run` to try it, `make test` to check it. See README.md.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# xstatic-bootstrap's setup.py still imports pkg_resources, which new setuptools dropped.
PIP_INSTALL := PIP_CONSTRAINT=requirements-build.txt $(VENV)/bin/pip install --disable-pip-version-check -q

.PHONY: run serve test test-fast lint format migrations-check browser gettext messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# Stamp files: requirements are installed again only when a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-build.txt | $(PY)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt requirements-build.txt | $(PY)
	$(PIP_INSTALL) -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Translations: the English catalogue locale/en/LC_MESSAGES/django.po is committed, its compiled
# django.mo is not; run, serve and the tests compile it (msgfmt, from Debian's gettext) when the .po changed.
# Only our own folders are scanned: the virtualenv and node_modules carry catalogues of their own.
I18N_IGNORE := --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests --ignore=staticfiles --ignore=artifacts
MO := locale/en/LC_MESSAGES/django.mo

gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; \
	  else echo "Install Debian's gettext first: sudo apt-get install gettext" >&2; exit 1; fi; }

$(MO): locale/en/LC_MESSAGES/django.po | $(VENV)/.installed gettext
	$(PY) manage.py compilemessages $(I18N_IGNORE) -v 0

# Update the catalogue from the templates and the code (new strings get an empty msgstr), then translate them.
messages: $(VENV)/.installed gettext
	$(PY) manage.py makemessages -l en $(I18N_IGNORE) --no-obsolete --add-location=file
	@echo "Now translate every empty or fuzzy entry in locale/en/LC_MESSAGES/django.po;"
	@echo "tests/test_translations.py names the ones still missing."

run: $(VENV)/.installed $(MO)
	DEBUG=true $(PY) manage.py migrate --noinput -v 0
	DEBUG=true $(PY) manage.py createcachetable
	DEBUG=true $(PY) manage.py load_regions
	DEBUG=true $(PY) manage.py ensure_demo_superuser
	DEBUG=true $(PY) manage.py load_demo --skip-if-loaded
	@# The SK reading worker (OCR in the background) runs beside the web server and stops with it.
	DEBUG=true $(PY) manage.py db_worker --no-reload & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production-like: gunicorn, compressed hashed static files, DATABASE_URL (PostgreSQL) from the environment.
serve: $(VENV)/.installed $(MO)
	@# Weekly digests are not sent from here: schedule `manage.py send_reminders` once a day
	@# (deploy/kimtrack-reminders.timer; README "Reminders"). Safe to run more often: one per user per week.
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_regions
	$(PY) manage.py db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn kimtrack.wsgi -c gunicorn.conf.py

# Debian's chromium drives the browser tests (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium first: sudo apt-get install chromium" >&2; exit 1; fi; }

# axe-core (accessibility checks in the browser tests) comes from the npm registry, pinned in package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Tests run in TEST_WORKERS processes (pytest-xdist), each with its own test database: CI has two cores.
# TEST_WORKERS=0 runs them in this one process (a debugger, -x, or a single test).
TEST_WORKERS ?= 2

test: $(VENV)/.installed-dev browser node_modules/axe-core/axe.min.js $(MO)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-dev $(MO)
	$(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not browser"

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles artifacts .pytest_cache node_modules
