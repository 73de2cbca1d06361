# digitize: `make demo` runs the pipeline on scans/ into alto/; `make test` runs the test suite.
# Both install what they need first (`make install`): Debian packages when missing, then .venv.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-sim-vert tesseract-ocr-chi-tra tesseract-ocr-chi-tra-vert fonts-noto-cjk chromium poppler-utils
STAMP := $(VENV)/.installed

.PHONY: install demo test bench scans clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/digitize run scans -o alto
	@echo "Output: $$(pwd)/alto  (ALTO XML + clean text per page)"

test: install
	$(BIN)/python -m pytest -q

# Accuracy and speed on the shared bench (../shared/bench, not part of this repository): both engines on the
# dev set, scored by the bench's own scorer and by `digitize eval`; layout CPU time. See BENCHMARKS.md.
BENCH ?= ../shared/bench
RUNS ?= runs
bench: install
	@test -d $(BENCH)/dev || { echo "no bench at $(BENCH) (set BENCH=...)"; exit 2; }
	for e in ppocr tesseract; do \
	  rm -rf $(RUNS)/dev-$$e; \
	  $(BIN)/digitize run $(BENCH)/dev -o $(RUNS)/dev-$$e --engine $$e --quiet --log-json $(RUNS)/dev-$$e.jsonl; \
	  $(BIN)/python $(BENCH)/score.py --gt $(BENCH)/dev --hyp $(RUNS)/dev-$$e --json $(RUNS)/dev-$$e.score.json; \
	  $(BIN)/digitize eval --gt $(BENCH)/dev $(RUNS)/dev-$$e > $(RUNS)/dev-$$e.eval.txt; \
	done
	$(BIN)/python benchmarks/run_stats.py $(RUNS)/dev-ppocr.jsonl $(RUNS)/dev-tesseract.jsonl
	$(BIN)/python benchmarks/layout_speed.py $(BENCH)/dev --repeat 3

scans: install
	$(BIN)/python -m tests.fixtures.render --samples scans

clean:
	rm -rf $(VENV) build *.egg-info
