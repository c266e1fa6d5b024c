#!/usr/bin/env bash
# make spark-test: the Spark jobs of Examples/spark against the CLI run directly on the
# same file. A virtual environment with the pinned PySpark, 2,000 synthetic series
# (and 3 too short), Spark local[2]:
#  - predict, local models: Spark's forecasts equal `forecast predict` on the file (also
#    with --grouped, which cuts the file into byte ranges of whole ids, and refuses
#    a file whose ids are not contiguous),
#    number for number, sorted by id and date; the short series are reported, not dropped;
#  - backtest: the mean MASE per configuration Spark computes equals the mean of the
#    direct CLI's per-series MASE;
#  - one global model trained on the driver: Spark's forecasts equal `predict --model`;
#  - a partition whose CLI call fails reports its ids with the CLI's one-line error
#    (with and without --grouped).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
venv=$root/.build/spark-venv
binary=$root/.build/release/forecast
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r Examples/spark/requirements.txt
fi
py=$venv/bin/python
export PYSPARK_PYTHON=$py
"$py" Examples/spark/make_series.py --series 2000 --short 3 --output "$work/series.csv"

args=(--horizon 6 --method theta --interval 80)
echo "spark-test: predict (local models) on 2,000 series"
"$py" Examples/spark/forecast_spark.py predict --master 'local[2]' --partitions 4 --binary "$binary" \
  --input "$work/series.csv" --output "$work/forecasts.parquet" -- "${args[@]}"
"$binary" predict "$work/series.csv" --id-column id --format csv --quiet --skip-short "${args[@]}" \
  >"$work/direct.csv" 2>"$work/direct.err"

echo "spark-test: predict (local models) on 2,000 series, --grouped (byte ranges, no shuffle)"
"$py" Examples/spark/forecast_spark.py predict --master 'local[2]' --partitions 4 --grouped --binary "$binary" \
  --input "$work/series.csv" --output "$work/grouped.parquet" -- "${args[@]}"
echo "spark-test: --grouped refuses a file whose ids are not contiguous"
# The first id's first rows once more at the end of the file.
{ sed -n '1,3001p' "$work/series.csv"; sed -n '2,5p' "$work/series.csv"; } >"$work/mixed.csv"
if "$py" Examples/spark/forecast_spark.py predict --master 'local[2]' --partitions 2 --grouped --binary "$binary" \
  --input "$work/mixed.csv" --output "$work/mixed.parquet" -- --horizon 3 --method naive 2>"$work/mixed.err"; then
  echo "spark-test: --grouped accepted non-contiguous ids" >&2; exit 1
fi
grep -q "are not contiguous" "$work/mixed.err" || { echo "spark-test: no message for non-contiguous ids" >&2; exit 1; }

bt=(--horizon 6 --folds 2 --method theta --baselines naive,seasonal-naive)
echo "spark-test: backtest on 2,000 series"
"$py" Examples/spark/forecast_spark.py backtest --master 'local[2]' --partitions 4 --binary "$binary" \
  --input "$work/series.csv" --output "$work/backtest.parquet" -- "${bt[@]}" >"$work/summary.csv"
"$binary" backtest "$work/series.csv" --id-column id --format csv --quiet --skip-short "${bt[@]}" \
  >"$work/direct-bt.csv" 2>/dev/null

echo "spark-test: one global model, trained on the driver on half of 300 series"
head -n 1 "$work/series.csv" >"$work/small.csv"
awk -F, 'NR > 1 && $1 < "s000300"' "$work/series.csv" >>"$work/small.csv"
"$py" Examples/spark/forecast_spark.py predict --master 'local[2]' --partitions 3 --binary "$binary" --mode global \
  --train-fraction 0.5 --keep-model "$work/model.json" --input "$work/small.csv" --output "$work/global.parquet" \
  -- --horizon 6 --training-steps 60
"$binary" predict "$work/small.csv" --id-column id --format csv --quiet --model "$work/model.json" --horizon 6 \
  >"$work/direct-global.csv"

echo "spark-test: a partition whose CLI call fails"
head -n 2001 "$work/series.csv" >"$work/broken.csv"
sed -i '1500s/,[0-9.]*$/,oops/' "$work/broken.csv"
"$py" Examples/spark/forecast_spark.py predict --master 'local[2]' --partitions 2 --binary "$binary" \
  --input "$work/broken.csv" --output "$work/broken.parquet" -- --horizon 3 --method naive
"$py" Examples/spark/forecast_spark.py predict --master 'local[2]' --partitions 2 --grouped --binary "$binary" \
  --input "$work/broken.csv" --output "$work/broken-grouped.parquet" -- --horizon 3 --method naive

"$py" - "$work" <<'PY'
import sys
import pandas as pd
work = sys.argv[1]
spark = pd.read_parquet(f"{work}/forecasts.parquet").sort_values(["id", "date"]).reset_index(drop=True)
# round_trip: pandas' default float parser is not always correctly rounded.
direct = pd.read_csv(f"{work}/direct.csv", dtype={"id": str, "date": str}, float_precision="round_trip").sort_values(["id", "date"]).reset_index(drop=True)
assert list(spark.columns) == list(direct.columns), (list(spark.columns), list(direct.columns))
assert len(spark) == len(direct) == 2000 * 6, (len(spark), len(direct))
for c in ["forecast", "lower_80", "upper_80"]:
    bad = (spark[c] != direct[c]).sum()
    assert bad == 0, f"{bad} values of {c} differ"
assert (spark["id"] == direct["id"]).all() and (spark["date"] == direct["date"]).all()
grouped = pd.read_parquet(f"{work}/grouped.parquet").sort_values(["id", "date"]).reset_index(drop=True)
assert len(grouped) == len(direct), (len(grouped), len(direct))
for c in ["id", "date", "forecast", "lower_80", "upper_80"]:
    assert (grouped[c] == direct[c]).all(), f"--grouped: values of {c} differ"
assert sorted(pd.read_parquet(f"{work}/grouped.parquet_errors")["id"]) == ["s002000", "s002001", "s002002"]
errors = pd.read_parquet(f"{work}/forecasts.parquet_errors").sort_values("id")
assert list(errors["id"]) == ["s002000", "s002001", "s002002"], list(errors["id"])
assert all("2 values" in e for e in errors["error"]), list(errors["error"])

summary = pd.read_csv(f"{work}/summary.csv").fillna("")
per_series = pd.read_csv(f"{work}/direct-bt.csv", dtype={"id": str}, float_precision="round_trip").fillna("")
expected = per_series.groupby("method")["mase"].mean()
assert set(summary["method"]) == set(expected.index), (set(summary["method"]), set(expected.index))
for _, row in summary.iterrows():
    want = expected[row["method"]]
    assert abs(row["mean_mase"] - want) <= 1e-12 * max(1.0, abs(want)), (row["method"], row["mean_mase"], want)
    assert row["series"] == 2000, row
g = pd.read_parquet(f"{work}/global.parquet").sort_values(["id", "date"]).reset_index(drop=True)
gd = pd.read_csv(f"{work}/direct-global.csv", dtype={"id": str, "date": str}, float_precision="round_trip") \
    .sort_values(["id", "date"]).reset_index(drop=True)
assert len(g) == len(gd) == 300 * 6, (len(g), len(gd))
assert (g["forecast"] == gd["forecast"]).all() and (g["id"] == gd["id"]).all(), "global-model forecasts differ"

bad_id = open(f"{work}/broken.csv").read().split("\n")[1499].split(",")[0]
for name in ["broken", "broken-grouped"]:
    broken = pd.read_parquet(f"{work}/{name}.parquet_errors")
    assert bad_id in set(broken["id"]), (name, bad_id, broken.head())
    message = broken[broken["id"] == bad_id]["error"].iloc[0]
    assert "expected a number in column 'value', found 'oops'" in message, (name, message)
    good = pd.read_parquet(f"{work}/{name}.parquet")
    assert set(good["id"]).isdisjoint(set(broken["id"])), name
    assert good["id"].nunique() + broken["id"].nunique() == pd.read_csv(f"{work}/broken.csv")["id"].nunique(), name
print(f"spark-test: ok: {len(spark)} forecasts identical to the direct run (also with --grouped), 3 short series reported, "
      f"{len(g)} global-model forecasts identical to predict --model; "
      f"mean MASE per method equal ({', '.join(f'{m} {v:.4f}' for m, v in expected.items())})")
PY
