# One boot of the power-cut cycle (busybox sh in the VM). The store lives on an ext4 disk that
# survives the cut. First it reports what the previous boot left: SQLite's integrity check and the
# outbox's sequence (`lintel store check`), and the last decisions as "J <seq> <action>" lines for
# the host to compare with what that boot acknowledged. Then `lintel run` takes check-in and End
# presses from gpio-sim, logging every acknowledged decision to the console, until the host cuts
# the power at a random moment after POWERCUT-ARM.
. /hil/guest-lib.sh
setup_chip
mount -t ext4 /dev/vda /mnt || { echo "HIL-CHECK fail powercut-disk: /dev/vda not mounted"; exit 1; }
cycle=$(cat /mnt/cycle 2>/dev/null || echo 0)
if [ -f /mnt/agent.sqlite ]; then
  report=$(lintel store check --store /mnt/agent.sqlite); status=$?
  echo "STORE-CHECK $status $report"
  lintel store journal --store /mnt/agent.sqlite | tail -n 400 | sed -E 's/.*"action":"([a-z]*)".*"seq":([0-9]*).*/J \2 \1/'
  echo "JOURNAL-END"
else
  lintel store import --store /mnt/agent.sqlite /etc/lintel/demo-world.json > /dev/null || exit 1
fi
[ -f /etc/lintel/powercut-verify-only ] && exit 0
cycle=$((cycle + 1)); echo $cycle > /mnt/cycle; sync
echo "CYCLE $cycle"
# Each boot its own opening-hours slot on a weekday of the demo world's weeks, so earlier bookings never collide.
days="2026-11-24 2026-11-25 2026-11-26 2026-11-30 2026-12-01 2026-12-02 2026-12-03 2026-12-07 2026-12-08 2026-12-09"
n=$(( (cycle - 1) / 50 + 1 )); day=$(echo $days | cut -d' ' -f$n)
minutes=$(( 7 * 60 + ((cycle - 1) % 50) * 13 ))
date -u -s "$day $(printf %02d:%02d:00 $(( (minutes - 60) / 60 )) $(( minutes % 60 )))" > /dev/null
cat > /tmp/agent.yaml <<YAML
space: ams-r-tulip
store: /mnt/agent.sqlite
board: /etc/lintel/vm.yaml
display: { output: drm, device: /dev/dri/card0 }
YAML
lintel run --config /tmp/agent.yaml 2> /dev/console &
sleep 4
echo "POWERCUT-ARM"
while true; do
  press CHECKIN_BTN; usleep 80000; release CHECKIN_BTN; usleep 120000
  press END_BTN; usleep 80000; release END_BTN; usleep 120000
done
