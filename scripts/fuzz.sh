#!/bin/sh
# `make fuzz`: the snapshot decoder and validator under libFuzzer (swiftc -sanitize=fuzzer,address:
# coverage-guided, with AddressSanitizer and its leak checker), seeded with the shipped snapshots
# and a dictionary of the schema's field names and values. FUZZ_RUNS executions (default
# 1,000,000); a crash, a hang (FUZZ_TIMEOUT seconds for one input) or a leak stops it with the
# input saved as .build-fuzz/crash-*, leak-* or timeout-*.
set -eu
cd "$(dirname "$0")/.."
out=.build-fuzz
runs=${FUZZ_RUNS:-1000000}
mkdir -p "$out/seeds" "$out/corpus"
flags="-O -swift-version 6 -parse-as-library -sanitize=fuzzer,address -enable-upcoming-feature ExistentialAny"
echo "fuzz: building the snapshot fuzzer in $out" >&2
swiftc $flags -emit-module -emit-library -static -module-name LintelPolicy Sources/LintelPolicy/*.swift -o "$out/libLintelPolicy.a" -module-cache-path "$out/cache" -emit-module-path "$out/LintelPolicy.swiftmodule"
swiftc $flags -I "$out" -emit-module -emit-library -static -module-name LintelWire Sources/LintelWire/*.swift -o "$out/libLintelWire.a" -module-cache-path "$out/cache" -emit-module-path "$out/LintelWire.swiftmodule"
swiftc $flags -I "$out" Fuzz/SnapshotFuzzer.swift "$out/libLintelWire.a" "$out/libLintelPolicy.a" -o "$out/snapshot-fuzzer" -module-cache-path "$out/cache" 2>&1 | grep -v 'Cannot export local symbol' >&2 || true
cp examples/demo-world.json Tests/SnapshotRules/every-field.json "$out/seeds/"
python3 - "$out/snapshot.dict" <<'PY'
import json, sys
words = set()
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties": words.update(value)
            if key == "enum": words.update(v for v in value if isinstance(v, str))
            if key == "const" and isinstance(value, str): words.add(value)
            walk(value)
    elif isinstance(node, list):
        for value in node: walk(value)
walk(json.load(open("docs/snapshot.schema.json")))
with open(sys.argv[1], "w") as f:
    for word in sorted(words): f.write(json.dumps(json.dumps(word)) + "\n")
PY
start=$(date +%s)
status=0
(cd "$out" && ./snapshot-fuzzer -runs="$runs" -max_len=16384 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
    -dict=snapshot.dict corpus seeds) > "$out/fuzz.log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz.log" | tail -1)
peak=$(sed -n 's/^stat::peak_rss_mb: *//p' "$out/fuzz.log" | tail -1)
cov=$(grep -o 'cov: [0-9]*' "$out/fuzz.log" | tail -1 | cut -d' ' -f2)
echo "fuzz: ${execs:-?} executions in ${elapsed} s, coverage ${cov:-?} edges, corpus $(ls "$out/corpus" | wc -l) inputs, peak RSS ${peak:-?} MB, exit $status"
if [ "$status" != 0 ]; then
    grep -E 'ERROR|SUMMARY|Fatal error|Precondition|Test unit written' "$out/fuzz.log" | head -20
    exit 1
fi
