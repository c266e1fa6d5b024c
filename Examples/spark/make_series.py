#!/usr/bin/env python3
"""Synthetic monthly series in long format (id,date,value), seeded: level, trend, a
yearly season and noise, lengths mixed between --min-length and --max-length.

    python3 make_series.py --series 2000 --output series.csv
"""
import argparse
import math
import random


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--series", type=int, default=2000)
    p.add_argument("--min-length", type=int, default=24)
    p.add_argument("--max-length", type=int, default=120)
    p.add_argument("--short", type=int, default=0, help="also this many series of 2 values (too short)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--output", required=True)
    a = p.parse_args()
    rng = random.Random(a.seed)
    with open(a.output, "w") as f:
        f.write("id,date,value\n")
        for k in range(a.series + a.short):
            n = 2 if k >= a.series else rng.randint(a.min_length, a.max_length)
            level = rng.uniform(50, 500)
            trend = rng.uniform(-0.5, 1.5)
            season = rng.uniform(0, 0.3) * level
            start = rng.randint(1990 * 12, 2010 * 12)
            for t in range(n):
                m = start + t
                v = level + trend * t + season * math.sin(2 * math.pi * (m % 12) / 12) + rng.gauss(0, 0.05 * level)
                f.write(f"s{k:06d},{m // 12}-{m % 12 + 1:02d},{max(v, 1.0):.3f}\n")


if __name__ == "__main__":
    main()
