# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run test check bench soak migrations assets clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/tuoyu migrate
	$(BIN)/tuoyu seed-demo
	$(BIN)/tuoyu serve --host 127.0.0.1 --port 8000 $(if $(DATABASE_URL)$(REDIS_URL),,--dev-login)

# The suite on two processes (pytest-xdist; pyproject.toml's --dist loadgroup keeps a module's shared
# server on one of them). One test in one process: make test PYTEST_ARGS="-n0 tests/x.py::test_y".
PYTEST_WORKERS ?= 2
test: install
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

check: install
	$(BIN)/ruff check backend bot miniprogram_api config tests bench
	$(BIN)/ruff format --check backend bot miniprogram_api config tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: install
	$(BIN)/python -m bench.run

# 30 minutes of mixed traffic with the embedded Redis killed every 5 minutes (not in CI).
soak: install
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

# Regenerate the migration from the models (Tortoise's own makemigrations).
migrations: install
	DATABASE_URL=sqlite:///tmp/tuoyu-makemigrations.sqlite3 $(BIN)/tortoise makemigrations

# Refresh the console's vendored assets from the npm registry at their pinned versions (needs npm;
# `make run` does not: the files are committed under miniprogram_api/console/static/vendor/).
HTMX_VERSION := 2.0.4
ECHARTS_VERSION := 5.5.1
VENDOR := miniprogram_api/console/static/vendor
assets:
	rm -rf var/assets && mkdir -p var/assets/htmx var/assets/echarts
	cd var/assets && npm pack --silent htmx.org@$(HTMX_VERSION) echarts@$(ECHARTS_VERSION)
	tar xzf var/assets/htmx.org-$(HTMX_VERSION).tgz -C var/assets/htmx
	tar xzf var/assets/echarts-$(ECHARTS_VERSION).tgz -C var/assets/echarts
	cp var/assets/htmx/package/dist/htmx.min.js $(VENDOR)/htmx-$(HTMX_VERSION).min.js
	cp var/assets/htmx/package/LICENSE $(VENDOR)/htmx-LICENSE.txt
	cp var/assets/echarts/package/dist/echarts.min.js $(VENDOR)/echarts-$(ECHARTS_VERSION).min.js
	cp var/assets/echarts/package/LICENSE $(VENDOR)/echarts-LICENSE.txt
	cp var/assets/echarts/package/NOTICE $(VENDOR)/echarts-NOTICE.txt

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
