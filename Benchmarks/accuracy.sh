#!/usr/bin/env bash
# Scores `forecast predict` with shared/anchors/accuracy.py (protocol ro-v1) on the
# bundled series, next to the anchors' stored scores, for one or more seeds.
#
#   bash Benchmarks/accuracy.sh                       # the defaults, seed 0
#   SEEDS="0 1 2" bash Benchmarks/accuracy.sh --transform log-if-positive,window-last-level
#
# Extra arguments are passed to `forecast predict`. Needs a release build
# (`swift build -c release --product forecast`); the Python environment is made once
# from shared/anchors/requirements-accuracy.txt in Benchmarks/.venv-accuracy.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
anchors="${ANCHORS:-$root/../shared/anchors}"
venv="$here/.venv-accuracy"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$anchors/requirements-accuracy.txt"
fi
out="${OUT:-/tmp/swift-forecasting-accuracy}"
mkdir -p "$out"
cd "$anchors"
for seed in ${SEEDS:-0}; do
  "$venv/bin/python" accuracy.py --methods "" --jobs 2 \
    --cmd "swift=$root/.build/release/forecast predict {history} --horizon {horizon} --format csv --quiet --seed $seed $*" \
    --cmd-format csv --merge-csv results-accuracy-datasets.csv \
    --out-md "$out/seed$seed.md" --out-csv "$out/seed$seed.csv" > "$out/seed$seed.log" 2>&1
  echo "seed $seed:"
  grep -E '^\| (swift|autoarima|snaive) \|' "$out/seed$seed.md"
done
