#!/usr/bin/env bash
# One sitting, one table: our benchmark programs beside the anchors of shared/anchors on
# the same inputs, as ratios (absolute times drift on shared machines; ratios measured
# minutes apart hold). Prints the load average before and after, and the BLAS kernels.
#
#   bash Benchmarks/compare.sh            # about 10 min on a 2-core machine
#   REPEATS=5 bash Benchmarks/compare.sh  # steadier medians, twice as long
#
# Needs a release build of Benchmarks/ (made here) and Python 3 with venv; the anchors'
# packages go into Benchmarks/.venv-compare from requirements-compare.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
anchors="${ANCHORS:-$here/../../shared/anchors}"
repeats="${REPEATS:-3}"
out="$here/.compare"
venv="$here/.venv-compare"
rm -rf "$out" && mkdir -p "$out"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/requirements-compare.txt"
fi
py="$venv/bin/python"
(cd "$here" && swift build -c release 2>&1 | tail -1)
bin="$here/.build/release"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load before: $(load)" | tee "$out/load"

# Training: the issue's four shapes, one thread, 10 epochs.
for shape in 24/64/32 24/64/256 48/256/256 168/512/512; do
  IFS=/ read -r l h b <<<"$shape"
  echo "training $shape ..."
  "$bin/mlp-speed" --synthetic 20000 -L "$l" -H "$h" -B "$b" -E 10 -T 1 -R "$repeats" --jsonl "$out/mlp.jsonl" >/dev/null
  (cd "$anchors" && "$py" mlp_speed.py --synthetic 20000 -L "$l" -H "$h" -B "$b" -E 10 -T 1 -R "$repeats" \
    --frameworks numpy,torch-fused --no-peak --jsonl "$out/mlp.jsonl" >/dev/null)
done
(cd "$anchors" && "$py" mlp_speed.py --peak-only --jsonl "$out/mlp.jsonl" >/dev/null)

# CSV: the anchors' two 100 MB files, written once into Benchmarks/data and shared.
for layout in wide long; do
  echo "csv $layout ..."
  for threads in 1 2; do
    (cd "$here" && "$bin/csv-speed" --layout "$layout" --threads "$threads" -R "$repeats" --data-dir data | grep '^{' >>"$out/csv.jsonl")
  done
done
(cd "$anchors" && "$py" csv_speed.py --data-dir "$here/data" --readers pandas-c,pyarrow-csv,polars \
  --threads-list 1,2 -R "$repeats" --jsonl "$out/csv.jsonl" >/dev/null)

# Backtest sweep on the airline series: 4 window sizes x 20 refits, 200 epochs each.
echo "backtest sweep ..."
(cd "$here" && "$bin/backtest-speed" --layouts air-h1,air-h12 -R "$repeats" | grep '^{' >>"$out/backtest.jsonl")
(cd "$anchors" && "$py" backtest_speed.py --methods skforecast-mlp --epochs-mode fixed --layouts air-h1,air-h12 \
  -R "$repeats" --jsonl "$out/backtest.jsonl" >/dev/null)

echo "load after: $(load)" | tee -a "$out/load"
"$bin/mlp-speed" --synthetic 2000 -E 1 -R 1 --warmup-epochs 0 | grep '^BLAS' >"$out/blas"
"$py" - "$out" <<'PYEOF'
import json, sys, collections
out = sys.argv[1]
def records(name):
    rows = []
    for line in open(f"{out}/{name}"):
        line = line.strip()
        if line.startswith("{"):
            rows.append(json.loads(line))
    return rows
load = open(f"{out}/load").read().split("\n")
print(f"\n{open(out + '/blas').read().strip()}; {load[0]}; {load[1]}\n")
print("| measure | ours | anchor | ratio (ours ÷ anchor, higher is better) | goal |")
print("|---|---:|---:|---:|---|")
mlp = [r for r in records("mlp.jsonl") if r.get("kind") == "mlp"]
peak = [r for r in records("mlp.jsonl") if r.get("kind") == "peak" and r.get("threads") == 1]
goals = {"24/64/32": 2.5, "24/64/256": 2.5, "48/256/256": 1.3, "168/512/512": 1.0}
for shape, goal in goals.items():
    l, h, b = map(int, shape.split("/"))
    cell = {r["framework"]: r for r in mlp if (r["lags"], r["hidden"], r["batch"]) == (l, h, b)}
    ours = cell.get("swift")
    for anchor in ["numpy", "torch-fused"]:
        if ours and anchor in cell:
            a = cell[anchor]
            ratio = ours["samples_per_second"] / a["samples_per_second"]
            g = goal if anchor == "numpy" or shape == "168/512/512" else None
            print(f"| training {shape}, samples/s, vs {anchor} | {ours['samples_per_second']:,.0f} | "
                  f"{a['samples_per_second']:,.0f} | {ratio:.2f}× | {'≥ %.1f× %s' % (g, '✓' if ratio >= g else '✗') if g else ''} |")
    if shape == "168/512/512" and ours and peak:
        p = peak[-1]["gflops_best"]
        pct = ours["gflops"] / p
        print(f"| training {shape}, GFLOP/s vs single-core sgemm peak (NumPy, 2048³) | {ours['gflops']:.1f} | {p:.1f} | "
              f"{pct:.0%} | ≥ 85% {'✓' if pct >= 0.85 else '✗'} |")
csv = records("csv.jsonl")
for layout in ["wide", "long"]:
    for threads in [1, 2]:
        ours = next((r for r in csv if r["reader"] == "swift" and r["layout"] == layout
                     and r.get("threads", 1) == threads), None)
        if not ours:
            continue
        mbs = ours["bytes"] / 1e6 / ours["seconds"]
        for reader in ["pyarrow-csv", "pandas-c", "polars"]:
            a = next((r for r in csv if r["reader"] == reader and r["layout"] == layout
                      and r.get("threads", 1) == threads), None)
            if not a:
                continue
            ratio = a["seconds"] / ours["seconds"]
            goal = 0.6 if reader == "pyarrow-csv" else 1.0
            print(f"| CSV {layout}, {threads} thread{'s' if threads > 1 else ''} (ours: {threads}), MB/s, vs {reader} | "
                  f"{mbs:.0f} | {a['mb_per_s']:.0f} | {ratio:.2f}× | "
                  f"{'≥ 60%' if goal < 1 else '> 1×'} {'✓' if ratio >= goal else '✗'} |")
bt = records("backtest.jsonl")
for layout in ["air-h1", "air-h12"]:
    ours = next((r for r in bt if r.get("method") == "swift-mlp" and r["layout"] == layout), None)
    sk = [r for r in bt if r.get("method") == "skforecast-mlp" and r["layout"] == layout]
    if ours and sk:
        anchor = sum(r["wall_seconds"] for r in sk)
        ratio = anchor / ours["wall_seconds"]
        print(f"| backtest sweep {layout} ({ours['fits']} fits), wall s, vs skforecast | {ours['wall_seconds']:.2f} | "
              f"{anchor:.2f} | {ratio:.1f}× | ≥ 10× {'✓' if ratio >= 10 else '✗'} |")
PYEOF
