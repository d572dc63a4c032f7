#!/usr/bin/env bash
# `make hil`: runs every scenario in scripts/hil/scenarios/ in a real kernel VM and counts the
# HIL-CHECK lines they print. The kernel comes from LINTEL_VMKIT (a folder with vmlinuz and
# modules/*.ko: configfs, gpio-sim, bochs DRM, evdev), or is built from Debian's kernel package
# by scripts/hil/build-kit.sh when LINTEL_VMKIT is not set.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
kit=${LINTEL_VMKIT:-}
if [ -z "$kit" ]; then
  kit="$top/.build-hil/kit"
  [ -f "$kit/vmlinuz" ] || "$here/build-kit.sh" "$kit" || {
    echo "hil: no kernel kit. Set LINTEL_VMKIT to a folder with vmlinuz and modules/*.ko, or let" >&2
    echo "     scripts/hil/build-kit.sh build one from Debian's linux-image package (needs the Debian mirror)." >&2
    exit 2
  }
fi
[ -f "$kit/vmlinuz" ] || { echo "hil: $kit has no vmlinuz" >&2; exit 2; }
lintel=${LINTEL_BIN:-$(cd "$top" && swift build --show-bin-path)/lintel}
[ -x "$lintel" ] || { echo "hil: build lintel first (swift build --product lintel)" >&2; exit 2; }
# The platform runs in the guest too (the sync scenario), beside the agent, on the guest's loopback.
platform=${LINTEL_PLATFORM_BIN:-$(dirname "$lintel")/lintel-platform}
platform_bin=(); [ -x "$platform" ] && platform_bin=(--bin "$platform")
results="$top/.build-hil/results"; rm -rf "$results"; mkdir -p "$results"
passed=0; failed=0
for scenario in "$here"/scenarios/${HIL_ONLY:-*}.sh; do
  [ -f "$scenario" ] || continue
  case "$scenario" in *.host.sh) continue;; esac
  name=$(basename "$scenario" .sh)
  echo "hil: $name"
  "$here/vm-run.sh" "$kit" "$results/$name" "$scenario" --bin "$lintel" "${platform_bin[@]}" --timeout 240 \
    --file "$top/board-configs/vm.yaml:/etc/lintel/vm.yaml" --file "$here/guest-lib.sh:/hil/guest-lib.sh" \
    --file "$top/examples/demo-world.json:/etc/lintel/demo-world.json" \
    --file "$top/assets/fonts:/usr/share/lintel/fonts" > /dev/null
  log="$results/$name/serial.log"
  # A scenario may have a host-side check (e.g. comparing screendumps); its lines count too.
  host="${scenario%.sh}.host.sh"
  [ -f "$host" ] && bash "$host" "$results/$name" "$lintel" >> "$log" 2>&1
  grep -a "HIL-CHECK" "$log" | sed 's/^/  /'
  ok=$(grep -ac "HIL-CHECK ok" "$log"); bad=$(grep -ac "HIL-CHECK fail" "$log")
  if ! grep -aq "VM-SCENARIO-EXIT" "$log" || [ "$ok" = 0 ]; then
    echo "  $name did not finish; the console log is $log"; tail -20 "$log" | sed 's/^/    /'; bad=$((bad + 1))
  fi
  passed=$((passed + ok)); failed=$((failed + bad))
done
# The power-cut scenario: a few boots here (make soak runs 100+).
cycles=${HIL_POWERCUT_CYCLES:-3}
if [ "$cycles" -gt 0 ] && [ -z "${HIL_ONLY:-}" -o "${HIL_ONLY:-}" = powercut ]; then
  echo "hil: powercut ($cycles cycles)"
  "$here/powercut.sh" "$kit" "$lintel" "$results/powercut" "$cycles" > "$results/powercut.log" 2> "$results/powercut.err"
  grep -a "^powercut:\|HIL-CHECK" "$results/powercut.log" | sed 's/^/  /'
  ok=$(grep -ac "HIL-CHECK ok" "$results/powercut.log"); bad=$(grep -ac "HIL-CHECK fail" "$results/powercut.log")
  [ "$ok" = 0 ] && bad=$((bad + 1))
  passed=$((passed + ok)); failed=$((failed + bad))
fi
echo "hil: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
