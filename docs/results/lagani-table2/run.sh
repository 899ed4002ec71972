#!/usr/bin/env bash
# Table 2 (hybrid networks) and Table 3 (top layers retrained) of Lagani et al. on the full MNIST (50k / 10k / 10k),
# the Hebbian layers with the protocol of the authors' code as in ../lagani-table1/run.sh (raised-cosine competition,
# r|r|/sum|r| aggregation, normalized forward, ZCA epsilon 1e-2 on the 3-channel vector), one Hebbian epoch, the
# supervised layers 20 epochs with the best validation epoch kept. First the backprop baseline BBBBBG, whose frozen
# layers the hybrid rows take (--pretrained). One row per directory; each resumes after an interruption from its
# last finished epoch (rerun this script); a finished row is not rerun.
# As the authors' code: the learning rate of the backprop layers halved after every epoch from epoch 10
# (--halving-from 10); rows that start with a backprop layer on standardized inputs instead of ZCA (--standardize).
# Not yet: their modified batch normalization in blocks 3-5 (see ../lagani.md, "What is left").
out=docs/results/lagani-table2
common=(lagani --epochs 20 --patience 20 --halving-from 10 --rule reward-weighted-instar --similarity raised-cosine --normalized-forward
        --zca-epsilon 3.3333e-3 --results-md)
. "$(dirname "$0")/../lagani-rows.sh"
baseline=(--pretrained "$out/bbbbbg/pretrained-BBBBBG.zip")
row bbbbbg --pattern BBBBBG --standardize
for competition in WTA e-soft-WTA; do
  c=$(echo "$competition" | tr -d '-' | tr '[:upper:]' '[:lower:]')
  for pattern in HBBBBG BBBBHG HHBBBG HHHBBG HHHHHG; do
    input=(); [ "${pattern:0:1}" = B ] && input=(--standardize)
    row "$(echo $pattern | tr '[:upper:]' '[:lower:]')-$c" --pattern "$pattern" --competition "$competition" \
      --hebbian-epochs 1 "${input[@]}" "${baseline[@]}"
  done
done
row bbbbhh --pattern BBBBHH --hebbian-epochs 1 --standardize "${baseline[@]}"
