#!/usr/bin/env bash
# The Python side of Benchmarks/backtest-speed: skforecast's backtesting_forecaster around
# scikit-learn's MLPRegressor on the same fold layouts, lags, horizons and epochs. The
# program itself is the shared anchor (shared/anchors/backtest_speed.py); this script
# sets up its environment from requirements-backtest.txt beside it and runs it in the
# mode that matches the Swift program (exactly 200 epochs per fit).
#
#   bash Benchmarks/backtest-speed-python.sh [--layouts air-h1,air-h12] [-R 3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
anchors="${ANCHORS:-$here/../../shared/anchors}"
venv="$here/.venv-backtest"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements-backtest.txt"
fi
cd "$anchors"
exec "$venv/bin/python" backtest_speed.py --methods skforecast-mlp --epochs-mode fixed "$@"
