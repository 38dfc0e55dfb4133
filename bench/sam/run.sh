#!/bin/bash
# Benchmark: every SAM translator corpus input through `cfnlocal transform --output-dir` in one
# process, against the installed Python SAM translator over the same inputs in one Python process.
# usage: bench/sam/run.sh [CFNLOCAL_BINARY] [CORPUS_INPUT_DIR]
# Prints wall times and the speed-up. Needs python3 with aws-sam-translator (the reference).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build-sam/cfnlocal}
inputs=${2:-$root/../shared/corpus/sam-translator/input}
[ -d "$inputs" ] || inputs=/work/shared/corpus/sam-translator/input
files=$(ls "$inputs"/*.yaml)
count=$(echo "$files" | wc -l)
out=$(mktemp -d)

start=$(date +%s.%N)
"$bin" transform --region us-east-1 --parameter-overrides param1=value1 param2=value2 \
  --output-dir "$out/cfnlocal" $files > /dev/null 2>&1 || true
end=$(date +%s.%N)
native=$(echo "$end - $start" | bc)

python_time=$(python3 "$(dirname "$0")/translator_bench.py" "$inputs" "$out/python")
echo "inputs: $count"
echo "cfnlocal transform (one process): ${native}s"
echo "aws-sam-translator (one Python process): ${python_time}s"
echo "speed-up: $(echo "scale=1; $python_time / $native" | bc)x"
rm -rf "$out"
