#!/usr/bin/env python3
"""The example outputs of README.md, regenerated from the binary so they cannot drift.

A fenced block preceded by a marker line is the output of a command:

    <!-- output: forecast inspect datasets/air_passengers.csv --format json -->
    ```json
    ...
    ```

Options follow the command after ` | ` (several, separated by spaces):

    keep=1-12,-1      lines kept (1-based; negative counts from the end), a `...` line
                      standing for each run of dropped lines
    ignore=REGEX      text matched on each line is not compared (timings)
    prompt            the block starts with `$ COMMAND` (the command as shown)

`forecast` in a command is the binary given by --binary; commands run from the
repository root with bash, so `a; b` and `2>&1` work.

    readme_outputs.py check    exit 1 with a diff when a block differs from what runs
    readme_outputs.py update   rewrite the blocks from what runs

The neural forecasts depend on the BLAS kernels' rounding, so both modes load
OpenBLAS's Haswell kernels (AVX2, every current x86-64 server) unless
OPENBLAS_CORETYPE is already set: the README's numbers then do not depend on which
machine regenerated them.
"""

import argparse
import difflib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARKER = re.compile(r"^<!-- output: (.*?) -->\s*$")


def parse_marker(text):
    command, _, options = text.partition(" | ")
    keep, ignores, prompt = None, [], False
    for option in options.split():
        if option.startswith("keep="):
            keep = option[5:]
        elif option.startswith("ignore="):
            ignores.append(re.compile(option[7:]))
        elif option == "prompt":
            prompt = True
        else:
            raise SystemExit(f"README.md: unknown output option '{option}'")
    return command.strip(), keep, ignores, prompt


def kept(lines, spec):
    if spec is None:
        return lines
    n = len(lines)
    wanted = set()
    for part in spec.split(","):
        if part.startswith("-"):
            wanted.add(n + int(part))
        elif "-" in part:
            a, b = part.split("-")
            wanted.update(range(int(a) - 1, min(int(b), n)))
        else:
            wanted.add(int(part) - 1)
    out, skipping = [], False
    for i, line in enumerate(lines):
        if i in wanted:
            out.append(line)
            skipping = False
        elif not skipping:
            out.append("...")
            skipping = True
    return out


def cpu_has_avx2():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    except OSError:
        return False
    return "avx2" in flags and "fma" in flags


# Haswell kernels on a CPU without AVX2 would die of an illegal instruction.
HASWELL_RUNS = cpu_has_avx2()


def run(command, binary):
    shell = re.sub(r"(^|[;&|]\s*)forecast\b", lambda m: m.group(1) + binary, command)
    env = dict(os.environ)
    if HASWELL_RUNS:
        env.setdefault("OPENBLAS_CORETYPE", "Haswell")
    env["COLUMNS"] = "200"
    result = subprocess.run(["bash", "-c", shell], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode not in (0, 1, 64) or (result.returncode != 0 and "2>&1" not in command):
        sys.stderr.write(result.stderr)
        raise SystemExit(f"README.md: '{command}' exited with {result.returncode}")
    return result.stdout.rstrip("\n").split("\n")


def blocks(lines):
    """(marker index, first content line, closing fence line) of every marked block."""
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
                raise SystemExit(f"README.md:{i + 1}: an output marker must be followed by a fenced block")
            j = i + 2
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            if j == len(lines):
                raise SystemExit(f"README.md:{i + 2}: the fenced block never closes")
            yield i, m.group(1), i + 2, j
            i = j
        i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["check", "update"])
    parser.add_argument("--binary", default=".build/release/forecast")
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    args = parser.parse_args()
    if not HASWELL_RUNS and "OPENBLAS_CORETYPE" not in os.environ:
        print("warning: no AVX2 on this CPU: neural outputs may differ in their last digits", file=sys.stderr)
    binary = os.path.join(ROOT, args.binary) if not os.path.isabs(args.binary) else args.binary
    if not os.access(binary, os.X_OK):
        raise SystemExit(f"{args.binary}: no such binary; build it first (swift build -c release --product forecast)")
    with open(args.readme, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, last, differences, count = [], 0, [], 0
    for marker, text, start, end in blocks(lines):
        command, keep, ignores, prompt = parse_marker(text)
        produced = kept(run(command, binary), keep)
        if prompt:
            produced = [f"$ {command}"] + produced
        shown = lines[start:end]

        def masked(block):
            result = []
            for line in block:
                for pattern in ignores:
                    line = pattern.sub("#", line)
                result.append(line)
            return result

        count += 1
        if masked(shown) != masked(produced):
            differences.append((marker + 1, command, shown, produced))
        out.extend(lines[last:start])
        out.extend(produced)
        last = end
    out.extend(lines[last:])
    if args.mode == "update":
        with open(args.readme, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
        print(f"README.md: {count} output blocks regenerated, {len(differences)} changed")
        return
    for line, command, shown, produced in differences:
        print(f"README.md:{line}: the output of '{command}' differs from the README:")
        sys.stdout.writelines(difflib.unified_diff(
            [s + "\n" for s in shown], [s + "\n" for s in produced], "README.md", "produced", n=1))
    if differences:
        print(f"{len(differences)} of {count} output blocks differ; `make readme-update` rewrites them")
        sys.exit(1)
    print(f"README.md: {count} output blocks match the binary")


if __name__ == "__main__":
    main()
