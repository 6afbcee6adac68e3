# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run test check bench soak migrations clean

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

test: install
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

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

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
