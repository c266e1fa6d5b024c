#!/usr/bin/env bash
# Builds gemm_shapes.c against the package's blas.c and Debian's OpenBLAS, then runs it
# twice on one BLAS thread, with the kernel's size limit lifted so that every shape is
# timed (the package takes it only up to FC_SMALL_GEMM_LIMIT, 400,000 multiply-adds). Needs cc (clang or gcc) and libopenblas-dev.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${TMPDIR:-/tmp}/gemm-shapes"
"${CC:-cc}" -O2 -DFC_SMALL_GEMM_LIMIT=1e12 -I"$root/Sources/CBLAS/include" -I/usr/include/x86_64-linux-gnu "$here/gemm_shapes.c" \
  "$root/Sources/CBLAS/blas.c" -o "$out" -lopenblas -ldl -lm -lpthread
export OPENBLAS_NUM_THREADS=1
"$out"
"$out"
