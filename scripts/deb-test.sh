#!/usr/bin/env bash
# make deb-test: installs the packages `make deb` built into a clean Debian bookworm root
# (debootstrap minbase with the packages' Depends, dpkg -i in a chroot) and checks what an
# installed board has: the units pass `systemd-analyze verify` (no man pages in a minbase root), the maintainer scripts made the
# users, enabled the units and the platform's admin token, the conffiles are registered,
# `lintel --version` and `lintel board validate` run, `lintel doctor` runs and reports; then a
# purge removes it all. Needs root (sudo when not).
# usage: scripts/deb-test.sh DEB_DIR [MIRROR]
set -uo pipefail
debs=$(cd "$1" && pwd) mirror=${2:-http://deb.debian.org/debian}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
root=$(mktemp -d /tmp/lintel-deb-root.XXXXXX)
cleanup() { $SUDO umount "$root/proc" 2>/dev/null; $SUDO rm -rf "$root"; }
trap cleanup EXIT
failed=0
check() { if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1${3:+: $3}"; failed=$((failed + 1)); fi; }

agent=$(ls "$debs"/lintel_*.deb | tail -1) platform=$(ls "$debs"/lintel-platform_*.deb | tail -1)
version=$(dpkg-deb -f "$agent" Version)
include=$( (dpkg-deb -f "$agent" Depends; echo ,; dpkg-deb -f "$platform" Depends) | tr ',' '\n' | sed 's/ //g; s/(.*//' | grep -v '^$' | sort -u | paste -sd,)
echo "deb-test: debootstrap bookworm (minbase + $include) into $root"
$SUDO debootstrap --variant=minbase --include="$include" bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1
check "debootstrap a clean bookworm root" $? "see $root.debootstrap.log"
$SUDO mount -t proc proc "$root/proc"
$SUDO cp "$agent" "$platform" "$root/tmp/"
in_root() { $SUDO chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }

out=$(in_root dpkg -i "/tmp/$(basename "$agent")" "/tmp/$(basename "$platform")" 2>&1); check "dpkg -i lintel and lintel-platform" $? "$out"
out=$(in_root systemd-analyze verify --man=no /usr/lib/systemd/system/lintel.service /usr/lib/systemd/system/lintel-platform.service 2>&1)
rc=$?; [ $rc = 0 ] && [ -z "$out" ]; check "systemd-analyze verify on the installed units (no warning)" $? "$out"
out=$(in_root lintel --version 2>&1); [ "$out" = "$version" ]; check "lintel --version in the root says $version" $? "$out"
out=$(in_root lintel-platform --help 2>&1); echo "$out" | grep -q 'lintel-platform'; check "lintel-platform runs in the root" $? "$out"
in_root getent passwd lintel > /dev/null && in_root getent passwd lintel-platform > /dev/null; check "sysusers made the users lintel and lintel-platform" $?
[ "$(in_root systemctl is-enabled lintel.service 2>&1)" = enabled ] && [ "$(in_root systemctl is-enabled lintel-platform.service 2>&1)" = enabled ]
check "both services enabled" $? "$(in_root systemctl is-enabled lintel.service lintel-platform.service 2>&1 | tr '\n' ' ')"
in_root dpkg-query -W -f='${Conffiles}\n' lintel | grep -q /etc/lintel/agent.yaml && in_root dpkg-query -W -f='${Conffiles}\n' lintel-platform | grep -q /etc/default/lintel-platform
check "/etc/lintel/agent.yaml and /etc/default/lintel-platform are conffiles" $?
mode=$(in_root stat -c '%a %G' /etc/lintel-platform/admin-token 2>&1); [ "$mode" = "640 lintel-platform" ]; check "the platform's admin token made, 0640 group lintel-platform" $? "$mode"
out=$(in_root lintel board validate /usr/share/lintel/boards/raspberry-pi-5.yaml 2>&1); check "the packaged board files validate" $? "$out"
out=$(in_root lintel doctor --config /etc/lintel/agent.yaml 2>&1); rc=$?
echo "$out" | grep -q '^ok   configuration: /etc/lintel/agent.yaml' && [ $rc = "$(echo "$out" | grep -c '^FAIL')" ]
check "lintel doctor runs on the installed configuration (its exit status counts its failures: $rc)" $? "$out"
out=$(in_root dpkg --purge lintel lintel-platform 2>&1); rc=$?
[ $rc = 0 ] && [ ! -e "$root/usr/bin/lintel" ] && [ ! -e "$root/etc/lintel/agent.yaml" ] && [ ! -e "$root/usr/lib/systemd/system/lintel.service" ]
check "dpkg --purge removes both" $? "$out"
echo "deb-test: $failed failed"
exit $((failed > 0))
