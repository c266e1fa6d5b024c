#!/usr/bin/env python3
"""Writes the file-form fixtures of issue #13 from the bundled datasets.

Each fixture holds a real series (or a few) written the way another tool or locale
writes it; the tests read it and compare with the plain file it came from. Run from
the repository root:  python3 Tests/Fixtures/files/make-files.py
Standard library only; the output is committed.
"""
import csv
import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def load(name):
    with open(os.path.join(ROOT, "datasets", name)) as f:
        return [(r["date"], r["value"]) for r in csv.DictReader(f)]


def write(name, text):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        f.write(text)


air = load("air_passengers.csv")
gas = load("uk_gas_quarterly.csv")
nile = load("nile_yearly.csv")
daily = load("hyndsight_daily.csv")
weekly = load("us_gasoline_weekly.csv")


def day(text):
    return dt.date.fromisoformat(text)


# Nixtla long format: three monthly series of 24 rows, no flags needed.
rows = ["unique_id,ds,y"]
for uid, series in (("air", air[:24]), ("air_late", air[-24:]), ("air_mid", air[60:84])):
    rows += [f"{uid},{d}-01,{v}" for d, v in series]
write("nixtla.csv", "\n".join(rows) + "\n")

# pandas to_csv() with its unnamed index, dates second and dates last.
write("pandas-index.csv", ",date,value\n" + "".join(f"{i},{d},{v}\n" for i, (d, v) in enumerate(air)))
write("pandas-index-dates-last.csv", ",value,date\n" + "".join(f"{i},{v},{d}\n" for i, (d, v) in enumerate(air)))

# Date forms, on the daily series.
write("dates-us.csv", "date,value\n" + "".join(f"{day(d):%m/%d/%Y},{v}\n" for d, v in daily))
write("dates-eu-dots.csv", "date,value\n" + "".join(f"{day(d):%d.%m.%Y},{v}\n" for d, v in daily))
write("dates-eu-slash.csv", "date,value\n" + "".join(f"{day(d):%d/%m/%Y},{v}\n" for d, v in daily))
write("dates-iso-offset.csv", "date,value\n" + "".join(f"{d}T00:00:00+00:00,{v}\n" for d, v in daily))
write("dates-iso-fraction.csv", "date,value\n" + "".join(f"{d}T00:00:00.000Z,{v}\n" for d, v in daily))
write("dates-iso-offset-cet.csv", "date,value\n" + "".join(f"{d}T00:00:00+01:00,{v}\n" for d, v in daily[:60]))
# Monthly on the first of the month, month-first: every value reads both ways; only
# the month-first reading is a regular grid.
write("dates-us-monthly.csv", "date,value\n" + "".join(f"{day(d + '-01'):%m/%d/%Y},{v}\n" for d, v in air))
iso = [day(d).isocalendar() for d, _ in weekly]
write("dates-iso-week.csv", "week,value\n" + "".join(f"{y}-W{w:02d},{v}\n" for (y, w, _), (_, v) in zip(iso, weekly)))

# A wide file: one column per series, of different lengths (empty cells around them).
lines = ["date,air,air_short,air_late"]
for i, (d, v) in enumerate(air):
    short = v if i < 100 else ""
    late = v if i >= 24 else ""
    lines.append(f"{d},{v},{short},{late}")
write("wide.csv", "\n".join(lines) + "\n")

# Headerless.
write("headerless.csv", "".join(f"{d},{v}\n" for d, v in nile))

# Semicolons, decimal commas, thousands dots, European dates; and its plain twin.
def decimal_comma(value):
    whole, _, fraction = f"{value:.2f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}"

scaled = [(d, float(v) * 10.37) for d, v in gas]
write("decimal-comma.csv", "Datum;Wert\n" + "".join(
    f"{dt.date(int(d[:4]), 3 * int(d[-1]) - 2, 1):%d.%m.%Y};{decimal_comma(v)}\n" for d, v in scaled))
write("decimal-comma-plain.csv", "date,value\n" + "".join(
    f"{dt.date(int(d[:4]), 3 * int(d[-1]) - 2, 1):%Y-%m-%d},{v:.2f}\n" for d, v in scaled))

# Business days: the daily series without its Saturdays and Sundays.
write("business-days.csv", "date,value\n" + "".join(f"{d},{v}\n" for d, v in daily if day(d).weekday() < 5))
