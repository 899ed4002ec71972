#!/usr/bin/env python3
"""The workloads of torch_hebbian_reference.py (imported: same data, same step functions), timed as that
script times them (wall clock, median of --reps passes after one warm-up) and also by the CPU time of the
whole process (all threads) per pass, which waiting for a core on a loaded machine does not inflate.

Prints one line per workload:
  "<workload> ...: <images/s> img/s (median of N); <images per CPU second> img/cpu-s; best <images/s> img/s,
   <images per CPU second> img/cpu-s; <page faults> faults/step" (best: the fastest pass, the least
   disturbed on a loaded machine; faults: minor page faults of the process per step, median over passes)
Used by bench/compare.sh; run with /usr/bin/python3 (Debian's python3-torch).
"""
import argparse
import os
import resource
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_hebbian_reference as ref  # noqa: E402


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def timed(fn, reps):
    fn()  # warm-up
    wall, cpu, faults = [], [], []
    for _ in range(reps):
        t, c, f = time.perf_counter(), time.process_time(), minor_faults()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        faults.append(minor_faults() - f)
    wall.sort()
    cpu.sort()
    faults.sort()
    return wall[len(wall) // 2], cpu[len(cpu) // 2], wall[0], cpu[0], faults[len(faults) // 2]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", default="all",
                   choices=["all", "dense-softhebb", "dense-krotov", "dense-wta", "conv-softwta"])
    p.add_argument("--n-in", type=int, default=784)
    p.add_argument("--n-out", type=int, default=2000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--samples", type=int, default=10000)
    p.add_argument("--channels", type=int, default=3)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--kernel", type=int, default=5)
    p.add_argument("--filters", type=int, default=96)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--reps", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    todo = ["dense-softhebb", "dense-krotov", "dense-wta", "conv-softwta"] if a.workload == "all" else [a.workload]
    with torch.no_grad():
        for w in todo:
            if w.startswith("dense"):
                X = torch.rand(a.samples, a.n_in)
                W = torch.randn(a.n_out, a.n_in) * 0.1
                rule = w.split("-")[1]

                def epoch():
                    for i in range(0, a.samples, a.batch):
                        ref.dense_step(rule, X[i:i + a.batch], W)
                n = a.samples
                steps = -(-a.samples // a.batch)
                shape = f"{a.n_in}x{a.n_out} batch {a.batch}"
            else:
                n = max(a.batch, a.samples // 10)
                X = torch.rand(n, a.channels, a.size, a.size)
                W = torch.randn(a.filters, a.channels * a.kernel * a.kernel) * 0.1

                def epoch():
                    for i in range(0, n, a.batch):
                        ref.conv_step(X[i:i + a.batch], W, a.kernel)
                steps = -(-n // a.batch)
                shape = f"{a.channels}x{a.size}x{a.size} k{a.kernel} -> {a.filters} batch {a.batch}"
            wall, cpu, best_wall, best_cpu, faults = timed(epoch, a.reps)
            print(f"{w} {shape}: {n / wall:.0f} img/s (median of {a.reps}); {n / cpu:.0f} img/cpu-s; "
                  f"best {n / best_wall:.0f} img/s, {n / best_cpu:.0f} img/cpu-s; {faults / steps:.0f} faults/step",
                  flush=True)


if __name__ == "__main__":
    main()
