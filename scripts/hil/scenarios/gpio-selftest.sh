# `lintel selftest` with a technician (this script) pressing every button, moving in front of the
# PIR sensor and presenting a badge; the status LED is read back from the simulated chip.
. /hil/guest-lib.sh
FAILED=0
setup_chip
lintel store import --store /tmp/panel.sqlite /etc/lintel/demo-world.json > /dev/null
lintel selftest --board /etc/lintel/vm.yaml --store /tmp/panel.sqlite --timeout 15 > /tmp/st.log 2>&1 &
st=$!
seen=" "
n=0; while ! grep -q "Press the checkin" /tmp/st.log && [ $n -lt 400 ]; do
  s=$(led_state); case "$seen" in *" $s "*) ;; *) seen="$seen$s ";; esac; usleep 20000; n=$((n+1))
done
for colour in "100:red" "010:green" "001:blue" "111:white"; do
  case "$seen" in *" ${colour%%:*} "*) r=0;; *) r=1;; esac; check led-${colour#*:} $r "LED lines seen: $seen"
done
press CHECKIN_BTN; usleep 150000; release CHECKIN_BTN
wait_for /tmp/st.log "Press the end" 10; press END_BTN; usleep 150000; release END_BTN
wait_for /tmp/st.log "Press the clean" 10; press CLEAN_BTN; usleep 150000; release CLEAN_BTN
wait_for /tmp/st.log "Move in front" 10; motion; usleep 300000; still
wait_for /tmp/st.log "Present a badge" 10 && echo "KEYS 1 04b7e1d0"
wait $st; rc=$?
cat /tmp/st.log
[ $rc = 0 ]; check selftest-exit-0 $? "exit status $rc"
grep -q "selftest passed" /tmp/st.log; check selftest-passed $? "report says passed"
grep -q "PASS display: test pattern shown on /dev/dri/card0 Virtual-1" /tmp/st.log; check selftest-display $? "the display step showed the pattern on the real DRM device"
grep -q "PASS badge-reader: read 04B7E1D0, Bram Jansen (u-bram)" /tmp/st.log; check badge-read $? "badge typed by the reader decoded and found in the store"
[ "$(led_state)" = 000 ]; check leds-dark-after-exit $? "LED lines $(led_state) after exit"
exit $FAILED
