#!/usr/bin/env python3
"""LaganiNet's backprop network (pattern BBBBBG of zoo/LaganiNet.java) in PyTorch, trained on synthetic
CIFAR-sized data, timed as `hebbian4j bench --workload lagani-epoch` times ours: one epoch of SGD steps over
--images images in batches of --batch, after a one-batch warm-up.

Same layers in the same order as the zoo network (NCHW float32):
  conv 5x5 3->96 + ReLU, max-pool 2x2, batch norm; conv 3x3 96->128 + ReLU, batch norm;
  conv 3x3 128->192 + ReLU, max-pool 2x2, batch norm; conv 3x3 192->256 + ReLU, batch norm;
  dense 2304->4096 + ReLU, batch norm; dropout 0.5, dense 4096->10, softmax cross-entropy.
Optimizer as the zoo's: SGD with Nesterov momentum 0.9, lr 1e-3, weight decay 5e-2 (DL4J's l2) on the
weights of the backprop layers and the classifier; batch norm parameters without decay.

Prints one line: "lagani-bbbbbg: <images/s> img/s (median of N epochs); <images per CPU second> img/cpu-s;
best <images/s> img/s". Used by bench/compare.sh; run with /usr/bin/python3 (Debian's python3-torch).
"""
import argparse
import time

import torch
import torch.nn as nn


def lagani_bbbbbg(classes=10):
    return nn.Sequential(
        nn.Conv2d(3, 96, 5), nn.ReLU(), nn.MaxPool2d(2), nn.BatchNorm2d(96),
        nn.Conv2d(96, 128, 3), nn.ReLU(), nn.BatchNorm2d(128),
        nn.Conv2d(128, 192, 3), nn.ReLU(), nn.MaxPool2d(2), nn.BatchNorm2d(192),
        nn.Conv2d(192, 256, 3), nn.ReLU(), nn.BatchNorm2d(256),
        nn.Flatten(), nn.Linear(2304, 4096), nn.ReLU(), nn.BatchNorm1d(4096),
        nn.Dropout(0.5), nn.Linear(4096, classes))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--images", type=int, default=640)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--reps", type=int, default=1, help="timed epochs")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    net = lagani_bbbbbg()
    decay = [m.weight for m in net if isinstance(m, (nn.Conv2d, nn.Linear))]
    rest = [q for q in net.parameters() if all(q is not d for d in decay)]
    opt = torch.optim.SGD([{"params": decay, "weight_decay": 5e-2}, {"params": rest, "weight_decay": 0.0}],
                          lr=1e-3, momentum=0.9, nesterov=True)
    loss_fn = nn.CrossEntropyLoss()
    batches = max(1, a.images // a.batch)
    xs = [torch.rand(a.batch, 3, 32, 32) for _ in range(batches)]
    ys = [torch.randint(0, 10, (a.batch,)) for _ in range(batches)]
    net.train()

    def step(x, y):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()

    step(xs[0], ys[0])  # warm-up
    wall, cpu = [], []
    for _ in range(a.reps):
        t, c = time.perf_counter(), time.process_time()
        for x, y in zip(xs, ys):
            step(x, y)
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    images = batches * a.batch
    wall.sort()
    cpu.sort()
    print(f"lagani-bbbbbg: {images / wall[len(wall) // 2]:.1f} img/s (median of {a.reps}); "
          f"{images / cpu[len(cpu) // 2]:.1f} img/cpu-s; best {images / wall[0]:.1f} img/s")


if __name__ == "__main__":
    main()
