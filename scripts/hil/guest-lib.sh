# Sourced by HIL scenarios inside the VM (busybox sh). A gpio-sim chip labelled `lintel-sim` with the
# line names board-configs/vm.yaml uses, helpers to drive its inputs and read its outputs, and checks
# that print `HIL-CHECK ok|fail NAME: detail` for the host to count.
SIM=/sys/kernel/config/gpio-sim/lintel-sim
LINES="CHECKIN_BTN END_BTN CLEAN_BTN PIR LED_RED LED_GREEN LED_BLUE SPARE"

setup_chip() {
  mkdir $SIM $SIM/bank0
  echo 8 > $SIM/bank0/num_lines
  echo lintel-sim > $SIM/bank0/label
  i=0; for n in $LINES; do mkdir $SIM/bank0/line$i; echo $n > $SIM/bank0/line$i/name; i=$((i+1)); done
  echo 1 > $SIM/live
  SYSDIR=/sys/devices/platform/$(cat $SIM/dev_name)/$(cat $SIM/bank0/chip_name)
  # At rest: buttons released (pulled up, active-low), no motion.
  for n in CHECKIN_BTN END_BTN CLEAN_BTN; do pull $n pull-up; done
  pull PIR pull-down
}

offset() { i=0; for n in $LINES; do [ "$n" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; }
pull() { echo $2 > $SYSDIR/sim_gpio$(offset $1)/pull; }
value() { cat $SYSDIR/sim_gpio$(offset $1)/value; }
press() { pull $1 pull-down; }
release() { pull $1 pull-up; }
motion() { pull PIR pull-up; }
still() { pull PIR pull-down; }
led_state() { echo "$(value LED_RED)$(value LED_GREEN)$(value LED_BLUE)"; }

check() { # NAME CONDITION-EXIT-STATUS DETAIL
  if [ "$2" = 0 ]; then echo "HIL-CHECK ok $1: $3"; else echo "HIL-CHECK fail $1: $3"; FAILED=1; fi
}

# wait_for FILE PATTERN SECONDS: until grep finds PATTERN in FILE
wait_for() {
  n=0; while ! grep -q "$2" "$1" 2>/dev/null; do usleep 50000; n=$((n+1)); [ $n -gt $(($3 * 20)) ] && return 1; done; return 0
}

# count FILE ROLE EVENT: how many JSON lines have this role and event
count() { grep -c "\"role\":\"$2\",\"event\":\"$3\"" "$1"; }
# field FILE ROLE EVENT KEY: the numeric KEY of the first such line
field() { grep "\"role\":\"$2\",\"event\":\"$3\"" "$1" | head -1 | sed "s/.*\"$4\":\([0-9.]*\).*/\1/"; }

# start_platform TOKEN: lintel-platform on the guest's loopback (port 8443) with the demo world as
# it is (its bookings in the past), every space open around the clock; PLATFORM is its pid.
start_platform() {
  cat > /tmp/seed.yaml <<YAML
space: ams-r-tulip
store: /tmp/unused.sqlite
seed: { snapshot: /etc/lintel/demo-world.json, rebase-to-today: false }
YAML
  lintel store seed --config /tmp/seed.yaml | sed '/"profileId"/s/prof-[a-z]*/prof-always/' > /tmp/world.json
  echo "$1" > /tmp/admin-token; chmod 600 /tmp/admin-token
  lintel-platform import --db /tmp/platform.sqlite /tmp/world.json > /tmp/import.log 2>&1; check platform-import $? "$(cat /tmp/import.log)"
  lintel-platform serve --db /tmp/platform.sqlite --port 8443 --admin-token-file /tmp/admin-token 2> /tmp/platform.log &
  PLATFORM=$!
  n=0; until wget -qO /dev/null http://127.0.0.1:8443/healthz; do usleep 100000; n=$((n+1)); [ $n -gt 600 ] && break; done
  check platform-serves-on-guest-loopback $([ $n -le 600 ]; echo $?) "healthz after $n tries"
}
