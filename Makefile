# Two entry points for a fresh machine: `make demo` and `make test`. Each creates .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo demo-agent test lint typecheck pytest bench bench-all bench-smoke clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/safe-reply demo

# A LangGraph agent (create_react_agent, a checkpointer, tool calls) on a guarded chat model, offline.
demo-agent: $(STAMP)
	$(BIN)/python examples/agent_bot.py

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy

# pytest exits 5 when it collected no test: make treats that as a failure, as it should.
pytest: $(STAMP)
	$(BIN)/python -m pytest -q

# One table of the README's speed figures, from fresh replies (a few minutes); bench-all runs every script.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_table.py

bench-all: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

bench-smoke: $(STAMP)
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script --quick || exit 1; done

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
