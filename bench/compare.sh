#!/usr/bin/env bash
# Hebbian training speed of hebbian4j beside the PyTorch reference on this machine, measured in one
# go: for each round and each workload, ours (hebbian4j bench) then PyTorch (the workloads of
# bench/torch_hebbian_reference.py, run by bench/torch_timed.py, which imports its step functions and
# times them as it does, and also by CPU time), with the same threads and OMP_WAIT_POLICY=PASSIVE, so
# that both see the same load on a shared machine. Prints images/s of both, the ratio ours/PyTorch
# (median of the per-round ratios), the same per CPU second (not inflated by waiting for a core), our
# fraction of the GEMM bound and our memory, then the LaganiNet Hebbian/backprop epochs. PyTorch's
# minor page faults per step are recorded too: the reference runs about 2.3x slower when glibc maps
# its W-sized temporaries fresh at every step than when it reuses heap memory, and a process may
# settle in either state; the ratios are also printed separately for the two.
#
# PyTorch runs twice per workload and round: with the same OPENBLAS_CORETYPE as ours (like for like:
# both use OpenBLAS) and with its default environment (what a user of the PyTorch code gets).
#
# Settings (environment variables): ROUNDS (3), THREADS (2), SAMPLES (1280 images per dense pass; the
# convolution takes a tenth), REPS (15 passes per run: median and best), WORKLOADS ("dense-softhebb dense-krotov
# dense-wta conv-softwta"), LAGANI_IMAGES (640; 0 skips LaganiNet; ROUNDS rounds of ours then PyTorch's BBBBBG,
# bench/torch_lagani.py), LAGANI_REPS (1), TORCH_HEAP (1: a
# third PyTorch run per workload and round, same BLAS, with glibc told to serve W-sized blocks from the
# heap and keep them, GLIBC_TUNABLES=$TORCH_HEAP_TUNABLES: PyTorch in its fault-free state every
# time, the demanding reference; 0 skips it), TORCH_DEFAULT_ENV
# (1; 0 skips the default-environment PyTorch runs), OUT (a file for the raw results, JSON lines).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
SAMPLES="${SAMPLES:-1280}"
REPS="${REPS:-15}"
WORKLOADS="${WORKLOADS:-dense-softhebb dense-krotov dense-wta conv-softwta}"
LAGANI_IMAGES="${LAGANI_IMAGES:-640}"
LAGANI_REPS="${LAGANI_REPS:-1}"
TORCH_DEFAULT_ENV="${TORCH_DEFAULT_ENV:-1}"
TORCH_HEAP="${TORCH_HEAP:-1}"
TORCH_HEAP_TUNABLES="${TORCH_HEAP_TUNABLES:-glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912}"
PYTHON="${PYTHON:-/usr/bin/python3}"
TORCH_SCRIPT="${TORCH_SCRIPT:-$here/bench/torch_timed.py}"
OUT="${OUT:-$(mktemp -t hebbian4j-compare.XXXXXX.jsonl)}"
jar="$here/samples/target/hebbian4j.jar"

if ! "$PYTHON" -c "import torch" 2>/dev/null; then
  cat >&2 <<MSG
compare.sh: PyTorch is not installed for $PYTHON. On Debian/Ubuntu:
    apt-get install -y python3-torch libopenblas0-pthread
(libopenblas0-pthread matters: without it Debian's torch uses the reference BLAS, about 40x slower).
Then run bench/compare.sh again.
MSG
  exit 2
fi
if [ ! -f "$jar" ]; then
  echo "compare.sh: building $jar ..." >&2
  (cd "$here" && mvn -B -q -pl samples -am package -DskipTests) >&2
fi

# Default environment for PyTorch, captured before our BLAS settings are applied.
default_coretype="${OPENBLAS_CORETYPE:-}"
. "$here/bench/blas-env.sh"
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" OMP_WAIT_POLICY=PASSIVE

echo "compare.sh: $ROUNDS rounds of [ours, PyTorch] per workload; threads $THREADS; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "raw results: $OUT"
: > "$OUT"

run_ours() {  # workload -> one JSON line
  java -jar "$jar" bench --workload "$1" --samples "$SAMPLES" --reps "$REPS" --threads "$THREADS" --json 2>/dev/null | tail -n 1
}
run_torch() {  # workload coretype-or-empty [glibc-tunables] -> "images/s images/cpu-s best-images/s page-faults-per-step"
  local line
  local -a env_args=()
  if [ -n "$2" ]; then env_args+=("OPENBLAS_CORETYPE=$2"); else env_args+=(-u OPENBLAS_CORETYPE); fi
  if [ -n "${3:-}" ]; then env_args+=("GLIBC_TUNABLES=$3"); fi
  line="$(env "${env_args[@]}" "$PYTHON" "$TORCH_SCRIPT" --workload "$1" --samples "$SAMPLES" --reps "$REPS" --threads "$THREADS")"
  local wall cpu best faults
  wall="$(echo "$line" | sed -n 's/.*: \([0-9.]*\) img\/s.*/\1/p')"
  cpu="$(echo "$line" | sed -n 's/.*; \([0-9.]*\) img\/cpu-s.*/\1/p')"
  best="$(echo "$line" | sed -n 's/.*; best \([0-9.]*\) img\/s.*/\1/p')"
  faults="$(echo "$line" | sed -n 's/.*; \([0-9.]*\) faults\/step.*/\1/p')"
  echo "${wall:-null} ${cpu:-null} ${best:-null} ${faults:-null}"
}

for round in $(seq 1 "$ROUNDS"); do
  for w in $WORKLOADS; do
    load="$(cut -d' ' -f1 /proc/loadavg)"
    ours="$(run_ours "$w")"
    read -r torch_same torch_same_cpu torch_same_best torch_same_faults <<< "$(run_torch "$w" "${OPENBLAS_CORETYPE:-}")"
    torch_heap=null
    torch_heap_cpu=null
    torch_heap_best=null
    torch_heap_faults=null
    if [ "$TORCH_HEAP" = "1" ]; then
      read -r torch_heap torch_heap_cpu torch_heap_best torch_heap_faults <<< "$(run_torch "$w" "${OPENBLAS_CORETYPE:-}" "$TORCH_HEAP_TUNABLES")"
    fi
    torch_default=null
    torch_default_cpu=null
    torch_default_best=null
    torch_default_faults=null
    if [ "$TORCH_DEFAULT_ENV" = "1" ]; then
      read -r torch_default torch_default_cpu torch_default_best torch_default_faults <<< "$(run_torch "$w" "$default_coretype")"
    fi
    printf '{"round": %s, "workload": "%s", "load": %s, "torch_same_env": %s, "torch_same_env_cpu": %s, "torch_same_env_best": %s, "torch_same_env_faults_per_step": %s, "torch_heap": %s, "torch_heap_cpu": %s, "torch_heap_best": %s, "torch_heap_faults_per_step": %s, "torch_default_env": %s, "torch_default_env_cpu": %s, "torch_default_env_best": %s, "torch_default_env_faults_per_step": %s, "ours": %s}\n' \
      "$round" "$w" "$load" "$torch_same" "$torch_same_cpu" "$torch_same_best" "$torch_same_faults" "$torch_heap" "$torch_heap_cpu" "$torch_heap_best" "$torch_heap_faults" "$torch_default" "$torch_default_cpu" "$torch_default_best" "$torch_default_faults" "${ours:-null}" >> "$OUT"
    echo "round $round $w: done (load $load)" >&2
  done
done

if [ "$LAGANI_IMAGES" != "0" ]; then
  for round in $(seq 1 "$ROUNDS"); do
    echo "LaganiNet epochs ($LAGANI_IMAGES images), round $round: ours, then PyTorch's BBBBBG (bench/torch_lagani.py) ..." >&2
    lagani="$(java -jar "$jar" bench --workload lagani-epoch --lagani-images "$LAGANI_IMAGES" --lagani-reps "$LAGANI_REPS" \
      --reps "$REPS" --threads "$THREADS" --json 2>/dev/null | tail -n 1)"
    torch_line="$("$PYTHON" "$here/bench/torch_lagani.py" --images "$LAGANI_IMAGES" --reps "$LAGANI_REPS" --threads "$THREADS")"
    torch_lagani="$(echo "$torch_line" | sed -n 's/.*: \([0-9.]*\) img\/s.*/\1/p')"
    printf '{"lagani": %s, "round": %s, "torch_lagani_bbbbbg": %s}\n' "${lagani:-null}" "$round" "${torch_lagani:-null}" >> "$OUT"
  done
fi

"$PYTHON" - "$OUT" "${OPENBLAS_CORETYPE:-unset}" "${default_coretype:-unset}" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
same_core, default_core = sys.argv[2], sys.argv[3]
def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None
def fmt(x, spec):
    return format(x, spec) if x is not None else "-"
def ratios(rs, name, ours_key, torch_key):
    return [r["ours"]["workloads"][name][ours_key] / r[torch_key] for r in rs if r.get("ours") and r.get(torch_key)]
loads = [r["load"] for r in rows if "load" in r]
names = []
for r in rows:
    if "workload" in r and r["workload"] not in names:
        names.append(r["workload"])
print()
print(f"Layer step images/s (wall clock), median over rounds; ratio = ours / PyTorch, median of the per-round ratios.")
print(f"PyTorch 'same BLAS' runs with OPENBLAS_CORETYPE={same_core} as ours; 'default' with OPENBLAS_CORETYPE={default_core}.")
print(f"{'workload':16s} {'ours':>8s} {'PyTorch':>9s} {'ratio':>6s} {'PyTorch':>9s} {'ratio':>6s} {'ours fit':>9s} "
      f"{'of GEMM':>8s} {'training':>9s} {'peak RSS':>9s}")
print(f"{'':16s} {'':>8s} {'same BLAS':>9s} {'':>6s} {'default':>9s} {'':>6s} {'':>9s} {'bound':>8s} {'memory':>9s}")
for name in names:
    rs = [r for r in rows if r.get("workload") == name]
    ours = [r["ours"]["workloads"][name] for r in rs if r.get("ours")]
    print(f"{name:16s} {fmt(med([w['layer_step_images_per_second'] for w in ours]), '8.0f')} "
          f"{fmt(med([r['torch_same_env'] for r in rs]), '9.0f')} "
          f"{fmt(med(ratios(rs, name, 'layer_step_images_per_second', 'torch_same_env')), '6.2f')} "
          f"{fmt(med([r['torch_default_env'] for r in rs]), '9.0f')} "
          f"{fmt(med(ratios(rs, name, 'layer_step_images_per_second', 'torch_default_env')), '6.2f')} "
          f"{fmt(med([w['fit_images_per_second'] for w in ours]), '9.0f')} "
          f"{fmt(med([w['fraction_of_gemm_bound'] for w in ours]), '8.2f')} "
          f"{fmt(med([w['training_memory_bytes'] / 1e6 for w in ours]), '7.1f')}MB "
          f"{fmt(med([w['peak_physical_bytes'] / 1e6 for w in ours]), '7.0f')}MB")
print()
print("PyTorch's two states. The reference allocates temporaries of W's size at every step; glibc either maps them")
print("fresh from the kernel each time (thousands of minor page faults per step, each page zeroed: about 2.3x slower)")
print("or reuses heap memory (no faults). Which one a process settles in varies from run to run. Per round (same BLAS):")
print(f"{'workload':16s} {'round':>5s} {'ours':>8s} {'PyTorch':>9s} {'faults':>7s} {'ratio':>6s}")
for name in names:
    for r in [r for r in rows if r.get("workload") == name and r.get("ours") and r.get("torch_same_env")]:
        f = r.get("torch_same_env_faults_per_step")
        print(f"{name:16s} {r['round']:5d} {r['ours']['workloads'][name]['layer_step_images_per_second']:8.0f} "
              f"{r['torch_same_env']:9.0f} {fmt(f, '7.0f')} "
              f"{r['ours']['workloads'][name]['layer_step_images_per_second'] / r['torch_same_env']:6.2f}")
print("Ratio by PyTorch's state (median of the per-round ratios; 'no faults' = under 100 page faults per step):")
for name in names:
    rs = [r for r in rows if r.get("workload") == name and r.get("ours") and r.get("torch_same_env")
          and r.get("torch_same_env_faults_per_step") is not None]
    clean = [r for r in rs if r["torch_same_env_faults_per_step"] < 100]
    faulting = [r for r in rs if r["torch_same_env_faults_per_step"] >= 100]
    print(f"  {name:16s} PyTorch without faults: {fmt(med(ratios(clean, name, 'layer_step_images_per_second', 'torch_same_env')), '.2f')} "
          f"({len(clean)} rounds); with faults: {fmt(med(ratios(faulting, name, 'layer_step_images_per_second', 'torch_same_env')), '.2f')} "
          f"({len(faulting)} rounds)")
heap_rows = [r for r in rows if r.get("torch_heap")]
if heap_rows:
    print()
    print("Against PyTorch kept in its fault-free state (same BLAS, GLIBC_TUNABLES serving W-sized blocks from the heap):")
    print(f"{'workload':16s} {'ours':>8s} {'PyTorch':>9s} {'ratio':>6s} {'faults':>7s}  per-round ratios")
    for name in names:
        rs = [r for r in heap_rows if r.get("workload") == name and r.get("ours")]
        rr = ratios(rs, name, 'layer_step_images_per_second', 'torch_heap')
        print(f"{name:16s} {fmt(med([r['ours']['workloads'][name]['layer_step_images_per_second'] for r in rs]), '8.0f')} "
              f"{fmt(med([r['torch_heap'] for r in rs]), '9.0f')} {fmt(med(rr), '6.2f')} "
              f"{fmt(med([r.get('torch_heap_faults_per_step') for r in rs]), '7.0f')}  "
              + ", ".join(f"{x:.2f}" for x in rr))
print()
print("The same per CPU second of the whole process (all threads; waiting for a core does not count):")
print(f"{'workload':16s} {'ours':>8s} {'PyTorch':>9s} {'ratio':>6s} {'PyTorch':>9s} {'ratio':>6s} {'of GEMM':>8s}")
for name in names:
    rs = [r for r in rows if r.get("workload") == name]
    ours = [r["ours"]["workloads"][name] for r in rs if r.get("ours")]
    print(f"{name:16s} {fmt(med([w['layer_step_cpu_images_per_second'] for w in ours]), '8.0f')} "
          f"{fmt(med([r['torch_same_env_cpu'] for r in rs]), '9.0f')} "
          f"{fmt(med(ratios(rs, name, 'layer_step_cpu_images_per_second', 'torch_same_env_cpu')), '6.2f')} "
          f"{fmt(med([r['torch_default_env_cpu'] for r in rs]), '9.0f')} "
          f"{fmt(med(ratios(rs, name, 'layer_step_cpu_images_per_second', 'torch_default_env_cpu')), '6.2f')} "
          f"{fmt(med([w['fraction_of_gemm_bound_cpu'] for w in ours]), '8.2f')}")
print()
print("Fastest pass (best of REPS per run, median over rounds): the least disturbed by other work on a loaded machine:")
print(f"{'workload':16s} {'ours':>8s} {'PyTorch':>9s} {'ratio':>6s} {'PyTorch':>9s} {'ratio':>6s} {'GEMMs':>8s} {'of GEMM':>8s}")
for name in names:
    rs = [r for r in rows if r.get("workload") == name]
    ours = [r["ours"]["workloads"][name] for r in rs if r.get("ours")]
    print(f"{name:16s} {fmt(med([w['layer_step_best_images_per_second'] for w in ours]), '8.0f')} "
          f"{fmt(med([r['torch_same_env_best'] for r in rs]), '9.0f')} "
          f"{fmt(med(ratios(rs, name, 'layer_step_best_images_per_second', 'torch_same_env_best')), '6.2f')} "
          f"{fmt(med([r['torch_default_env_best'] for r in rs]), '9.0f')} "
          f"{fmt(med(ratios(rs, name, 'layer_step_best_images_per_second', 'torch_default_env_best')), '6.2f')} "
          f"{fmt(med([w['gemm_best_images_per_second'] for w in ours]), '8.0f')} "
          f"{fmt(med([w['layer_step_best_images_per_second'] / w['gemm_best_images_per_second'] for w in ours]), '8.2f')}")
floored = [n for n in names if any(r.get("ours") and "floor_ms_per_batch" in r["ours"]["workloads"][n]
                                   for r in rows if r.get("workload") == n)]
if floored:
    print()
    print("Floor (soft competitions): the least a step can do with ND4J's primitives inside DL4J's fit, timed alone")
    print("(unfolding, two GEMMs, exp of every u, one pass over W for the decay, params -= update; see StepFloor).")
    print("ceiling = floor / PyTorch: about the highest ratio an implementation built from these primitives could reach here")
    print("(the floor is an estimate: a cheaper way to do one of its parts would raise it).")
    print("ceiling (heap): the same against PyTorch kept in its fault-free state (TORCH_HEAP).")
    print(f"{'workload':16s} {'floor':>8s} {'ours':>8s} {'PyTorch':>9s} {'ceiling':>8s} {'ceiling':>8s} {'ours of':>8s}  floor parts, ms per batch")
    print(f"{'':16s} {'img/s':>8s} {'img/s':>8s} {'img/s':>9s} {'':>8s} {'(heap)':>8s} {'floor':>8s}")
    for name in floored:
        rs = [r for r in rows if r.get("workload") == name and r.get("ours")]
        ours = [r["ours"]["workloads"][name] for r in rs]
        ceil = [r["ours"]["workloads"][name]["floor_images_per_second"] / r["torch_same_env"] for r in rs if r.get("torch_same_env")]
        ceil_heap = [r["ours"]["workloads"][name]["floor_images_per_second"] / r["torch_heap"] for r in rs if r.get("torch_heap")]
        parts = ", ".join(f"{p} {med([w['floor_' + p + '_ms_per_batch'] for w in ours]):.2f}"
                          for p in ["unfold", "forward_gemm", "exp", "update_passes_and_gemm", "params_step"])
        print(f"{name:16s} {fmt(med([w['floor_images_per_second'] for w in ours]), '8.0f')} "
              f"{fmt(med([w['layer_step_images_per_second'] for w in ours]), '8.0f')} "
              f"{fmt(med([r['torch_same_env'] for r in rs]), '9.0f')} {fmt(med(ceil), '8.2f')} {fmt(med(ceil_heap), '8.2f')} "
              f"{fmt(med([w['fraction_of_floor'] for w in ours]), '8.2f')}  {parts}")
for name in names:
    rs = [r for r in rows if r.get("workload") == name and r.get("ours")]
    if rs and name.startswith("dense"):
        w = rs[0]["ours"]["workloads"][name]
        print(f"{name}: training memory {w['training_memory_bytes']/1e6:.1f} MB (parameters {w['parameter_bytes']/1e6:.1f}, "
              f"gradients {w['gradient_bytes']/1e6:.1f}, updater {w['updater_state_bytes']/1e6:.1f}, DL4J workspaces "
              f"{w['workspace_bytes']/1e6:.1f}) vs 3 x weights + one batch of activations = "
              f"{w['memory_target_bytes']/1e6:.1f} MB: {'PASS' if w['memory_pass'] else 'FAIL'}")
lagani_rows = [r for r in rows if r.get("lagani")]
for r in lagani_rows:
    lg = r["lagani"]["workloads"]["lagani-epoch"]
    torch_bp = r.get("torch_lagani_bbbbbg")
    print()
    print(f"LaganiNet round {r.get('round', 1)}, {lg['images_per_epoch']} synthetic 32x32x3 images per epoch "
          f"({100 * lg['fraction_of_mnist_epoch']:.1f}% of an MNIST epoch); backend {r['lagani'].get('backend', '?')}:")
    print(f"  epoch HHHHHG {lg['HHHHHG_images_per_second']:.1f} img/s, BBBBBG {lg['BBBBBG_images_per_second']:.1f} img/s; "
          f"Hebbian / backprop epoch time = {lg['epoch_ratio']:.2f} (CPU time {lg['epoch_cpu_ratio']:.2f}); "
          f"{'PASS' if lg['pass'] else 'FAIL'} (target <= {lg['target_ratio']})")
    print(f"  conv layers 1-4 alone: Hebbian {lg['HHHHHG_conv_layers_images_per_second']:.0f} img/s, backprop "
          f"{lg['BBBBBG_conv_layers_images_per_second']:.0f} img/s (time ratio {lg['conv_layers_ratio']:.2f})")
    if torch_bp:
        print(f"  BBBBBG in PyTorch (bench/torch_lagani.py) {torch_bp:.1f} img/s: ours / PyTorch = "
              f"{lg['BBBBBG_images_per_second'] / torch_bp:.2f} (target >= 0.8)")
bp_ratios = [r["lagani"]["workloads"]["lagani-epoch"]["BBBBBG_images_per_second"] / r["torch_lagani_bbbbbg"]
             for r in lagani_rows if r.get("torch_lagani_bbbbbg")]
if bp_ratios:
    print(f"LaganiNet BBBBBG ours / PyTorch, median of {len(bp_ratios)} rounds: {med(bp_ratios):.2f} "
          f"({', '.join(f'{x:.2f}' for x in bp_ratios)}); HHHHHG / BBBBBG epoch time, median: "
          f"{med([r['lagani']['workloads']['lagani-epoch']['epoch_ratio'] for r in lagani_rows]):.2f}")
if loads:
    print(f"\nload average (1 min) at the start of each workload's runs: {min(loads):.1f} to {max(loads):.1f}")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
