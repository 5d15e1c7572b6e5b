# Two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# localhost: only this computer can open the app (and so files may be kept between visits)
ADDRESS ?= localhost

.PHONY: run test bench lint format sample-data clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_import.py; s1=$$?; $(BIN)/python benchmarks/bench_layouts.py; s2=$$?; $(BIN)/python benchmarks/bench_dashboard.py; s3=$$?; exit $$((s1 | s2 | s3))

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

sample-data: $(STAMP)
	$(BIN)/python -m sample_data.generate

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
