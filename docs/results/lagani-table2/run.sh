#!/usr/bin/env bash
# Table 2 (hybrid networks) and Table 3 (top layers retrained) of Lagani et al. on the full MNIST (50k / 10k / 10k),
# the Hebbian layers with the protocol of the authors' code as in ../lagani-table1/run.sh (raised-cosine competition,
# r|r|/sum|r| aggregation, normalized forward, ZCA epsilon 1e-2 on the 3-channel vector), one Hebbian epoch, the
# supervised layers 20 epochs with the best validation epoch kept. First the backprop baseline BBBBBG, whose frozen
# layers the hybrid rows take (--pretrained). One row per directory; each resumes after an interruption from its
# last finished epoch (rerun this script); a finished row is not rerun.
# Not yet the authors' protocol for the backprop layers (their B rows: no ZCA, per-channel normalization; their
# modified batch normalization in blocks 3-5): see ../lagani.md, "What is left".
out=docs/results/lagani-table2
common=(lagani --epochs 20 --patience 20 --rule reward-weighted-instar --similarity raised-cosine --normalized-forward
        --zca-epsilon 3.3333e-3 --results-md)
. "$(dirname "$0")/../lagani-rows.sh"
baseline=(--pretrained "$out/bbbbbg/pretrained-BBBBBG.zip")
row bbbbbg --pattern BBBBBG
for competition in WTA e-soft-WTA; do
  c=$(echo "$competition" | tr -d '-' | tr '[:upper:]' '[:lower:]')
  for pattern in HBBBBG BBBBHG HHBBBG HHHBBG HHHHHG; do
    row "$(echo $pattern | tr '[:upper:]' '[:lower:]')-$c" --pattern "$pattern" --competition "$competition" \
      --hebbian-epochs 1 "${baseline[@]}"
  done
done
row bbbbhh --pattern BBBBHH --hebbian-epochs 1 "${baseline[@]}"
