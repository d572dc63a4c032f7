# A technician's first minutes with a board, in the VM: `lintel doctor` passes on the real devices
# (DRM, gpio-sim, the platform on the guest's loopback) and catches a board file naming a line the
# chip does not have; an unprovisioned agent shows its pairing code on the DRM display
# (screendump); the scenario approves it with `lintel-platform devices approve` in the VM; the
# room panel appears within 10 s; `lintel status` says paired; `lintel deprovision` tells the platform.
. /hil/guest-lib.sh
FAILED=0
setup_chip
mkdir -p /run/systemd/timesync && touch /run/systemd/timesync/synchronized
uptime_cs() { awk '{ print int($1 * 100) }' /proc/uptime; }

start_platform pairing-hil-admin-token-0123456789

cat > /tmp/agent.yaml <<YAML
space: ams-r-tulip
store: /tmp/state/store.sqlite
board: /etc/lintel/vm.yaml
display: { output: drm, device: /dev/dri/card0 }
http: { listen: "127.0.0.1:9464" }
sync: { platform: "http://127.0.0.1:8443", credential: /tmp/state/credential.json, poll-seconds: 5 }
YAML
mkdir -p /tmp/state

# The doctor on the real devices: everything passes.
lintel doctor --config /tmp/agent.yaml > /tmp/doctor.log 2>&1; rc=$?
[ $rc = 0 ]; check doctor-passes-on-the-vm $? "exit $rc: $(grep -c '^ok' /tmp/doctor.log) ok, $(grep '^FAIL' /tmp/doctor.log | head -2)"
grep -q '^ok   board file: /etc/lintel/vm.yaml' /tmp/doctor.log; check doctor-board-matches-gpio-sim $? "$(grep 'board file' /tmp/doctor.log)"
grep -q '^ok   display: /dev/dri/card0 .* connected' /tmp/doctor.log; check doctor-display-connected $? "$(grep '^.... display' /tmp/doctor.log)"
# A board file naming a line gpio-sim does not have.
sed 's/CHECKIN_BTN/NO_SUCH_LINE/' /etc/lintel/vm.yaml > /tmp/bad-board.yaml
sed 's|/etc/lintel/vm.yaml|/tmp/bad-board.yaml|' /tmp/agent.yaml > /tmp/bad-agent.yaml
lintel doctor --config /tmp/bad-agent.yaml > /tmp/doctor-bad.log 2>&1; rc=$?
[ $rc -ge 1 ] && grep -q 'FAIL board file: /tmp/bad-board.yaml does not match this board: .*NO_SUCH_LINE' /tmp/doctor-bad.log
check doctor-finds-a-line-the-chip-lacks $? "exit $rc: $(grep -A1 'FAIL board' /tmp/doctor-bad.log | tr '\n' ' ')"

# The unprovisioned agent shows its code on the display.
lintel run --config /tmp/agent.yaml 2> /tmp/agent.log &
AGENT=$!
wait_for /tmp/agent.log "pairing: waiting" 120; check pairing-code-requested $? "$(grep -m1 'pairing:' /tmp/agent.log)"
code=""; n=0
until [ -n "$code" ] || [ $n -gt 100 ]; do
  code=$(lintel status --config /tmp/agent.yaml --json | grep -o '"pairingCode" : "[A-Z0-9-]*"' | cut -d'"' -f4); n=$((n+1)); usleep 100000
done
[ -n "$code" ]; check status-shows-pairing-code $? "code $code"
sleep 1
echo "PAIRING code=$code url=http://127.0.0.1:8443/pair?code=$code"
echo "SHOT pairing-screen"; sleep 2

# The technician approves it; the room appears.
t0=$(uptime_cs)
lintel-platform devices approve --db /tmp/platform.sqlite "$code" --space ams-r-tulip > /tmp/approve.log 2>&1
check technician-approves-code $? "$(cat /tmp/approve.log)"
wait_for /tmp/agent.log "showing status=free" 15; ok=$?
t1=$(uptime_cs)
[ $ok = 0 ] && [ $((t1 - t0)) -le 1000 ]; check room-panel-within-10s-of-approval $? "free on the panel $(( (t1 - t0) * 10 )) ms after the approval"
echo "SHOT room-panel"; sleep 2
lintel status --config /tmp/agent.yaml > /tmp/status.log 2>&1
grep -q '^provisioning  paired with http://127.0.0.1:8443 as dev-' /tmp/status.log && grep -q '^source        running agent' /tmp/status.log
check status-says-paired $? "$(grep provisioning /tmp/status.log)"
grep -q '^display       drm /dev/dri/card0.*opened /dev/dri/card0' /tmp/status.log; check status-names-the-display $? "$(grep '^display' /tmp/status.log)"
press CHECKIN_BTN; usleep 150000; release CHECKIN_BTN; sleep 1
lintel status --config /tmp/agent.yaml > /tmp/status2.log 2>&1
grep -Eq '^ +checkin-button +short-press' /tmp/status2.log; check status-last-input-event $? "$(grep -A3 '^inputs' /tmp/status2.log | tr '\n' ' ')"
kill -TERM $AGENT; wait $AGENT

# Leaving the platform.
device=$(grep -o 'dev-[A-Za-z0-9_-]*' /tmp/status.log | head -1)
lintel deprovision --config /tmp/agent.yaml --discard-events > /tmp/deprovision.log 2>&1; rc=$?
[ $rc = 0 ] && [ ! -e /tmp/state/credential.json ] && [ ! -e /tmp/state/store.sqlite ]
check deprovision-wipes $? "exit $rc: $(tr '\n' ' ' < /tmp/deprovision.log)"
lintel-platform devices list --db /tmp/platform.sqlite | grep "^$device" | grep -q revoked; check deprovision-tells-the-platform $? "$(lintel-platform devices list --db /tmp/platform.sqlite | grep "^$device")"
kill -TERM $PLATFORM; wait $PLATFORM
exit $FAILED
