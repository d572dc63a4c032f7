# The agent end to end on real kernel devices: `lintel run` with the VM board (gpio-sim buttons, PIR,
# RGB status LED; the PS/2 keyboard as badge reader) and the bochs DRM display. Three stories from
# the demo world, moved to today:
#   1. a booking is due → the check-in button is pressed on gpio-sim → the panel turns "in use"
#      (screendump) and the LED lines go from blinking amber to steady red;
#   2. a no-show → released by the system when its check-in window closes;
#   3. a hygienic desk in use → End → needs cleaning → a badge without clean rights is refused →
#      the cleaner's badge marks it clean.
# Then SIGTERM: a clean exit, LEDs dark; the journal holds each decision exactly once.
. /hil/guest-lib.sh
FAILED=0
setup_chip
mkdir -p /run/systemd/timesync && touch /run/systemd/timesync/synchronized   # timesyncd: the clock is right

# agent_config SPACE BOOKINGS-YAML: an agent configuration for one space of the demo world.
agent_config() {
  cat > /tmp/agent.yaml <<YAML
space: $1
store: /tmp/agent.sqlite
board: /etc/lintel/vm.yaml
display: { output: drm, device: /dev/dri/card0 }
http: { listen: "127.0.0.1:9464" }
seed:
  snapshot: /etc/lintel/demo-world.json
  rebase-to-today: true
  bookings:
$2
YAML
}
start_agent() { rm -f /tmp/agent.sqlite*; : > /tmp/agent.log; lintel run --config /tmp/agent.yaml 2> /tmp/agent.log & AGENT=$!; }
stop_agent() { kill -TERM $AGENT; wait $AGENT; }
# led_seen PATTERN SECONDS: the LED lines show PATTERN (red green blue) within SECONDS
led_seen() { n=0; while [ "$(led_state)" != "$1" ]; do usleep 20000; n=$((n+1)); [ $n -gt $(($2 * 50)) ] && return 1; done; return 0; }

# 1. Check-in by button.
agent_config ams-r-tulip "    - { id: bk-hil-due, owner: u-bram, title: HIL stand-up, starts-in-seconds: 120, minutes: 30 }"
start_agent
wait_for /tmp/agent.log "first frame presented status=checkin-due" 60; check agent-due-shown $? "$(grep -m1 'first frame' /tmp/agent.log)"
led_seen 110 3; a=$?; led_seen 000 3; b=$?
[ $a = 0 ] && [ $b = 0 ]; check led-due-blinks-amber $? "LED lines red+green on, then off (blinking amber)"
echo "SHOT agent-due"; sleep 3
press CHECKIN_BTN; usleep 150000; release CHECKIN_BTN
wait_for /tmp/agent.log "showing status=in-use" 10; check checkin-button-turns-in-use $? "$(grep 'action=checkin' /tmp/agent.log)"
led_seen 100 3; check led-in-use-red $? "LED lines $(led_state) (red)"
echo "SHOT agent-in-use"; sleep 3
wget -qO /tmp/metrics http://127.0.0.1:9464/metrics
grep -q 'lintel_decisions_total{action="checkin",outcome="allowed"} 1' /tmp/metrics; check metrics-on-loopback $? "$(grep -c lintel_ /tmp/metrics) metric lines"
stop_agent; rc=$?
[ $rc = 0 ]; check agent-sigterm-exit $? "exit status $rc; $(grep -c 'agent stopped' /tmp/agent.log) stop line"
[ "$(led_state)" = 000 ]; check leds-dark-after-stop $? "LED lines $(led_state)"
lintel store journal --store /tmp/agent.sqlite > /tmp/journal
[ "$(grep -c '"action":"checkin","actor":"anonymous"' /tmp/journal)" = 1 ] && grep -q '"decision":"allowed"' /tmp/journal
check journal-checkin-once $? "$(cat /tmp/journal)"
lintel store journal --store /tmp/agent.sqlite --events > /tmp/events
[ "$(grep -o '"value":"[a-z-]*"' /tmp/events | tr '\n' ' ')" = '"value":"checkin-due" "value":"in-use" ' ]
check panel-events-outbox $? "$(grep -o '"value":"[a-z-]*"' /tmp/events | tr '\n' ' ')"

# 2. No-show: the window (10 min after start) closes 30 s after the agent starts.
agent_config ams-r-canal "    - { id: bk-hil-noshow, owner: u-devika, title: HIL no-show, starts-in-seconds: -570, minutes: 60 }"
start_agent
wait_for /tmp/agent.log "first frame presented status=checkin-due" 60; check noshow-due-shown $? "$(grep -m1 'first frame' /tmp/agent.log)"
wait_for /tmp/agent.log "showing status=released" 60; check noshow-released $? "$(grep 'action=release' /tmp/agent.log)"
grep -q "action=release actor=system booking=bk-hil-noshow decision=allowed" /tmp/agent.log; check release-by-system $? "decided by system"
led_seen 001 3; check led-released-blue $? "LED lines $(led_state)"
echo "SHOT agent-released"; sleep 3
stop_agent

# 3. Hygienic desk: Chloé's booking in use; End; Bram may not clean it; Eli (cleaner) does.
agent_config ams-d-201 "    - { id: bk-hil-desk, space: ams-d-201, owner: u-chloe, title: Focus, starts-in-seconds: -1800, minutes: 120, checked-in: true }"
start_agent
wait_for /tmp/agent.log "first frame presented status=in-use" 60; check desk-in-use $? "$(grep -m1 'first frame' /tmp/agent.log)"
press END_BTN; usleep 150000; release END_BTN
wait_for /tmp/agent.log "showing status=needs-cleaning" 10; check desk-needs-cleaning-after-end $? "$(grep 'action=end' /tmp/agent.log)"
echo "KEYS 2 04b7e1d0"
wait_for /tmp/agent.log "action=clean actor=badge booking=- decision=clean_level_insufficient" 20; check badge-without-rights-refused $? "$(grep 'action=clean' /tmp/agent.log | head -1)"
echo "KEYS 3 04e1c1ea"
wait_for /tmp/agent.log "showing status=cleaned" 20; check cleaner-badge-cleans $? "$(grep 'action=clean' /tmp/agent.log | tail -1)"
led_seen 010 3; check led-cleaned-green $? "LED lines $(led_state)"
echo "SHOT agent-cleaned"; sleep 3
! grep -q "04B7E1D0\|04E1C1EA" /tmp/agent.log; check badge-numbers-not-logged $? "no badge number in the log"
stop_agent
exit $FAILED
