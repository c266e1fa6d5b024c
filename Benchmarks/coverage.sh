#!/usr/bin/env bash
# Empirical coverage of 80% and 95% intervals on M1 and Tourism: `forecast backtest
# --folds 1 --interval 80,95` (the last origin of every training series, at its
# horizon, one forecaster per series) beside statsforecast's conformal AutoETS on the
# same origins. Needs a release build and Benchmarks/.venv-accuracy (accuracy.sh makes it).
#
#   bash Benchmarks/coverage.sh [m1|tourism ...]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/benchmarks/competitions/data
OUT=${OUT:-.build/coverage}
PY=Benchmarks/.venv-accuracy/bin/python
mkdir -p "$OUT"
datasets=("$@")
[ $# -gt 0 ] || datasets=(m1 tourism)
for d in "${datasets[@]}"; do
  for c in yearly quarterly monthly; do
    h=$(awk -F, -v c=$c 'NR>1 && $2==c {print $4; exit}' $DATA/$d/index.csv)
    .build/release/forecast backtest $DATA/$d/${c}_train.csv --id-column id --horizon "$h" --folds 1 \
      --interval 80,95 --format csv --baselines none --quiet --skip-short > "$OUT/$d-$c-ours.csv" 2> "$OUT/$d-$c-ours.err" || true
    $PY Benchmarks/coverage-statsforecast.py $DATA/$d "$c" "$OUT/$d-$c-sf.csv"
  done
done
$PY - "$OUT" "${datasets[@]}" <<'PYEOF'
import csv, sys
out, datasets = sys.argv[1], sys.argv[2:]
print("| data | category | series (ours) | ours 80% / 95% | series (both) | ours on them | statsforecast conformal AutoETS |")
print("|---|---|---:|---|---:|---|---|")
for d in datasets:
    for c in ["yearly", "quarterly", "monthly"]:
        ours = {r["id"]: r for r in csv.DictReader(open(f"{out}/{d}-{c}-ours.csv"))}
        sf = {r["id"]: r for r in csv.DictReader(open(f"{out}/{d}-{c}-sf.csv"))}
        both = [i for i in sf if i in ours]
        def mean(rows, ids, key): return 100 * sum(float(rows[i][key]) for i in ids) / max(len(ids), 1)
        print(f"| {d} | {c} | {len(ours)} | {mean(ours, list(ours), 'coverage_80'):.1f} / {mean(ours, list(ours), 'coverage_95'):.1f} "
              f"| {len(both)} | {mean(ours, both, 'coverage_80'):.1f} / {mean(ours, both, 'coverage_95'):.1f} "
              f"| {mean(sf, both, 'coverage_80'):.1f} / {mean(sf, both, 'coverage_95'):.1f} |")
PYEOF
