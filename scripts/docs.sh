#!/usr/bin/env bash
# DocC for every library module, built one archive per module in dependency order (each
# links into the ones below it through --dependency), then merged into one archive,
# .build/docs/Forecasting.doccarchive. Warnings are errors: a broken symbol link, in a
# module or across modules, fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build/docs-work
# Kept between runs with the build they come from: a module not recompiled writes none.
graphs=.build/docs-build/symbol-graphs
rm -rf "$scratch" .build/docs
mkdir -p "$graphs" .build/docs
# A build directory of its own: symbol-graph flags would otherwise invalidate the test build.
swift build --scratch-path .build/docs-build --target Forecasting \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs"

# module: the modules it links into
modules=(SeriesIO NeuralNet Windowing Forecasters Backtesting Reports Forecasting)
declare -A below=(
  [SeriesIO]="" [NeuralNet]="" [Windowing]="SeriesIO"
  [Forecasters]="SeriesIO Windowing NeuralNet"
  [Backtesting]="SeriesIO Windowing NeuralNet Forecasters"
  [Reports]="SeriesIO Windowing NeuralNet Forecasters Backtesting"
  [Forecasting]="SeriesIO Windowing NeuralNet Forecasters Backtesting Reports"
)
archives=()
for m in "${modules[@]}"; do
  own=$scratch/graphs-$m
  mkdir -p "$own"
  cp "$graphs/$m".symbols.json "$own/"
  cp "$graphs/$m"@*.symbols.json "$own/" 2>/dev/null || true
  deps=()
  for d in ${below[$m]}; do deps+=(--dependency "$scratch/$d.doccarchive"); done
  docc convert "Sources/$m/Documentation.docc" --additional-symbol-graph-dir "$own" \
    --fallback-display-name "$m" --fallback-bundle-identifier "org.swift-forecasting.$m" \
    --enable-experimental-external-link-support "${deps[@]}" \
    --output-path "$scratch/$m.doccarchive" --warnings-as-errors
  archives+=("$scratch/$m.doccarchive")
done
docc merge "${archives[@]}" --synthesized-landing-page-name swift-forecasting \
  --output-path .build/docs/Forecasting.doccarchive
echo "documentation: .build/docs/Forecasting.doccarchive (${#archives[@]} modules)"
