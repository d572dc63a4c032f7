#!/bin/sh
# make demo: lintel-platform on its embedded SQLite with the demo world (moved to today), and the
# agent synced with it, its virtual panel on loopback. The technician's part — approving the
# pairing code the panel shows — is done here for the demo. Ctrl-C stops both.
# usage: demo.sh LINTEL LINTEL_PLATFORM DEMO_DIR HTTP_PORT PLATFORM_PORT SPACE
set -eu
lintel=$1 platform=$2 dir=$3 port=$4 pport=$5 space=$6
config=examples/demo-agent.yaml
umask 077
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/admin-token"
"$lintel" store seed --config $config --space "$space" > "$dir/world.json"
"$platform" import --db "$dir/platform.sqlite" "$dir/world.json" > /dev/null
"$platform" serve --db "$dir/platform.sqlite" --port "$pport" --admin-token-file "$dir/admin-token" --demo-page > "$dir/platform.log" 2>&1 &
platform_pid=$!
agent_pid=
trap 'trap - EXIT; kill $agent_pid $platform_pid 2>/dev/null; wait 2>/dev/null; exit 0' INT TERM
trap 'kill $agent_pid $platform_pid 2>/dev/null' EXIT
python3 - "$pport" <<'PY'
import sys, time, urllib.request
for _ in range(300):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=1).read(); sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit("demo: lintel-platform did not start; see its log in .demo/platform.log")
PY
echo "Lintel demo: the panel is at http://127.0.0.1:$port/ — the platform's booking page at http://127.0.0.1:$pport/demo?space=$space (Ctrl-C stops both)."
"$lintel" run --config $config --store "$dir/agent.sqlite" --credential "$dir/credential.json" --platform "http://127.0.0.1:$pport" \
    --http "127.0.0.1:$port" --space "$space" &
agent_pid=$!
# Approve the code the panel shows, as a technician would with `lintel-platform devices approve`.
for _ in $(seq 1 300); do
    code=$("$platform" devices list --db "$dir/platform.sqlite" | awk -F'\t' '$2 == "pending" { print $3; exit }')
    if [ -n "$code" ]; then
        "$platform" devices approve --db "$dir/platform.sqlite" "$code" --space "$space"
        break
    fi
    sleep 0.2
done
wait $agent_pid
