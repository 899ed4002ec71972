# Sourced by the hebbian4j launcher and bench/compare.sh: BLAS settings for ND4J on this CPU.
#
# The OpenBLAS bundled with ND4J M2.1 (0.3.19, and Debian's 0.3.21 as well) does not recognize some
# recent CPUs (e.g. Intel family 6 model 207) and falls back to its slowest kernels ("Prescott", SSE3):
# on such a 2-core AVX-512 machine a 784 x 2000 GEMM ran at 10 GFLOP/s instead of 80-100. Naming the
# core type fixes it. Only set when the user has not: export OPENBLAS_CORETYPE yourself to override.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  if grep -q -m1 -w avx512f /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -q -m1 -w avx2 /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
# ND4J's OpenMP threads must not busy-wait: on 2 cores that made DL4J training 2.5x slower.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# OpenBLAS's worker threads spin after every GEMM (2^28 cycles by default) and keep a core from ND4J's
# element-wise ops that follow: on 2 cores ND4J's exp of a convolution's [50176, 96] pre-activations
# took 14.6 ms after a GEMM (one thread's worth) and 7.7 ms with the spin cut to 2^4 cycles, GEMMs
# unchanged (docs/benchmarks.md). Only set when the user has not.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
