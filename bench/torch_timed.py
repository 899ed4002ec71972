#!/usr/bin/env python3
"""The workloads of torch_hebbian_reference.py (imported: same data, same step functions), timed as that
script times them (wall clock, median of --reps passes after one warm-up) and also by the CPU time of the
whole process (all threads) per pass, which waiting for a core on a loaded machine does not inflate.

Prints one line per workload:
  "<workload> ...: <images per second> img/s (median of N); <images per CPU second> img/cpu-s"
Used by bench/compare.sh; run with /usr/bin/python3 (Debian's python3-torch).
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_hebbian_reference as ref  # noqa: E402


def timed(fn, reps):
    fn()  # warm-up
    wall, cpu = [], []
    for _ in range(reps):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    wall.sort()
    cpu.sort()
    return wall[len(wall) // 2], cpu[len(cpu) // 2]


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
                shape = f"{a.n_in}x{a.n_out} batch {a.batch}"
            else:
                n = max(a.batch, a.samples // 10)
                X = torch.rand(n, a.channels, a.size, a.size)
                W = torch.randn(a.filters, a.channels * a.kernel * a.kernel) * 0.1

                def epoch():
                    for i in range(0, n, a.batch):
                        ref.conv_step(X[i:i + a.batch], W, a.kernel)
                shape = f"{a.channels}x{a.size}x{a.size} k{a.kernel} -> {a.filters} batch {a.batch}"
            wall, cpu = timed(epoch, a.reps)
            print(f"{w} {shape}: {n / wall:.0f} img/s (median of {a.reps}); {n / cpu:.0f} img/cpu-s", flush=True)


if __name__ == "__main__":
    main()
