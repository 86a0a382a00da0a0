#!/usr/bin/env bash
# Zyte article-extraction benchmark, end to end: the full `extract` command
# (HTML ingest, then the clean stage and the rest of the pipeline) over the
# 181 gzipped pages, scored by ../shared/eval/zyte.mjs, with pages/s.
#   scripts/zyte.sh [OUTPUT_DIR] [--ids english]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${NEWSMINE_SHARED:-../shared}"
bench="$shared/datasets/article-extraction-benchmark"
if [ ! -d "$bench/html" ]; then echo "zyte: benchmark not found at $bench (set NEWSMINE_SHARED)" >&2; exit 2; fi
out="${1:-$(mktemp -d -t newsmine-zyte.XXXXXX)}"
shift || true
pages=$(find "$bench/html" -name '*.html.gz' | wc -l)
start=$(date +%s%N)
node bin/newsmine.js extract --input "$bench/html" --output "$out" --quiet --allow-errors >/dev/null
seconds=$(( ($(date +%s%N) - start) / 1000000 ))
node "$shared/eval/zyte.mjs" --out "$out" "$@"
awk -v p="$pages" -v ms="$seconds" 'BEGIN { printf "ZYTE run: %d pages in %.1f s = %.1f pages/s (whole pipeline, output in '"$out"')\n", p, ms / 1000, p * 1000 / ms }'
