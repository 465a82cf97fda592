#!/usr/bin/env bash
# The one test command: lint, type-check, then the test suite (same commands locally and in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m ruff check src tests bench scripts
"$PY" -m mypy
"$PY" -m pytest -q "$@"
