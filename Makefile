PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEV := DEBUG=on

BENCH_DATABASE_URL ?= sqlite:///$(CURDIR)/.bench.sqlite3

.PHONY: run test lint format messages migrate seed bench bench-mobile cluster-test backup-drill clean

$(BIN)/activate: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(BIN)/activate

## run: install, migrate, seed the guidance and demo accounts, serve on http://127.0.0.1:8000
run: $(BIN)/activate migrate seed
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

## test: install, check style, run the whole suite
test: $(BIN)/activate lint
	$(BIN)/pytest

lint: $(BIN)/activate
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/activate
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: bring the French, Spanish and Arabic catalogues up to date with the code (needs GNU gettext), compile them
messages: $(BIN)/activate
	$(DEV) $(BIN)/python manage.py makemessages -l fr -l es -l ar --no-location --no-obsolete -i staticfiles -i deploy -i docs
	$(DEV) $(BIN)/python manage.py compilemessages -i .venv -i .tools

migrate: $(BIN)/activate
	$(DEV) $(BIN)/python manage.py migrate --no-input

seed: $(BIN)/activate
	$(DEV) $(BIN)/python manage.py seed_guidance
	$(DEV) $(BIN)/python manage.py seed_demo

## bench: fill a throwaway database at full scale, serve it with gunicorn, time the pages
bench: $(BIN)/activate
	rm -f .bench.sqlite3
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py seed_guidance -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py seed_scale
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py benchmark

## cluster-test: production's set-up on the loopback under load, an app server killed midway
cluster-test: $(BIN)/activate
	$(BIN)/python deploy/cluster_test.py

## backup-drill: pg_dump a freshly seeded PostgreSQL database, restore it, compare every table
backup-drill: $(BIN)/activate
	$(BIN)/python deploy/backup_drill.py

## bench-mobile: serve the demo data as production does, time a focal point's pages in Chromium over a slow link, score them with Lighthouse
bench-mobile: $(BIN)/activate
	rm -f .bench.sqlite3
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py seed_guidance -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py seed_demo > /dev/null
	$(DEV) $(BIN)/python manage.py collectstatic --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(DEV) $(BIN)/python manage.py bench_mobile

clean:
	rm -rf $(VENV) staticfiles .bench.sqlite3
