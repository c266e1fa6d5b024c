#!/usr/bin/env python3
"""Forecast or backtest millions of series on Apache Spark with the `forecast` CLI.

Spark reads a long-format data set (CSV or Parquet: id, date, value columns),
repartitions it by id, and runs the `forecast` binary once per partition: the
partition's rows go to the CLI's standard input as CSV (`forecast predict -`), its CSV
output comes back as rows. Nothing in Spark knows how to forecast; the binary does it
exactly as on one machine, so a partition's forecasts equal a direct run's.

    spark-submit --master 'local[2]' Examples/spark/forecast_spark.py predict \\
        --input sales.csv --output forecasts.parquet -- --horizon 12 --method theta

Modes (everything after `--` goes to the CLI unchanged):

  predict  --mode local   each partition fits and forecasts its own series
           --mode global  `forecast train` on a sample of the series on the driver,
                          the model shipped to the executors (SparkContext.addFile),
                          partitions running `predict --model` (cold start for the rest)
           --grouped      (local models, and backtest) the input is one CSV file whose rows
                          of each id are contiguous, at a path every executor can read:
                          each task gets a byte range of whole ids and reads it itself,
                          so Spark neither parses nor shuffles the rows
  backtest                `forecast backtest -` per partition; the per-series metrics
                          are written, and their mean per configuration printed:
                          "which window is best across my catalogue?"

Failures are rows, not silence: a series too short to forecast (the CLI runs with
--skip-short) or a partition whose CLI call fails is written to OUTPUT_errors with
the id and the CLI's one-line message, and counted at the end.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

METRICS = ["mae", "rmse", "mape", "smape", "mase", "bias"]


def parse():
    argv = sys.argv[1:]
    cli = []
    if "--" in argv:
        i = argv.index("--")
        argv, cli = argv[:i], argv[i + 1:]
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("job", choices=["predict", "backtest"])
    p.add_argument("--input", required=True, help="CSV (with a header) or Parquet (a .parquet path or directory)")
    p.add_argument("--output", required=True, help="Parquet directory for the results")
    p.add_argument("--id-column", default="id")
    p.add_argument("--date-column", default="date")
    p.add_argument("--value-column", default="value")
    p.add_argument("--binary", default=os.environ.get("FORECAST_BINARY", ".build/release/forecast"),
                   help="the forecast binary (on every executor, or --ship-binary)")
    p.add_argument("--ship-binary", action="store_true",
                   help="send the binary to the executors with the job (its two shared libraries, "
                        "libcsv and libopenblas, must be installed there)")
    p.add_argument("--partitions", type=int, default=0, help="default: Spark's default parallelism")
    p.add_argument("--mode", choices=["local", "global"], default="local")
    p.add_argument("--train-fraction", type=float, default=1.0,
                   help="global mode: the share of series the model is trained on (seeded)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--keep-model", default=None, help="global mode: also save the trained model here")
    p.add_argument("--grouped", action="store_true",
                   help="the input is one CSV whose rows of each id are contiguous, at a path every "
                        "executor can read: Spark hands each task a byte range cut at id boundaries "
                        "instead of parsing and shuffling the rows itself")
    p.add_argument("--master", default=None, help="for running with python instead of spark-submit")
    args = p.parse_args(argv)
    args.cli = cli
    return args


def levels(cli):
    """The interval levels the CLI will print columns for (`--interval 80,95`)."""
    for i, a in enumerate(cli):
        if a == "--interval" and i + 1 < len(cli):
            return [x for x in cli[i + 1].split(",") if x]
        if a.startswith("--interval="):
            return [x for x in a.split("=", 1)[1].split(",") if x]
    return []


def level_name(text):
    v = float(text)
    return str(int(v)) if v == int(v) else str(v)


def binary_path(args):
    if args.ship_binary:
        path = SparkFiles.get(os.path.basename(args.binary))
        os.chmod(path, 0o755)
        return path
    return os.path.abspath(args.binary) if os.path.exists(args.binary) else args.binary


def skipped_ids(stderr):
    out = []
    for line in stderr:
        m = re.match(r"^(?:forecast: )?warning: skipped: series '(.*?)':? (.*)$", line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def partition_job(args, kind):
    """The function mapInArrow runs on each partition, and its output schema.

    Arrow end to end: the partition's batches are written as CSV by pyarrow's C++
    writer, and the CLI's CSV read back by its reader; pandas would spend longer
    converting text than the CLI spends forecasting.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    level_list = [level_name(x) for x in levels(args.cli)]
    number_columns = (["forecast"] + [f"{b}_{l}" for l in level_list for b in ("lower", "upper")]
                      if kind == "predict" else METRICS)
    text_columns = ["date"] if kind == "predict" else ["method", "window", "hidden", "learning_rate"]
    names = ["id"] + text_columns + number_columns + ["error"]
    arrow_schema = pa.schema([(c, pa.string()) for c in ["id"] + text_columns]
                             + [(c, pa.float64()) for c in number_columns] + [("error", pa.string())])

    def conform(columns, n):
        """A table of the output schema from the columns at hand, nulls for the rest."""
        return pa.table({c: columns[c] if c in columns else pa.nulls(n, arrow_schema.field(c).type) for c in names},
                        schema=arrow_schema)

    def failures(pairs):
        """Rows for ids that got no forecast: (id, message)."""
        return conform({"id": pa.array([i for i, _ in pairs], pa.string()),
                        "error": pa.array([m for _, m in pairs], pa.string())}, len(pairs))

    def forecast(csv_bytes, columns, ids):
        """The CLI on one partition's CSV (`columns` name its id, date and value columns);
        `ids()` lists the partition's ids when the whole call fails."""
        command = [binary_path(args), kind, "-", "--id-column", columns[0], "--date-column", columns[1],
                   "--column", columns[2], "--format", "csv", "--quiet", "--skip-short"]
        if kind == "predict" and args.mode == "global":
            command += ["--model", SparkFiles.get("model.json")]
        command += args.cli
        done = subprocess.run(command, input=csv_bytes, capture_output=True)
        stderr = done.stderr.decode(errors="replace").splitlines()
        if done.returncode != 0:
            # The whole partition failed: every id gets the CLI's one-line error.
            message = next((l for l in stderr if "error" in l), stderr[-1] if stderr else f"exit status {done.returncode}")
            yield from failures([(i, message) for i in ids()]).to_batches()
            return
        result = pacsv.read_csv(pa.py_buffer(done.stdout), convert_options=pacsv.ConvertOptions(
            column_types={**{c: pa.string() for c in ["id"] + text_columns}, **{c: pa.float64() for c in number_columns}},
            strings_can_be_null=False, null_values=[""]))
        yield from conform({c: result.column(c) for c in result.column_names}, result.num_rows).to_batches()
        skipped = skipped_ids(stderr)
        if skipped:
            yield from failures(skipped).to_batches()

    def run(batches):
        table = pa.Table.from_batches(list(batches))
        if table.num_rows == 0:
            return
        table = table.take(pc.sort_indices(table, sort_keys=[("_row", "ascending")])).drop(["_row"])
        sink = pa.BufferOutputStream()
        pacsv.write_csv(table, sink, write_options=pacsv.WriteOptions(quoting_style="needed"))
        yield from forecast(sink.getvalue().to_pybytes(), ["id", "date", "value"],
                            lambda: list(dict.fromkeys(table.column("id").to_pylist())))

    def run_ranges(batches):
        """Grouped input: each row is a byte range of the file, whole ids, read here."""
        for batch in batches:
            columns = ["path", "header", "id_index", "start", "end"]
            for path, header, k, start, end in zip(*(batch.column(c).to_pylist() for c in columns)):
                with open(path, "rb") as f:
                    f.seek(start)
                    body = f.read(end - start)
                # The ids for a failed call are read as id_ranges reads them: a broken
                # file must still give a list, not a Python error that ends the job.
                yield from forecast(header.encode() + body, [args.id_column, args.date_column, args.value_column],
                                    lambda: [i.decode(errors="replace") for i in dict.fromkeys(
                                        plain_field(line, k) for line in body.splitlines()) if i])

    schema = ", ".join(["id string"] + [f"{c} string" for c in text_columns]
                       + [f"{c} double" for c in number_columns] + ["error string"])
    return (run_ranges if args.grouped else run), schema


def plain_field(line, k):
    """Field `k` of a line read as plain comma-separated text (bytes), or None."""
    fields = line.rstrip(b"\r\n").split(b",")
    return fields[k] if k < len(fields) else None


def id_ranges(path, parts, id_column):
    """Byte ranges of a CSV file whose rows of each id are contiguous, cut at id
    boundaries into about `parts` ranges of equal size; its header line; and the id
    column's position in it.

    Each cut is found by reading forward from an even split point to the next line,
    then to the first line whose id differs: only those few lines are read here."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        header = f.readline()
        names = header.decode().rstrip("\r\n").split(",")
        if id_column not in names:
            sys.exit(f"{path}: no column '{id_column}' in the header (--grouped reads the header as plain "
                     f"comma-separated names)")
        k = names.index(id_column)
        starts = [len(header)]
        for j in range(1, parts):
            target = max(starts[-1], size * j // parts)
            f.seek(target)
            if target > 0:
                f.readline()  # to the start of the next line
            first = f.readline()
            if not first:
                break
            first_id = plain_field(first, k)
            position = f.tell()
            while True:
                line = f.readline()
                if not line:
                    position = size
                    break
                if plain_field(line, k) != first_id:
                    break
                position = f.tell()
            if position >= size or position <= starts[-1]:
                continue
            starts.append(position)
    ends = starts[1:] + [size]
    return header.decode(), k, list(zip(starts, ends))


def read_input(spark, args):
    if args.input.endswith(".parquet") or os.path.isdir(args.input):
        df = spark.read.parquet(args.input)
    else:
        # Everything as text: the CLI reads dates and numbers itself, as from a file.
        df = spark.read.option("header", True).option("inferSchema", False).csv(args.input)
    df = df.select(F.col(args.id_column).cast("string").alias("id"),
                   F.col(args.date_column).cast("string").alias("date"),
                   F.col(args.value_column).cast("string").alias("value"))
    # The file's order, to restore inside each partition after the shuffle.
    return df.withColumn("_row", F.monotonically_increasing_id())


def train_global(spark, df, args):
    """Trains one model on the driver on a seeded sample of the series; ships it."""
    ids = [r["id"] for r in df.select("id").distinct().collect()]
    ids.sort()
    random.Random(args.seed).shuffle(ids)
    keep = set(ids[:max(1, int(round(len(ids) * args.train_fraction)))])
    sample = df.filter(F.col("id").isin(list(keep))).orderBy("_row").drop("_row").toPandas()
    work = tempfile.mkdtemp(prefix="forecast-spark-")
    path = os.path.join(work, "train.csv")
    sample.to_csv(path, index=False)
    model = os.path.join(work, "model.json")
    # Training takes the model options only: drop the output options predict alone knows.
    train_args, skip = [], False
    for a in args.cli:
        if skip:
            skip = False
            continue
        if a in ("--interval",):
            skip = True
            continue
        train_args.append(a)
    command = [os.path.abspath(args.binary), "train", path, "--id-column", "id", "--date-column", "date",
               "--column", "value", "--quiet", "--output", model] + train_args
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"forecast train failed: {done.stderr.strip()}")
    spark.sparkContext.addFile(model)
    if args.keep_model:
        shutil.copyfile(model, args.keep_model)
    print(f"trained one model on {len(keep)} of {len(ids)} series: {model}", file=sys.stderr)
    return work


def main():
    args = parse()
    builder = SparkSession.builder.appName(f"forecast-{args.job}").config("spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    if args.ship_binary:
        spark.sparkContext.addFile(os.path.abspath(args.binary))
    partitions = args.partitions or spark.sparkContext.defaultParallelism
    if args.grouped:
        if args.mode == "global":
            sys.exit("--grouped runs local models only; the global mode reads the data through Spark")
        path = os.path.abspath(args.input)
        header, k, ranges = id_ranges(path, partitions, args.id_column)
        rows = [(path, header, k, a, b) for a, b in ranges]
        df = spark.sparkContext.parallelize(rows, len(rows)).toDF(
            "path string, header string, id_index int, start long, end long")
    else:
        df = read_input(spark, args).repartition(partitions, "id")
    work = None
    if args.job == "predict" and args.mode == "global":
        work = train_global(spark, df, args)
    function, schema = partition_job(args, args.job)
    result = df.mapInArrow(function, schema=schema).persist()
    ok = result.filter(F.col("error").isNull()).drop("error")
    failed = result.filter(F.col("error").isNotNull()).select("id", "error")
    if args.grouped:
        # A file whose ids are not contiguous would give one id two forecasts, one per
        # range holding some of its rows: refuse rather than write them.
        twice = (result.withColumn("_part", F.spark_partition_id()).groupBy("id")
                 .agg(F.countDistinct("_part").alias("parts")).filter(F.col("parts") > 1).limit(1).collect())
        if twice:
            spark.stop()
            sys.exit(f"{args.input}: the rows of id '{twice[0]['id']}' are not contiguous, so --grouped cannot "
                     f"cut the file at id boundaries; run without --grouped")
    ok.write.mode("overwrite").parquet(args.output)
    failed.write.mode("overwrite").parquet(args.output.rstrip("/") + "_errors")
    n_failed = failed.count()
    if args.job == "backtest":
        summary = (ok.groupBy("method", "window", "hidden", "learning_rate")
                   .agg(F.mean("mase").alias("mean_mase"), F.mean("smape").alias("mean_smape"),
                        F.count("id").alias("series"))
                   .orderBy("mean_mase"))
        summary.write.mode("overwrite").parquet(args.output.rstrip("/") + "_summary")
        print("method,window,hidden,learning_rate,mean_mase,mean_smape,series")
        for r in summary.collect():
            print(f"{r['method']},{r['window'] or ''},{r['hidden'] or ''},{r['learning_rate'] or ''},"
                  f"{r['mean_mase']!r},{r['mean_smape']!r},{r['series']}")
    print(f"{args.job}: {ok.select('id').distinct().count()} series written to {args.output}; "
          f"{n_failed} failed (see {args.output.rstrip('/')}_errors)", file=sys.stderr)
    result.unpersist()
    spark.stop()
    if work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
