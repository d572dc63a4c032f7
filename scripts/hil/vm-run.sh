#!/usr/bin/env bash
# Boots a real Linux kernel under QEMU (software emulation) with a busybox initramfs, copies in the
# given binaries with their shared libraries and files, runs a guest scenario, and records the serial
# console. The guest may print:
#   SHOT <name>          the host saves a screendump of the display as OUTDIR/<name>.png (wait ~2 s)
#   KEYS <n> <text>      the host types <text> and Enter on the guest's PS/2 keyboard (n: unique per request)
# The kernel kit is a folder with `vmlinuz` and `modules/*.ko` (configfs, gpio-sim, DRM/bochs, evdev).
# With --disk IMAGE a raw image is the guest's /dev/vda (virtio, cache=none: a guest fsync reaches the
# image file); with --powercut-ms N a console line POWERCUT-ARM makes the host SIGKILL QEMU after a
# random 0..N ms — a power cut — and the last line printed is VM-POWERCUT <ms>.
# usage: vm-run.sh KIT OUTDIR SCENARIO [--bin PATH]... [--file SRC:DST]... [--timeout S] [--disk IMAGE] [--powercut-ms N]
set -euo pipefail
kit=$(cd "$1" && pwd); out=$2; guest=$3; shift 3
bins=(); files=(); limit=240; disk=""; powercut=""
while [ $# -gt 0 ]; do case $1 in
  --bin) bins+=("$2"); shift 2;; --file) files+=("$2"); shift 2;; --timeout) limit=$2; shift 2;;
  --disk) disk=$2; shift 2;; --powercut-ms) powercut=$2; shift 2;;
  *) echo "vm-run: unknown option $1" >&2; exit 2;; esac; done
mkdir -p "$out"; out=$(cd "$out" && pwd)
root=$(mktemp -d); trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,run,var,etc,mnt,lib/modules,usr/bin}
cp /bin/busybox "$root/bin/"
for a in $("$root/bin/busybox" --list); do [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"; done
cp "$kit"/modules/*.ko "$root/lib/modules/"
for b in "${bins[@]}"; do
  cp "$b" "$root/usr/bin/"
  for l in $(ldd "$b" | grep -o '/[^ ]*'); do mkdir -p "$root$(dirname "$l")"; cp -L "$l" "$root$l"; done
done
for f in "${files[@]}"; do src=${f%%:*}; dst=${f#*:}; mkdir -p "$root$(dirname "$dst")"; cp -r "$src" "$root$dst"; done
cp "$guest" "$root/scenario.sh"
cat > "$root/init" <<'INIT'
#!/bin/sh
export PATH=/usr/bin:/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev; mount -t tmpfs tmp /tmp; mount -t tmpfs run /run
# Load every module; retry the ones whose dependencies were not loaded yet.
pending=$(ls /lib/modules/*.ko)
for round in 1 2 3 4 5; do
  left=""; for m in $pending; do insmod "$m" 2>/dev/null || left="$left $m"; done
  pending=$left; [ -z "$pending" ] && break
done
[ -n "$pending" ] && echo "VM: modules not loaded:$pending"
mount -t configfs none /sys/kernel/config
hwclock -s 2>/dev/null; ifconfig lo 127.0.0.1 up 2>/dev/null
echo VM-READY
sh /scenario.sh; echo "VM-SCENARIO-EXIT $?"
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip -1) > "$out/initrd.gz"
rm -f "$out/mon.sock" "$out/powercut"; : > "$out/serial.log"
drive=()
if [ -n "$disk" ]; then
  cache=none
  python3 -c 'import os,sys; os.close(os.open(sys.argv[1], os.O_RDWR | os.O_DIRECT))' "$disk" 2>/dev/null || cache=writethrough
  drive=(-drive "file=${disk//,/,,},format=raw,if=none,id=disk0,cache=$cache,aio=threads" -device virtio-blk-pci,drive=disk0)
fi
qemu-system-x86_64 -accel tcg -cpu max -smp 2 -m 1024 -kernel "$kit/vmlinuz" -initrd "$out/initrd.gz" \
  -append "console=ttyS0 quiet panic=-1" -display none -serial "file:$out/serial.log" -no-reboot \
  -vga none -device bochs-display -rtc base=utc -monitor "unix:$out/mon.sock,server,nowait" "${drive[@]}" &
qpid=$!
cutter=""
if [ -n "$powercut" ]; then
  python3 "$(dirname "$0")/power-cutter.py" "$out/serial.log" "$qpid" "$powercut" "$out/powercut" &
  cutter=$!
fi
monitor() { python3 "$(dirname "$0")/qemu-monitor.py" "$out/mon.sock" "$@"; }
taken=" "; typed=" "; start=$(date +%s)
while kill -0 $qpid 2>/dev/null; do
  for s in $(grep -ao 'SHOT [A-Za-z0-9_-]*' "$out/serial.log" | awk '{print $2}'); do
    case "$taken" in *" $s "*) continue;; esac
    monitor screendump "$out/$s.ppm" && python3 "$(dirname "$0")/ppm-to-png.py" "$out/$s.ppm" && rm -f "$out/$s.ppm"
    taken="$taken$s "
  done
  for k in $(grep -ao 'KEYS [0-9]* [A-Za-z0-9]*' "$out/serial.log" | awk '{print $2":"$3}'); do
    case "$typed" in *" ${k%%:*} "*) continue;; esac
    monitor type "${k#*:}"
    typed="$typed${k%%:*} "
  done
  if [ $(( $(date +%s) - start )) -gt "$limit" ]; then kill $qpid; echo "VM: timeout after $limit s" >> "$out/serial.log"; fi
  sleep 0.2
done
[ -z "$cutter" ] || { kill $cutter 2>/dev/null || true; wait $cutter 2>/dev/null || true; }
rm -f "$out/initrd.gz" "$out/mon.sock"
if [ -s "$out/powercut" ] && ! grep -aq 'VM-SCENARIO-EXIT' "$out/serial.log"; then
  echo "VM-POWERCUT $(cat "$out/powercut")"; exit 0
fi
grep -a 'VM-SCENARIO-EXIT' "$out/serial.log" | tail -1
