# The agent syncing with lintel-platform, both in the VM on its loopback: the agent pairs by code
# (approved with `lintel-platform devices approve`), takes its snapshot, then
#   1. a booking made with `lintel-platform bookings add` shows on the DRM display (screendump)
#      within 2 s of its commit (the command's return), through the poke socket and a delta;
#   2. a check-in pressed on gpio-sim shows in `lintel-platform bookings list` within 2 s.
. /hil/guest-lib.sh
FAILED=0
setup_chip
mkdir -p /run/systemd/timesync && touch /run/systemd/timesync/synchronized
uptime_cs() { awk '{ print int($1 * 100) }' /proc/uptime; }

start_platform sync-hil-admin-token-0123456789

cat > /tmp/agent.yaml <<YAML
space: ams-r-tulip
store: /tmp/agent.sqlite
board: /etc/lintel/vm.yaml
display: { output: drm, device: /dev/dri/card0 }
http: { listen: "127.0.0.1:9464" }
sync: { platform: "http://127.0.0.1:8443", credential: /tmp/state/credential.json, poll-seconds: 5 }
YAML
lintel run --config /tmp/agent.yaml 2> /tmp/agent.log &
AGENT=$!
wait_for /tmp/agent.log "pairing: waiting" 120; check pairing-code-shown $? "$(grep -m1 'pairing:' /tmp/agent.log)"
code=$(grep -m1 -o 'code=[A-Z0-9-]*' /tmp/agent.log | cut -d= -f2)
lintel-platform devices approve --db /tmp/platform.sqlite "$code" --space ams-r-tulip > /tmp/approve.log 2>&1
check technician-approves-code $? "$(cat /tmp/approve.log)"
wait_for /tmp/agent.log "kind=snapshot" 60; check snapshot-applied $? "$(grep -m1 'pull applied' /tmp/agent.log)"
wait_for /tmp/agent.log "showing status=free" 30; check panel-free-before $? "$(grep 'showing' /tmp/agent.log | tail -1)"
[ "$(stat -c %a /tmp/state/credential.json)" = 600 ]; check credential-file-0600 $? "mode $(stat -c %a /tmp/state/credential.json)"
sleep 3   # the poke socket is open by now

# 1. A booking made on the platform, due in three minutes: check-in opens ten minutes before.
start=$(date -u -d @$(( $(date +%s) + 180 )) +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u -d @$(( $(date +%s) + 1980 )) +%Y-%m-%dT%H:%M:%SZ)
tc=$(uptime_cs)
lintel-platform bookings add --db /tmp/platform.sqlite --space ams-r-tulip --owner u-anna --start "$start" --end "$end" --title "HIL platform booking" > /tmp/add.log 2>&1
rc=$?; t0=$(uptime_cs)   # the booking is committed once the command returns
check platform-booking-added $rc "$(cat /tmp/add.log) ($(( (t0 - tc) * 10 )) ms for the command)"
booking=$(grep -o 'bk-[A-Za-z0-9_-]*' /tmp/add.log | head -1)
wait_for /tmp/agent.log "showing status=checkin-due" 10; ok=$?
t1=$(uptime_cs)
echo "SHOT sync-platform-booking"
took=$((t1 - t0))
[ $ok = 0 ] && [ $took -le 200 ]; check platform-booking-on-glass-within-2s $? "checkin-due on the panel $((took * 10)) ms after bookings add returned (the commit); $(grep -c 'kind=delta' /tmp/agent.log) delta(s)"
sleep 3

# 2. A check-in on the button: on the platform within 2 s.
t0=$(uptime_cs)
press CHECKIN_BTN; usleep 150000; release CHECKIN_BTN
# Watched through the admin API (a command per look is slow under emulation), then read with the command.
n=0; until wget -qO- --header "Authorization: Bearer $(cat /tmp/admin-token)" "http://127.0.0.1:8443/v1/admin/bookings?space=ams-r-tulip" \
    | tr '{' '\n' | grep "\"$booking\"" | grep -q '"checkIn":"checked-in"'; do
  usleep 50000; n=$((n+1)); [ $n -gt 200 ] && break
done
t1=$(uptime_cs); took=$((t1 - t0))
line=$(lintel-platform bookings list --db /tmp/platform.sqlite --space ams-r-tulip | grep "$booking")
echo "$line" | grep -q checked-in && [ $n -le 200 ] && [ $took -le 200 ]; check gpio-checkin-on-platform-within-2s $? "$((took * 10)) ms from the press: $line"
echo "SHOT sync-checked-in"; sleep 3
wget -qO /tmp/metrics http://127.0.0.1:9464/metrics
grep -q 'lintel_sync_state{state="online"} 1' /tmp/metrics; check sync-metrics-online $? "$(grep 'lintel_sync_state{state="online"}' /tmp/metrics)"
secret=$(sed 's/.*"credential":"\([^"]*\)".*/\1/' /tmp/state/credential.json)
[ ${#secret} -ge 16 ] && ! grep -qF "$secret" /tmp/agent.log; check credential-not-logged $? "the ${#secret}-character credential is not in the agent's log"
kill -TERM $AGENT; wait $AGENT; rc=$?
[ $rc = 0 ]; check agent-sigterm-exit $? "exit status $rc"
kill -TERM $PLATFORM; wait $PLATFORM
exit $FAILED
