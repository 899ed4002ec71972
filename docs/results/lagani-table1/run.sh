#!/usr/bin/env bash
# Table 1, layer 1 of Lagani et al. on the full MNIST (50k / 10k / 10k) with the protocol of the authors' code
# (raised-cosine competition, r|r|/sum|r| aggregation, output ReLU(x.w/|w|), probe with dropout 0.5 and the
# learning rate halved after every epoch from epoch 10, 20 probe epochs, best validation epoch), and the
# random-initialization control (--hebbian-epochs 0). ZCA: the authors whiten the 3072-dim vector of the three
# identical gray channels with epsilon 1e-2; on each channel that is the gray 1024-dim ZCA with epsilon 1e-2 / 3,
# times 1/sqrt(3) (the covariance of three copies has eigenvalues 3 lambda), hence --zca-epsilon 3.3333e-3 here. One row per directory; a finished row (results.json with
# "complete": true) is not rerun.
out=docs/results/lagani-table1
common=(lagani --pattern none --probe-layer 1 --no-bp-probe --epochs 20 --patience 20
        --rule reward-weighted-instar --similarity raised-cosine --normalized-forward
        --probe-dropout 0.5 --probe-halving-from 10 --zca-epsilon 3.3333e-3 --results-md)
. "$(dirname "$0")/../lagani-rows.sh"
row l1-wta --competition WTA --hebbian-epochs 1
row l1-control --competition WTA --hebbian-epochs 0
row l1-esoftwta --competition e-soft-WTA --hebbian-epochs 1
row l1-psoftwta --competition p-soft-WTA --hebbian-epochs 1
row l1-5wta --competition 5-WTA --hebbian-epochs 1
