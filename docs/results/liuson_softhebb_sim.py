#!/usr/bin/env python3
"""NumPy re-implementation of the SoftHebb runs of `hebbian4j liuson`, for fast what-if tests of the
Gini discrepancy with Liuson's Table 2 (see liuson-softhebb-gini.md).

One hidden layer W [K, N] without bias, one epoch over MNIST (or the CIFAR-10 subset) in batches of
32, W += lr * dW with the batch-mean SoftHebb update dW_i = mean_b s_bi y_bi (x_b - u_bi w_i),
u = W x, y = softmax(u) or softmax(relu(u)), s = +1 (plain) or +1 for the sample's winner and -1
for every other neuron (Journe et al.'s anti-Hebbian form). Per-neuron update sizes are logged in
four readings of Liuson's "running average of all updates":
  mean   Gini of mean_t ||lr dW_i(t)||          (hebbian4j's default reading)
  ema    Gini of EMA_0.99 ||lr dW_i(t)||, from 0
  vmean  Gini of ||mean_t lr dW_i(t)||          (hebbian4j's "average update vectors")
  vema   Gini of ||EMA_0.99 lr dW_i(t)||
(with --adaptive, lr is the neuron's own rate: the sizes are those of the steps actually taken).
"Start" is after the first step (all readings agree there).

Run from anywhere:  python3 liuson_softhebb_sim.py --units 32 128 --input layer --init torch
NumPy only; single-threaded BLAS is enough (32-512 units take seconds, 2048 about a minute).
"""
import argparse
import glob
import gzip
import os
import time

import numpy as np

# Default: the shared data beside the repository (repo/../shared/data), as the tests use it.
DATA = os.environ.get('HEBBIAN4J_DATA', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data'))


def load_mnist():
    with gzip.open(os.path.join(DATA, 'mnist', 'train-images-idx3-ubyte.gz')) as f:
        return np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255.


def load_cifar_subset():
    raw = open(sorted(glob.glob(os.path.join(DATA, 'cifar-10-subset', 'data_batch*')))[0], 'rb').read()
    return np.frombuffer(raw, np.uint8).reshape(-1, 3073)[:, 1:].astype(np.float32) / 255.


def gini(v):
    """sum_ij |v_i - v_j| / (2 n^2 mean v), from the sorted values (hebbian4j's Gini)."""
    v = np.sort(v)
    n, s = len(v), v.sum()
    return 0.0 if s == 0 else float(((2 * np.arange(n) - n + 1) * v).sum() / (n * s))


def softmax_rows(z):
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--dataset', choices=['mnist', 'cifar'], default='mnist')
    p.add_argument('--units', type=int, nargs='+', default=[32, 128])
    p.add_argument('--limit', type=int, default=0, help='training images (0 = all)')
    p.add_argument('--lr', type=float, default=None, help='default: 0.05 (MNIST), 0.01 (CIFAR-10)')
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--input', default='layer',
                   help='layer (per-image layer norm), std ((p - .1307) / .3081, torchvision MNIST), raw ([0, 1]), '
                        'normR (each image scaled to norm R, e.g. norm5)')
    p.add_argument('--init', default='torch', choices=['torch', 'normalR'],
                   help='torch: U(+-1/sqrt(N)); normalR: N(0, pi/(2N) R^2)')
    p.add_argument('--R', type=float, default=5.0)
    p.add_argument('--temperature', type=float, default=1.0)
    p.add_argument('--relu', type=int, default=0, help='1: y = softmax(relu(u) / T)')
    p.add_argument('--anti', type=int, default=0, help='1: negate every non-winner (Journe et al.)')
    p.add_argument('--sum', type=int, default=0, help='1: sum the update over the batch instead of averaging')
    p.add_argument('--maxnorm', type=int, default=0,
                   help='1: divide each step\'s dW by its largest |entry| (Journe et al.\'s code)')
    p.add_argument('--adaptive', type=float, default=0.0,
                   help='p > 0: per-neuron lr * | ||w_i|| - 1 |^p (Journe et al.\'s weight-norm-dependent rate)')
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    X = load_mnist() if a.dataset == 'mnist' else load_cifar_subset()
    lr = a.lr if a.lr is not None else (0.05 if a.dataset == 'mnist' else 0.01)
    if a.limit:
        X = X[:a.limit]
    if a.input == 'layer':
        X = (X - X.mean(1, keepdims=True)) / np.sqrt(X.var(1, keepdims=True) + 1e-5)
    elif a.input == 'std':
        X = (X - 0.1307) / 0.3081
    elif a.input.startswith('norm'):
        X = float(a.input[4:]) * X / np.linalg.norm(X, axis=1, keepdims=True)
    print(f"{a.dataset}: {len(X)} images, mean |x| {np.linalg.norm(X, axis=1).mean():.1f}, lr {lr}; {vars(a)}")
    rng = np.random.default_rng(a.seed)
    N = X.shape[1]
    for K in a.units:
        if a.init == 'torch':
            W = rng.uniform(-1 / np.sqrt(N), 1 / np.sqrt(N), (K, N)).astype(np.float32)
        else:
            W = rng.normal(0, np.sqrt(np.pi / (2 * N)) * a.R, (K, N)).astype(np.float32)
        W0 = W.copy()
        order = rng.permutation(len(X))
        steps = len(X) // a.batch
        size_sum, size_ema = np.zeros(K), np.zeros(K)
        vec_sum, vec_ema = np.zeros((K, N)), np.zeros((K, N))
        wins = np.zeros(K)
        top_share = []
        t0 = time.time()
        for t in range(steps):
            x = X[order[t * a.batch:(t + 1) * a.batch]]
            u = x @ W.T
            y = softmax_rows((np.maximum(u, 0) if a.relu else u) / a.temperature)
            winner = y.argmax(1)
            np.add.at(wins, winner, 1)
            top_share.append(y.max(1).mean())
            if a.anti:
                y = -y
                y[np.arange(len(y)), winner] *= -1
            dW = y.T @ x - (y * u).sum(0)[:, None] * W
            if not a.sum:
                dW /= a.batch
            if a.maxnorm:
                dW /= np.abs(dW).max() + 1e-30
            rate = lr if a.adaptive <= 0 else \
                lr * ((np.abs(np.linalg.norm(W, axis=1) - 1) + 1e-10) ** a.adaptive)[:, None]
            step = rate * dW
            size = np.linalg.norm(step, axis=1)
            size_sum += size
            size_ema = 0.99 * size_ema + 0.01 * size
            vec_sum += step
            vec_ema = 0.99 * vec_ema + 0.01 * step
            W += step
            if t == 0:
                start = gini(size)
        cos = (W * W0).sum(1) / np.linalg.norm(W, axis=1) / np.linalg.norm(W0, axis=1)
        print(f"K={K:5d} start {start:.2f} | end: mean {gini(size_sum):.2f} ema {gini(size_ema):.2f} "
              f"vmean {gini(np.linalg.norm(vec_sum, axis=1)):.2f} vema {gini(np.linalg.norm(vec_ema, axis=1)):.2f} "
              f"| dead (cos >= .995) {(cos >= 0.995).mean():.2f} | ever won {(wins > 0).mean():.2f}, "
              f"Gini of wins {gini(wins):.2f} | mean max y: first 10 steps {np.mean(top_share[:10]):.2f}, "
              f"last 10 {np.mean(top_share[-10:]):.2f} | |w| median {np.median(np.linalg.norm(W, axis=1)):.2f} "
              f"({time.time() - t0:.0f} s)", flush=True)


if __name__ == '__main__':
    main()
