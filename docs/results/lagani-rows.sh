# Sourced by the run.sh of each Lagani table: runs rows of `hebbian4j lagani` from a snapshot of the tool, one
# directory per row, each resumable (rerun the script after an interruption); a finished row (results.json with
# "complete": true) is not rerun. Set `out` (the table's directory) and `common` (the options of every row) first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. bench/blas-env.sh
export HEBBIAN4J_DATA="${HEBBIAN4J_DATA:-$(cd ../shared/data && pwd)}"
# Run from a snapshot of the tool, so that rebuilding the checkout while rows run changes nothing.
snapshot=$(mktemp -d /tmp/hebbian4j-lagani.XXXX)
cp -r samples/target/hebbian4j.jar samples/target/lib "$snapshot"/
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- hebbian-layers zoo samples || echo '+uncommitted')"
echo "tool snapshot: $snapshot (commit $commit)"
row() {
  local name=$1; shift
  if [ -f "$out/$name/results.json" ] && grep -q '"complete" *: *true' "$out/$name/results.json"; then
    echo "row $name: done"; return
  fi
  mkdir -p "$out/$name"
  echo "row $name: hebbian4j ${common[*]} $out/$name --out $out/$name $* (tool of commit $commit)" \
    | tee "$out/$name/command.txt"
  /usr/bin/time -v java -Xmx12g -jar "$snapshot/hebbian4j.jar" "${common[@]}" "$out/$name" --out "$out/$name" "$@" \
    > "$out/$name/log.txt" 2>&1
}
