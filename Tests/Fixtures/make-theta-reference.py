"""Reference forecasts of statsforecast's Theta(season_length=m) (standard Theta), the M4
Naive2 and statsforecast's AutoETS(season_length=m) for the tests of ThetaForecaster,
NaiveTwoForecaster and ETSForecaster (whose models equal AutoETS's on series without a
season: the yearly rows).

Run once, from the repository root, with the accuracy venv (statsforecast 2.1.1; made by
Benchmarks/accuracy.sh). theta-reference.csv is M1's and Tourism's rows concatenated:
    P=Benchmarks/.venv-accuracy/bin/python
    $P Tests/Fixtures/make-theta-reference.py --dataset m1 \
        --ids YAF2,YAB9,YAM1,YAF7,YAM5,YAM12,QRF2,QNM2,QRF1,MRM2,MRM5,MRF1 --out /tmp/f1.csv
    $P Tests/Fixtures/make-theta-reference.py --dataset tourism \
        --ids Y1,Y50,Y146,Y300,Y7,Q1,Q5,Q42,M1,M45,M119 --out /tmp/f2.csv
    (cat /tmp/f1.csv; tail -n +2 /tmp/f2.csv) > Tests/Fixtures/theta-reference.csv
(11 yearly series, Y50 the shortest of Tourism with 7 values; seasonal and not; Q42
and M45 with zeros, which take the additive decomposition).
Without --ids it forecasts every series of the data set (to compare all of M1).
Writes id,m,h,history,theta,naive2,ets with ';'-joined numbers (repr precision).
"""
import argparse, csv, sys, warnings
from collections import defaultdict
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--dataset", default="m1")
ap.add_argument("--data", default="../shared/benchmarks/competitions/data")
ap.add_argument("--ids", default="")
ap.add_argument("--out", required=True)
a = ap.parse_args()

sys.path.insert(0, "../shared/benchmarks/competitions")
from score import naive2_forecast  # the competitions' own Naive2
from statsforecast.models import AutoETS, Theta

index = {r["id"]: r for r in csv.DictReader(open(f"{a.data}/{a.dataset}/index.csv"))}
wanted = [i for i in a.ids.split(",") if i] or list(index)
values = defaultdict(list)
for cat in ("yearly", "quarterly", "monthly"):
    for r in csv.DictReader(open(f"{a.data}/{a.dataset}/{cat}_train.csv")):
        values[r["id"]].append(float(r["value"]))

with open(a.out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "m", "h", "history", "theta", "naive2", "ets"])
    for i in wanted:
        m, h = int(index[i]["m"]), int(index[i]["horizon"])
        y = np.array(values[i])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theta = Theta(season_length=m).forecast(y=y, h=h)["mean"]
            ets = AutoETS(season_length=m).forecast(y=y, h=h)["mean"]
        n2 = naive2_forecast(list(y), m, h)
        w.writerow([i, m, h, ";".join(repr(float(v)) for v in y), ";".join(repr(float(v)) for v in theta),
                    ";".join(repr(float(v)) for v in n2),
                    ";".join(repr(float(v)) for v in ets)])
