#!/usr/bin/env bash
# The power-cut scenario: `lintel run` with its store on an ext4 disk in the VM, check-in and End
# presses from gpio-sim, the power cut (QEMU SIGKILLed) at a random moment; after each boot every
# decision the agent had acknowledged (logged with its outbox number) before the cut must be in the
# journal with the same action, the outbox must have no gap, and PRAGMA integrity_check must be ok.
# usage: powercut.sh KIT LINTEL RESULTS CYCLES [MAX-CUT-MS]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd); top=$(cd "$here/../.." && pwd)
kit=$1; lintel=$2; results=$3; cycles=$4; most=${5:-6000}
mkdir -p "$results"; disk="$results/disk.img"
rm -f "$disk"; truncate -s 256M "$disk" && mkfs.ext4 -q -F "$disk"
boot() { # NAME [verify]
  "$here/vm-run.sh" "$kit" "$results/$1" "$here/powercut/guest.sh" --bin "$lintel" --timeout 180 --disk "$disk" --powercut-ms "$most" \
    --file "$top/board-configs/vm.yaml:/etc/lintel/vm.yaml" --file "$here/guest-lib.sh:/hil/guest-lib.sh" \
    --file "$top/examples/demo-world.json:/etc/lintel/demo-world.json" --file "$top/assets/fonts:/usr/share/lintel/fonts" > "$results/$1.status"
}
check() { if [ "$2" = 0 ]; then echo "HIL-CHECK ok $1: $3"; else echo "HIL-CHECK fail $1: $3"; fi; }
acked_total=0; lost_total=0; cuts=0
for i in $(seq 1 "$cycles"); do
  boot "cycle-$i"
  cuts=$((cuts + $(grep -c VM-POWERCUT "$results/cycle-$i.status")))
done
# A last boot that only reports (the marker file tells the guest); then compare each boot's
# acknowledgements with the next boot's journal.
touch "$results/verify-only"
"$here/vm-run.sh" "$kit" "$results/verify" "$here/powercut/guest.sh" --bin "$lintel" --timeout 120 --disk "$disk" \
  --file "$top/board-configs/vm.yaml:/etc/lintel/vm.yaml" --file "$here/guest-lib.sh:/hil/guest-lib.sh" \
  --file "$results/verify-only:/etc/lintel/powercut-verify-only" \
  --file "$top/examples/demo-world.json:/etc/lintel/demo-world.json" --file "$top/assets/fonts:/usr/share/lintel/fonts" > "$results/verify.status"
bad_checks=0
for i in $(seq 1 "$cycles"); do
  now="$results/cycle-$i/serial.log"
  next="$results/cycle-$((i + 1))/serial.log"; [ "$i" = "$cycles" ] && next="$results/verify/serial.log"
  acked=$(grep -ao 'decision action=[a-z]* .*journal=[0-9]*' "$now" | sed -E 's/decision action=([a-z]*) .*journal=([0-9]*)/J \2 \1/' | sort -u)
  have=$(grep -a '^J [0-9]* [a-z]*' "$next" | tr -d '\r' | sort -u)
  n=$(printf '%s\n' "$acked" | grep -c '^J' || true)
  lost=$(comm -23 <(printf '%s\n' "$acked" | grep '^J') <(printf '%s\n' "$have" | grep '^J') | wc -l)
  acked_total=$((acked_total + n)); lost_total=$((lost_total + lost))
  store=$(grep -a '^STORE-CHECK' "$next" | tr -d '\r' | head -1)
  case "$store" in 'STORE-CHECK 0 '*'"gapFree":true'*'"integrity":"ok"'*) ok=0;; *) ok=1;; esac
  [ $ok = 0 ] || bad_checks=$((bad_checks + 1))
  echo "powercut: cycle $i: cut after $(cat "$results/cycle-$i/powercut" 2>/dev/null || echo '?') ms, $n acknowledged, $lost lost; next boot: ${store#STORE-CHECK }"
done
[ "$cuts" = "$cycles" ]; check powercut-cuts $? "$cuts of $cycles boots ended by a power cut"
[ "$acked_total" -gt 0 ] && [ "$lost_total" = 0 ]; check powercut-no-acknowledged-decision-lost $? "$acked_total decisions acknowledged before $cycles cuts, $lost_total missing after reboot"
[ "$bad_checks" = 0 ]; check powercut-store-sound $? "integrity_check ok and the outbox gap-free after each of $cycles cuts ($bad_checks not)"
