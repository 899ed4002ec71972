#!/usr/bin/env python3
"""NumPy reference of Hebbian4j's learning rules, competitions and homeostasis.

Written from the equations of docs/rules.md (and the rules' class comments), independently of the
Java code: every rule is a loop over the samples of the batch applying the paper's per-sample
equation, then the batch mean (Krotov-Hopfield: the batch sum normalized by its largest entry;
HebbNet: the batch mean, sparsified). Everything is computed in float64, from the values in the
input files (float32 files are converted exactly), so the result is the reference for either
precision of `hebbian4j rule-step`.

Conventions, as in docs/rules.md: x is (batch, nIn), W is (nOut, nIn) with row i = neuron i,
b is (nOut,), u = x W^T + b, y = competition(u - theta) with homeostasis theta, else
competition(u). dW has W's shape and contains no learning rate.

Usage:
  reference_rules.py step --rule NAME [--competition NAME] [--homeostasis NAME] [--set KEY=VALUE ...]
                          --x x.npy --w w.npy [--b b.npy] [--state-in DIR] --out DIR
      writes DIR/dw.npy and the state after the step (theta.npy, hebbnetAverage.npy, ...), float64.
  reference_rules.py case --seed S --batch B --n-in N --n-out M --dtype float32|float64
                          [--bias-mean B0] [--random-state] --dir DIR  (and the options of step but --x --w --b --out)
      generates DIR/x.npy, DIR/w.npy, DIR/b.npy (and DIR/state-in/*.npy with --random-state) in
      the given dtype, then runs step on them into DIR/ref.
"""

import argparse
import os
import sys

import numpy as np

# ---- hyperparameters and their defaults (as `hebbian4j rule-step --list` prints them) ----

RULES = {
    "hebbian-descent": {"activation": "sigmoid", "centering": "off"},
    "supervised-hebb": {},
    "hebb": {},
    "oja": {},
    "sanger": {},
    "instar": {},
    "mean-instar": {},
    "reward-weighted-instar": {},
    "softhebb": {},
    "softhebb-anti": {},
    "krotov": {"lebesgueP": 3.0, "rankK": 7, "antiHebbianStrength": 0.4},
    "hebbnet": {"sparsity": 0.8, "averageMomentum": 0.99, "level": "neuron"},
    "liuson": {"temperature": 1.0, "averageMomentum": 0.99},
}
RULE_STATE = {"hebbnet": "hebbnetAverage", "liuson": "liusonAverage"}
SUPERVISED = {"supervised-hebb", "hebbian-descent"}

COMPETITIONS = {
    "none": {},
    "relu": {},
    "wta": {},
    "kwta": {"winners": 5},
    "softmax": {"temperature": 1.0},
    "relu-softmax": {"temperature": 1.0},
    "power": {"power": 20.0},
    "rank-k": {"rankK": 7, "antiHebbianStrength": 0.4},
    "lateral": {"power": 10.0},
    "triangle": {},
}

HOMEOSTASIS = {
    "none": {},
    "threshold": {"rate": 20.0},
    "growth": {"averageMomentum": 0.99, "strength": 0.01, "signed": False},
}


def configure(rule, competition, homeostasis, settings):
    """Splits KEY=VALUE settings among the three components (prefix rule./competition./homeostasis. optional)."""
    chosen = {"rule": (rule, dict(RULES[rule])), "competition": (competition, dict(COMPETITIONS[competition])),
              "homeostasis": (homeostasis, dict(HOMEOSTASIS[homeostasis]))}
    for key, value in settings.items():
        kind, _, bare = key.rpartition(".")
        owners = [k for k, (_, h) in chosen.items() if (kind in ("", k)) and bare in h]
        if len(owners) != 1:
            raise SystemExit("--set %s: %s" % (key, "unknown" if not owners else "ambiguous"))
        params = chosen[owners[0]][1]
        default = params[bare]
        if isinstance(default, str):
            params[bare] = value.lower()
        elif isinstance(default, bool):
            params[bare] = value.strip().lower() == "true"
        else:
            params[bare] = int(value) if isinstance(default, int) else float(value)
    return chosen["rule"][1], chosen["competition"][1], chosen["homeostasis"][1]


# ---- competitions: one sample's u (nOut,) -> y (nOut,) ----

def descending_order(v):
    """Indices by decreasing value; ties: the lower index first."""
    return sorted(range(len(v)), key=lambda i: (-v[i], i))


def compete(name, h, u):
    n = len(u)
    y = np.zeros(n)
    if name == "none":
        return u.copy()
    if name == "relu":
        return np.maximum(u, 0.0)
    if name == "triangle":
        # y_i = max(0, u_i - mean_j u_j)
        return np.maximum(u - u.mean(), 0.0)
    if name == "wta":
        y[descending_order(u)[0]] = 1.0
        return y
    if name == "kwta":
        for i in descending_order(u)[:h["winners"]]:
            y[i] = 1.0
        return y
    if name == "softmax":
        e = np.exp((u - u.max()) / h["temperature"])
        return e / e.sum()
    if name == "relu-softmax":
        # softmax of max(u, 0) / T: every u <= 0 counts as 0
        r = np.maximum(u, 0.0)
        e = np.exp((r - r.max()) / h["temperature"])
        return e / e.sum()
    if name == "power":
        # y_i = max(u_i, 0)^p / sum_j max(u_j, 0)^p; no positive u: no reward
        positive = np.maximum(u, 0.0)
        if positive.max() == 0:
            return y
        powered = (positive / positive.max()) ** h["power"]
        return powered / powered.sum()
    if name == "rank-k":
        order = descending_order(u)
        y[order[0]] = 1.0
        y[order[h["rankK"] - 1]] = -h["antiHebbianStrength"]
        return y
    if name == "lateral":
        # h_i = h~_i^lambda / max_k h~_k^lambda on h~ = max(u, 0)
        positive = np.maximum(u, 0.0)
        top = positive.max()
        if top == 0:
            return y
        return positive ** h["power"] / top ** h["power"]
    raise SystemExit("unknown competition " + name)


# ---- rules: per-sample updates, combined as docs/rules.md says ----

def rule_update(name, h, x, u, y, w, state, t=None):
    batch, n_in = x.shape
    n_out = w.shape[0]
    if name == "krotov":
        return krotov(h, x, w)
    if name == "hebbnet":
        return hebbnet(h, x, y, state["hebbnetAverage"])
    if name == "mean-instar":
        # dw_i = sum_b y_bi (x_b - w_i) / sum_b y_bi; no update where the reward sum is <= 1e-6
        out = np.zeros((n_out, n_in))
        for i in range(n_out):
            s = sum(y[b, i] for b in range(batch))
            if s > 1e-6:
                out[i] = sum(y[b, i] * (x[b] - w[i]) for b in range(batch)) / s
        return out
    if name == "reward-weighted-instar":
        # dw_i = sum_b y_bi |y_bi| (x_b - w_i) / sum_b |y_bi|, a zero sum counting as 1
        out = np.zeros((n_out, n_in))
        for i in range(n_out):
            a = sum(abs(y[b, i]) for b in range(batch))
            a = a if a != 0 else 1.0
            out[i] = sum(y[b, i] * abs(y[b, i]) * (x[b] - w[i]) for b in range(batch)) / a
        return out
    total = np.zeros((n_out, n_in))
    for b in range(batch):
        xb, ub, yb = x[b], u[b], y[b]
        dw = np.zeros((n_out, n_in))
        for i in range(n_out):
            if name == "hebb":
                dw[i] = yb[i] * xb
            elif name == "oja":
                dw[i] = yb[i] * (xb - yb[i] * w[i])
            elif name == "instar":
                dw[i] = yb[i] * (xb - w[i])
            elif name == "softhebb":
                dw[i] = yb[i] * (xb - ub[i] * w[i])
            elif name == "softhebb-anti":
                s = 1.0 if i == descending_order(yb)[0] else -1.0
                dw[i] = s * yb[i] * (xb - ub[i] * w[i])
            elif name == "sanger":
                reconstruction = sum(w[k] * yb[k] for k in range(i + 1))
                dw[i] = yb[i] * xb - yb[i] * reconstruction
            elif name == "liuson":
                dw[i] = liuson_post(h, yb, state["liusonAverage"])[i] * xb
            elif name == "supervised-hebb":
                # Zhu & Liu eq. 13: dS_ij = (t_i - y_i) x_j
                dw[i] = (t[b, i] - yb[i]) * xb
            else:
                raise SystemExit("unknown rule " + name)
        total += dw
    return total / batch


def liuson_post(h, yb, average):
    """s_i y*_i for one sample: y* = softmax((y - y_EMA) / T); s = +1 winner, 0 if y* < 1/n, else -1."""
    n = len(yb)
    z = (yb - average) / h["temperature"]
    e = np.exp(z - z.max())
    y_star = e / e.sum()
    winner = descending_order(y_star)[0]
    s = np.array([1.0 if i == winner else (0.0 if y_star[i] < 1.0 / n else -1.0) for i in range(n)])
    return s * y_star


def krotov(h, x, w):
    """D = sum_b [g_i x_j - g_i u_i w_ij] with the rule's own u and rank-k g; dW = D / (max|D| + 1e-30)."""
    p, k, delta = h["lebesgueP"], h["rankK"], h["antiHebbianStrength"]
    d = np.zeros_like(w)
    for xb in x:
        u = np.array([np.sum(np.sign(wi) * np.abs(wi) ** (p - 1) * xb) for wi in w])
        g = np.zeros(len(u))
        order = descending_order(u)
        g[order[0]] = 1.0
        g[order[k - 1]] = -delta
        for i in range(len(u)):
            d[i] += g[i] * xb - g[i] * u[i] * w[i]
    return d / (np.abs(d).max() + 1e-30)


def hebbnet(h, x, y, average):
    """D_ij = mean_b (y_i - T_i) x_j; level activation: per sample only the top (1 - sparsity) share
    of neurons by y (and y > 0) contribute; level neuron: all rows but the top (1 - sparsity) share of the
    nOut rows by L2 norm zeroed; level entry: all entries but the top (1 - sparsity) share of |D|
    zeroed (ties with the last kept stay, in both)."""
    batch = x.shape[0]
    if h["level"] == "activation":
        # per sample, only the (1 - sparsity) share of neurons with the largest positive y learn
        n_out = y.shape[1]
        kept = n_out - int(np.floor(h["sparsity"] * n_out + 1e-9))
        d = np.zeros((n_out, x.shape[1]))
        for b in range(batch):
            threshold = np.sort(y[b])[::-1][kept - 1]
            mask = (y[b] >= threshold) & (y[b] > 0)
            d += np.outer(np.where(mask, y[b] - average, 0.0), x[b])
        return d / batch
    d = sum(np.outer(y[b] - average, x[b]) for b in range(batch)) / batch
    if h["level"] == "neuron":
        n_out = d.shape[0]
        kept = n_out - int(np.floor(h["sparsity"] * n_out + 1e-9))
        if kept >= n_out:
            return d
        norms = np.array([np.sqrt(np.sum(row * row)) for row in d])
        threshold = np.sort(norms)[::-1][kept - 1]
        return np.where((norms >= threshold)[:, None], d, 0.0)
    if h["level"] != "entry":
        raise SystemExit("hebbnet: unknown level " + h["level"])
    entries = d.size
    kept = entries - int(np.floor(h["sparsity"] * entries + 1e-9))
    if kept >= entries:
        return d
    threshold = np.sort(np.abs(d).ravel())[::-1][kept - 1]
    return np.where(np.abs(d) >= threshold, d, 0.0)


# ---- one step ----

ACTIVATIONS = {
    "sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a)),
    "tanh": np.tanh,
    "identity": lambda a: a,
}


def hebbian_descent(args):
    """Melchior & Wiskott: h = phi((x - mu) W^T + b); g = dL/dh of DL4J's MSE, (2/nOut)(h - t);
    dW = -mean_b g (x - mu)^T, db = -mean_b g; mu <- m mu + (1 - m) mean_b x (with centering m)."""
    settings = parse_settings(args.set)
    phi = ACTIVATIONS[settings.get("activation", "sigmoid")]
    x = np.load(args.x).astype(np.float64)
    w = np.load(args.w).astype(np.float64)
    n_out, n_in = w.shape
    b = np.load(args.b).astype(np.float64).reshape(n_out) if args.b else np.zeros(n_out)
    t = np.load(args.targets).astype(np.float64)
    centering = settings.get("centering")
    mu = np.zeros(n_in)
    if centering is not None and args.state_in and os.path.exists(os.path.join(args.state_in, "mu.npy")):
        mu = np.load(os.path.join(args.state_in, "mu.npy")).astype(np.float64).reshape(n_in)
    batch = x.shape[0]
    dw = np.zeros((n_out, n_in))
    db = np.zeros(n_out)
    for k in range(batch):
        xc = x[k] - mu
        h = phi(w @ xc + b)
        g = 2.0 * (h - t[k]) / n_out
        dw -= np.outer(g, xc)
        db -= g
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "dw.npy"), dw / batch)
    np.save(os.path.join(args.out, "db.npy"), db / batch)
    if centering is not None:
        m = float(centering)
        np.save(os.path.join(args.out, "mu.npy"), m * mu + (1 - m) * x.mean(axis=0))


def step(args):
    if args.rule == "hebbian-descent":
        return hebbian_descent(args)
    rule_h, comp_h, home_h = configure(args.rule, args.competition, args.homeostasis, parse_settings(args.set))
    x = np.load(args.x).astype(np.float64)
    w = np.load(args.w).astype(np.float64)
    n_out, n_in = w.shape
    b = np.load(args.b).astype(np.float64).reshape(n_out) if args.b else np.zeros(n_out)
    state = {}
    names = ([] if args.homeostasis == "none" else ["theta"]) + (
        [RULE_STATE[args.rule]] if args.rule in RULE_STATE else [])
    for name in names:
        path = os.path.join(args.state_in, name + ".npy") if args.state_in else None
        state[name] = np.load(path).astype(np.float64).reshape(-1) if path and os.path.exists(path) else np.zeros(n_out)

    u = x @ w.T + b
    seen = u - state["theta"] if args.homeostasis == "threshold" else u
    y = np.array([compete(args.competition, comp_h, row) for row in seen])
    t = np.load(args.targets).astype(np.float64) if getattr(args, "targets", None) else None
    dw = rule_update(args.rule, rule_h, x, u, y, w, state, t)

    after = {}
    batch_mean_y = y.mean(axis=0)
    if args.homeostasis == "threshold":
        # theta_i <- theta_i + rate (mean_b y_i - mean_{b,j} y)
        after["theta"] = state["theta"] + home_h["rate"] * (batch_mean_y - y.mean())
    elif args.homeostasis == "growth":
        g = home_h["averageMomentum"]
        after["theta"] = g * state["theta"] + (1 - g) * batch_mean_y
    if args.rule in RULE_STATE:
        m = rule_h["averageMomentum"]
        key = RULE_STATE[args.rule]
        after[key] = m * state[key] + (1 - m) * batch_mean_y

    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "dw.npy"), dw)
    for name, value in after.items():
        np.save(os.path.join(args.out, name + ".npy"), value)


def parse_settings(pairs):
    settings = {}
    for pair in pairs or []:
        key, _, value = pair.partition("=")
        settings[key] = value
    return settings


def case(args):
    rng = np.random.default_rng(args.seed)
    dtype = np.dtype(args.dtype)
    os.makedirs(args.dir, exist_ok=True)
    paths = {name: os.path.join(args.dir, name + ".npy") for name in ("x", "w", "b")}
    x = rng.random((args.batch, args.n_in)).astype(dtype)
    w = (rng.standard_normal((args.n_out, args.n_in)) / np.sqrt(args.n_in)).astype(dtype)
    b = (args.bias_mean + 0.1 * rng.standard_normal(args.n_out)).astype(dtype)
    for name, value in (("x", x), ("w", w), ("b", b)):
        np.save(paths[name], value)
    args.targets = None
    if args.rule in SUPERVISED:
        labels = rng.integers(0, args.n_out, args.batch)
        t = np.eye(args.n_out)[labels].astype(dtype)
        args.targets = os.path.join(args.dir, "t.npy")
        np.save(args.targets, t)
    u = x.astype(np.float64) @ w.astype(np.float64).T + b
    print("samples without a positive u: %d of %d" % ((u.max(axis=1) <= 0).sum(), args.batch))
    state_dir = None
    if args.random_state:
        state_dir = os.path.join(args.dir, "state-in")
        os.makedirs(state_dir, exist_ok=True)
        if args.homeostasis != "none":
            theta = 0.2 * rng.standard_normal(args.n_out) if args.homeostasis == "threshold" else rng.random(args.n_out)
            np.save(os.path.join(state_dir, "theta.npy"), theta.astype(dtype))
        if args.rule in RULE_STATE:
            np.save(os.path.join(state_dir, RULE_STATE[args.rule] + ".npy"), (0.5 * rng.random(args.n_out)).astype(dtype))
        if args.rule == "hebbian-descent":
            np.save(os.path.join(state_dir, "mu.npy"), (0.5 * rng.random(args.n_in)).astype(dtype))
    args.x, args.w, args.b, args.state_in = paths["x"], paths["w"], paths["b"], state_dir
    args.out = os.path.join(args.dir, "ref")
    step(args)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("step", "case"):
        p = sub.add_parser(name)
        p.add_argument("--rule", required=True, choices=sorted(RULES))
        p.add_argument("--competition", default="none", choices=sorted(COMPETITIONS))
        p.add_argument("--homeostasis", default="none", choices=sorted(HOMEOSTASIS))
        p.add_argument("--set", action="append", metavar="KEY=VALUE")
        if name == "step":
            p.add_argument("--x", required=True)
            p.add_argument("--w", required=True)
            p.add_argument("--b")
            p.add_argument("--state-in")
            p.add_argument("--targets")
            p.add_argument("--out", required=True)
        else:
            p.add_argument("--seed", type=int, required=True)
            p.add_argument("--batch", type=int, default=8)
            p.add_argument("--n-in", type=int, default=10)
            p.add_argument("--n-out", type=int, default=6)
            p.add_argument("--dtype", choices=("float32", "float64"), required=True)
            p.add_argument("--bias-mean", type=float, default=0.0)
            p.add_argument("--random-state", action="store_true")
            p.add_argument("--dir", required=True)
    args = parser.parse_args(argv)
    step(args) if args.command == "step" else case(args)


if __name__ == "__main__":
    main(sys.argv[1:])
