# The panel on a real DRM/KMS device (bochs, 1280x800): three screens shown by `lintel display test`,
# each captured by the host as a screendump (compared with the PNG sink in display.host.sh).
. /hil/guest-lib.sh
FAILED=0
ls -l /dev/dri
for screen in selftest in-use checkin-due; do
  lintel display test --device /dev/dri/card0 --screen $screen --seconds 6 2> /tmp/d.err &
  pid=$!
  wait_for /tmp/d.err showing 30; check display-$screen-shown $? "$(cat /tmp/d.err)"
  grep -q "Virtual-1 1280x800@75Hz (DRM/KMS), connected" /tmp/d.err; check display-$screen-connected $? "connector state read back"
  sleep 1; echo "SHOT $screen"; sleep 3
  wait $pid; rc=$?
  [ $rc = 0 ]; check display-$screen-exit $? "exit status $rc"
done
# Page flips: 30 countdown ticks presented one per vblank with damage; the last frame is captured.
lintel display test --device /dev/dri/card0 --screen checkin-due --frames 30 --seconds 6 2> /tmp/f.err &
pid=$!
wait_for /tmp/f.err showing 60; check page-flips $? "$(grep flips /tmp/f.err)"
sleep 1; echo "SHOT flipped"; sleep 3
wait $pid
# A configured mode instead of the preferred one, and a portrait panel (rotated 90°).
lintel display test --device /dev/dri/card0 --mode 1920x1080 --screen in-use --rotate 90 --seconds 5 2> /tmp/m.err &
pid=$!
wait_for /tmp/m.err showing 30; check configured-mode $? "$(cat /tmp/m.err)"
sleep 1; echo "SHOT portrait1080"; sleep 3
wait $pid
lintel display test --device /dev/dri/card0 --mode 1024x600 --seconds 1 2> /tmp/nm.err; rc=$?
[ $rc = 2 ] && grep -q "no mode 1024x600; modes:.*1920x1080" /tmp/nm.err; check unknown-mode-lists-modes $? "$(cat /tmp/nm.err)"
# The fbdev fallback on the DRM driver's emulated /dev/fb0.
lintel display test --fbdev /dev/fb0 --screen free --seconds 5 2> /tmp/fb.err &
pid=$!
wait_for /tmp/fb.err showing 30; check fbdev-shown $? "$(cat /tmp/fb.err)"
sleep 1; echo "SHOT fbdev"; sleep 3
wait $pid
lintel display test --device /dev/dri/card0 --connector HDMI-A-9 --seconds 1 2> /tmp/nc.err; rc=$?
cat /tmp/nc.err
[ $rc = 2 ] && grep -q "connector HDMI-A-9 is not connected; connectors: Virtual-1 (connected)" /tmp/nc.err
check missing-connector-names-connectors $? "exit $rc"
exit $FAILED
