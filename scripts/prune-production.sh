#!/bin/sh
# Removes what a production install never runs: type declarations, source maps,
# docs, tests and examples of node_modules, and of the built code.
# Used by the Dockerfile and by bench/production-size.ts, so the figure in the
# README is the image's.
set -eu
for dir in "$@"; do
  find "$dir" \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' -o -name '*.md' -o -name '*.markdown' \
    -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name 'LICENSE*' -o -name 'CHANGELOG*' -o -name '.eslintrc*' \) -type f -delete
  find "$dir" -depth -type d \( -name test -o -name tests -o -name __tests__ -o -name docs -o -name examples -o -name benchmarks -o -name benchmark \) \
    -exec rm -rf {} +
done
