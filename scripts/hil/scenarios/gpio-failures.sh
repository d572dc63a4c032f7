# What a technician sees when something is wrong: a button never pressed, a misnamed line, a
# missing chip.
. /hil/guest-lib.sh
FAILED=0
setup_chip
lintel selftest --board /etc/lintel/vm.yaml --timeout 2 > /tmp/st.log 2>&1 < /dev/null; rc=$?
cat /tmp/st.log
[ $rc = 1 ]; check selftest-fails $? "exit status $rc with nothing pressed"
grep -q "FAIL checkin-button: not pressed within 2 s" /tmp/st.log; check names-unpressed-button $? "the report names the button"

sed 's/line: END_BTN/line: END_BUTTON/' /etc/lintel/vm.yaml > /tmp/typo.yaml
lintel inputs monitor --board /tmp/typo.yaml --seconds 1 > /dev/null 2> /tmp/typo.err; rc=$?
cat /tmp/typo.err
[ $rc = 2 ] && grep -q "no line END_BUTTON on chip lintel-sim" /tmp/typo.err && grep -q "CHECKIN_BTN, END_BTN, CLEAN_BTN, PIR" /tmp/typo.err
check missing-line-lists-lines $? "exit $rc; the error lists the chip's lines"

sed 's/^chip: lintel-sim/chip: pinctrl-rp1/' /etc/lintel/vm.yaml > /tmp/nochip.yaml
lintel inputs monitor --board /tmp/nochip.yaml --seconds 1 > /dev/null 2> /tmp/nochip.err; rc=$?
cat /tmp/nochip.err
[ $rc = 2 ] && grep -q "no GPIO chip pinctrl-rp1; chips present: lintel-sim (/dev/gpiochip0)" /tmp/nochip.err
check missing-chip-lists-chips $? "exit $rc; the error lists the chips present"
exit $FAILED
