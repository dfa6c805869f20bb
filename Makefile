# Two commands do everything on a fresh machine: `make book` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Rebuilt whenever the package's requirements or the pinned versions change.
INSTALLED := $(VENV)/.installed
JAX_VENV := benchmarks/.jax-venv

.PHONY: book pdf test test-fast lint bench check-determinism clean clean-cache studies

book: $(INSTALLED)
	$(BIN)/jupyter-book build book -W -n --keep-going

# The whole book as one PDF through LaTeX: _build/latex/learning-gru.pdf. It installs Debian's
# TeX Live first where apt is available (.ci/install-texlive) and reuses the HTML build's
# execution cache, so chapters that `make book` ran are not run again.
pdf: $(INSTALLED)
	.ci/install-texlive
	$(BIN)/jupyter-book build book --builder pdflatex -W -n --keep-going

test: $(INSTALLED)
	$(BIN)/pytest

# The fast lane: unit tests and docstring examples, no book build, no browser. Measured on the
# 2-core machine, quiet (load about 1), with the persistent XLA cache warm: 2 min 27 s to
# 2 min 50 s (README); the goal is 90 s.
test-fast: $(INSTALLED)
	$(BIN)/pytest -m "not slow"

lint: $(INSTALLED)
	$(BIN)/ruff check gru_lib gru_book tests benchmarks
	$(BIN)/ruff format --check gru_lib gru_book tests benchmarks

# The book's studies (gru_lib/studies/): DVC re-runs each study whose code changed (all of them,
# or those named: `make studies STUDIES=memory`), stores results/<study>.{csv,json} and records
# them in dvc.lock. Members run in parallel, one process per core; an interrupted run resumes.
# Readers with a Dask cluster: `python -m gru_lib studies run --scheduler tcp://HOST:8786`.
STUDIES ?=
studies: $(INSTALLED)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dvc repro $(STUDIES)

# Measure build, chapter and training-speed budgets; writes benchmarks/latest.json.
# Run it on a quiet machine: other load inflates every figure.
bench: $(INSTALLED) $(JAX_VENV)/.installed
	$(BIN)/python -m benchmarks.run

# Two clean builds (each with its own execution cache) must show the same text, timings aside;
# prints the diff and fails otherwise. Slow: it builds the book twice.
check-determinism: $(INSTALLED)
	$(BIN)/python -m benchmarks.check_determinism

# Keras on the JAX backend, the benchmark's point of comparison, in an environment of its own.
$(JAX_VENV)/.installed: benchmarks/jax-requirements.txt
	$(PYTHON) -m venv $(JAX_VENV)
	$(JAX_VENV)/bin/python -m pip install --quiet -r benchmarks/jax-requirements.txt
	touch $@

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[book,test]'
	touch $@

clean:
	rm -rf _build

# Forget cached notebook outputs (they are also dropped automatically when gru_lib changes) and
# the compiled XLA programs (gru_lib/xla_cache.py; dropped automatically when TensorFlow, Keras
# or the CPU change).
clean-cache:
	rm -rf _build/.jupyter_cache _build/.xla-cache
