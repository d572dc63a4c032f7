#!/usr/bin/env bash
# Builds a HIL kernel kit from Debian packages: the bookworm kernel (vmlinuz and the modules the VM
# needs: configfs, the bochs DRM stack, evdev, uinput) plus gpio-sim, which Debian does not ship,
# compiled out of tree from linux-source-6.1 against the matching linux-headers.
# usage: build-kit.sh KITDIR        (uses apt-get; sudo when not root)
set -euo pipefail
kit=$1
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
abi=$(apt-cache show linux-image-amd64 | sed -n 's/^Depends: linux-image-\([0-9.]*-[0-9]*\)-amd64.*/\1/p' | head -1)
[ -n "$abi" ] || { echo "build-kit: cannot find the bookworm kernel version (apt-get update?)" >&2; exit 2; }
echo "build-kit: kernel $abi-amd64"
(cd "$work" && apt-get download -q "linux-image-$abi-amd64-unsigned" >/dev/null 2>&1)
dpkg-deb -x "$work"/linux-image-*.deb "$work/image"
$SUDO apt-get install -y -qq "linux-headers-$abi-amd64" linux-source-6.1 xz-utils >/dev/null
mkdir -p "$kit/modules"
cp "$work/image/boot/vmlinuz-$abi-amd64" "$kit/vmlinuz"
moddir="$work/image/lib/modules/$abi-amd64/kernel"
for m in fs/configfs/configfs drivers/gpu/drm/drm drivers/gpu/drm/drm_kms_helper drivers/gpu/drm/ttm/ttm \
         drivers/gpu/drm/drm_ttm_helper drivers/gpu/drm/drm_vram_helper drivers/gpu/drm/tiny/bochs \
         drivers/input/evdev drivers/input/misc/uinput drivers/i2c/i2c-core drivers/media/cec/core/cec; do
  [ -f "$moddir/$m.ko" ] && cp "$moddir/$m.ko" "$kit/modules/"
done
# gpio-sim, out of tree, with the IRQ simulator it needs (Debian enables neither), as one module
# named gpio_sim_ext so it cannot clash with an in-tree one.
src=$(ls /usr/src/linux-source-6.1.tar.xz)
mkdir -p "$work/gpio-sim"
tar -xJf "$src" -C "$work/gpio-sim" --wildcards --strip-components=3 '*/drivers/gpio/gpio-sim.c' '*/drivers/gpio/gpiolib.h'
tar -xJf "$src" -C "$work/gpio-sim" --wildcards --strip-components=3 '*/kernel/irq/irq_sim.c'
# irq_to_desc is not exported to modules; generic_handle_irq reaches the same handle_simple_irq.
sed -i 's/handle_simple_irq(irq_to_desc(irqnum))/generic_handle_irq(irqnum)/' "$work/gpio-sim/irq_sim.c"
printf 'obj-m += gpio_sim_ext.o\ngpio_sim_ext-y := gpio-sim.o irq_sim.o\n' > "$work/gpio-sim/Makefile"
make -s -C "/usr/src/linux-headers-$abi-amd64" M="$work/gpio-sim" modules
cp "$work/gpio-sim/gpio_sim_ext.ko" "$kit/modules/"
echo "build-kit: kit ready in $kit ($(ls "$kit/modules" | wc -l) modules)"
