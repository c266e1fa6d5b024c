#!/usr/bin/env python3
"""Spark overhead: the same synthetic series forecast by one direct CLI call and by
Examples/spark/forecast_spark.py on Spark local[2], on the same two cores.

    .build/spark-venv/bin/python Benchmarks/spark_speed.py [--series 100000] [--method theta]

(`make spark-test` creates the virtual environment.) Prints series/s for the direct run
and for Spark, reading the rows itself and with `--grouped` (byte ranges of whole ids,
no shuffle), the ratios, and the peak RSS of one partition's CLI process (the same CLI run directly on
one partition's share of the series, as an executor runs it). Not a test: a figure.
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--series", type=int, default=100_000)
    p.add_argument("--method", default="theta")
    p.add_argument("--horizon", type=int, default=12)
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--binary", default=os.path.join(ROOT, ".build/release/forecast"))
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="spark-speed-")
    data = os.path.join(work, "series.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "Examples/spark/make_series.py"), "--series", str(a.series),
                    "--min-length", "24", "--max-length", "500", "--output", data], check=True)
    size = os.path.getsize(data)
    cli = ["--horizon", str(a.horizon), "--method", a.method]
    load = os.getloadavg()

    # One partition's share, run as an executor runs it: its rows on standard input.
    with open(data) as f:
        header = f.readline()
        lines = []
        ids = set()
        for line in f:
            ids.add(line.split(",", 1)[0])
            if len(ids) > a.series // a.partitions:
                break
            lines.append(line)
    subprocess.run([a.binary, "predict", "-", "--id-column", "id", "--format", "csv", "--quiet"] + cli,
                          input=(header + "".join(lines)).encode(), check=True, stdout=subprocess.DEVNULL)
    # Measured before any other child runs: ru_maxrss is the largest child so far.
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


    start = time.perf_counter()
    subprocess.run([a.binary, "predict", data, "--id-column", "id", "--format", "csv", "--quiet"] + cli,
                   check=True, stdout=subprocess.DEVNULL)
    direct = time.perf_counter() - start

    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)

    def spark_run(extra):
        start = time.perf_counter()
        subprocess.run([sys.executable, os.path.join(ROOT, "Examples/spark/forecast_spark.py"), "predict",
                        "--master", "local[2]", "--partitions", str(a.partitions), "--binary", a.binary,
                        "--input", data, "--output", os.path.join(work, "out.parquet")] + extra + ["--"] + cli,
                       check=True, env=env, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    spark = spark_run([])
    grouped = spark_run(["--grouped"])
    print(f"{a.series} series ({size / 1e6:.0f} MB, lengths 24-500, monthly), --method {a.method}, "
          f"horizon {a.horizon}; load before {load[0]:.2f}, after {os.getloadavg()[0]:.2f}")
    print(f"| run | seconds | series/s |")
    print(f"|---|---:|---:|")
    print(f"| direct CLI, one call | {direct:.1f} | {a.series / direct:,.0f} |")
    print(f"| Spark local[2], {a.partitions} partitions | {spark:.1f} | {a.series / spark:,.0f} |")
    print(f"| Spark local[2], {a.partitions} partitions, `--grouped` | {grouped:.1f} | {a.series / grouped:,.0f} |")
    print(f"Spark ÷ direct: {spark / direct:.2f}× the time, {grouped / direct:.2f}× with --grouped (goal ≤ 1.3×); "
          f"peak RSS of one partition's CLI call: {peak_kib / 1024:.0f} MiB")
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
