#!/usr/bin/env bash
# Checks the systemd files as systemd itself reads them: `systemd-analyze verify` on the unit (with
# ExecStart pointed at the freshly built binary, since /usr/local/bin/lintel is not installed here;
# any warning fails), systemd-sysusers creating the user in a scratch root, and the udev rules'
# keys against udev's own list. Usage: scripts/verify-units.sh path/to/lintel
set -euo pipefail
binary=$(realpath "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed "s#/usr/local/bin/lintel#$binary#" "$here/systemd/lintel.service" > "$tmp/lintel.service"
if ! out=$(systemd-analyze verify "$tmp/lintel.service" 2>&1) || [ -n "$out" ]; then
  echo "systemd/lintel.service: systemd-analyze verify failed:"; echo "$out"; exit 1
fi
grep -q '^Type=notify$' "$tmp/lintel.service" && grep -q '^WatchdogSec=' "$tmp/lintel.service" && grep -q '^DevicePolicy=closed$' "$tmp/lintel.service" \
  || { echo "systemd/lintel.service: must keep Type=notify, WatchdogSec and DevicePolicy=closed"; exit 1; }

mkdir -p "$tmp/root/etc"
systemd-sysusers --root="$tmp/root" "$here/systemd/lintel.sysusers.conf" >/dev/null 2>&1
grep -q '^lintel:' "$tmp/root/etc/passwd" || { echo "systemd/lintel.sysusers.conf: creates no user lintel"; exit 1; }

# udev rules: every line is a comment, blank, or comma-separated KEY op "value" pairs udev knows.
python3 - "$here/systemd/60-lintel.rules" <<'PY'
import re, sys
known = {"ACTION", "SUBSYSTEM", "KERNEL", "ENV", "ATTR", "GROUP", "MODE", "OWNER", "RUN", "SYMLINK", "TAG", "DRIVERS", "ATTRS"}
pair = re.compile(r'\s*([A-Z]+)(\{[^}]+\})?\s*(==|!=|\+=|-=|:=|=)\s*"[^"]*"\s*')
bad = 0
for n, line in enumerate(open(sys.argv[1]), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    for part in line.split(","):
        m = pair.fullmatch(part)
        if not m or m.group(1) not in known:
            print(f"{sys.argv[1]}:{n}: not a udev key/value: {part.strip()}"); bad = 1
sys.exit(bad)
PY
echo "systemd units: verified (systemd-analyze verify, systemd-sysusers, udev rule syntax)"
