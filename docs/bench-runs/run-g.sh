#!/usr/bin/env bash
# Run G (docs/benchmarks.md, "oneDNN"): the tool before and after the oneDNN change, beside PyTorch, alternately.
# BEFORE_JAR: samples/target/hebbian4j.jar built from commit 7c9d339 (e.g. in a git worktree);
# AFTER_JAR: the same built from the oneDNN commit. Writes run-g-lagani.txt and run-g-layers.jsonl here.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${BEFORE_JAR:?set BEFORE_JAR}" "${AFTER_JAR:?set AFTER_JAR}"
. "$here/bench/blas-env.sh"
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
heap=glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912
out="$here/docs/bench-runs"
: > "$out/run-g-lagani.txt"
for r in 1 2 3; do
  echo "round $r before: $(java -jar "$BEFORE_JAR" bench --workload lagani-epoch --lagani-images 640 --reps 3 --json 2>/dev/null | tail -1)" >> "$out/run-g-lagani.txt"
  echo "round $r after: $(java -jar "$AFTER_JAR" bench --workload lagani-epoch --lagani-images 640 --reps 3 --json 2>/dev/null | tail -1)" >> "$out/run-g-lagani.txt"
  echo "round $r torch: $(/usr/bin/python3 "$here/bench/torch_lagani.py" --images 640 --reps 1)" >> "$out/run-g-lagani.txt"
done
: > "$out/run-g-layers.jsonl"
for r in 1 2 3; do
  for w in dense-softhebb dense-krotov dense-wta conv-softwta; do
    b=$(java -jar "$BEFORE_JAR" bench --workload $w --samples 1280 --reps 15 --threads 2 --json 2>/dev/null | tail -1)
    a=$(java -jar "$AFTER_JAR" bench --workload $w --samples 1280 --reps 15 --threads 2 --json 2>/dev/null | tail -1)
    th=$(GLIBC_TUNABLES=$heap /usr/bin/python3 "$here/bench/torch_timed.py" --workload $w --samples 1280 --reps 15 --threads 2)
    t=$(/usr/bin/python3 "$here/bench/torch_timed.py" --workload $w --samples 1280 --reps 15 --threads 2)
    echo "{\"round\": $r, \"workload\": \"$w\", \"before\": $b, \"after\": $a, \"torch_heap\": \"$th\", \"torch\": \"$t\"}" >> "$out/run-g-layers.jsonl"
  done
done
