"""Coverage of statsforecast's conformal intervals (AutoETS, ConformalIntervals with
n_windows=2) at the last origin of every M1/Tourism training series: the anchor for
`forecast backtest --folds 1 --interval 80,95` (Benchmarks/coverage.sh runs both).

usage: python coverage-statsforecast.py DATA_DIR CATEGORY OUT_CSV
Writes id,coverage_80,coverage_95 for every series where statsforecast can compute
the intervals (it needs n_windows horizons before the origin); prints how many it
skipped.
"""
import collections
import csv
import sys
import warnings

import numpy as np
from statsforecast.models import AutoETS
from statsforecast.utils import ConformalIntervals

warnings.filterwarnings("ignore")
root, category, out = sys.argv[1], sys.argv[2], sys.argv[3]
index = {r["id"]: r for r in csv.DictReader(open(f"{root}/index.csv"))}
series = collections.OrderedDict()
for r in csv.DictReader(open(f"{root}/{category}_train.csv")):
    series.setdefault(r["id"], []).append(float(r["value"]))
skipped = 0
with open(out, "w") as f:
    f.write("id,coverage_80,coverage_95\n")
    for i, y in series.items():
        h, m = int(index[i]["horizon"]), int(index[i]["m"])
        y = np.array(y)
        history, actual = y[:-h], y[-h:]
        try:
            model = AutoETS(season_length=m, prediction_intervals=ConformalIntervals(h=h, n_windows=2))
            fc = model.forecast(y=history, h=h, level=[80, 95])
            cover = [np.mean((actual >= fc[f"lo-{L}"]) & (actual <= fc[f"hi-{L}"])) for L in (80, 95)]
        except Exception:
            skipped += 1
            continue
        f.write(f"{i},{cover[0]},{cover[1]}\n")
print(f"{category}: statsforecast skipped {skipped} of {len(series)} series", file=sys.stderr)
