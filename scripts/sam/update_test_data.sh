#!/bin/bash
# Copies the SAM translator conformance cases that cfnlocal passes into tests/transforms/data/sam
# (inputs, expected outputs, and passing.txt listing "NAME PARTITION"), so that the transforms
# test suite guards them without ../shared.
# usage: scripts/sam/update_test_data.sh [CFNLOCAL_BINARY]   (default build-sam/cfnlocal)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build-sam/cfnlocal}
corpus=$root/../shared/corpus/sam-translator
[ -d "$corpus" ] || corpus=/work/shared/corpus/sam-translator
tools=$(dirname "$corpus")/../tools
dest=$root/tests/transforms/data/sam
failed=$(mktemp)
"$tools/sam-conformance" --corpus "$corpus" --partitions aws,aws-cn,aws-us-gov --show 100000 -- \
  "$bin" transform --region {region} --parameter-overrides param1=value1 param2=value2 --format json {input} \
  | sed -n 's/^FAIL \([^ ]*\) \[\([^]]*\)\].*/\1 \2/p' | sort > "$failed" || true
rm -rf "$dest"; mkdir -p "$dest/input" "$dest/output/aws-cn" "$dest/output/aws-us-gov"
: > "$dest/passing.txt"
for f in "$corpus"/input/*.yaml; do
  name=$(basename "$f" .yaml)
  case $name in translate_*|feature_toggle_*) continue;; esac
  if [[ $name == error_* ]]; then parts="aws"; else parts="aws aws-cn aws-us-gov"; fi
  for p in $parts; do
    sub=""; [ "$p" = aws ] || sub="$p/"
    [ -f "$corpus/output/$sub$name.json" ] || continue
    grep -qx "$name $p" "$failed" && continue
    cp "$f" "$dest/input/"
    cp "$corpus/output/$sub$name.json" "$dest/output/$sub"
    echo "$name $p" >> "$dest/passing.txt"
  done
done
rm -f "$failed"
echo "$(wc -l < "$dest/passing.txt") passing cases in $dest"
